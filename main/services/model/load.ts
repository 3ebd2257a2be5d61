import { AppError, MODEL_DOCUMENT } from '../../../shared/contract/index.js';
import {
  type DatasetTable,
  type Engine,
  type ModelDefinition,
  ModelError,
  bindData,
  checkModel,
  compileEngine,
  modelAt,
  parseDefinition,
  readModelTables,
} from '../../../shared/model/index.js';
import type { WorkbookStore } from '../store/workbook-store.js';
import { VintageService } from '../vintages.js';

/** Every row of the datasets a model reads, paged out of the store. */
export async function readTables(store: WorkbookStore, def: ModelDefinition): Promise<Record<string, DatasetTable>> {
  const existing = (await store.listDatasets()).map((d) => d.name);
  return readModelTables(def, existing, (dataset, offset, limit) => store.readRows({ dataset, offset, limit }));
}

export async function readDefinition(store: WorkbookStore): Promise<ModelDefinition> {
  const json = await store.getDocument(MODEL_DOCUMENT);
  if (json === null) throw new Error(`${store.path} has no model definition.`);
  return parseDefinition(json);
}

/**
 * The model and the data it runs on: the workbook's working data, or a vintage's (its rows and
 * its assumption defaults). Scenarios then apply on top of either.
 */
export async function loadModelState(
  store: WorkbookStore,
  vintage?: string,
): Promise<{ def: ModelDefinition; tables: Record<string, DatasetTable> }> {
  const def = await readDefinition(store);
  if (vintage === undefined) return { def, tables: await readTables(store, def) };
  return modelAt(def, await new VintageService(store).get(vintage));
}

/** The model of a workbook compiled over its current data, or over a vintage's. */
export async function loadEngine(
  store: WorkbookStore,
  options: { vintage?: string | undefined } = {},
): Promise<Engine> {
  const { def, tables } = await loadModelState(store, options.vintage);
  return engineOver(def, tables);
}

/** A definition compiled over tables, with a data problem said as the model's own message. */
export function engineOver(def: ModelDefinition, tables: Record<string, DatasetTable>): Engine {
  try {
    return compileEngine(checkModel(def), bindData(def, tables));
  } catch (error) {
    // The data no longer fits the model (a dataset or column it reads was renamed or
    // deleted, a member is missing): say so as the model's own message, not as a crash.
    if (error instanceof ModelError)
      throw AppError.of('INVALID_VALUE', { key: 'mainError.modelData', params: { reason: error.message } });
    throw error;
  }
}
