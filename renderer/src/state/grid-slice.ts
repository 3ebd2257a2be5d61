import { localeFor, sayIn } from '../language.js';
import type { CellValue, DatasetMeta, Row } from '../../../shared/contract/index.js';
import { MAX_PAGE_ROWS } from '../../../shared/contract/index.js';
import { messageOf } from './notices-slice.js';
import type { GetState, GridRow, GridSlice, SetState } from './types.js';
import { newestOnly } from './newest.js';

/** Datasets larger than this are read page by page as the grid scrolls, sorted and filtered by the store. */
export const LARGE_ROWS = 5000;

export function toGridRow(row: Row): GridRow {
  return { ...row.values, __id: row.id };
}

function replaceDataset(list: DatasetMeta[], next: DatasetMeta): DatasetMeta[] {
  return list.map((d) => (d.id === next.id ? next : d));
}

export function gridSlice(set: SetState, get: GetState): GridSlice {
  /** Wraps a write: counts it for the status bar and turns a refusal into a visible notice. */
  const saving = async <T>(work: () => Promise<T>, key?: string): Promise<T | null> => {
    set((s) => ({ saving: s.saving + 1 }));
    try {
      const result = await work();
      set({ lastSaved: 'saved' });
      if (key) get().resolved(key);
      return result;
    } catch (error) {
      set({ lastSaved: 'failed' });
      get().notify('error', messageOf(error), key);
      return null;
    } finally {
      set((s) => ({ saving: s.saving - 1 }));
    }
  };

  // Only the newest page request may fill the grid: after a workbook switch, a read the old
  // workbook answers late has the same dataset name but not the same rows.
  const beginRows = newestOnly();

  return {
    rows: [],
    rowsVersion: 0,
    total: 0,
    shownRows: null,
    setShownRows: (n) => set({ shownRows: n }),
    findRequest: 0,
    requestFind: () => {
      if (get().view !== 'data') get().setView('data');
      set((s) => ({ findRequest: s.findRequest + 1 }));
    },
    loadingRows: false,
    saving: 0,
    lastSaved: 'saved',
    readPage: (args) => get().api['datasets.readRows'](args),
    async reloadRows() {
      const { api, selected } = get();
      if (!selected) return set({ rows: [], total: 0 });
      const meta = get().datasets.find((d) => d.name === selected);
      if (meta && meta.rowCount > LARGE_ROWS) {
        return set((s) => ({ rows: [], total: meta.rowCount, rowsVersion: s.rowsVersion + 1 }));
      }
      set({ loadingRows: true });
      const current = beginRows();
      try {
        const page = await api['datasets.readRows']({ dataset: selected, offset: 0, limit: MAX_PAGE_ROWS });
        if (current() && get().selected === selected) {
          set((s) => ({ rows: page.rows.map(toGridRow), total: page.total, rowsVersion: s.rowsVersion + 1 }));
        }
      } catch (error) {
        get().notify('error', messageOf(error));
      } finally {
        set({ loadingRows: false });
      }
    },
    async editCell(rowId, column, value: CellValue) {
      const { api, selected } = get();
      if (!selected) return false;
      const result = await saving(
        () =>
          api['datasets.updateCells']({
            dataset: selected,
            edits: [{ rowId, column, value }],
            language: localeFor(get().language),
          }),
        `cell:${selected}:${rowId}:${column}`,
      );
      if (!result) return false;
      // The store may have changed more than the cell: typing over a sourced figure also sets
      // the row's basis and note (provenance-edits.ts).
      const byRow = new Map<number, Record<string, CellValue>>();
      for (const c of result.cells) byRow.set(c.rowId, { ...byRow.get(c.rowId), [c.column]: c.value });
      set((s) => ({
        info: result.info,
        datasets: replaceDataset(s.datasets, result.dataset),
        rows: s.rows.map((r) => {
          const changed = byRow.get(r.__id);
          return changed ? { ...r, ...changed } : r;
        }),
        rowsVersion: s.rowsVersion + 1,
      }));
      return true;
    },
    async addRow(before) {
      const { api, selected } = get();
      if (!selected) return;
      const result = await saving(() =>
        api['datasets.insertRows']({ dataset: selected, rows: [{}], ...(before === undefined ? {} : { before }) }),
      );
      if (!result) return;
      set((s) => ({ info: result.info, datasets: replaceDataset(s.datasets, result.dataset) }));
    },
    async paste(edits, newRows) {
      const { api, selected } = get();
      if (!selected) return false;
      const result = await saving(
        () => api['datasets.paste']({ dataset: selected, edits, newRows, language: localeFor(get().language) }),
        `paste:${selected}`,
      );
      if (!result) return false;
      set((s) => ({ info: result.info, datasets: replaceDataset(s.datasets, result.dataset) }));
      const say = sayIn(get().language);
      const pasted = say('notice.pasted', { count: result.cells + result.added });
      get().notify('info', result.added ? `${pasted} ${say('notice.pastedRows', { count: result.added })}` : pasted);
      return true;
    },
    async deleteRows(rowIds) {
      const { api, selected } = get();
      if (!selected || rowIds.length === 0) return;
      const result = await saving(() => api['datasets.deleteRows']({ dataset: selected, rowIds }));
      if (!result) return;
      // The reply's changes have already reloaded the rows (client.ts) or will: what is set here
      // must be the same whichever came first, so the count is the store's, never one less
      // than whatever the window held.
      const gone = new Set(rowIds);
      set((s) => ({
        info: result.info,
        datasets: replaceDataset(s.datasets, result.dataset),
        rows: s.rows.filter((r) => !gone.has(r.__id)),
        total: result.dataset.rowCount,
      }));
    },
  };
}
