import { rmSync, statSync } from 'node:fs';
import { open, readFile, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import {
  AppError,
  type ColumnType,
  ENCODING_CHOICES,
  type DatasetMeta,
  LIMITS,
  type NewColumn,
  MAX_TEXT_LENGTH,
  MODEL_DOCUMENT,
} from '../../../shared/contract/index.js';
import { modelKeyColumns, parseDefinition } from '../../../shared/model/index.js';
import { headingsOf } from '../../../shared/text/column-heading.js';
import { Db } from '../store/db.js';
import { makeWorkDir } from '../work-files.js';
import { DirectReadRefused, type ImportPlan, type ImportStage, importCancelled } from '../store/import-sql.js';
import type { WorkbookStore } from '../store/workbook-store.js';
import { detectHeaderRow } from './header-row.js';
import { normalizeHeaders } from './headers.js';
import { DEFAULT_LIMITS, ImportError, SAMPLE_ROWS, scanDelimited } from './scan.js';
import { inferType } from './types.js';
import { readXlsxSheet } from './xlsx-read.js';

/** The encodings an import reads; the contract's list, so the window, the CLI and the reader agree. */
export const ENCODINGS = ENCODING_CHOICES;
export type Encoding = (typeof ENCODINGS)[number];

export interface ImportOptions {
  dataset: string;
  mode: 'new' | 'append' | 'replace';
  delimiter?: string | undefined;
  encoding?: Encoding | undefined;
  maxCells?: number | undefined;
  /** XLSX: the worksheet to read (the first when absent). */
  sheet?: string | undefined;
  /** The row (1-based) holding the column names; rows above it are passed over. */
  headerRow?: number | undefined;
  /** Append/replace: file column name -> dataset column name, or null to leave it out. */
  mapping?: Record<string, string | null> | undefined;
  /** A new dataset's label; the file's name without its extension when absent (资本开支.csv gives 资本开支). */
  label?: string | undefined;
  /**
   * Append and replace refuse rows that repeat a key the workbook's model reads the dataset by
   * (buyer and year), in the dataset or the file, unless this is set.
   */
  allowDuplicateKeys?: boolean | undefined;
  /** Only the checked path, without DuckDB's typed read ahead: the reference that read is tested against. */
  checkedOnly?: boolean | undefined;
  /** Aborting it cancels the import; the workbook stays as it was. */
  signal?: AbortSignal | undefined;
  /** Told as the import moves through its stages. */
  onStage?: ((stage: ImportStage) => void) | undefined;
}

type ReadOptions = Pick<ImportOptions, 'encoding' | 'delimiter' | 'sheet' | 'maxCells'>;

export interface ImportResult {
  dataset: DatasetMeta;
  imported: number;
  columns: { label: string; name: string; type: ColumnType }[];
}

const DECODE_CHUNK = 4 * 1024 * 1024;

/**
 * A file's text: a byte-order mark decides the encoding; otherwise the chosen one, strictly.
 * It is read and decoded a few megabytes at a time, so a large file never holds the main
 * process in one piece (decoding 200 MB at once took ~0.4 s).
 */
export async function decodeFile(path: string, encoding: Encoding, file: string): Promise<string> {
  if (encoding !== 'auto') return decodeAs(path, encoding, file);
  try {
    return await decodeAs(path, 'auto', file);
  } catch (error) {
    // Not UTF-8: files from Chinese sources usually are GB18030 (a superset of GBK and GB2312),
    // and GB18030 decodes nearly any byte string, so it is tried second and only on a failure.
    if (!(error instanceof ImportError) || error.text.key !== 'importError.badEncoding') throw error;
    if (error.text.params?.['encoding'] !== 'UTF-8') throw error;
    try {
      return await decodeAs(path, 'gb18030', file);
    } catch {
      throw new ImportError({ key: 'importError.neitherEncoding', params: { file } });
    }
  }
}

async function decodeAs(path: string, encoding: Encoding, file: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(DECODE_CHUNK);
    const { bytesRead: headBytes } = await handle.read(buffer, 0, 3, 0);
    const b = buffer.subarray(0, headBytes);
    let chosen: string = encoding === 'auto' ? 'utf-8' : encoding;
    let position = 0;
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) [chosen, position] = ['utf-8', 3];
    else if (b[0] === 0xff && b[1] === 0xfe) [chosen, position] = ['utf-16le', 2];
    else if (b[0] === 0xfe && b[1] === 0xff) [chosen, position] = ['utf-16be', 2];
    const decoder = new TextDecoder(chosen, { fatal: true });
    let text = '';
    try {
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, DECODE_CHUNK, position);
        if (bytesRead === 0) break;
        position += bytesRead;
        text += decoder.decode(buffer.subarray(0, bytesRead), { stream: true });
      }
      return text + decoder.decode();
    } catch {
      const hint = chosen === 'utf-8' && encoding !== 'auto';
      throw new ImportError({
        key: hint ? 'importError.badEncodingHint' : 'importError.badEncoding',
        params: { file, encoding: chosen.toUpperCase() },
      });
    }
  } finally {
    await handle.close();
  }
}

