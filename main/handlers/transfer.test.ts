import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../services/session.js';
import { tempDir } from '../testing/temp-dir.js';
import { type FileDialogs, adoptDroppedFile, createRouter } from './index.js';
import type { Transfers } from '../services/transfers.js';
import type { Router } from './router.js';

/**
 * The desktop path of imports and exports: the same handlers with native dialogs. Electron's
 * dialogs cannot open here, so this stands in for them (answering as a user would); the rest
 * is the real router, store and files. The browser-host path runs in e2e/transfer.spec.ts.
 */
const tmp = tempDir();
const session = new Session();
let router: Router;
let transfers: Transfers;
const ctx = { transport: 'ipc' } as const;
const answers: { pick: string | null; saveAs: string | null } = { pick: null, saveAs: null };
const dialogs: FileDialogs = {
  pick: () => Promise.resolve(answers.pick),
  saveAs: () => Promise.resolve(answers.saveAs),
};

beforeAll(async () => {
  await session.openDefault(tmp.dir);
  ({ router, transfers } = createRouter(session, { dialogs }));
});
afterAll(async () => {
  await session.close();
  tmp.remove();
});

describe('imports and exports with native dialogs (desktop)', () => {
  it('imports the file the user picked', async () => {
    writeFileSync(tmp.file('picked.csv'), 'name,value\nx,1\ny,2\n');
    answers.pick = tmp.file('picked.csv');
    const picked = await router.call('import.pick', {}, ctx);
    expect(picked).toMatchObject({ ok: true, value: { name: 'picked.csv' } });
    const upload = picked.ok ? (picked.value as { upload: string }).upload : '';
    expect(await router.call('import.preview', { upload }, ctx)).toMatchObject({ ok: true, value: { rows: 2 } });
    const done = await router.call('import.run', { upload, dataset: 'picked', mode: 'new' }, ctx);
    expect(done).toMatchObject({ ok: true, value: { imported: 2 } });
    answers.pick = null;
    expect(await router.call('import.pick', {}, ctx)).toEqual({ ok: true, value: null });
  });

  it('imports a file dropped on the window by the path the preload found, and refuses any other path', async () => {
    writeFileSync(tmp.file('dropped.xlsx'), readFileSync(tmp.file('picked.csv')));
    writeFileSync(tmp.file('dropped.csv'), 'name,value\nz,3\n');
    const adopted = adoptDroppedFile(transfers, tmp.file('dropped.csv'));
    expect(adopted).toMatchObject({ ok: true, value: { name: 'dropped.csv' } });
    const upload = adopted.ok ? adopted.value.upload : '';
    expect(await router.call('import.run', { upload, dataset: 'dropped', mode: 'new' }, ctx)).toMatchObject({
      ok: true,
      value: { imported: 1 },
    });
    for (const [path, code] of [
      ['relative/file.csv', 'BAD_REQUEST'],
      [tmp.dir, 'BAD_REQUEST'],
      [tmp.file('missing.csv'), 'NOT_FOUND'],
      [42, 'BAD_REQUEST'],
      [`${tmp.file('a.csv')}\0.png`, 'BAD_REQUEST'],
    ] as const) {
      expect(adoptDroppedFile(transfers, path), String(path)).toMatchObject({ ok: false, error: { code } });
    }
  });

  it('saves exports where the user chose, and nothing when they cancel', async () => {
    answers.saveAs = tmp.file('chosen.csv');
    const saved = await router.call('export.dataset', { dataset: 'chips', format: 'csv' }, ctx);
    expect(saved).toEqual({ ok: true, value: { download: null, name: 'Chips.csv', savedTo: tmp.file('chosen.csv') } });
    expect(readFileSync(tmp.file('chosen.csv'), 'utf8')).toContain('Huawei Ascend 910C');
    answers.saveAs = null;
    expect(await router.call('export.model', { scenario: 'Import ban' }, ctx)).toMatchObject({
      ok: true,
      value: { savedTo: null },
    });
  });

  it('refuses file ids it never handed out', async () => {
    expect(await router.call('import.preview', { upload: 'f'.repeat(24) }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await router.call('import.preview', { upload: '../../etc/passwd' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });
});
