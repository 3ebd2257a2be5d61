import { datasetMethods } from './datasets.js';
import type { ClientOf, HandlersOf, SpecArgs, SpecResult } from './method.js';
import { modelMethods } from './model.js';
import { scenarioMethods } from './scenarios.js';
import { transferMethods } from './transfer.js';
import { vintageMethods } from './vintages.js';
import { workbookMethods } from './workbook.js';

export * from './errors.js';
export * from './types.js';
export * from './events.js';
export * from './changes.js';
export * from './names.js';
export * from './values.js';
export * from './limits.js';
export type { CallContext, MethodSpec } from './method.js';
export type { EditResult, InsertResult, UpdateResult } from './datasets.js';
export { FILTER_OPS, MAX_BATCH, MAX_PAGE_ROWS } from './datasets.js';
export type { FilterOp, RowFilter } from './datasets.js';
export type { Fact, ModelDefinitionText, ModelProblem } from './model.js';
export { MODEL_DOCUMENT } from './model.js';
export type { Scenario, ScenarioReply, ScenarioState } from './scenarios.js';
export type { ExportDone, ImportDone, ImportPreview, ImportProgress, ImportStage } from './transfer.js';
export { DELIMITERS, ENCODING_CHOICES, HEADER_ROW_MAX, IMPORT_EXTENSIONS, IMPORT_STAGES } from './transfer.js';
export type { WorkbookEntry } from './workbook.js';
export type { Vintage, VintageSummary, VintagesReply } from './vintages.js';
export { VINTAGE_NAME } from './vintages.js';

/** Every method of the contract, by domain. A name may appear in one domain only. */
export const contract = {
  ...workbookMethods,
  ...datasetMethods,
  ...modelMethods,
  ...scenarioMethods,
  ...transferMethods,
  ...vintageMethods,
};
export type Contract = typeof contract;
export type MethodName = keyof Contract;

export type WorkbookHandlers = HandlersOf<typeof workbookMethods>;
export type DatasetHandlers = HandlersOf<typeof datasetMethods>;
export type ModelHandlers = HandlersOf<typeof modelMethods>;
export type ScenarioHandlers = HandlersOf<typeof scenarioMethods>;
export type TransferHandlers = HandlersOf<typeof transferMethods>;
export type VintageHandlers = HandlersOf<typeof vintageMethods>;
/** The whole implementation: the intersection of every domain's handler map. */
export type Handlers = WorkbookHandlers &
  DatasetHandlers &
  ModelHandlers &
  ScenarioHandlers &
  TransferHandlers &
  VintageHandlers;
/** What the renderer calls. */
export type Api = ClientOf<Contract>;
export type ArgsOf<M extends MethodName> = SpecArgs<Contract[M]>;
export type ResultOf<M extends MethodName> = SpecResult<Contract[M]>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];
export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}
export * from './bridge.js';