function guessDelimiter(text: string, file: string): string {
  if (extname(file).toLowerCase() === '.tsv') return '\t';
  const first = text.slice(0, text.search(/\r?\n/) >>> 0 || 4096);
  const counts = [',', ';', '\t', '|'].map((d) => [d, first.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0] && counts[0][1] > 0 ? counts[0][0] : ',';
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A JSON array of objects as CSV text (keys in first-seen order); nested values are refused. */
export function jsonToCsv(text: string, file: string): string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ImportError({ key: 'importError.badJson', params: { file, reason: (error as Error).message } });
  }
  if (!Array.isArray(data)) throw new ImportError({ key: 'importError.jsonArray', params: { file } });
  const list: unknown[] = data;
  const keys: string[] = [];
  const seen = new Set<string>();
  list.forEach((row, i) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row))
      throw new ImportError({ key: 'importError.jsonRow', params: { file, row: i + 1 } });
    for (const k of Object.keys(row)) {
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
    }
  });
  const lines = [keys.map(csvCell).join(',')];
  (list as Record<string, unknown>[]).forEach((row, i) => {
    lines.push(
      keys
        .map((k) => {
          const v = Object.prototype.hasOwnProperty.call(row, k) ? row[k] : null;
          if (v === null || v === undefined) return '';
          if (typeof v === 'string') return csvCell(v);
          if (typeof v === 'number' || typeof v === 'boolean') return String(v);
          throw new ImportError({ key: 'importError.jsonNested', params: { file, row: i + 1, column: k } });
        })
        .join(','),
    );
  });
  return lines.join('\n') + '\n';
}

async function parquetToCsv(path: string, out: string, file: string): Promise<void> {
  const db = await Db.open(':memory:', false, { readers: 0 });
  try {
    await db.run(`COPY (SELECT * FROM read_parquet(?)) TO '${out.replace(/'/g, "''")}' (HEADER, DELIMITER ',')`, [
      path,
    ]);
  } catch (error) {
    throw new ImportError({
      key: 'importError.badParquet',
      params: { file, reason: (error as Error).message.split('\n')[0] ?? '' },
    });
  } finally {
    await db.close();
  }
}

interface Read {
  file: string;
  text: string;
  delimiter: string;
  sheets: string[] | null;
  sheet: string | null;
}

/** The file as UTF-8 delimited text, whatever it was (CSV, TSV, JSON, Parquet), and its delimiter. */
async function readAsDelimited(path: string, work: string, options: ReadOptions): Promise<Read> {
  const file = basename(path);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw AppError.of('NOT_FOUND', { key: 'mainError.noFile', params: { path } });
  }
  if (size > LIMITS.importBytes)
    throw AppError.of('TOO_LARGE', {
      key: 'mainError.fileTooLarge',
      params: { file, gb: LIMITS.importBytes / 1024 ** 3 },
    });
  const kind = extname(path).toLowerCase();
  if (kind === '.xls' || kind === '.xlsb' || kind === '.ods') {
    throw AppError.of('BAD_REQUEST', { key: 'mainError.spreadsheetFormat', params: { file } });
  }
  if (kind === '.xlsx' || kind === '.xlsm') {
    const read = await readXlsxSheet(
      path,
      file,
      {
        sheet: options.sheet,
        maxCells: options.maxCells ?? DEFAULT_LIMITS.maxCells,
      },
      work,
    );
    const text = read.rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
    return { file, text, delimiter: ',', sheets: read.sheets, sheet: read.sheet };
  }
  let text: string;
  if (kind === '.parquet') {
    const csv = join(work, 'parquet.csv');
    await parquetToCsv(path, csv, file);
    text = await readFile(csv, 'utf8');
  } else {
    text = await decodeFile(path, options.encoding ?? 'auto', file);
    if (kind === '.json') text = jsonToCsv(text, file);
  }
  const delimiter = kind === '.json' || kind === '.parquet' ? ',' : (options.delimiter ?? guessDelimiter(text, file));
  return { file, text, delimiter, sheets: null, sheet: null };
}

