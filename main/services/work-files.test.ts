import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../handlers/index.js';
import { tempDir } from '../testing/temp-dir.js';
import { Session } from './session.js';
import { Transfers } from './transfers.js';
import { makeWorkDir, sweepOrphanWork, workRoot } from './work-files.js';

const tmp = tempDir();
const before = process.env['CGW_WORK_DIR'];
beforeAll(() => {
  process.env['CGW_WORK_DIR'] = tmp.file('work');
});
afterAll(() => {
  if (before === undefined) delete process.env['CGW_WORK_DIR'];
  else process.env['CGW_WORK_DIR'] = before;
  tmp.remove();
});

/** The id of a process that has ended: a child run to completion. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('work files', () => {
  it('puts each piece of work in a folder named for this process under the per-user root', () => {
    const dir = makeWorkDir('import');
    expect(dir.startsWith(workRoot())).toBe(true);
    expect(readdirSync(workRoot())).toContain(dir.slice(workRoot().length + 1));
    expect(dir).toMatch(new RegExp(`/${process.pid}-import-[^/]+$`));
  });

  it('removes the folders of processes that are gone, and keeps live ones and folders it did not make', () => {
    const root = workRoot();
    const dead = deadPid();
    const orphan = join(root, `${dead}-transfers-abc123`);
    mkdirSync(join(orphan, 'x'), { recursive: true });
    writeFileSync(join(orphan, 'x', 'upload.csv'), 'a,b\n1,2\n');
    const mine = makeWorkDir('xlsx');
    const stranger = join(root, 'notes-from-someone');
    mkdirSync(stranger);
    const removed = sweepOrphanWork();
    expect(removed).toEqual([`${dead}-transfers-abc123`]);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(mine)).toBe(true);
    expect(existsSync(stranger)).toBe(true);
  });

  it('deletes an upload when its import ends and when the dialog discards it', async () => {
    const session = new Session();
    await session.openDefault(tmp.file('data'));
    const transfers = new Transfers();
    const { router } = createRouter(session, { transfers });
    const ctx = { transport: 'http' } as const;
    try {
      const upload = (text: string) => {
        const item = transfers.reserve('upload.csv');
        writeFileSync(item.path, text);
        return item;
      };
      const imported = upload('name,value\nx,1\n');
      const done = await router.call('import.run', { upload: imported.id, dataset: 'ended', mode: 'new' }, ctx);
      expect(done.ok).toBe(true);
      expect(existsSync(imported.path)).toBe(false);

      const refused = upload('name,value\nx,not a number\n');
      const failed = await router.call('import.run', { upload: refused.id, dataset: 'ended', mode: 'append' }, ctx);
      expect(failed.ok).toBe(false);
      // Kept after a refusal, so other options can be tried, until the dialog lets it go.
      expect(existsSync(refused.path)).toBe(true);
      expect(await router.call('import.discard', { upload: refused.id }, ctx)).toEqual({
        ok: true,
        value: { discarded: true },
      });
      expect(existsSync(refused.path)).toBe(false);
      expect(await router.call('import.discard', { upload: refused.id }, ctx)).toEqual({
        ok: true,
        value: { discarded: false },
      });
    } finally {
      transfers.dispose();
      await session.close();
    }
  });
});
