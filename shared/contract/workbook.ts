import { z } from 'zod';
import { method } from './method.js';
import type { HistoryStep, WorkbookInfo } from './types.js';
import { empty } from './schemas.js';

/** A workbook file in the workbook folder. Windows name workbooks, never paths. */
export interface WorkbookEntry {
  name: string;
  current: boolean;
  modified: string;
}

const workbookName = z.string().min(1).max(124);

export const workbookMethods = {
  'workbook.info': method<WorkbookInfo>()(empty),
  'workbook.list': method<WorkbookEntry[]>()(empty),
  /** Opens a workbook of the folder by name; the current one stays open if this one is refused. */
  'workbook.open': method<WorkbookInfo>()(z.strictObject({ name: workbookName })),
  /** Makes a new workbook from the built-in template in the folder and opens it. */
  'workbook.newFromTemplate': method<WorkbookInfo>()(z.strictObject({ name: workbookName })),
  /** Renames a workbook file of the folder (the open one too: it is reopened under the new name). */
  'workbook.rename': method<WorkbookInfo | null>()(z.strictObject({ name: workbookName, to: workbookName })),
  /** Moves a workbook that is not open into the folder's "Deleted workbooks", from where it can be moved back. */
  'workbook.delete': method<{ deleted: string }>()(z.strictObject({ name: workbookName })),
  /** What opening the workbook had to do that the user should hear of (a half-made file moved aside); each said once. */
  'workbook.notes': method<string[]>()(empty),
  /** The model version the open workbook was made from, and the built-in one it could adopt. */
  'workbook.modelVersions': method<{ workbook: number; builtIn: number }>()(empty),
  /** Adopts the built-in model's newer version (asked first, in the window). */
  'workbook.upgrade': method<{
    info: WorkbookInfo;
    vintage: string;
    backup: string;
    scenarios: { name: string; dropped: string[] }[];
  }>()(empty),
  'workbook.undo': method<HistoryStep>()(empty),
  'workbook.redo': method<HistoryStep>()(empty),
};
