import { z } from 'zod';
import { method } from './method.js';
import { MONEY_UNITS } from '../model/money.js';
import { LOCALES } from '../i18n/catalogue.js';
import type { ColumnType, DatasetMeta } from './types.js';
import type { ModelProblem } from './model.js';
import { COLUMN_TYPES } from './types.js';
import { name } from './schemas.js';

export const ENCODING_CHOICES = ['auto', 'utf-8', 'gb18030', 'utf-16le', 'utf-16be'] as const;
export const DELIMITERS = [',', ';', '\t', '|'] as const;
/** The row holding the column names may be any of the first this many (titles and notes above it). */
export const HEADER_ROW_MAX = 1000;
/** File kinds an import reads: the desktop's open dialog and the browser's file input offer these. */
export const IMPORT_EXTENSIONS = ['xlsx', 'xlsm', 'csv', 'tsv', 'txt', 'json', 'parquet'] as const;

/** The stages an import reports, in order: the file check, then the store's three statements. */
export const IMPORT_STAGES = ['check', 'read', 'validate', 'write'] as const;
export type ImportStage = (typeof IMPORT_STAGES)[number];

/** The `progress` event of a running import: data, worded by the window in its language. */
export interface ImportProgress {
  task: 'import';
  upload: string;
  file: string;
  stage: ImportStage | 'done';
  done: number;
  total: number;
}

export interface ImportPreview {
  file: string;
  delimiter: string;
  rows: number;
  columns: { label: string; name: string; type: ColumnType }[];
  /** The first rows as text. */
  sample: string[][];
  /** XLSX: every worksheet, and the one read; null for other files. */
  sheets: string[] | null;
  sheet: string | null;
  /** The row holding the column names (1 = the first). */
  headerRow: number;
}

export interface ImportDone {
  dataset: DatasetMeta;
  imported: number;
}

/** A file ready to download (browser host) or already saved (desktop). */
export interface ExportDone {
  download: string | null;
  name: string;
  savedTo: string | null;
}

const fileId = z.string().regex(/^[0-9a-f]{24}$/, 'is not a file id');
const options = {
  upload: fileId,
  encoding: z.enum(ENCODING_CHOICES).optional(),
  delimiter: z.enum(DELIMITERS).optional(),
  sheet: z.string().min(1).max(31).optional(),
  headerRow: z.number().int().min(1).max(HEADER_ROW_MAX).optional(),
};

/** Encodings a CSV export is written in. */
export const CSV_ENCODINGS = ['utf-8', 'gb18030'] as const;

export const transferMethods = {
  /** Desktop: choose a file in a native dialog. The browser host uploads instead (POST api/upload). */
  'import.pick': method<{ upload: string; name: string } | null>()(z.strictObject({})),
  'import.preview': method<ImportPreview>()(z.strictObject(options)),
  'import.run': method<ImportDone>()(
    z.strictObject({
      ...options,
      dataset: name,
      mode: z.enum(['new', 'append', 'replace']),
      /** Column types chosen in the preview, by column name (new datasets). */
      types: z.record(z.string().max(63), z.enum(COLUMN_TYPES)).optional(),
      /** Append/replace: file column name -> dataset column name, or null to leave that column out. */
      mapping: z.record(z.string().max(63), z.string().max(63).nullable()).optional(),
      /** Import rows that repeat a key the model reads by (buyer and year) after all: they are listed as problems. */
      allowDuplicateKeys: z.boolean().optional(),
      /** A new dataset's label; the file's name without its extension when absent. */
      label: z.string().trim().min(1).max(200).optional(),
    }),
  ),
  /** Stops a running import of this file; the workbook stays as it was. */
  'import.cancel': method<{ cancelled: boolean }>()(z.strictObject({ upload: fileId })),
  /** The import dialog closed: the upload's copy is deleted now, not when the host stops. */
  'import.discard': method<{ discarded: boolean }>()(z.strictObject({ upload: fileId })),
  /** CSV is UTF-8 with a byte-order mark unless GB18030 is asked for (older Chinese tools). */
  'export.dataset': method<ExportDone>()(
    z.strictObject({
      dataset: name,
      format: z.enum(['csv', 'xlsx']),
      encoding: z.enum(CSV_ENCODINGS).optional(),
      /** Headings, sheet and file name in this language (English when absent). */
      language: z.enum(LOCALES).optional(),
    }),
  ),
  /** The model as a JSON file (as `model show --json` prints it), to review in git or share. */
  'export.modelDefinition': method<ExportDone>()(z.strictObject({})),
  /**
   * A model file chosen or uploaded, read and checked against this workbook's data: its text and
   * the checker's problems (positioned; none when it is sound). Nothing is applied: the window shows what
   * would change and applies it with model.apply. The upload is released either way.
   */
  'import.model': method<{ json: string; name: string; problems: ModelProblem[] }>()(
    z.strictObject({ upload: fileId }),
  ),
  'export.model': method<ExportDone>()(
    z.strictObject({
      scenario: z.string().min(1).max(100).optional(),
      /** Assumption values on screen that differ from the scenario: the file is what the analyst sees. */
      set: z.record(z.string().max(100), z.number().finite()).optional(),
      valuesOnly: z.boolean().optional(),
      /** The unit money is shown in on the Outputs sheet, as in the window. */
      money: z.enum(MONEY_UNITS).optional(),
      /** The window's language: the chart pictures are titled and labelled in it. */
      language: z.enum(LOCALES).optional(),
    }),
  ),
};
