import { z } from 'zod';
import { type Text, isText } from '../i18n/index.js';
import { COLUMN_TYPES } from './types.js';

/** Building blocks for request schemas; every object is strict so unknown keys are refused. */
export const name = z.string().min(1).max(63);
export const datasetRef = z.strictObject({ dataset: name });
export const cellValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const rowId = z.number().int().nonnegative();
export const columnType = z.enum(COLUMN_TYPES);
export const rowValues = z.record(z.string().max(63), cellValue);
export const empty = z.strictObject({});
/** A sentence as data (a catalogue key and its parameters), kept short: an undo label, say. */
export const catalogueText = z.custom<Text>(
  (v) => isText(v) && JSON.stringify(v).length <= 1000,
  'must be a catalogue key with parameters',
);
