import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that the target name only ever holds a complete file: the content goes to
 * a temporary file in the same folder (same file system, so the rename is atomic), is flushed
 * to disk, and only then replaces the target. A crash leaves at most a stray temporary file.
 */
export async function writeAtomically(target: string, write: (tempPath: string) => Promise<void>): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    await write(temp);
    const fd = openSync(temp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
    try {
      const dir = openSync(dirname(target), 'r');
      fsyncSync(dir);
      closeSync(dir);
    } catch {
      // Some file systems cannot sync a folder; the rename itself is still atomic.
    }
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
