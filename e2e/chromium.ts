import { existsSync } from 'node:fs';

/** Debian's Chromium where installed (CI, these machines); Playwright's own browser elsewhere. */
const system = process.env.CGW_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_PATH = existsSync(system) ? system : undefined;

/** Flags for a closed network: no background calls, no updates, no first-run UI. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
