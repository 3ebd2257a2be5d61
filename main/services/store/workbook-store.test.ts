import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/index.js';
import { createFromTemplate } from '../template.js';
import { tempDir } from '../../testing/temp-dir.js';
import { Db } from './db.js';
import { WorkbookStore } from './workbook-store.js';
import { type Locale, type Text, textIn } from '../../../shared/i18n/index.js';

/** An undo label as a window in `locale` words it. */
const words = (label: Text | null | undefined, locale: Locale = 'en') => (label ? textIn(locale, label) : label);

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof AppError ? error.code : `untyped: ${String(error)}`;
  }
}

async function sample(): Promise<WorkbookStore> {
  const store = await WorkbookStore.create(tmp.file('w.cgw'));
  await store.createDataset({
    dataset: 'prices',
    columns: [
      { name: 'item', type: 'text' },
      { name: 'price', type: 'number', unit: 'USD' },
      { name: 'qty', type: 'integer' },
      { name: 'since', type: 'date' },
      { name: 'active', type: 'boolean' },
    ],
  });
  await store.insertRows('prices', [
    { item: 'a', price: 1.5, qty: 3, since: '2024-01-31', active: true, basis: 'reported' },
    { item: 'b', price: -2, qty: 1, since: null, active: false },
  ]);
  return store;
}

