import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkbookStore } from '../store/workbook-store.js';
import { tempDir } from '../../testing/temp-dir.js';
import { importFile } from '../import/import-file.js';
import { createFromTemplate } from '../template.js';
import { exportDatasetCsv, exportDatasetXlsx, exportFileName } from './dataset-export.js';

/**
 * The file a Chinese analyst sends: GB18030 bytes, Chinese headers, a Chinese file name. Its
 * labels must reach the dataset and survive every export and import back, in CSV and XLSX.
 */
const tmp = tempDir();
let store: WorkbookStore;
const HEADERS = ['公司', '年份', '资本开支'];
const TEXT = '公司,年份,资本开支\r\n腾讯,2025,1000.5\r\n阿里巴巴,2025,1200\r\n字节跳动,2026,1600\r\n';

beforeAll(async () => {
  store = await WorkbookStore.create(tmp.file('中文.cgw'));
});
afterAll(async () => {
  await store.close();
  tmp.remove();
});

const labels = async (dataset: string) => (await store.getDataset(dataset)).columns.map((c) => c.label);
const values = async (dataset: string) =>
  (await store.readRows({ dataset, offset: 0, limit: 100 })).rows.map((r) => r.values);
/** The file's own three columns, read by position (identifiers of Chinese headers are generated). */
const table = async (dataset: string) => {
  const names = (await store.getDataset(dataset)).columns.slice(0, 3).map((c) => c.name);
  return (await values(dataset)).map((row) => names.map((n) => row[n]));
};

describe('a GB18030 file with Chinese headers', () => {
  it('imports with its Chinese labels and a Chinese dataset label', async () => {
    const path = tmp.file('资本开支_gb18030.csv');
    writeFileSync(path, iconv.encode(TEXT, 'gb18030'));
    // "auto" finds GB18030 by itself (the bytes are not UTF-8).
    await importFile(store, path, { dataset: 'data_gb18030', mode: 'new' });
    const meta = await store.getDataset('data_gb18030');
    expect(meta.label).toBe('资本开支_gb18030');
    expect((await labels('data_gb18030')).slice(0, 3)).toEqual(HEADERS);
    expect(await table('data_gb18030')).toEqual([
      ['腾讯', 2025, 1000.5],
      ['阿里巴巴', 2025, 1200],
      ['字节跳动', 2026, 1600],
    ]);
    expect(exportFileName(meta.label, meta.name, 'csv')).toBe('资本开支_gb18030.csv');
  });

  it('keeps its labels through a UTF-8 CSV export (with a BOM) and an import back', async () => {
    const csv = tmp.file('资本开支.csv');
    expect(await exportDatasetCsv(store, 'data_gb18030', csv)).toBe(3);
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFF公司,年份,资本开支,')).toBe(true);
    await importFile(store, csv, { dataset: 'back_csv', mode: 'new' });
    expect(await labels('back_csv')).toEqual(await labels('data_gb18030'));
    expect(await table('back_csv')).toEqual(await table('data_gb18030'));
    expect((await store.getDataset('back_csv')).label).toBe('资本开支');
  });

  it('keeps its labels through a GB18030 CSV export, byte for byte the older tools’ encoding', async () => {
    const csv = tmp.file('gb.csv');
    await exportDatasetCsv(store, 'data_gb18030', csv, 'gb18030');
    const bytes = readFileSync(csv);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false); // no UTF-8 mark
    expect(bytes.subarray(0, 4).equals(Buffer.from([0xb9, 0xab, 0xcb, 0xbe]))).toBe(true); // 公司
    const decoded = new TextDecoder('gb18030').decode(bytes);
    expect(decoded).toBe(readFileSync(tmp.file('资本开支.csv'), 'utf8').slice(1));
    await importFile(store, csv, { dataset: 'back_gb', mode: 'new' });
    expect(await labels('back_gb')).toEqual(await labels('data_gb18030'));
    expect(await table('back_gb')).toEqual(await table('data_gb18030'));
  });

  it('keeps its labels through an XLSX export (sheet named by the label) and an import back', async () => {
    const xlsx = tmp.file('资本开支.xlsx');
    expect(await exportDatasetXlsx(store, 'data_gb18030', xlsx)).toBe(3);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const sheet = book.worksheets[0];
    expect(sheet?.name).toBe('资本开支_gb18030');
    expect([1, 2, 3].map((i) => sheet?.getRow(1).getCell(i).value)).toEqual(HEADERS);
    await importFile(store, xlsx, { dataset: 'back_xlsx', mode: 'new' });
    expect(await labels('back_xlsx')).toEqual(await labels('data_gb18030'));
    expect(await table('back_xlsx')).toEqual(await table('data_gb18030'));
  });

  it('appends its own export back, each column found by its Chinese label', async () => {
    // Headers moved about: matching goes by label, not by position.
    const moved = tmp.file('moved.csv');
    writeFileSync(moved, '\uFEFF资本开支,公司,年份\r\n2000,百度,2026\r\n');
    await importFile(store, moved, { dataset: 'data_gb18030', mode: 'append' });
    expect((await table('data_gb18030')).at(-1)).toEqual(['百度', 2026, 2000]);
  });
});

describe('a built-in dataset exported for a Chinese reader', () => {
  const dir = tempDir();
  let book: WorkbookStore;
  beforeAll(async () => {
    book = await createFromTemplate(dir.file('built-in.cgw'));
  });
  afterAll(async () => {
    await book.close();
    dir.remove();
  });

  it('is headed by its Chinese labels and units, and comes back into the same columns by them', async () => {
    const csv = dir.file('买方资本开支.csv');
    expect(await exportDatasetCsv(book, 'buyer_capex', csv, 'utf-8', 'zh-CN')).toBe(18);
    const header = readFileSync(csv, 'utf8').split('\r\n')[0];
    expect(header).toBe('\uFEFF买方,年份,资本开支 (十亿元),备注,依据,来源');
    const before = (await book.readRows({ dataset: 'buyer_capex', offset: 0, limit: 100 })).rows.map((r) => r.values);
    // No mapping: each Chinese heading finds its column by the column's Chinese label.
    await importFile(book, csv, { dataset: 'buyer_capex', mode: 'replace' });
    const after = (await book.readRows({ dataset: 'buyer_capex', offset: 0, limit: 100 })).rows.map((r) => r.values);
    expect(after).toEqual(before);
    // The XLSX sheet is named by the Chinese label too; English stays the default.
    const xlsx = dir.file('chips.xlsx');
    await exportDatasetXlsx(book, 'chips', xlsx, 'zh-CN');
    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(xlsx);
    expect(read.worksheets[0]?.name).toBe('芯片');
    expect(read.worksheets[0]?.getRow(1).getCell(4).value).toBe('需许可证');
    await exportDatasetCsv(book, 'buyer_capex', csv);
    expect(readFileSync(csv, 'utf8').split('\r\n')[0]).toBe('\uFEFFBuyer,Year,Capex (bn CNY),Note,Basis,Source');
  });
});
