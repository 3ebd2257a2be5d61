import { z } from 'zod';
import { LOCALES } from '../i18n/index.js';
import { LIMITS } from './limits.js';
import { method } from './method.js';
import type { CellEdit, DatasetMeta, RowPage, WorkbookInfo } from './types.js';
import { cellValue, columnType, datasetRef, empty, name, rowId, rowValues } from './schemas.js';

/** Largest page a read may ask for; bigger views page through the store. */
export const MAX_PAGE_ROWS = LIMITS.pageRows;
/** Largest batch of edits or new rows in one call. */
export const MAX_BATCH = LIMITS.batch;

const newColumn = z.strictObject({
  name,
  label: z.string().max(200).optional(),
  type: columnType,
  unit: z.string().max(100).optional(),
  description: z.string().max(2000).optional(),
  choices: z.array(z.string().max(200)).max(200).optional(),
});

/** Results of edits carry the workbook info so the renderer can refresh undo state at once. */
export const FILTER_OPS = [
  'contains',
  'notContains',
  'equals',
  'notEqual',
  'startsWith',
  'endsWith',
  'lessThan',
  'lessThanOrEqual',
  'greaterThan',
  'greaterThanOrEqual',
  'inRange',
  'blank',
  'notBlank',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

const rowFilter = z.strictObject({
  column: name,
  op: z.enum(FILTER_OPS),
  value: z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]).optional(),
  to: z.union([z.string().max(1000), z.number()]).optional(),
});
export type RowFilter = z.output<typeof rowFilter>;

export interface EditResult {
  dataset: DatasetMeta;
  info: WorkbookInfo;
}
export interface InsertResult extends EditResult {
  rowIds: number[];
}
export interface UpdateResult extends EditResult {
  cells: CellEdit[];
}

export const datasetMethods = {
  'datasets.list': method<DatasetMeta[]>()(empty),
  'datasets.get': method<DatasetMeta>()(datasetRef),
  'datasets.create': method<DatasetMeta>()(
    z.strictObject({
      dataset: name,
      label: z.string().max(200).optional(),
      description: z.string().max(2000).optional(),
      columns: z.array(newColumn).max(1000),
    }),
  ),
  'datasets.rename': method<DatasetMeta>()(z.strictObject({ dataset: name, to: name })),
  /**
   * The name the analyst sees, in the language of their window (English when absent); the
   * dataset's id (which formulas use) stays.
   */
  'datasets.setLabel': method<DatasetMeta>()(
    z.strictObject({ dataset: name, label: z.string().trim().min(1).max(200), language: z.enum(LOCALES).optional() }),
  ),
  'datasets.duplicate': method<DatasetMeta>()(z.strictObject({ dataset: name, to: name })),
  'datasets.delete': method<{ deleted: string }>()(datasetRef),
  'datasets.readRows': method<RowPage>()(
    z.strictObject({
      dataset: name,
      offset: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
      limit: z.number().int().positive().max(MAX_PAGE_ROWS),
      sort: z
        .array(z.strictObject({ column: name, direction: z.enum(['asc', 'desc']) }))
        .max(8)
        .optional(),
      /** Conditions every returned row meets; the store filters, so large datasets never travel whole. */
      filter: z.array(rowFilter).max(32).optional(),
    }),
  ),
  'datasets.updateCells': method<UpdateResult>()(
    z.strictObject({
      dataset: name,
      edits: z
        .array(z.strictObject({ rowId, column: name, value: cellValue }))
        .min(1)
        .max(MAX_BATCH),
      /** The window's language: a note written over a sourced figure is in it. */
      language: z.enum(LOCALES).optional(),
    }),
  ),
  'datasets.insertRows': method<InsertResult>()(
    z.strictObject({
      dataset: name,
      rows: z.array(rowValues).min(1).max(MAX_BATCH),
      /** Insert before this row; at the end when absent. */
      before: rowId.optional(),
    }),
  ),
  'datasets.deleteRows': method<EditResult>()(
    z.strictObject({ dataset: name, rowIds: z.array(rowId).min(1).max(MAX_BATCH) }),
  ),
  /** A block pasted from a spreadsheet: cell edits and rows added at the end, one undo step. */
  'datasets.paste': method<EditResult & { cells: number; added: number }>()(
    z.strictObject({
      dataset: name,
      edits: z.array(z.strictObject({ rowId, column: name, value: cellValue })).max(MAX_BATCH),
      newRows: z.array(rowValues).max(MAX_BATCH),
      language: z.enum(LOCALES).optional(),
    }),
  ),
  'datasets.addColumn': method<DatasetMeta>()(z.strictObject({ dataset: name, column: newColumn })),
  'datasets.renameColumn': method<DatasetMeta>()(
    z.strictObject({ dataset: name, column: name, to: name, label: z.string().max(200).optional() }),
  ),
  'datasets.deleteColumn': method<DatasetMeta>()(z.strictObject({ dataset: name, column: name })),
};

export { cellValue };