describe('WorkbookStore on a real DuckDB file', () => {
  it('creates datasets with typed columns, provenance columns and metadata', async () => {
    const store = await sample();
    const meta = await store.getDataset('prices');
    expect(meta.columns.map((c) => c.name)).toEqual(['item', 'price', 'qty', 'since', 'active', 'basis', 'source']);
    expect(meta.columns.find((c) => c.name === 'price')?.unit).toBe('USD');
    expect(meta.columns.find((c) => c.name === 'basis')?.role).toBe('provenance');
    expect(meta.rowCount).toBe(2);
    await store.close();
  });

  it('keeps every acknowledged write across close and reopen', async () => {
    const store = await sample();
    const page = await store.readRows({ dataset: 'prices', offset: 0, limit: 10 });
    const first = page.rows[0];
    expect(first?.values).toEqual({
      item: 'a',
      price: 1.5,
      qty: 3,
      since: '2024-01-31',
      active: true,
      basis: 'reported',
      source: null,
    });
    await store.updateCells('prices', [{ rowId: first!.id, column: 'price', value: 9.25 }]);
    await store.close();
    const again = await WorkbookStore.open(tmp.file('w.cgw'));
    const reread = await again.readRows({ dataset: 'prices', offset: 0, limit: 10 });
    expect(reread.rows[0]?.values.price).toBe(9.25);
    await again.close();
  });

  it('refuses a value of the wrong type, naming dataset, row and column, and writes nothing', async () => {
    const store = await sample();
    const page = await store.readRows({ dataset: 'prices', offset: 0, limit: 10 });
    const rowId = page.rows[1]!.id;
    const attempt = store.updateCells('prices', [
      { rowId: page.rows[0]!.id, column: 'price', value: 5 },
      { rowId, column: 'qty', value: 2.5 },
    ]);
    await expect(attempt).rejects.toThrow('prices, row 2 (b), column qty: 2.5 is not a whole number.');
    await expect(store.updateCells('prices', [{ rowId, column: 'since', value: '2024-02-30' }])).rejects.toThrow(
      /column since: "2024-02-30" is not a date/,
    );
    await expect(store.updateCells('prices', [{ rowId, column: 'basis', value: 'rumour' }])).rejects.toThrow(
      /expected one of reported, media/,
    );
    const after = await store.readRows({ dataset: 'prices', offset: 0, limit: 10 });
    expect(after.rows[0]?.values.price).toBe(1.5); // the valid edit in the refused batch is not applied
    expect((await store.info()).canUndo).toBe(true); // only the inserts are in the history
    expect(words((await store.info()).undoLabel)).toBe('Add 2 rows to prices');
    await store.close();
  });

  it('stores whole doubles beyond int64 in number columns (found by the round-trip property test)', async () => {
    const store = await sample();
    const big = -9223372036854778000;
    const done = await store.insertRows('prices', [
      { item: 'huge', price: big },
      { item: 'tiny', price: 5e-324 },
    ]);
    await store.updateCells('prices', [{ rowId: done.rowIds[1]!, column: 'price', value: 1e300 }]);
    const rows = (await store.readRows({ dataset: 'prices', offset: 0, limit: 10 })).rows;
    expect(rows.slice(2).map((r) => r.values.price)).toEqual([big, 1e300]);
    await store.close();
  });

  it('pastes a block (edits and new rows) as one undo step, or not at all', async () => {
    const store = await sample();
    const ids = (await store.readRows({ dataset: 'prices', offset: 0, limit: 10 })).rows.map((r) => r.id);
    await expect(
      store.paste('prices', [{ rowId: ids[0]!, column: 'price', value: '7' }], [{ item: 'c', qty: 'many' }]),
    ).rejects.toThrow('prices, new row 1, column qty: "many" is not a number.');
    expect((await store.getDataset('prices')).rowCount).toBe(2);
    const done = await store.paste(
      'prices',
      [
        { rowId: ids[0]!, column: 'price', value: '1,000.5' },
        { rowId: ids[1]!, column: 'item', value: 'B' },
      ],
      [{ item: 'c', price: '3' }, { item: 'd' }],
    );
    expect(done).toMatchObject({ cells: 2, added: 2 });
    expect(words((await store.info()).undoLabel)).toBe('Paste 5 cells into prices');
    let values = (await store.readRows({ dataset: 'prices', offset: 0, limit: 10 })).rows.map((r) => [
      r.values.item,
      r.values.price,
    ]);
    expect(values).toEqual([
      ['a', 1000.5],
      ['B', -2],
      ['c', 3],
      ['d', null],
    ]);
    await store.undo();
    values = (await store.readRows({ dataset: 'prices', offset: 0, limit: 10 })).rows.map((r) => [
      r.values.item,
      r.values.price,
    ]);
    expect(values).toEqual([
      ['a', 1.5],
      ['b', -2],
    ]);
    await store.redo();
    expect((await store.getDataset('prices')).rowCount).toBe(4);
    await store.close();
  });

  it('filters in the store, with values bound as parameters', async () => {
    const store = await sample();
    await store.insertRows(
      'prices',
      Array.from({ length: 20 }, (_, i) => ({
        item: `Item ${i}`,
        price: i,
        since: `2024-01-${String(i + 1).padStart(2, '0')}`,
      })),
    );
    const read = (filter: Parameters<WorkbookStore['readRows']>[0]['filter']) =>
      store.readRows({ dataset: 'prices', offset: 0, limit: 100, filter });
    expect((await read([{ column: 'price', op: 'greaterThanOrEqual', value: 15 }])).total).toBe(5);
    expect((await read([{ column: 'item', op: 'contains', value: 'ITEM 1' }])).rows.map((r) => r.values.item)).toEqual([
      'Item 1',
      'Item 10',
      'Item 11',
      'Item 12',
      'Item 13',
      'Item 14',
      'Item 15',
      'Item 16',
      'Item 17',
      'Item 18',
      'Item 19',
    ]);
    expect(
      (
        await read([
          { column: 'price', op: 'inRange', value: 2, to: 4 },
          { column: 'since', op: 'greaterThan', value: '2024-01-03' },
        ])
      ).total,
    ).toBe(2);
    expect((await read([{ column: 'qty', op: 'blank' }])).total).toBe(20);
    expect((await read([{ column: 'item', op: 'equals', value: "x' OR 1=1 --" }])).total).toBe(0);
    await expect(read([{ column: 'price', op: 'lessThan', value: 'abc' }])).rejects.toThrow('"abc" is not a number');
    await store.close();
  });

  it('sorts and pages in the store', async () => {
    const store = await sample();
    await store.insertRows(
      'prices',
      Array.from({ length: 50 }, (_, i) => ({ item: `x${i}`, price: i * 10 })),
    );
    const desc = await store.readRows({
      dataset: 'prices',
      offset: 0,
      limit: 3,
      sort: [{ column: 'price', direction: 'desc' }],
    });
    expect(desc.total).toBe(52);
    expect(desc.rows.map((r) => r.values.price)).toEqual([490, 480, 470]);
    const page2 = await store.readRows({ dataset: 'prices', offset: 50, limit: 10 });
    expect(page2.rows.map((r) => r.values.item)).toEqual(['x48', 'x49']);
    await store.close();
  });

  it('undoes and redoes cell edits, inserts and deletes in the store', async () => {
    const store = await sample();
    const rows = (await store.readRows({ dataset: 'prices', offset: 0, limit: 10 })).rows;
    await store.updateCells('prices', [{ rowId: rows[0]!.id, column: 'item', value: 'changed' }]);
    await store.deleteRows('prices', [rows[1]!.id]);
    const inserted = await store.insertRows('prices', [{ item: 'mid', price: 0 }], rows[0]!.id);
    let items = (await store.readRows({ dataset: 'prices', offset: 0, limit: 10 })).rows.map((r) => r.values.item);
    expect(items).toEqual(['mid', 'changed']);
    expect(inserted.rowIds).toHaveLength(1);

    expect(words((await store.undo()).label)).toBe('Add 1 row to prices');
    expect(words((await store.undo()).label)).toBe('Delete 1 row from prices');
    expect(words((await store.undo()).label)).toBe('Edit 1 cell in prices');
    items = (await store.readRows({ dataset: 'prices', offset: 0, limit: 10 })).rows.map((r) => r.values.item);
    expect(items).toEqual(['a', 'b']);
    const restored = (await store.readRows({ dataset: 'prices', offset: 0, limit: 10 })).rows[1];
    expect(restored?.values).toMatchObject({ item: 'b', price: -2, qty: 1, active: false });

    await store.redo();
    await store.close();
    // History lives in the file: redo survives a restart.
    const again = await WorkbookStore.open(tmp.file('w.cgw'));
    expect(words((await again.info()).redoLabel)).toBe('Delete 1 row from prices');
    // Stored as data: a Chinese window reads the same step in Chinese.
    expect(words((await again.info()).redoLabel, 'zh-CN')).toBe('从 prices 删除 1 行');
    await again.redo();
    items = (await again.readRows({ dataset: 'prices', offset: 0, limit: 10 })).rows.map((r) => r.values.item);
    expect(items).toEqual(['changed']);
    // A new edit drops the redo branch.
    await again.updateCells('prices', [{ rowId: rows[0]!.id, column: 'qty', value: 7 }]);
    expect((await again.info()).canRedo).toBe(false);
    expect(await codeOf(again.redo())).toBe('NOTHING_TO_REDO');
    await again.close();
  });

  it('lists, renames, duplicates and deletes datasets; adds, renames and deletes columns', async () => {
    const store = await sample();
    await store.duplicateDataset('prices', 'prices_copy');
    await store.renameDataset('prices_copy', 'archive');
    expect((await store.listDatasets()).map((d) => d.name)).toEqual(['prices', 'archive']);
    const copy = await store.readRows({ dataset: 'archive', offset: 0, limit: 10 });
    expect(copy.rows.map((r) => r.values.item)).toEqual(['a', 'b']);

    await store.addColumn('archive', { name: 'region', type: 'text', unit: '' });
    await store.renameColumn('archive', 'region', 'market');
    const rid = copy.rows[0]!.id;
    await store.updateCells('archive', [{ rowId: rid, column: 'market', value: 'CN' }]);
    expect((await store.readRows({ dataset: 'archive', offset: 0, limit: 1 })).rows[0]?.values.market).toBe('CN');
    await store.deleteColumn('archive', 'market');
    expect((await store.getDataset('archive')).columns.some((c) => c.name === 'market')).toBe(false);
    expect(await codeOf(store.deleteColumn('archive', 'basis'))).toBe('BAD_REQUEST');
    expect(await codeOf(store.renameDataset('archive', 'prices'))).toBe('CONFLICT');
    expect(await codeOf(store.createDataset({ dataset: '__proto__', columns: [] }))).toBe('BAD_REQUEST');
    expect(await codeOf(store.addColumn('prices', { name: 'constructor', type: 'text' }))).toBe('BAD_REQUEST');
    await store.deleteDataset('archive');
    expect((await store.listDatasets()).map((d) => d.name)).toEqual(['prices']);
    expect(await codeOf(store.getDataset('archive'))).toBe('NOT_FOUND');
    await store.close();
  });
});

