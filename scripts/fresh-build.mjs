// Rebuilds a bundle only when a source it is made from is newer than it: `npm run cli` and the
// hosts then start from plain JavaScript, and an edit to the sources is never run stale.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The newest modification time of the files under these folders (node_modules left out). */
export function newestSource(roots, exts = ['.ts', '.tsx', '.json', '.mjs', '.css', '.html']) {
  let newest = 0;
  const walk = (dir) => {
    if (!statSync(dir).isDirectory()) {
      newest = Math.max(newest, statSync(dir).mtimeMs);
      return;
    }
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (exts.some((e) => entry.name.endsWith(e))) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const root of roots) walk(root);
  return newest;
}

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
};

/**
 * Runs `build` when `output` is missing or older than the newest source under `roots`. Several
 * processes may ask at once (parallel tests): one builds under a lock folder while the others
 * wait for it, then find the output fresh. A lock left by a crashed build is taken after a minute.
 */
export async function freshBuild(output, roots, build) {
  const stale = () => mtime(output) < newestSource(roots);
  if (!stale()) return false;
  // The lock sits beside the output's folder, which the build replaces whole.
  const lock = `${dirname(output)}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock, { recursive: false });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (Date.now() - mtime(lock) > 60_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 100));
      if (!stale()) return false;
    }
  }
  try {
    if (!stale()) return false;
    await build();
    return true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
