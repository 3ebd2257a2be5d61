import type {
  Api,
  Changed,
  ExportDone,
  RowFilter,
  RowPage,
  ImportProgress,
  MenuEntry,
  CellValue,
  DatasetMeta,
  Fact,
  ModelProblem,
  ScenarioState,
  Vintage,
  VintageSummary,
  WorkbookEntry,
  WorkbookInfo,
} from '../../../shared/contract/index.js';
import type { DatasetTable, Engine, ModelDefinition } from '../../../shared/model/index.js';
import type { ThemeChoice } from '../theme.js';
import type { MoneyChoice } from '../money.js';
import type { MoneyUnit } from '../../../shared/model/index.js';
import type { Locale, Text } from '../../../shared/i18n/index.js';
import type { LanguageChoice } from '../language.js';
import type { ImportWizard } from './import-slice.js';
import type { MonteCarloMessage } from '../workers/protocol.js';
import type { ModelDraft } from '../model-draft.js';

/** A grid row: the store's row id beside the column values. Column names never start with `_`. */
export type GridRow = { __id: number } & Record<string, CellValue>;

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
  /** The view it was raised in: it goes when the analyst moves to another view. */
  view: View;
  /** What it is about (e.g. one cell); a later success on the same key clears it. */
  key?: string;
}

export interface WorkbookSlice {
  info: WorkbookInfo | null;
  datasets: DatasetMeta[];
  selected: string | null;
  loadError: string | null;
  workbooks: WorkbookEntry[];
  /** Everything about the workbook: info, datasets, the folder's list, rows, vintages. */
  loadWorkbook: () => Promise<void>;
  /** Info (undo labels) and the dataset list, and the folder's list when `folder`. */
  refreshCatalog: (folder?: boolean) => Promise<void>;
  select: (dataset: string) => Promise<void>;
  openWorkbook: (name: string) => Promise<void>;
  /** Catalog changes from the sidebar: each resolves when done and throws when refused. */
  setDatasetLabel: (dataset: string, label: string) => Promise<void>;
  deleteDataset: (dataset: string) => Promise<void>;
  renameWorkbook: (name: string, to: string) => Promise<void>;
  deleteWorkbook: (name: string) => Promise<void>;
  exportDataset: (dataset: string, format: 'csv' | 'xlsx', encoding?: 'utf-8' | 'gb18030') => Promise<ExportDone>;
  /** The workbook's model as a JSON file. */
  exportModelDefinition: () => Promise<ExportDone>;
  /** A model file read and checked by main (nothing applied): its text and every problem found. */
  readModelFile: (file: File | null) => Promise<{ json: string; name: string; problems: ModelProblem[] } | null>;
  exportModel: (args: {
    scenario?: string;
    set?: Record<string, number>;
    valuesOnly?: boolean;
    money?: MoneyUnit;
    language?: Locale;
  }) => Promise<ExportDone>;
  newWorkbook: (name: string) => Promise<void>;
}

export interface GridSlice {
  rows: GridRow[];
  /** Bumped whenever rows may have changed in the store: large grids refetch their pages. */
  rowsVersion: number;
  total: number;
  /** Rows left by the grid's filters and Find, or null when nothing filters them. */
  shownRows: number | null;
  setShownRows: (n: number | null) => void;
  /** Bumped by Ctrl+F or Edit ▸ Find: the Data view focuses its Find field. */
  findRequest: number;
  requestFind: () => void;
  loadingRows: boolean;
  saving: number;
  lastSaved: 'saved' | 'failed';
  reloadRows: () => Promise<void>;
  /** One page of a dataset, sorted and filtered by the store (the large grid's pages). */
  readPage: (args: {
    dataset: string;
    offset: number;
    limit: number;
    sort?: { column: string; direction: 'asc' | 'desc' }[];
    filter?: RowFilter[];
  }) => Promise<RowPage>;
  editCell: (rowId: number, column: string, value: CellValue) => Promise<boolean>;
  /** A blank row before the row with this id, or at the end. */
  addRow: (before?: number) => Promise<void>;
  deleteRows: (rowIds: number[]) => Promise<void>;
  paste: (
    edits: { rowId: number; column: string; value: string }[],
    newRows: Record<string, string>[],
  ) => Promise<boolean>;
}

export interface HistorySlice {
  undo: () => Promise<void>;
  redo: () => Promise<void>;
}

