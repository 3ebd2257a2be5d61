import { messageOf } from './notices-slice.js';
import type { GetState, SetState, WorkbookSlice } from './types.js';

export function workbookSlice(set: SetState, get: GetState): WorkbookSlice {
  return {
    info: null,
    datasets: [],
    selected: null,
    loadError: null,
    async loadWorkbook() {
      const { api } = get();
      try {
        const [info, datasets] = await Promise.all([api['workbook.info']({}), api['datasets.list']({})]);
        const current = get().selected;
        const selected = datasets.some((d) => d.name === current) ? current : (datasets[0]?.name ?? null);
        set({ info, datasets, selected, loadError: null });
        await get().reloadRows();
      } catch (error) {
        set({ loadError: messageOf(error) });
      }
    },
    async select(dataset) {
      if (dataset === get().selected) return;
      set({ selected: dataset, rows: [], total: 0 });
      await get().reloadRows();
    },
  };
}