describe('opening files that are not healthy workbooks', () => {
  it('refuses a file that is not a database, without changing it', async () => {
    const path = tmp.file('notes.cgw');
    writeFileSync(path, 'these are my notes, not a workbook\n'.repeat(100));
    const before = readFileSync(path);
    expect(await codeOf(WorkbookStore.open(path))).toBe('NOT_A_WORKBOOK');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a DuckDB file that is not ours', async () => {
    const path = tmp.file('other.duckdb');
    const db = await Db.open(path, false);
    await db.run('CREATE TABLE t (a INTEGER)');
    await db.close();
    const before = readFileSync(path);
    expect(await codeOf(WorkbookStore.open(path))).toBe('NOT_A_WORKBOOK');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('brings a version 1 workbook (labels in one language) up to date, its data and labels as they were', async () => {
    const path = tmp.file('w.cgw');
    const store = await sample();
    await store.close();
    // A version 1 file: no translations columns.
    const db = await Db.open(path, false);
    await db.run(`ALTER TABLE _datasets DROP COLUMN translations`);
    await db.run(`ALTER TABLE _columns DROP COLUMN translations`);
    await db.run(`UPDATE _meta SET value = '1' WHERE key = 'schema_version'`);
    await db.close();
    const opened = await WorkbookStore.open(path);
    expect((await opened.info()).schemaVersion).toBe(2);
    const prices = await opened.getDataset('prices');
    expect(prices.translations).toBeUndefined();
    expect(prices.rowCount).toBe(2);
    // Labels in another language now have a place: a Chinese window's rename writes the Chinese one.
    await opened.setDatasetLabel('prices', '价格', 'zh-CN');
    const renamed = await opened.getDataset('prices');
    expect([renamed.label, renamed.translations?.['zh-CN']?.label]).toEqual(['prices', '价格']);
    await opened.duplicateDataset('prices', 'prices_copy');
    expect((await opened.getDataset('prices_copy')).translations?.['zh-CN']?.label).toBe('价格');
    await opened.close();
  });

  it('refuses a workbook from a newer version, without changing it', async () => {
    const path = tmp.file('future.cgw');
    const store = await WorkbookStore.create(path);
    await store.close();
    const db = await Db.open(path, false);
    await db.run(`UPDATE _meta SET value = '99' WHERE key = 'schema_version'`);
    await db.close();
    const before = readFileSync(path);
    const error = await WorkbookStore.open(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('WORKBOOK_TOO_NEW');
    expect((error as AppError).message).toContain('newer version');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a truncated workbook with a clear message', async () => {
    const path = tmp.file('cut.cgw');
    await (await sample()).close();
    const whole = readFileSync(tmp.file('w.cgw'));
    writeFileSync(path, whole.subarray(0, Math.floor(whole.length / 3)));
    const code = await codeOf(WorkbookStore.open(path));
    expect(['WORKBOOK_CORRUPT', 'NOT_A_WORKBOOK']).toContain(code);
  });

  it('refuses a read-only workbook with a clear message, without changing it', async () => {
    const path = tmp.file('locked-down.cgw');
    await (await WorkbookStore.create(path)).close();
    chmodSync(path, 0o444);
    const before = readFileSync(path);
    const mtime = statSync(path).mtimeMs;
    const error = await WorkbookStore.open(path).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('READ_ONLY');
    expect((error as AppError).message).toMatch(/locked-down\.cgw is read-only/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(statSync(path).mtimeMs).toBe(mtime);
    chmodSync(path, 0o644);
  });

  it('refuses a workbook another process has open, without changing it', async () => {
    const path = tmp.file('shared.cgw');
    await (await WorkbookStore.create(path)).close();
    const before = readFileSync(path);
    // Another program (a second workbench, or a DuckDB shell) holds the file open for writing.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const { DuckDBInstance } = require('@duckdb/node-api');
         DuckDBInstance.create(process.argv[1]).then(async (db) => { await db.connect(); console.log('holding'); setInterval(() => {}, 1000); });`,
        path,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (d: Buffer) => d.toString().includes('holding') && resolve());
        holder.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
      });
      const error = await WorkbookStore.open(path).catch((e: unknown) => e);
      expect((error as AppError).code).toBe('WORKBOOK_LOCKED');
      expect((error as AppError).message).toMatch(/shared\.cgw is open in another program; close it there first/);
    } finally {
      holder.kill('SIGKILL');
    }
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('reports a missing file as NOT_FOUND', async () => {
    expect(await codeOf(WorkbookStore.open(tmp.file('nope.cgw')))).toBe('NOT_FOUND');
  });
});

describe('the built-in workbook', () => {
  it('holds the three datasets of docs/model.md with sources resolved to URLs, and the model', async () => {
    const store = await createFromTemplate(tmp.file('builtin.cgw'));
    const sets = await store.listDatasets();
    // Each dataset and column carries its Chinese label, the provenance columns too.
    expect(sets.map((d) => d.translations?.['zh-CN']?.label)).toEqual(['买方资本开支', '芯片', '芯片供应']);
    for (const d of sets) {
      for (const c of d.columns)
        expect(c.translations?.['zh-CN']?.label, `${d.name}.${c.name}`).toMatch(/\p{Script=Han}/u);
    }
    expect(sets.map((d) => [d.name, d.rowCount])).toEqual([
      ['buyer_capex', 18],
      ['chips', 12],
      ['chip_supply', 33],
    ]);
    const supply = await store.readRows({ dataset: 'chip_supply', offset: 0, limit: 100 });
    const domestic2025 = supply.rows
      .filter(
        (r) =>
          r.values.year === 2025 &&
          !String(r.values.chip).startsWith('Nvidia') &&
          !String(r.values.chip).startsWith('AMD'),
      )
      .reduce((sum, r) => sum + Number(r.values.units_k), 0);
    // Model version 2: IDC's Huawei, Cambricon, T-Head and Kunlunxin counts, with Hygon and the
    // smaller vendors derived from their revenue (90k and 100k, down from 150k and 190k).
    expect(domestic2025).toBe(1499);
    const tencent = (await store.readRows({ dataset: 'buyer_capex', offset: 0, limit: 100 })).rows.find(
      (r) => r.values.buyer === 'Tencent' && r.values.year === 2024,
    );
    expect(tencent?.values).toMatchObject({ capex_cny_bn: 76.7, basis: 'reported' });
    expect(String(tencent?.values.source)).toMatch(/^https:\/\//);
    expect((await store.info()).canUndo).toBe(false);
    const model = JSON.parse((await store.getDocument('model')) ?? '{}') as { scenarios: { name: string }[] };
    expect(model.scenarios.map((s) => s.name)).toEqual([
      'Base',
      'H200 flows',
      'Import ban',
      'Domestic ramp',
      'Capex surge',
      'HBM squeeze',
    ]);
    await store.close();
  });

  it("an edited sourced figure becomes the analyst's: basis analyst, the old value and source in its note, one undo step", async () => {
    const store = await createFromTemplate(tmp.file('edited.cgw'));
    const find = async () =>
      (await store.readRows({ dataset: 'buyer_capex', offset: 0, limit: 100 })).rows.find(
        (r) => r.values.buyer === 'Tencent' && r.values.year === 2024,
      );
    const before = await find();
    if (!before) throw new Error('no Tencent 2024 row');
    const source = String(before.values.source);
    await store.updateCells('buyer_capex', [{ rowId: before.id, column: 'capex_cny_bn', value: 80 }]);
    const after = await find();
    expect(after?.values).toMatchObject({ capex_cny_bn: 80, basis: 'analyst', source: null });
    expect(String(after?.values.note)).toMatch(
      new RegExp(
        `Edited \\d{4}-\\d{2}-\\d{2}: Capex \\(bn CNY\\) was 76\\.7 \\(reported, source ${source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)$`,
      ),
    );
    // A second edit of the now analyst-own, unsourced row adds nothing more.
    await store.updateCells('buyer_capex', [{ rowId: before.id, column: 'capex_cny_bn', value: 81 }]);
    expect((await find())?.values.note).toBe(after?.values.note);
    await store.undo();
    await store.undo();
    expect((await find())?.values).toEqual(before.values);
    // From a Chinese window the note is written in Chinese: the column, the basis and the words.
    const other = (await store.readRows({ dataset: 'buyer_capex', offset: 0, limit: 100 })).rows.find(
      (r) => r.values.buyer === 'Tencent' && r.values.year === 2025,
    );
    if (!other) throw new Error('no Tencent 2025 row');
    await store.updateCells('buyer_capex', [{ rowId: other.id, column: 'capex_cny_bn', value: 99 }], 'zh-CN');
    const zhNote = (await store.readRows({ dataset: 'buyer_capex', offset: 0, limit: 100 })).rows.find(
      (r) => r.id === other.id,
    )?.values.note;
    expect(String(zhNote)).toMatch(/\d{4}-\d{2}-\d{2} 修改：资本开支 \(十亿元\) 原为 [\d.]+（推算，来源 \S+）$/);
    await store.undo();
    // Typing the same value, or setting the basis yourself, keeps provenance as given.
    await store.updateCells('buyer_capex', [{ rowId: before.id, column: 'capex_cny_bn', value: 76.7 }]);
    expect((await find())?.values).toEqual(before.values);
    await store.paste(
      'buyer_capex',
      [
        { rowId: before.id, column: 'capex_cny_bn', value: '90' },
        { rowId: before.id, column: 'basis', value: 'media' },
      ],
      [],
    );
    expect((await find())?.values).toMatchObject({ capex_cny_bn: 90, basis: 'media', source });
    await store.close();
  });
});

describe('what each write says it changed', () => {
  it('tells the datasets and documents a committed write touched, and nothing for a refused one', async () => {
    const store = await sample();
    const heard: unknown[] = [];
    store.onChange((c) => heard.push(c));
    const rid = (await store.readRows({ dataset: 'prices', offset: 0, limit: 1 })).rows[0]?.id ?? -1;
    await store.updateCells('prices', [{ rowId: rid, column: 'price', value: 3 }]);
    await store.editDocument('scenarios', '[]', { key: 'undo.changeAssumptions' });
    await store.duplicateDataset('prices', 'copy');
    await store.renameDataset('copy', 'archive');
    await store.addColumn('archive', { name: 'market', type: 'text' });
    expect(await codeOf(store.updateCells('prices', [{ rowId: rid, column: 'qty', value: 'many' }]))).toBe(
      'INVALID_VALUE',
    );
    await store.undo();
    expect(heard).toEqual([
      { rows: ['prices'] },
      { documents: ['scenarios'] },
      { catalog: true, rows: ['copy'] },
      { catalog: true, rows: ['copy', 'archive'] },
      { catalog: true, rows: ['archive'] },
      // Undo takes back the newest undo step: the scenarios document (dataset copies are not steps).
      { documents: ['scenarios'] },
    ]);
    await store.undo();
    expect(heard.at(-1)).toEqual({ rows: ['prices'] });
    await store.close();
  });
});