function withWork<T>(run: (work: string) => Promise<T>): Promise<T> {
  const work = makeWorkDir('import');
  return run(work)
    .catch((error: unknown) => {
      if (error instanceof ImportError) throw AppError.of('INVALID_VALUE', error.text);
      throw error;
    })
    .finally(() => rmSync(work, { recursive: true, force: true }));
}

/** The columns the workbook's model names a row of `dataset` by (none for a dataset it does not read). */
async function modelKeysOf(store: WorkbookStore, dataset: string): Promise<string[]> {
  const json = await store.getDocument(MODEL_DOCUMENT);
  return json === null ? [] : modelKeyColumns(parseDefinition(json), dataset);
}

/** What the import would bring: columns with detected types, the row count and the first rows. */
export function previewFile(path: string, options: ReadOptions & Pick<ImportOptions, 'headerRow'> = {}) {
  return withWork(async (work) => {
    const read = await readAsDelimited(path, work, options);
    // Title and note rows above the column names are found and passed over, as LibreOffice's
    // "From row" and Power Query's promote-headers do; the wizard shows the row it chose.
    const headerRow = options.headerRow ?? detectHeaderRow(read.text, read.delimiter);
    const scanned = await scanDelimited(read.text, read.delimiter, read.file, {
      maxCells: options.maxCells ?? DEFAULT_LIMITS.maxCells,
      skip: headerRow - 1,
    });
    const headers = normalizeHeaders(scanned.header, read.file);
    const columns = headers.map((h, i) => ({ ...h, type: inferType(scanned.sample.map((r) => r[i] ?? '')) }));
    return {
      file: read.file,
      delimiter: read.delimiter,
      rows: scanned.rows,
      columns,
      sample: scanned.sample.slice(0, 20),
      sheets: read.sheets,
      sheet: read.sheet,
      headerRow,
      // The text from the header row on: what DuckDB reads.
      text: scanned.start > 0 ? read.text.slice(scanned.start) : read.text,
    };
  });
}

/** What an import needs to know of a file before DuckDB reads it. */
interface Planned {
  file: string;
  delimiter: string;
  columns: { label: string; name: string; type: ColumnType }[];
}

const HEAD_BYTES = [1024 * 1024, 16 * 1024 * 1024];

/**
 * The head of a large UTF-8 delimited file, checked in JavaScript as the whole file would be
 * (structure, header, the sample the types are inferred from), for a direct import: DuckDB then
 * reads the rest and holds it to the same rules (import-sql.ts importDirect). Null when the file
 * has to be read whole first: another encoding or format, column names below row 1, a head that
 * does not check (the whole read then says what is wrong and where), or a short sample.
 */
async function headOf(path: string, options: ImportOptions): Promise<Planned | null> {
  const kind = extname(path).toLowerCase();
  if (['.json', '.parquet', '.xlsx', '.xlsm', '.xls', '.xlsb', '.ods'].includes(kind)) return null;
  if ((options.encoding ?? 'auto') !== 'auto' && options.encoding !== 'utf-8') return null;
  if (options.headerRow !== undefined && options.headerRow !== 1) return null;
  const file = basename(path);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return null;
  }
  if (size > LIMITS.importBytes) return null;
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return null; // the whole read says what is wrong
  try {
    for (const bytes of HEAD_BYTES) {
      const buffer = Buffer.alloc(Math.min(bytes, size));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const whole = bytesRead >= size;
      let b = buffer.subarray(0, bytesRead);
      if (b[0] === 0xff || b[0] === 0xfe) return null; // a UTF-16 byte-order mark
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
      let text: string;
      try {
        // A character cut at the end of the head is left for DuckDB (stream: true keeps it back).
        text = new TextDecoder('utf-8', { fatal: true }).decode(b, { stream: !whole });
      } catch {
        return null;
      }
      if (!whole) {
        const end = text.lastIndexOf('\n');
        if (end < 0) continue;
        text = text.slice(0, end + 1);
      }
      const delimiter = options.delimiter ?? guessDelimiter(text, file);
      if ((options.headerRow ?? detectHeaderRow(text, delimiter)) !== 1) return null;
      let planned: Planned;
      try {
        const scanned = await scanDelimited(text, delimiter, file, {
          maxCells: options.maxCells ?? DEFAULT_LIMITS.maxCells,
          sampleOnly: true,
        });
        if (!whole && scanned.sample.length < SAMPLE_ROWS) continue;
        const headers = normalizeHeaders(scanned.header, file);
        planned = {
          file,
          delimiter,
          columns: headers.map((h, i) => ({ ...h, type: inferType(scanned.sample.map((r) => r[i] ?? '')) })),
        };
      } catch (error) {
        if (error instanceof ImportError) return null;
        throw error;
      }
      return planned;
    }
    return null;
  } finally {
    await handle.close();
  }
}

