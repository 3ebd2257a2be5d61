import { localeFor, sayIn } from '../language.js';
import { messageOf } from './notices-slice.js';
import type { GetState, SetState, WorkbookSlice } from './types.js';
import { newestOnly } from './newest.js';

export function workbookSlice(set: SetState, get: GetState): WorkbookSlice {
  // The newest load wins: an older one answered late (from before a switch) is dropped.
  const beginLoad = newestOnly();
  const beginRefresh = newestOnly();
  return {
    info: null,
    datasets: [],
    selected: null,
    loadError: null,
    workbooks: [],
    async loadWorkbook() {
      const { api } = get();
      const current = beginLoad();
      // A whole load supersedes any catalogue refresh still answering: that refresh may have read
      // the workbook mid-change (an upgrade's own edits announce themselves as it runs).
      beginRefresh();
      try {
        const [info, datasets, workbooks, notes] = await Promise.all([
          api['workbook.info']({}),
          api['datasets.list']({}),
          api['workbook.list']({}),
          api['workbook.notes']({}),
        ]);
        // Said once: what opening had to do (a half-made file moved aside).
        for (const note of notes) get().notify('info', note);
        if (!current()) return;
        const shown = get().selected;
        const selected = datasets.some((d) => d.name === shown) ? shown : (datasets[0]?.name ?? null);
        set({ info, datasets, workbooks, selected, loadError: null });
        // Vintages and the upgrade offer change with the workbook, not with each edit: read here,
        // not on every model reload after a cell edit.
        await Promise.all([get().reloadRows(), get().loadVintages()]);
      } catch (error) {
        if (!current()) return;
        set({ loadError: messageOf(error) });
      }
    },
    // Each reply reloads what it changed (sync-slice.ts); the sidebar says what was done.
    setDatasetLabel: async (dataset, label) =>
      void (await get().api['datasets.setLabel']({ dataset, label, language: localeFor(get().language) })),
    deleteDataset: async (dataset) => void (await get().api['datasets.delete']({ dataset })),
    renameWorkbook: async (name, to) => void (await get().api['workbook.rename']({ name, to })),
    deleteWorkbook: async (name) => void (await get().api['workbook.delete']({ name })),
    exportDataset: (dataset, format, encoding) =>
      get().api['export.dataset']({
        dataset,
        format,
        ...(encoding ? { encoding } : {}),
        language: localeFor(get().language),
      }),
    exportModel: (args) => get().api['export.model'](args),
    exportModelDefinition: () => get().api['export.modelDefinition']({}),
    async readModelFile(file) {
      const chosen = await get().chooseFile(file);
      return chosen ? get().api['import.model']({ upload: chosen.upload }) : null;
    },
    async refreshCatalog(folder = false) {
      const { api } = get();
      const current = beginRefresh();
      try {
        const [info, datasets, workbooks] = await Promise.all([
          api['workbook.info']({}),
          api['datasets.list']({}),
          folder ? api['workbook.list']({}) : Promise.resolve(null),
        ]);
        if (!current()) return;
        const shown = get().selected;
        const selected = datasets.some((d) => d.name === shown) ? shown : (datasets[0]?.name ?? null);
        // The folder's list is only written when it was read here: a list captured before the
        // await could be older than one a whole load set meanwhile (the upgrade's backup lost).
        set(workbooks ? { info, datasets, workbooks, selected } : { info, datasets, selected });
      } catch (error) {
        if (current()) get().notify('error', messageOf(error));
      }
    },
    async openWorkbook(name) {
      try {
        const opening = sayIn(get().language)('busy.opening', { name: name.replace(/\.cgw$/i, '') });
        await get().withBusy(opening, async () => {
          // The reply says another workbook is open: the window reloads it whole (sync-slice.ts),
          // keeping the dataset of the same name selected where there is one.
          await get().api['workbook.open']({ name });
        });
      } catch (error) {
        get().notify('error', messageOf(error));
      }
    },
    async newWorkbook(name) {
      try {
        const say = sayIn(get().language);
        await get().withBusy(say('busy.making'), async () => {
          await get().api['workbook.newFromTemplate']({ name });
        });
        get().notify('info', say('notice.made', { name }));
      } catch (error) {
        get().notify('error', messageOf(error));
      }
    },
    async select(dataset) {
      if (dataset === get().selected) return;
      // A new dataset starts unfiltered: the status bar must not count the old one's filter.
      set({ selected: dataset, rows: [], total: 0, shownRows: null });
      await get().reloadRows();
    },
  };
}
