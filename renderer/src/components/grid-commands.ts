import { type Translate, translate } from '../../../shared/i18n/index.js';
import type { Column, GridApi } from 'ag-grid-community';
import type { CellValue, MenuEntry } from '../../../shared/contract/index.js';
import { type CellRange, bounds, cellCount } from '../grid-range.js';
import type { GridRow } from '../state/types.js';

/** The data columns on screen, in their displayed order (the row-selection column left out). */
export function dataColumns(api: GridApi<GridRow>): Column[] {
  return api.getAllDisplayedColumns().filter((c) => {
    const field = c.getColDef().field;
    return Boolean(field) && field !== '__id';
  });
}

const fieldOf = (c: Column): string => c.getColDef().field ?? '';

/**
 * What Copy takes, in the order a spreadsheet expects: a Shift-selected range of more than one
 * cell; else the ticked rows (all columns); else the focused cell. Headers are the grid's.
 */
export function copyBlock(api: GridApi<GridRow>, range: CellRange | null, withHeaders: boolean): CellValue[][] | null {
  const columns = dataColumns(api);
  const heading = (cs: Column[]) => cs.map((c) => api.getDisplayNameForColumn(c, 'header') ?? fieldOf(c));
  if (range && cellCount(range) > 1) {
    const b = bounds(range);
    const cs = columns.slice(b.left, b.right + 1);
    const rows: CellValue[][] = [];
    for (let i = b.top; i <= b.bottom; i++) {
      const data = api.getDisplayedRowAtIndex(i)?.data;
      rows.push(cs.map((c) => data?.[fieldOf(c)] ?? null));
    }
    return withHeaders ? [heading(cs), ...rows] : rows;
  }
  const ticked = api.getSelectedRows();
  if (ticked.length > 0) {
    const rows = ticked.map((r) => columns.map((c) => r[fieldOf(c)] ?? null));
    return withHeaders ? [heading(columns), ...rows] : rows;
  }
  const focused = api.getFocusedCell();
  const data = focused ? api.getDisplayedRowAtIndex(focused.rowIndex)?.data : undefined;
  const field = focused?.column.getColDef().field;
  if (!data || !field || !focused) return null;
  const value = [[data[field] ?? null]];
  return withHeaders ? [heading([focused.column]), ...value] : value;
}

/** The cells Cut empties: the range, else the focused cell (ticked rows are deleted, not cut). */
export function cutCells(
  api: GridApi<GridRow>,
  range: CellRange | null,
): { rowId: number; column: string; value: string }[] {
  const columns = dataColumns(api);
  const b = range
    ? bounds(range)
    : (() => {
        const f = api.getFocusedCell();
        const col = f ? columns.findIndex((c) => c.getColId() === f.column.getColId()) : -1;
        return f && col >= 0 ? { top: f.rowIndex, bottom: f.rowIndex, left: col, right: col } : null;
      })();
  if (!b) return [];
  const out: { rowId: number; column: string; value: string }[] = [];
  for (let i = b.top; i <= b.bottom; i++) {
    const data = api.getDisplayedRowAtIndex(i)?.data;
    if (!data) continue;
    for (const c of columns.slice(b.left, b.right + 1)) out.push({ rowId: data.__id, column: fieldOf(c), value: '' });
  }
  return out;
}

/** The row ids a Delete row command removes: the ticked rows if the clicked one is ticked, else the range's rows. */
export function rowsToDelete(api: GridApi<GridRow>, range: CellRange | null, clickedRow: number): number[] {
  const clicked = api.getDisplayedRowAtIndex(clickedRow);
  if (clicked?.isSelected()) return api.getSelectedRows().map((r) => r.__id);
  const b = range ? bounds(range) : { top: clickedRow, bottom: clickedRow };
  const ids: number[] = [];
  for (let i = b.top; i <= b.bottom; i++) {
    const id = api.getDisplayedRowAtIndex(i)?.data?.__id;
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

/** The grid's right-click menu for a cell of column `label` holding `value`. */
export function cellMenu(
  args: {
    label: string;
    value: CellValue;
    rowsToDelete: number;
    sorted: boolean;
    filtered: boolean;
  },
  t: Translate = (key, params) => translate('en', key, params),
): MenuEntry[] {
  const shown = args.value === null || args.value === '' ? t('grid.blank') : String(args.value);
  const clipped = shown.length > 30 ? `${shown.slice(0, 29)}…` : shown;
  const n = args.rowsToDelete;
  return [
    { id: 'cut', label: t('grid.cut'), enabled: true, accelerator: 'CmdOrCtrl+X' },
    { id: 'copy', label: t('grid.copy'), enabled: true, accelerator: 'CmdOrCtrl+C' },
    { id: 'copy-headers', label: t('grid.copyHeaders'), enabled: true },
    { id: 'paste', label: t('grid.paste'), enabled: true, accelerator: 'CmdOrCtrl+V' },
    { separator: true },
    { id: 'insert-above', label: t('grid.insertAbove'), enabled: true },
    { id: 'insert-below', label: t('grid.insertBelow'), enabled: true },
    { id: 'delete-rows', label: n > 1 ? t('grid.deleteRows', { count: n }) : t('grid.deleteRow'), enabled: n > 0 },
    { separator: true },
    { id: 'sort-asc', label: t('grid.sortAsc', { label: args.label }).slice(0, 80), enabled: true },
    { id: 'sort-desc', label: t('grid.sortDesc', { label: args.label }).slice(0, 80), enabled: true },
    { id: 'sort-clear', label: t('grid.clearSort'), enabled: args.sorted },
    { id: 'filter-value', label: t('grid.showOnly', { value: clipped }), enabled: true },
    { id: 'filter-clear', label: t('grid.clearFilters'), enabled: args.filtered },
  ];
}

/** A column filter keeping the rows equal to `value` (blank for an empty cell). */
export function equalsFilter(type: string, value: CellValue): Record<string, unknown> {
  if (value === null || value === '') return { filterType: type === 'number' ? 'number' : 'text', type: 'blank' };
  if (type === 'number' || type === 'integer') return { filterType: 'number', type: 'equals', filter: value };
  if (type === 'date') return { filterType: 'date', type: 'equals', dateFrom: `${String(value)} 00:00:00` };
  return { filterType: 'text', type: 'equals', filter: String(value) };
}
