import { z } from 'zod';
import { method } from './method.js';
import type { HistoryStep, WorkbookInfo } from './types.js';
import { empty, filePath } from './schemas.js';

export const workbookMethods = {
  'workbook.info': method<WorkbookInfo>()(empty),
  /** Opens an existing workbook file; the current one is closed first. */
  'workbook.open': method<WorkbookInfo>()(z.strictObject({ path: filePath })),
  /** Makes a new workbook file from the built-in template and opens it. */
  'workbook.newFromTemplate': method<WorkbookInfo>()(z.strictObject({ path: filePath })),
  'workbook.undo': method<HistoryStep>()(empty),
  'workbook.redo': method<HistoryStep>()(empty),
};
