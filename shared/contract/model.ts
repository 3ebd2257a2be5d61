import { z } from 'zod';
import { method } from './method.js';
import { empty } from './schemas.js';
import type { WorkbookInfo } from './types.js';

/** The model definition as stored in the workbook (see data/model.json). */
export interface ModelDefinitionText {
  json: string;
}

/** A sourced figure from the workbook's fact table (data/facts.csv when it was made). */
export interface Fact {
  id: string;
  entity: string;
  metric: string;
  value: string;
  unit: string;
  period: string;
  basis: string;
  url: string;
  note: string;
}

/** The workbook document holding the model definition (JSON). */
export const MODEL_DOCUMENT = 'model';

/**
 * What the checker found wrong with a proposed model: the kind (syntax, unknown-name, cycle,
 * dimension, unit, type, prev, data, definition), the item ("variable supply_h100e"), the
 * 1-based position in its formula where that applies, and the whole message.
 */
export interface ModelProblem {
  kind: string;
  where: string;
  detail: string;
  position?: number;
  message: string;
}

/** A model definition is at most this long (the built-in one is about 40 kB). */
const modelJson = z.string().min(2).max(2_000_000);

export const modelMethods = {
  'model.definition': method<ModelDefinitionText>()(empty),
  'model.facts': method<Fact[]>()(empty),
  /** The model the workbench ships (data/model.json), to compare a workbook's edits with. */
  'model.builtIn': method<ModelDefinitionText>()(empty),
  /** Checks a proposed model against this workbook's data without saving anything: the first problem and every formula's. */
  'model.check': method<{ problem: ModelProblem | null; problems: ModelProblem[] }>()(
    z.strictObject({ json: modelJson }),
  ),
  /** Replaces the model, all or nothing, as one undo step; refused with the checker's message. */
  'model.apply': method<{ info: WorkbookInfo }>()(z.strictObject({ json: modelJson })),
  /**
   * Renames an assumption, variable or check as one undo step; formulas, outputs, scenarios,
   * the what-if state and vintages follow. Refused with the reason (taken, not a name).
   */
  'model.rename': method<{ info: WorkbookInfo }>()(
    z.strictObject({ from: z.string().min(1).max(200), to: z.string().min(1).max(200) }),
  ),
};
