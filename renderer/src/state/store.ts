import { createStore } from 'zustand/vanilla';
import type { Api } from '../../../shared/contract/index.js';
import { analysisSlice } from './analysis-slice.js';
import { dialogSlice } from './dialog-slice.js';
import { gridSlice } from './grid-slice.js';
import { historySlice } from './history-slice.js';
import { modelSlice } from './model-slice.js';
import { noticeSlice } from './notices-slice.js';
import type { AppState } from './types.js';
import { workbookSlice } from './workbook-slice.js';

/** One store per window, built from per-concern slices, talking only through the contract client. */
export function createAppStore(api: Api) {
  return createStore<AppState>()((set, get) => ({
    api,
    ...noticeSlice(set, get),
    ...workbookSlice(set, get),
    ...gridSlice(set, get),
    ...historySlice(set, get),
    ...modelSlice(set, get),
    ...dialogSlice(set, get),
    ...analysisSlice(set, get),
    view: 'whatif',
    setView: (view) => set({ view }),
    importing: null,
    openImport: (file) => set({ importing: { file: file ?? null } }),
    closeImport: () => set({ importing: null }),
  }));
}
export type AppStore = ReturnType<typeof createAppStore>;
