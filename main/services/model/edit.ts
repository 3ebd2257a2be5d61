import { AppError, MODEL_DOCUMENT, type ModelProblem, type WorkbookInfo } from '../../../shared/contract/index.js';
import {
  type ModelDefinition,
  ModelError,
  checkProposed,
  parseDefinition,
  problemOf,
} from '../../../shared/model/index.js';
import type { WorkbookStore } from '../store/workbook-store.js';
import { readTables } from './load.js';

/**
 * What is wrong with a model someone proposes for this workbook, or nothing: `checkProposed` on
 * the tables this workbook holds for the datasets the proposal reads.
 */
export async function checkProposedModel(
  store: WorkbookStore,
  json: string,
): Promise<{ def: ModelDefinition; problem: null } | { def: null; problem: ModelProblem }> {
  let def: ModelDefinition;
  try {
    def = parseDefinition(json); // to know which datasets to read
  } catch (error) {
    if (error instanceof ModelError) return { def: null, problem: problemOf(error) };
    throw error;
  }
  return checkProposed(json, await readTables(store, def));
}

/**
 * Replaces the workbook's model with `json`, all or nothing: a model with a problem is refused
 * with the checker's positioned message and nothing is written. A model that passes is stored
 * (formatted, so a diff in git reads line by line) as one undo step; windows recompute on it.
 */
export async function applyModel(store: WorkbookStore, json: string): Promise<WorkbookInfo> {
  const { def, problem } = await checkProposedModel(store, json);
  if (problem) {
    throw AppError.of(
      'INVALID_VALUE',
      { key: 'mainError.modelRefused', params: { message: problem.message } },
      { ...problem },
    );
  }
  return store.editDocument(MODEL_DOCUMENT, `${JSON.stringify(def, null, 2)}\n`, { key: 'undo.editModel' });
}
