import type { Api, CellValue, DatasetMeta, WorkbookEntry, WorkbookInfo } from '../../../shared/contract/index.js';

/** A grid row: the store's row id beside the column values. Column names never start with `_`. */
export type GridRow = { __id: number } & Record<string, CellValue>;

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface WorkbookSlice {
  info: WorkbookInfo | null;
  datasets: DatasetMeta[];
  selected: string | null;
  loadError: string | null;
  workbooks: WorkbookEntry[];
  loadWorkbook: () => Promise<void>;
  select: (dataset: string) => Promise<void>;
  openWorkbook: (name: string) => Promise<void>;
  newWorkbook: () => Promise<void>;
}

export interface GridSlice {
  rows: GridRow[];
  total: number;
  loadingRows: boolean;
  saving: number;
  lastSaved: 'saved' | 'failed';
  reloadRows: () => Promise<void>;
  editCell: (rowId: number, column: string, value: CellValue) => Promise<boolean>;
  addRow: () => Promise<void>;
  deleteRows: (rowIds: number[]) => Promise<void>;
}

export interface HistorySlice {
  undo: () => Promise<void>;
  redo: () => Promise<void>;
}

export interface NoticeSlice {
  notices: Notice[];
  notify: (kind: Notice['kind'], text: string) => void;
  dismiss: (id: number) => void;
}

export type AppState = WorkbookSlice & GridSlice & HistorySlice & NoticeSlice & { api: Api };
export type SetState = (partial: Partial<AppState> | ((s: AppState) => Partial<AppState>)) => void;
export type GetState = () => AppState;
