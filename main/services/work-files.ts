import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * Work files (uploads, the UTF-8 copy of an import, an XLSX reader's copy, exports on their way
 * to a download) live in one folder per user, each in a subfolder named for the process that
 * owns it: `PID-KIND-RANDOM`. A process killed mid-import cannot clean up after itself, so the
 * next host, window or CLI run removes every subfolder whose owner is gone (`sweepOrphanWork`).
 * Uploads can be up to 2 GB; before this, a handful of kills left over half a gigabyte behind.
 */
export type WorkKind = 'transfers' | 'import' | 'xlsx';

/** The per-user folder; CGW_WORK_DIR moves it (tests give each run its own). */
export function workRoot(): string {
  const env = process.env['CGW_WORK_DIR'];
  if (env) return env;
  const who = typeof process.getuid === 'function' ? String(process.getuid()) : safeUser();
  return join(tmpdir(), `cgw-work-${who}`);
}

function safeUser(): string {
  try {
    return userInfo().username.replace(/[^\w.-]/g, '_') || 'user';
  } catch {
    return 'user';
  }
}

/**
 * The root, made private to the user. In a shared temp folder another user could have made a
 * folder (or a link) by that name first: then it is not ours, and we use a fresh private folder
 * instead (work files still go, just not into the swept place).
 */
function ownedRoot(): string {
  const root = workRoot();
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const st = lstatSync(root);
  const mine = typeof process.getuid !== 'function' || st.uid === process.getuid();
  if (st.isDirectory() && !st.isSymbolicLink() && mine) return root;
  return mkdtempSync(join(tmpdir(), 'cgw-work-'));
}

/** A fresh folder for one piece of work, owned by this process. The caller removes it when done. */
export function makeWorkDir(kind: WorkKind): string {
  return mkdtempSync(join(ownedRoot(), `${process.pid}-${kind}-`));
}

/** True while a process with that id runs (EPERM: it runs, as someone else). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the work folders of processes that are gone. Run at start by the browser host, the
 * Electron main process and the CLI. A folder whose name carries no process id is left alone:
 * we did not make it. Returns the names removed (for the log and the tests).
 */
export function sweepOrphanWork(root = workRoot()): string[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = /^(\d+)-(?:transfers|import|xlsx)-/.exec(name);
    if (!match || alive(Number(match[1]))) continue;
    try {
      rmSync(join(root, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Still in use on a system that locks open files, or not ours: the next start tries again.
    }
  }
  return removed;
}
