import { createStore } from 'zustand/vanilla';
import type { Api } from '../../../shared/contract/index.js';
import { createClient } from '../api/client.js';
import type { Transport } from '../api/transport.js';
import { analysisSlice } from './analysis-slice.js';
import { dialogSlice } from './dialog-slice.js';
import { gridSlice } from './grid-slice.js';
import { historySlice } from './history-slice.js';
import { modelSlice } from './model-slice.js';
import { type HandOver, importSlice } from './import-slice.js';
import { syncSlice } from './sync-slice.js';
import { vintageSlice } from './vintage-slice.js';
import { noticeSlice } from './notices-slice.js';
import { saveTheme, storedTheme } from '../theme.js';
import { saveMoney, storedMoney } from '../money.js';
import { saveLanguage, storedLanguage } from '../language.js';
import type { AppState } from './types.js';
import { workbookSlice } from './workbook-slice.js';

/** One store per window, built from per-concern slices, talking only through the contract client. */
export function createAppStore(api: Api, files: { upload?: HandOver; dropped?: HandOver } = {}) {
  return createStore<AppState>()((set, get) => ({
    api,
    ...importSlice(set, get, files),
    ...noticeSlice(set, get),
    ...workbookSlice(set, get),
    ...syncSlice(set, get),
    ...gridSlice(set, get),
    ...historySlice(set, get),
    ...modelSlice(set, get),
    ...vintageSlice(set, get),
    ...dialogSlice(set, get),
    ...analysisSlice(set, get),
    view: 'whatif',
    // A notice from another view is about something no longer on screen: it does not follow.
    setView: (view) => set((s) => ({ view, notices: s.notices.filter((n) => n.view === view) })),
    explainTrail: { trail: [], at: -1 },
    explainPick: (pick) =>
      set((s) => {
        const current = s.explainTrail.trail[s.explainTrail.at];
        if (current && current.variable === pick.variable && current.index === pick.index) return {};
        const trail = [...s.explainTrail.trail.slice(0, s.explainTrail.at + 1), pick].slice(-50);
        return { explainTrail: { trail, at: trail.length - 1 } };
      }),
    explainStep: (by) =>
      set((s) => {
        const at = Math.min(Math.max(s.explainTrail.at + by, 0), s.explainTrail.trail.length - 1);
        return { explainTrail: { ...s.explainTrail, at } };
      }),
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
    language: storedLanguage(),
    setLanguage: (language) => {
      saveLanguage(language);
      set({ language });
    },
    money: storedMoney(),
    setMoney: (money) => {
      saveMoney(money);
      set({ money });
    },
    theme: storedTheme(),
    setTheme: (theme) => {
      saveTheme(theme);
      set({ theme });
    },
  }));
}
export type AppStore = ReturnType<typeof createAppStore>;

/** The window's store over a transport, with each write's changes fed to its one invalidation path. */
export function createWindowStore(transport: Transport): AppStore {
  const late: { store: AppStore | null } = { store: null };
  // The browser host uploads a file's bytes; the desktop app hands over a dropped file's path.
  const files = {
    ...(transport.upload ? { upload: transport.upload } : {}),
    ...(transport.dropped ? { dropped: transport.dropped } : {}),
  };
  const store = createAppStore(
    createClient(transport, (changed) => late.store?.getState().invalidate(changed) ?? Promise.resolve()),
    files,
  );
  late.store = store;
  return store;
}
