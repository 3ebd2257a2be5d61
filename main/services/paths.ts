import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding package.json, data/ and renderer/dist. Found by walking up from this
 * module, which works from the sources (tsx), from the Electron bundle and from an asar.
 */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir;
    dir = resolve(dir, '..');
  }
  throw new Error('Cannot find the application folder (package.json beside data/).');
}

/** Where workbooks live unless the user picks another place (XDG on Linux). */
export function defaultDataDir(): string {
  if (process.env.CGW_DATA_DIR) return resolve(process.env.CGW_DATA_DIR);
  const base = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return join(base, 'compute-gap-workbench');
}

export const DEFAULT_WORKBOOK_NAME = 'China AI compute.cgw';
