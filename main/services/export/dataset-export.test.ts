import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../import/import-file.js';
import { WorkbookStore } from '../store/workbook-store.js';
import { tempDir } from '../../testing/temp-dir.js';
import { neutralise, restore } from '../csv-safety.js';
import { exportDatasetCsv, exportDatasetXlsx } from './dataset-export.js';

const SEED = Number(process.env.CGW_ROUNDTRIP_SEED ?? Date.now() % 2_147_483_647);
const tmp = tempDir();
let store: WorkbookStore;
const columns = [
  { name: 'name', type: 'text' as const },
  { name: 'value', type: 'number' as const },
  { name: 'n', type: 'integer' as const },
  { name: 'when', type: 'date' as const },
  { name: 'flag', type: 'boolean' as const },
];

beforeAll(async () => {
  store = await WorkbookStore.create(tmp.file('roundtrip.cgw'));
});
afterAll(async () => {
  await store.close();
  tmp.remove();
});

const alphabet = [
  'a',
  'Z',
  '阿',
  '里',
  '巴',
  '华',
  '"',
  ',',
  '\n',
  '\r\n',
  '=',
  '+',
  '-',
  '@',
  '\t',
  ' ',
  "'",
  'é',
  '1',
  '.',
  '%',
];
const text = fc.option(fc.string({ unit: fc.constantFrom(...alphabet), minLength: 1, maxLength: 12 }), { nil: null });
const row = fc.record({
  name: text,
  value: fc.option(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e21, max: 1e21 }).map((v) => (Object.is(v, -0) ? 0 : v)),
    { nil: null },
  ),
  n: fc.option(fc.integer({ min: -1e12, max: 1e12 }), { nil: null }),
  when: fc.option(
    fc
      .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    { nil: null },
  ),
  flag: fc.option(fc.boolean(), { nil: null }),
});

describe('formula injection', () => {
  it('neutralises risky text and restores it exactly', () => {
    for (const t of ['=SUM(A1)', '+1', '-x', '@cmd', '\tx', '\rx', "'quoted", "'=x"]) {
      expect(neutralise(t).startsWith("'")).toBe(true);
      expect(restore(neutralise(t))).toBe(t);
    }
    expect(neutralise('plain')).toBe('plain');
    expect(restore('plain')).toBe('plain');
  });
});

describe('export a dataset and import it back', () => {
  it(`gives the same table (fast-check, seed ${SEED})`, async () => {
    console.log(`round-trip seed: ${SEED} (set CGW_ROUNDTRIP_SEED to replay)`);
    let k = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 25 }), async (rows) => {
        k++;
        const source = `src_${k}`;
        await store.createDataset({ dataset: source, columns });
        await store.insertRows(source, rows);
        const csv = tmp.file(`${source}.csv`);
        expect(await exportDatasetCsv(store, source, csv)).toBe(rows.length);
        // The copy has the same columns; the file's columns are matched by name.
        await store.createDataset({ dataset: `back_${k}`, columns });
        await importFile(store, csv, { dataset: `back_${k}`, mode: 'append' });
        const read = async (d: string) =>
          (await store.readRows({ dataset: d, offset: 0, limit: 100 })).rows.map((r) => r.values);
        expect(await read(`back_${k}`)).toEqual(await read(source));
      }),
      { numRuns: 25, seed: SEED },
    );
  }, 120_000);

  it('writes negative numbers as numbers and risky text neutralised, with a BOM for Excel', async () => {
    await store.createDataset({ dataset: 'risky', columns });
    await store.insertRows('risky', [
      { name: '=HYPERLINK("http://x")', value: -12.5 },
      { name: '-3', value: 4 },
    ]);
    const csv = tmp.file('risky.csv');
    await exportDatasetCsv(store, 'risky', csv);
    const text = readFileSync(csv, 'utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFname,value,n,when,flag,Basis,Source');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")",-12.5,`);
    expect(text).toContain("'-3,4,");
  });

  it('writes XLSX with typed cells and no formulas from text', async () => {
    const xlsx = tmp.file('risky.xlsx');
    expect(await exportDatasetXlsx(store, 'risky', xlsx)).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.getWorksheet('risky');
    expect(ws?.getRow(2).getCell(1).value).toBe('=HYPERLINK("http://x")');
    expect(ws?.getRow(2).getCell(1).formula).toBeUndefined();
    expect(ws?.getRow(2).getCell(2).value).toBe(-12.5);
    expect(ws?.getRow(1).getCell(1).value).toBe('name');
  });
});
