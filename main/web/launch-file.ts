import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a running browser host leaves its address with the token, for its user only. */
export const LAUNCH_FILE = 'browser-host.url';

/**
 * Writes the address with its token to `dir/browser-host.url`, readable by the user alone
 * (0600, also while it is being written), and returns its path. Each launch overwrites it; the
 * host removes it when it stops.
 */
export function writeLaunchFile(dir: string, entry: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LAUNCH_FILE);
  const temp = `${path}.${process.pid}.partial`;
  rmSync(temp, { force: true });
  writeFileSync(temp, `${entry}\n`, { mode: 0o600, flag: 'wx' });
  renameSync(temp, path);
  return path;
}

/** Removes the file if it still holds this launch's address (a later launch may have replaced it). */
export function removeLaunchFile(path: string, entry: string): void {
  try {
    if (readFileSync(path, 'utf8').trim() === entry) rmSync(path, { force: true });
  } catch {
    // Already gone.
  }
}

/**
 * What the host prints. The token goes only to an interactive terminal, the person who started
 * it; output that is piped or redirected (a service log, CI) gets the address without it and
 * the file that holds it.
 */
export function announcement(url: string, entry: string, file: string, interactive: boolean): string {
  return interactive
    ? `Open the workbench at ${entry}`
    : `Open the workbench at ${url} with the address in ${file} (its token is not printed where output may be logged).`;
}