export interface NoticeSlice {
  notices: Notice[];
  notify: (kind: Notice['kind'], text: string, key?: string) => void;
  dismiss: (id: number) => void;
  /** The cause behind `key` is gone (the cell now saved, the import done): its notice goes too. */
  resolved: (key: string) => void;
}

export type ScenarioAction =
  | { kind: 'create'; name: string }
  | { kind: 'save'; name: string }
  | { kind: 'rename'; name: string; to: string }
  | { kind: 'duplicate'; name: string; to: string }
  | { kind: 'delete'; name: string };

export interface ModelSlice {
  def: ModelDefinition | null;
  engine: Engine | null;
  /** The tables the model runs on: the working data's or the vintage's in use. */
  tables: Record<string, DatasetTable>;
  /** The working data and its definition, whichever vintage is in use (comparisons need both). */
  working: { def: ModelDefinition; tables: Record<string, DatasetTable> } | null;
  facts: Fact[];
  modelError: string | null;
  scenarioState: ScenarioState | null;
  /** Assumption values on screen, in the model's order. */
  values: Float64Array | null;
  /** The current scenario's own values: what "reset" goes back to and what changes are marked against. */
  baseValues: Float64Array | null;
  /** Every variable's values for `values` (copies, safe to keep). */
  results: Map<string, Float64Array> | null;
  /** The year the headline cards show. */
  year: number;
  /** The model, its scenario state and its data; `only.datasets`: just those tables changed. */
  loadModel: (only?: { datasets: string[] }) => Promise<void>;
  /** Replaces the model (checked by main first, one undo step); false, with a notice, when refused. */
  applyModel: (def: ModelDefinition) => Promise<boolean>;
  /** The item being edited in the Model view and not yet applied: kept across tab switches. */
  modelDraft: ModelDraft | null;
  /** Renames an item everywhere it is used (one undo step); false, with a notice, when refused. */
  renameModelItem: (from: string, to: string) => Promise<boolean>;
  /** The model the workbench ships, once asked for (the Model view's diff). */
  builtInModel: ModelDefinition | null;
  loadBuiltInModel: () => Promise<void>;
  setModelDraft: (draft: ModelDraft | null) => void;
  /** Slider moves waiting to be saved or on their way: the window's state is newer than the saved one. */
  movesInFlight: () => boolean;
  /** `label` names the undo step (as data, worded in each window's language). */
  setAssumption: (id: string, value: number, label?: Text) => void;
  resetAssumptions: (ids?: string[]) => void;
  flushSave: () => Promise<void>;
  setYear: (year: number) => void;
  switchScenario: (name: string) => Promise<void>;
  scenarioAction: (action: ScenarioAction) => Promise<boolean>;
  factsById: () => Map<string, Fact>;
}

export interface VintageSlice {
  vintages: VintageSummary[];
  /** The vintage the model runs on; null: the workbook's working data. */
  vintage: string | null;
  loadVintages: () => Promise<void>;
  fetchVintage: (name: string) => Promise<Vintage>;
  /** The definition and tables of a vintage (its defaults and rows), or `working` for null. */
  stateAt: (
    name: string | null,
    working: { def: ModelDefinition; tables: Record<string, DatasetTable> },
  ) => Promise<{ def: ModelDefinition; tables: Record<string, DatasetTable> }>;
  useVintage: (name: string | null) => Promise<void>;
  snapshotVintage: (name: string, note: string, date: string) => Promise<boolean>;
  deleteVintage: (name: string) => Promise<boolean>;
  /** The model version the workbook was made from and the built-in one, when they differ. */
  upgradeOffer: { workbook: number; builtIn: number } | null;
  /** "Keep its own model": the offer is not shown again in this window for this workbook. */
  declineUpgrade: () => void;
  /** Adopts the built-in model's version after the user's yes. */
  upgradeModel: () => Promise<boolean>;
}

export type View = 'whatif' | 'data' | 'outputs' | 'scenarios' | 'analyses' | 'model';

export interface ExplainPick {
  variable: string;
  index: number;
}

