import { z } from 'zod';
import { method } from './method.js';
import type { WorkbookInfo } from './types.js';
import type { CellValue } from './types.js';
import { empty } from './schemas.js';

/** A vintage as lists show it: the state of knowledge on a date, read-only once taken. */
export interface VintageSummary {
  name: string;
  /** The date the inputs describe (YYYY-MM-DD), which may be earlier than when it was taken. */
  date: string;
  note: string;
  /** When it was taken (ISO time). */
  taken: string;
  /** The model version it was taken under (1 for workbooks made before versions were recorded). */
  modelVersion: number;
  /** Rows across all its datasets. */
  rows: number;
}

/** A vintage whole: every assumption's default and every dataset's rows as they were. */
export interface Vintage extends Omit<VintageSummary, 'rows'> {
  assumptions: Record<string, number>;
  datasets: Record<string, { rows: Record<string, CellValue>[] }>;
}

export interface VintagesReply {
  vintages: VintageSummary[];
  info: WorkbookInfo;
}

export const VINTAGE_NAME = /^[^\s\p{Cc}](?:[^\p{Cc}]{0,58}[^\s\p{Cc}])?$/u;
export const vintageName = z.string().regex(VINTAGE_NAME, 'must be 1 to 60 characters, no control characters');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const vintageMethods = {
  'vintages.list': method<VintageSummary[]>()(empty),
  'vintages.get': method<Vintage>()(z.strictObject({ name: vintageName })),
  /** Takes a vintage of the workbook as it is now; a name already taken is refused. */
  'vintages.snapshot': method<VintagesReply>()(
    z.strictObject({ name: vintageName, note: z.string().max(2000).optional(), date: isoDate.optional() }),
  ),
  'vintages.delete': method<VintagesReply>()(z.strictObject({ name: vintageName })),
};
