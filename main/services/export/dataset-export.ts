import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { type CellValue, type ColumnMeta, MAX_PAGE_ROWS } from '../../../shared/contract/index.js';
import type { WorkbookStore } from '../store/workbook-store.js';
import { writeAtomically } from '../xlsx/safe-write.js';
import { neutralise } from '../csv-safety.js';
import type { Locale } from '../../../shared/i18n/index.js';
import { headingIn } from '../../../shared/text/column-heading.js';
import { labelIn } from '../../../shared/model/index.js';

function csvField(value: CellValue, column: ColumnMeta): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = column.type === 'text' ? neutralise(value) : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Pages through a dataset in the store's order, so memory stays flat whatever its size. */
async function eachPage(
  store: WorkbookStore,
  dataset: string,
  onRows: (rows: Record<string, CellValue>[]) => Promise<void>,
): Promise<void> {
  for (let offset = 0; ; offset += MAX_PAGE_ROWS) {
    const page = await store.readRows({ dataset, offset, limit: MAX_PAGE_ROWS });
    await onRows(page.rows.map((r) => r.values));
    if (page.rows.length < MAX_PAGE_ROWS) return;
  }
}

/** CSV encodings offered: UTF-8 for today's tools, GB18030 for older Chinese ones. */
export type CsvEncoding = 'utf-8' | 'gb18030';

/**
 * A dataset as CSV, written atomically. Columns are headed by their labels, so Chinese headers
 * come back as they were imported (an import matches them to columns by label). UTF-8 carries a
 * byte-order mark so Excel reads Chinese right; GB18030 carries none, as older tools expect.
 */
export async function exportDatasetCsv(
  store: WorkbookStore,
  dataset: string,
  target: string,
  encoding: CsvEncoding = 'utf-8',
  language: Locale = 'en',
): Promise<number> {
  const meta = await store.getDataset(dataset);
  let count = 0;
  await writeAtomically(target, async (temp) => {
    const out = createWriteStream(temp);
    const write = (text: string) => {
      const bytes = encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
      return out.write(bytes) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
    };
    const bom = encoding === 'utf-8' ? '\uFEFF' : '';
    await write(
      `${bom}${meta.columns.map((c) => csvField(headingIn(c, language), { ...c, type: 'text' })).join(',')}\r\n`,
    );
    await eachPage(store, dataset, async (rows) => {
      let chunk = '';
      for (const row of rows) chunk += `${meta.columns.map((c) => csvField(row[c.name] ?? null, c)).join(',')}\r\n`;
      count += rows.length;
      await write(chunk);
    });
    out.end();
    await finished(out);
  });
  return count;
}

/** A dataset as XLSX with typed cells; text is always written as text, never as a formula. */
export async function exportDatasetXlsx(
  store: WorkbookStore,
  dataset: string,
  target: string,
  language: Locale = 'en',
): Promise<number> {
  const meta = await store.getDataset(dataset);
  let count = 0;
  await writeAtomically(target, async (temp) => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: temp,
      useStyles: true,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet(sheetNameOf(labelIn(meta, language), meta.name), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = meta.columns.map((c) => ({
      header: headingIn(c, language),
      key: c.name,
      width: c.type === 'text' ? 28 : 14,
      style: c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.type === 'number' ? { numFmt: '#,##0.####' } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    await eachPage(store, dataset, (rows) => {
      for (const row of rows) {
        const values = meta.columns.map((c) => {
          const v = row[c.name] ?? null;
          if (v === null) return null;
          if (c.type === 'date' && typeof v === 'string') return new Date(`${v}T00:00:00Z`);
          return v;
        });
        sheet.addRow(values).commit();
      }
      count += rows.length;
      return Promise.resolve();
    });
    sheet.commit();
    await workbook.commit();
  });
  return count;
}

/** A sheet named by the dataset's label where a spreadsheet allows it (31 characters, none of []:*?/\\). */
export function sheetNameOf(label: string, fallback: string): string {
  const name = [...label.replace(/[[\]:*?/\\]/g, ' ').trim()].slice(0, 31).join('').trim();
  return name === '' || /^'|'$/.test(name) ? fallback.slice(0, 31) : name;
}

/** A file name for an export of the dataset: its label where the label is a safe file name. */
export function exportFileName(label: string, fallback: string, extension: string): string {
  // Control characters out by code, so the pattern stays readable.
  const printable = [...label].map((ch) => (ch < ' ' ? ' ' : ch)).join('');
  const stem = printable
    .replace(/[<>:"/\\|?*]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  return `${stem === '' || /^\.+$/.test(stem) ? fallback : stem}.${extension}`;
}