export interface UiSlice {
  view: View;
  setView: (view: View) => void;
  /** The import wizard, open with the file that was dropped (or none yet). */
  /** The cells followed in the explain panel, oldest first, and which one is shown. */
  explainTrail: { trail: ExplainPick[]; at: number };
  /** Shows a cell, dropping anything "forward" of the current one, as a browser does. */
  explainPick: (pick: ExplainPick) => void;
  explainStep: (by: -1 | 1) => void;
  /** What the window is waiting for, shown once it has taken over 300 ms. */
  busy: string | null;
  withBusy: <T>(label: string, work: () => Promise<T>) => Promise<T>;
  /** Light, dark or the system's; kept per computer. */
  theme: ThemeChoice;
  setTheme: (choice: ThemeChoice) => void;
  /** The unit money is shown in (亿元, bn CNY, bn USD), or by language; kept per computer. */
  money: MoneyChoice;
  setMoney: (choice: MoneyChoice) => void;
  /** The interface language: the system's, or always English or Chinese; kept per computer. */
  language: LanguageChoice;
  setLanguage: (choice: LanguageChoice) => void;
}

export interface TextQuestion {
  title: string;
  label: string;
  initial?: string;
  confirmLabel?: string;
  /** Says what is wrong with an answer (shown under the field), or null when it will do. */
  validate?: (value: string) => string | null;
}
export interface ConfirmQuestion {
  title: string;
  message: string;
  confirmLabel?: string;
  danger?: boolean;
}

export type DialogRequest = ({ kind: 'text' } & TextQuestion) | ({ kind: 'confirm' } & ConfirmQuestion);

export interface DialogSlice {
  dialog: (DialogRequest & { resolve: (answer: string | boolean | null) => void }) | null;
  /** The trimmed answer, or null when cancelled. */
  askText: (question: TextQuestion) => Promise<string | null>;
  askConfirm: (question: ConfirmQuestion) => Promise<boolean>;
  /** The in-app context menu on show (the browser host's; the desktop uses the system's). */
  menu: { items: MenuEntry[]; x: number; y: number; resolve: (id: string | null) => void } | null;
  /** Shows a context menu at (x, y) in the window; answers the chosen id or null. */
  showMenu: (items: MenuEntry[], x: number, y: number) => Promise<string | null>;
}

export type MonteCarloResult = Extract<MonteCarloMessage, { kind: 'done' }> & {
  /** What the run was made on: the compiled model and data, the values on screen, the scenario. */
  inputs: { engine: Engine; values: Float64Array; scenario: string; changed: number };
};

export interface AnalysisSlice {
  monteCarlo: {
    running: { done: number; total: number } | null;
    result: MonteCarloResult | null;
    error: string | null;
  };
  runMonteCarlo: (draws: number, seed: number) => void;
  cancelMonteCarlo: () => void;
  failMonteCarlo: (message: string) => void;
}

export interface ImportSlice {
  /** The import wizard is open (with the file dropped on the window, if any). */
  importing: { file: File | null } | null;
  wizard: ImportWizard;
  /** The browser host takes a file's bytes from a file input; the desktop opens its own dialog. */
  canUpload: boolean;
  openImport: (file?: File) => void;
  /** Closes the wizard and lets the uploaded copy go. */
  closeImport: () => void;
  importSend: (file: File) => Promise<void>;
  importPick: () => Promise<void>;
  /**
   * A file for main to read: the one chosen in the page handed over (browser host), or the
   * native open dialog (desktop); null when the analyst cancelled.
   */
  chooseFile: (file: File | null) => Promise<{ upload: string; name: string } | null>;
  /** Changes options; a change of how the file is read checks it again. */
  importSet: (
    change: Partial<
      Pick<
        ImportWizard,
        | 'encoding'
        | 'delimiter'
        | 'sheet'
        | 'headerRow'
        | 'types'
        | 'mode'
        | 'dataset'
        | 'mapping'
        | 'acknowledged'
        | 'keepCopy'
      >
    >,
  ) => void;
  importProgress: (p: ImportProgress) => void;
  /** Runs the import; true when it landed (the wizard can close). */
  importRun: (allowDuplicateKeys?: boolean) => Promise<boolean>;
  importCancel: () => Promise<void>;
  /** File column -> dataset column: the analyst's choice, else the closest by name, label and unit. */
  importMapping: () => Record<string, string>;
}

export interface SyncSlice {
  /** What a write changed (a reply's `changed` or the `changed` event): reloads what depends on it. */
  invalidate: (changed: Changed) => Promise<void>;
}

export type AppState = WorkbookSlice &
  SyncSlice &
  ImportSlice &
  AnalysisSlice &
  GridSlice &
  HistorySlice &
  NoticeSlice &
  ModelSlice &
  VintageSlice &
  UiSlice &
  DialogSlice & { api: Api };
export type SetState = (partial: Partial<AppState> | ((s: AppState) => Partial<AppState>)) => void;
export type GetState = () => AppState;
