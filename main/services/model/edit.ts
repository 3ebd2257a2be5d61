import { readFileSync, statSync } from 'node:fs';
import { AppError, MODEL_DOCUMENT, type ModelProblem, type WorkbookInfo } from '../../../shared/contract/index.js';
import {
  type ModelDefinition,
  ModelError,
  checkProposed,
  parseDefinition,
  problemOf,
  renameItem,
} from '../../../shared/model/index.js';
import { scenariosRenamed } from '../scenarios.js';
import { vintagesRenamed } from '../vintages.js';
import type { WorkbookStore } from '../store/workbook-store.js';
import { readTables } from './load.js';

/**
 * What is wrong with a model someone proposes for this workbook, or nothing: `checkProposed` on
 * the tables this workbook holds for the datasets the proposal reads.
 */
export async function checkProposedModel(
  store: WorkbookStore,
  json: string,
): Promise<ReturnType<typeof checkProposed>> {
  let def: ModelDefinition;
  try {
    def = parseDefinition(json); // to know which datasets to read
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    return checkProposed(json, {}); // refused the same way, without reading any data
  }
  return checkProposed(json, await readTables(store, def));
}

/** A model file is at most this long (the built-in model is about 40 kB). */
const MODEL_FILE_MAX = 2_000_000;

/**
 * The text of a model file an analyst picked: refused, naming the file, when it is too long to
 * be a model or is not UTF-8 text; a byte-order mark is dropped.
 */
export function readModelFile(path: string, name: string): string {
  const size = statSync(path).size;
  if (size > MODEL_FILE_MAX)
    throw AppError.of('TOO_LARGE', { key: 'mainError.modelFileTooLarge', params: { name, size, max: MODEL_FILE_MAX } });
  const bytes = readFileSync(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw AppError.of('BAD_REQUEST', { key: 'mainError.modelFileNotText', params: { name } });
  }
  return text.replace(/^\uFEFF/, '');
}

/**
 * Replaces the workbook's model with `json`, all or nothing: a model with a problem is refused
 * with the checker's positioned message and nothing is written. A model that passes is stored
 * (formatted, so a diff in git reads line by line) as one undo step; windows recompute on it.
 */
export async function applyModel(store: WorkbookStore, json: string): Promise<WorkbookInfo> {
  const def = await checked(store, json);
  return store.editDocument(MODEL_DOCUMENT, stored(def), { key: 'undo.editModel' });
}

/** The model as the workbook stores it: formatted, so a diff in git reads line by line. */
const stored = (def: ModelDefinition) => `${JSON.stringify(def, null, 2)}\n`;

/** Refused with the first problem's words; every problem found rides along in the details. */
const refused = (problem: ModelProblem, problems: ModelProblem[] = [problem]) =>
  AppError.of(
    'INVALID_VALUE',
    { key: 'mainError.modelRefused', params: { message: problem.message } },
    { ...problem, problems },
  );

/** The proposed model if it passes the checker on this workbook's data; refused otherwise. */
async function checked(store: WorkbookStore, json: string): Promise<ModelDefinition> {
  const { def, problem, problems } = await checkProposedModel(store, json);
  if (problem) throw refused(problem, problems);
  return def;
}

/**
 * Renames an assumption, variable or check, as one undo step: every formula that uses it, the
 * outputs, the built-in scenarios, and (for an assumption) the saved scenarios, the what-if
 * state and the vintages that set it follow, so no number is lost under its old name.
 */
export async function renameModelItem(store: WorkbookStore, from: string, to: string): Promise<WorkbookInfo> {
  const current = await store.getDocument(MODEL_DOCUMENT);
  if (current === null) throw AppError.of('NOT_FOUND', { key: 'mainError.noModel' });
  let renamed: ModelDefinition;
  try {
    renamed = renameItem(parseDefinition(current), from, to);
  } catch (error) {
    if (error instanceof ModelError) throw refused(problemOf(error));
    throw error;
  }
  const def = await checked(store, JSON.stringify(renamed));
  const changes = [{ name: MODEL_DOCUMENT, body: stored(def) }];
  if (def.assumptions.some((a) => a.id === to)) {
    const scenarios = await scenariosRenamed(store, from, to);
    if (scenarios) changes.push(scenarios);
    changes.push(...(await vintagesRenamed(store, from, to)));
  }
  return store.editDocuments(changes, { key: 'undo.renameItem', params: { from, to } });
}
