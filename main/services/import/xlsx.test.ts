import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/index.js';
import { WorkbookStore } from '../store/workbook-store.js';
import { tempDir } from '../../testing/temp-dir.js';
import { importFile, previewFile } from './import-file.js';
import { ImportError } from './scan.js';
import { xlsxOf, zipOf } from '../../testing/xlsx-fixtures.js';
import { guardZip } from './zip-guard.js';

const tmp = tempDir();
let store: WorkbookStore;
let n = 0;
const file = (name: string, content: string | Uint8Array) => {
  const path = tmp.file(`${n++}-${name}`);
  writeFileSync(path, content);
  return path;
};
const rows = async (dataset: string) =>
  (await store.readRows({ dataset, offset: 0, limit: 1000 })).rows.map((r) => r.values);

beforeAll(async () => {
  store = await WorkbookStore.create(tmp.file('xlsx.cgw'));
  await store.createDataset({
    dataset: 'prices',
    columns: [
      { name: 'item', type: 'text' },
      { name: 'price', type: 'number' },
    ],
  });
});
afterAll(async () => {
  await store.close();
  tmp.remove();
});

describe('XLSX import', () => {
  it('lists the sheets, reads the chosen one, and keeps numbers, dates, formulas and text', async () => {
    const path = file(
      'capex.xlsx',
      await xlsxOf({
        Notes: [['not this sheet']],
        Capex: [
          ['Company', 'Capex (bn CNY)', 'Reported', 'Total'],
          ['阿里巴巴', 1234.5, new Date(Date.UTC(2025, 2, 31)), { formula: 'B2*2', result: 2469 }],
          ['Tencent', -12, new Date(Date.UTC(2024, 11, 31)), { formula: 'B3*2', result: -24 }],
        ],
      }),
    );
    const preview = await previewFile(path, { sheet: 'Capex' });
    expect(preview.sheets).toEqual(['Notes', 'Capex']);
    expect(preview.sheet).toBe('Capex');
    expect(preview.columns.map((c) => [c.name, c.type])).toEqual([
      ['company', 'text'],
      ['capex_bn_cny', 'number'],
      ['reported', 'date'],
      ['total', 'integer'],
    ]);
    const done = await importFile(store, path, { dataset: 'capex', mode: 'new', sheet: 'Capex' });
    expect(done.imported).toBe(2);
    expect((await rows('capex')).map((r) => [r['company'], r['capex_bn_cny'], r['reported'], r['total']])).toEqual([
      ['阿里巴巴', 1234.5, '2025-03-31', 2469],
      ['Tencent', -12, '2024-12-31', -24],
    ]);
    const first = await previewFile(path);
    expect(first.sheet).toBe('Notes');
  });

  it('passes over title rows above the header row', async () => {
    const path = file(
      'titled.xlsx',
      await xlsxOf({ Data: [['China AI capex, compiled 2026'], [], ['item', 'price'], ['a', 1.5]] }),
    );
    // Row 2 is blank and ExcelJS omits it, so the header is the second non-blank record.
    const preview = await previewFile(path, { headerRow: 2 });
    expect(preview.columns.map((c) => c.name)).toEqual(['item', 'price']);
    const csv = file('titled.csv', 'Source: annual reports\nitem,price\nb,2\n');
    const done = await importFile(store, csv, { dataset: 'prices', mode: 'append', headerRow: 2 });
    expect(done.imported).toBe(1);
    expect((await rows('prices')).at(-1)).toMatchObject({ item: 'b', price: 2 });
  });

  it('maps file columns onto dataset columns and leaves unmapped ones out', async () => {
    const path = file(
      'mapped.xlsx',
      await xlsxOf({
        S: [
          ['Name', 'Cost', 'Junk'],
          ['gpu', 30, 'x'],
        ],
      }),
    );
    const done = await importFile(store, path, {
      dataset: 'prices',
      mode: 'append',
      mapping: { name: 'item', cost: 'price', junk: null },
    });
    expect(done.imported).toBe(1);
    expect((await rows('prices')).at(-1)).toMatchObject({ item: 'gpu', price: 30 });
  });

  it('gives __proto__ and constructor headers safe names and pollutes nothing', async () => {
    const path = file(
      'proto.xlsx',
      await xlsxOf({
        S: [
          ['__proto__', 'constructor'],
          [1, 2],
        ],
      }),
    );
    const done = await importFile(store, path, { dataset: 'proto_x', mode: 'new' });
    expect(done.columns.map((c) => c.name)).toEqual(['proto', 'constructor_col']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('the zip guard', () => {
  it('stops on the bytes inflated, not the sizes declared, when parts add up past the cap', async () => {
    const part = (i: number) => ({ name: `xl/p${i}.xml`, data: Buffer.alloc(600_000, 0x41 + i) });
    const path = file('many.xlsx', zipOf([part(0), part(1), part(2)]));
    const limits = { maxTotalBytes: 1_000_000, maxRatio: 1e9, ratioFloorBytes: 0, maxEntries: 10 };
    await expect(guardZip(path, 'many.xlsx', limits)).rejects.toThrow(/inflates to more than 1 MB/);
    await expect(guardZip(path, 'many.xlsx', { ...limits, maxTotalBytes: 2_000_000 })).resolves.toHaveLength(3);
  });

  it('refuses more parts than the cap', async () => {
    const path = file('parts.xlsx', zipOf([1, 2, 3].map((i) => ({ name: `p${i}`, data: Buffer.from('x') }))));
    const error = await guardZip(path, 'parts.xlsx', {
      maxTotalBytes: 1e9,
      maxRatio: 200,
      ratioFloorBytes: 1e6,
      maxEntries: 2,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(/more than 2 parts/);
  });
});

describe('cancelling an import', () => {
  it('at any stage leaves the workbook as it was', async () => {
    const body = Array.from({ length: 200_000 }, (_, i) => `r${i},${i}.5`).join('\n');
    const path = file('big.csv', `item,price\n${body}\n`);
    for (const at of ['read', 'validate', 'write'] as const) {
      const before = await rows('prices');
      const control = new AbortController();
      const error = await importFile(store, path, {
        dataset: 'prices',
        mode: 'replace',
        signal: control.signal,
        onStage: (stage) => {
          if (stage === at) setTimeout(() => control.abort(), 5);
        },
      }).catch((e: unknown) => e);
      expect(error, at).toBeInstanceOf(AppError);
      expect((error as AppError).code, at).toBe('CANCELLED');
      expect(await rows('prices'), at).toEqual(before);
    }
  }, 60_000);
});
