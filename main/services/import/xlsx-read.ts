import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { MAX_TEXT_LENGTH } from '../../../shared/contract/index.js';
import { ImportError } from './scan.js';
import { type ZipLimits, ZIP_LIMITS, guardZip } from './zip-guard.js';
import { makeWorkDir } from '../work-files.js';
import { writeReaderOrder } from './zip-order.js';

export interface SheetRead {
  /** Every worksheet's name, in the file's order. */
  sheets: string[];
  /** The sheet that was read. */
  sheet: string;
  /** The sheet as rows of text, padded to the widest row. */
  rows: string[][];
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A date cell as the store's date text; a time of day is kept when there is one. */
function dateText(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const time = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  return time === 0 ? day : `${day} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** One cell's value as the text a CSV export from Excel would hold (formulas give their last result). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateText(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v['richText']))
      return (v['richText'] as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText(v['result']);
    if (typeof v['error'] === 'string') return v['error'];
    if ('text' in v) return cellText(v['text']);
  }
  return '';
}

/**
 * A sheet we pass over is let go of, not read. Should ExcelJS still have parked it in a temp
 * file (see `writeReaderOrder`), it deletes that file as soon as we move on while its read stream
 * may still be opening; with nobody listening, that ENOENT is an uncaught exception that takes
 * the process down (seen under load in CI). Listening and closing the stream ends the race.
 */
function letGo(ws: unknown): void {
  const source = (ws as { iterator?: unknown }).iterator;
  if (source instanceof Readable) {
    source.on('error', () => undefined);
    source.destroy();
  }
}

type ReadOptions = { sheet?: string | undefined; maxCells: number; zipLimits?: ZipLimits };

/**
 * Reads one worksheet of an XLSX file with ExcelJS's streaming reader, after the zip guard has
 * inflated every part under the caps and a copy puts the parts in the order the reader needs
 * (`work`, a folder of the caller's, holds it; by default one made and removed here). Rows are
 * text; types are decided later, as for CSV.
 */
export async function readXlsxSheet(
  path: string,
  file: string,
  options: ReadOptions,
  work?: string,
): Promise<SheetRead> {
  const parts = await guardZip(path, file, options.zipLimits ?? ZIP_LIMITS);
  const folder = work ?? makeWorkDir('xlsx');
  try {
    const ordered = join(folder, 'ordered.xlsx');
    await writeReaderOrder(path, parts, ordered);
    return await readOrdered(ordered, file, options);
  } finally {
    if (work === undefined) await rm(folder, { recursive: true, force: true });
  }
}

async function readOrdered(path: string, file: string, options: ReadOptions): Promise<SheetRead> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // needed to tell a date from a number
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets: string[] = [];
  let chosen: string | null = null;
  const rows: string[][] = [];
  let cells = 0;
  let width = 0;
  try {
    for await (const ws of reader) {
      // The reader sets `name` from workbook.xml; ExcelJS's typings leave it out.
      const given = (ws as unknown as { name?: unknown }).name;
      const name = typeof given === 'string' && given !== '' ? given : `Sheet${sheets.length + 1}`;
      sheets.push(name);
      if (chosen !== null || (options.sheet !== undefined && options.sheet !== name)) {
        letGo(ws);
        continue;
      }
      chosen = name;
      for await (const row of ws) {
        const values = row.values as unknown[];
        const texts: string[] = [];
        for (let c = 1; c < values.length; c++) {
          const text = cellText(values[c]);
          if (text.length > MAX_TEXT_LENGTH) {
            throw new ImportError({
              key: 'importError.xlsxLongCell',
              params: { file, sheet: name, row: row.number, column: c, max: MAX_TEXT_LENGTH },
            });
          }
          texts.push(text);
        }
        while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
        if (texts.length === 0) continue;
        // Rows the sheet skipped are blank rows; keep the numbering honest for messages.
        cells += texts.length;
        if (cells > options.maxCells) {
          throw new ImportError({
            key: 'importError.sheetCells',
            params: { file, sheet: name, max: options.maxCells },
          });
        }
        width = Math.max(width, texts.length);
        rows.push(texts);
      }
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError({
      key: 'importError.xlsxDamaged',
      params: { file, reason: (error as Error).message.split('\n')[0]?.slice(0, 160) ?? '' },
    });
  }
  if (sheets.length === 0) throw new ImportError({ key: 'importError.noSheets', params: { file } });
  if (chosen === null)
    throw new ImportError({ key: 'importError.noSheet', params: { file, sheet: options.sheet ?? '' } });
  if (rows.length === 0) throw new ImportError({ key: 'importError.sheetEmpty', params: { file, sheet: chosen } });
  for (const r of rows) while (r.length < width) r.push('');
  return { sheets, sheet: chosen, rows };
}