/**
 * Imports CSV, TSV, JSON or Parquet into a dataset, all or nothing: a refused file leaves the
 * workbook exactly as it was. A large UTF-8 file is read by DuckDB straight into the dataset
 * once its head has checked; if DuckDB refuses anything on the way (importDirect), that
 * transaction is rolled back and the file is imported the checked way: checked whole in
 * JavaScript (structure, headers), then every cell typed against its column before a row is
 * written, which decides whether it is refused and names the row and column.
 */
export async function importFile(
  store: WorkbookStore,
  path: string,
  options: ImportOptions & { types?: Record<string, ColumnType> | undefined },
): Promise<ImportResult> {
  options.onStage?.('check');
  const head = options.checkedOnly ? null : await headOf(path, options);
  let checkedOnly = options.checkedOnly;
  if (head) {
    try {
      const direct = { maxCells: options.maxCells ?? DEFAULT_LIMITS.maxCells, maxCellChars: MAX_TEXT_LENGTH };
      return await importPlanned(store, head, path, options, direct);
    } catch (error) {
      if (!(error instanceof DirectReadRefused)) throw error;
      // DuckDB's typed read already failed once: a read ahead would only fail again.
      if (error.read) checkedOnly = true;
    }
  }
  const preview = await previewFile(path, options);
  if (options.signal?.aborted) throw importCancelled();
  return withWork(async (work) => {
    // DuckDB reads a clean UTF-8 copy: no byte-order mark, whatever the source encoding was.
    const utf8 = join(work, 'import.csv');
    await writeFile(utf8, preview.text);
    return importPlanned(store, preview, utf8, { ...options, checkedOnly }, undefined);
  });
}

/** The import of a file already planned (delimiter, columns, types): `csv` is what DuckDB reads. */
async function importPlanned(
  store: WorkbookStore,
  preview: Planned,
  csv: string,
  options: ImportOptions & { types?: Record<string, ColumnType> | undefined },
  direct: ImportPlan['direct'],
): Promise<ImportResult> {
  const columns = preview.columns.map((c) => ({ ...c, type: options.types?.[c.name] ?? c.type }));
  const mapping = options.mapping;
  if (mapping) {
    for (const key of Object.keys(mapping)) {
      if (!columns.some((c) => c.name === key))
        throw AppError.of('INVALID_VALUE', {
          key: 'mainError.noFileColumn',
          params: { file: preview.file, column: key },
        });
    }
  }
  // Without a mapping, a file column feeds the dataset column whose label (with or without its
  // unit) it carries, or else the one of its name: our CSV and XLSX exports head columns by label,
  // and the name of a Chinese header is only its position (column_3), so the label decides.
  const existing = options.mode === 'new' || mapping ? [] : (await store.getDataset(options.dataset)).columns;
  const byLabel = (label: string): string | undefined => existing.find((c) => headingsOf(c).includes(label))?.name;
  const targetOf = (name: string, label: string): string | null =>
    mapping && Object.prototype.hasOwnProperty.call(mapping, name) ? (mapping[name] ?? null) : (byLabel(label) ?? name);
  const plan: ImportPlan = {
    file: csv,
    displayName: preview.file,
    delimiter: preview.delimiter,
    columns: columns.map((c) => ({
      label: c.label,
      target: options.mode === 'new' ? c.name : targetOf(c.name, c.label),
      type: c.type,
    })),
    signal: options.signal,
    onStage: options.onStage,
    checkedOnly: options.checkedOnly,
    direct,
    keys:
      options.mode === 'new'
        ? undefined
        : {
            columns: await modelKeysOf(store, options.dataset),
            allowDuplicates: options.allowDuplicateKeys ?? false,
          },
  };
  const newColumns: NewColumn[] = columns.map((c) =>
    c.name === 'basis'
      ? { name: 'basis', label: 'Basis', type: 'text' }
      : { name: c.name, label: c.label, type: c.type },
  );
  const done = await store.importFile(
    {
      dataset: options.dataset,
      mode: options.mode,
      label: options.label ?? labelFromFile(preview.file, options.dataset),
    },
    plan,
    newColumns,
  );
  return { dataset: done.dataset, imported: done.imported, columns };
}

/** A dataset label from a file name: its stem as written, Chinese and all; the dataset id where nothing is left. */
export function labelFromFile(file: string, fallback: string): string {
  const stem = basename(file)
    .replace(/\.[^.]+$/, '')
    .trim()
    .slice(0, 200);
  return stem === '' ? fallback : stem;
}
