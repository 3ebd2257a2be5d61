import type { Text } from '../i18n/index.js';

/** Data shapes shared by the store, the transports and the renderer. */

export const COLUMN_TYPES = ['text', 'number', 'integer', 'date', 'boolean'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** How a figure was obtained; every row of a dataset carries one. */
export const BASIS_VALUES = ['reported', 'media', 'analyst', 'derived', 'assumption'] as const;
export type Basis = (typeof BASIS_VALUES)[number];

export type CellValue = string | number | boolean | null;

/**
 * A label and description in another language, where the workbook has one (the built-in
 * datasets ship Chinese; an analyst's label edit is kept in the language of their window).
 */
export interface LabelTranslations {
  'zh-CN'?: { label?: string; description?: string };
}

export interface ColumnMeta {
  id: number;
  name: string;
  label: string;
  translations?: LabelTranslations;
  type: ColumnType;
  unit: string;
  description: string;
  /** `provenance` columns (basis, source) exist on every dataset and cannot be removed. */
  role: 'data' | 'provenance';
  /** Allowed values for a text column (basis uses this); empty means any text. */
  choices: string[];
}

export interface DatasetMeta {
  id: number;
  name: string;
  label: string;
  translations?: LabelTranslations;
  description: string;
  rowCount: number;
  columns: ColumnMeta[];
}

export interface Row {
  id: number;
  values: Record<string, CellValue>;
}

export interface RowPage {
  rows: Row[];
  total: number;
  offset: number;
}

export interface CellEdit {
  rowId: number;
  column: string;
  value: CellValue;
}

export interface WorkbookInfo {
  path: string;
  name: string;
  schemaVersion: number;
  canUndo: boolean;
  canRedo: boolean;
  /** What Ctrl+Z / Ctrl+Y would do, as data: each window words it in its language. */
  undoLabel: Text | null;
  redoLabel: Text | null;
}

export interface HistoryStep {
  /** What the step undid or redid, e.g. "Edit 1 cell in chips", as data. */
  label: Text;
  datasetId: number | null;
  info: WorkbookInfo;
}

export interface NewColumn {
  name: string;
  label?: string | undefined;
  translations?: LabelTranslations | undefined;
  type: ColumnType;
  unit?: string | undefined;
  description?: string | undefined;
  choices?: string[] | undefined;
}
