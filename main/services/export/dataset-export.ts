import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { type CellValue, type ColumnMeta, MAX_PAGE_ROWS } from '../../../shared/contract/index.js';
import type { WorkbookStore } from '../store/workbook-store.js';
import { writeAtomically } from '../xlsx/safe-write.js';
import { neutralise } from '../csv-safety.js';

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

/** A dataset as UTF-8 CSV (with a byte-order mark, so Excel reads Chinese text right), written atomically. */
export async function exportDatasetCsv(store: WorkbookStore, dataset: string, target: string): Promise<number> {
  const meta = await store.getDataset(dataset);
  let count = 0;
  await writeAtomically(target, async (temp) => {
    const out = createWriteStream(temp, { encoding: 'utf8' });
    const write = (text: string) =>
      out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
    await write(`\uFEFF${meta.columns.map((c) => csvField(c.name, { ...c, type: 'text' })).join(',')}\r\n`);
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
export async function exportDatasetXlsx(store: WorkbookStore, dataset: string, target: string): Promise<number> {
  const meta = await store.getDataset(dataset);
  let count = 0;
  await writeAtomically(target, async (temp) => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: temp,
      useStyles: true,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet(meta.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = meta.columns.map((c) => ({
      header: c.unit ? `${c.label} (${c.unit})` : c.label,
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
