import type { IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { FilterOp, RowFilter } from '../../../shared/contract/index.js';
import { FILTER_OPS } from '../../../shared/contract/index.js';
import { toGridRow } from '../state/grid-slice.js';
import type { GridSlice } from '../state/types.js';

interface SimpleFilter {
  filterType?: string;
  type?: string;
  filter?: string | number | null;
  filterTo?: string | number | null;
  dateFrom?: string | null;
  dateTo?: string | null;
}

/** AG Grid's filter model as the store's filters (one condition per column: see columns.ts). */
export function toFilters(model: Record<string, unknown>): RowFilter[] {
  const out: RowFilter[] = [];
  for (const [column, raw] of Object.entries(model)) {
    const f = raw as SimpleFilter;
    const op = f.type as FilterOp | undefined;
    if (!op || !(FILTER_OPS as readonly string[]).includes(op)) continue;
    const date = (v: string | null | undefined) => (v ? v.slice(0, 10) : undefined);
    const value = f.filterType === 'date' ? date(f.dateFrom) : (f.filter ?? undefined);
    const to = f.filterType === 'date' ? date(f.dateTo) : (f.filterTo ?? undefined);
    out.push({ column, op, ...(value !== undefined ? { value } : {}), ...(to !== undefined ? { to } : {}) });
  }
  return out;
}

/** Pages of a large dataset from the store as the grid scrolls; sorting and filtering happen there too. */
export function storeDatasource(
  readPage: GridSlice['readPage'],
  dataset: string,
  onError: (message: string) => void,
): IDatasource {
  return {
    getRows(params: IGetRowsParams) {
      readPage({
        dataset,
        offset: params.startRow,
        limit: Math.max(1, params.endRow - params.startRow),
        sort: params.sortModel.map((s) => ({ column: s.colId, direction: s.sort })),
        filter: toFilters(params.filterModel as Record<string, unknown>),
      }).then(
        (page) => params.successCallback(page.rows.map(toGridRow), page.total),
        (error: unknown) => {
          onError(error instanceof Error ? error.message : String(error));
          params.failCallback();
        },
      );
    },
  };
}
