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
    // A notice from another view is about something no longer on screen: it does not follow.
    setView: (view) => set((s) => ({ view, notices: s.notices.filter((n) => n.view === view) })),
    busy: null,
    async withBusy(label, work) {
      // Under 300 ms a spinner is a flicker; past it the analyst should see the window is working.
      const timer = setTimeout(() => set({ busy: label }), 300);
      try {
        return await work();
      } finally {
        clearTimeout(timer);
        set((s) => (s.busy === label ? { busy: null } : {}));
      }
    },
    importing: null,
    openImport: (file) => set({ importing: { file: file ?? null } }),
    closeImport: () => set({ importing: null }),
  }));
}
export type AppStore = ReturnType<typeof createAppStore>;
