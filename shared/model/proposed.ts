import type { ModelProblem } from '../contract/index.js';
import type { DatasetTable } from './data.js';
import type { ModelDefinition } from './definition.js';
import { parseDefinition } from './definition.js';
import { checkModel } from './check.js';
import { bindData } from './data.js';
import { compileEngine } from './evaluate.js';
import { ModelError } from './errors.js';

/**
 * A proposed model (JSON) checked against the data it would run on: the definition's shape and
 * ranges, names, every formula (syntax, dimensions, units, cycles) and the datasets it reads.
 * The first problem comes with its item and position. The window runs this as the analyst types;
 * the main process runs it again before it saves, and stays the authority.
 */
export function checkProposed(
  json: string,
  tables: Record<string, DatasetTable>,
): { def: ModelDefinition; problem: null } | { def: null; problem: ModelProblem } {
  try {
    const def = parseDefinition(json);
    compileEngine(checkModel(def), bindData(def, tables));
    return { def, problem: null };
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    return { def: null, problem: problemOf(error) };
  }
}

/** A model error as the contract carries it to the window and the CLI. */
export function problemOf(error: ModelError): ModelProblem {
  const { kind, where, detail, position, message } = error;
  return { kind, where, detail, ...(position !== undefined ? { position } : {}), message };
}
