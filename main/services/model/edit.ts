import { AppError, MODEL_DOCUMENT, type ModelProblem, type WorkbookInfo } from '../../../shared/contract/index.js';
import {
  type ModelDefinition,
  ModelError,
  bindData,
  checkModel,
  compileEngine,
  parseDefinition,
} from '../../../shared/model/index.js';
import type { WorkbookStore } from '../store/workbook-store.js';
import { readTables } from './load.js';

/**
 * What is wrong with a model someone proposes for this workbook, or nothing: the definition's
 * shape, its names, every formula (syntax, names, dimensions, units, cycles) and whether it runs
 * on this workbook's data (the datasets and columns it reads, the members it needs). The first
 * problem is given with the item and the position in its formula where that applies.
 */
export async function checkProposedModel(
  store: WorkbookStore,
  json: string,
): Promise<{ def: ModelDefinition; problem: null } | { def: null; problem: ModelProblem }> {
  try {
    const def = parseDefinition(json);
    const checked = checkModel(def);
    compileEngine(checked, bindData(def, await readTables(store, def)));
    return { def, problem: null };
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    return {
      def: null,
      problem: {
        kind: error.kind,
        where: error.where,
        detail: error.detail,
        ...(error.position !== undefined ? { position: error.position } : {}),
        message: error.message,
      },
    };
  }
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
