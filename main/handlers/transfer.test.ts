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

  it('saves the model as JSON where the user chose, and reads back a picked model file, checked, applying nothing', async () => {
    const stored = await session.current().getDocument('model');
    answers.saveAs = tmp.file('model.json');
    const saved = await router.call('export.modelDefinition', {}, ctx);
    expect(saved).toMatchObject({
      ok: true,
      value: { savedTo: tmp.file('model.json'), name: 'China AI compute - model.json' },
    });
    expect(readFileSync(tmp.file('model.json'), 'utf8')).toBe(stored);

    // The same file picked in the open dialog: sound, nothing applied, the upload let go.
    answers.pick = tmp.file('model.json');
    const picked = await router.call('import.pick', {}, ctx);
    const upload = picked.ok ? (picked.value as { upload: string }).upload : '';
    const read = await router.call('import.model', { upload }, ctx);
    expect(read).toMatchObject({ ok: true, value: { name: 'model.json', problems: [] } });
    expect(read.ok && (read.value as { json: string }).json).toBe(stored);
    expect(transfers.has(upload)).toBe(false);

    // A file with a byte-order mark and a broken formula: every problem, positioned; the model unchanged.
    const def = JSON.parse(stored ?? '{}') as { variables: { id: string; formula: string }[] };
    def.variables = def.variables.map((v) => (v.id === 'capex' ? { ...v, formula: 'base_capex * nope' } : v));
    writeFileSync(tmp.file('broken.json'), `\uFEFF${JSON.stringify(def)}`);
    answers.pick = tmp.file('broken.json');
    const again = await router.call('import.pick', {}, ctx);
    const broken = await router.call(
      'import.model',
      { upload: again.ok ? (again.value as { upload: string }).upload : '' },
      ctx,
    );
    expect(broken).toMatchObject({
      ok: true,
      value: { problems: [{ where: 'variable capex', kind: 'unknown-name', position: 14 }] },
    });
    // Not text at all: refused naming the file.
    writeFileSync(tmp.file('binary.json'), Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x00]));
    answers.pick = tmp.file('binary.json');
    const bin = await router.call('import.pick', {}, ctx);
    expect(
      await router.call('import.model', { upload: bin.ok ? (bin.value as { upload: string }).upload : '' }, ctx),
    ).toMatchObject({
      ok: false,
      error: { message: 'binary.json is not UTF-8 text, so it cannot be a model file.' },
    });
    expect(await session.current().getDocument('model')).toBe(stored);
    answers.pick = null;
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
