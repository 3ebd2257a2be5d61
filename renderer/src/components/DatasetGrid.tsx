import {
  AllCommunityModule,
  type CellEditRequestEvent,
  type GetRowIdParams,
  type GridApi,
  ModuleRegistry,
  themeQuartz,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CellValue } from '../../../shared/contract/index.js';
import { useApp } from '../state/context.js';
import type { GridRow } from '../state/types.js';
import { parseTsv, toTsv } from '../clipboard.js';
import { typingInField } from '../keys.js';
import { LARGE_ROWS } from '../state/grid-slice.js';
import { columnDef } from './columns.js';
import { storeDatasource } from './datasource.js';
import { useExport } from './useExport.js';

ModuleRegistry.registerModules([AllCommunityModule]);

const theme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontWeight: 600,
  accentColor: '#2f5d8a',
  headerBackgroundColor: '#f3f5f8',
  rowHeight: 32,
  headerHeight: 36,
  spacing: 6,
  borderColor: '#dde2e8',
  wrapperBorderRadius: 6,
});

/** The editable grid of the selected dataset. Edits go to the store first; the grid shows what it kept. */
export function DatasetGrid() {
  const selected = useApp((s) => s.selected);
  const dataset = useApp((s) => s.datasets.find((d) => d.name === s.selected) ?? null);
  const rows = useApp((s) => s.rows);
  const rowsVersion = useApp((s) => s.rowsVersion);
  const notify = useApp((s) => s.notify);
  const editCell = useApp((s) => s.editCell);
  const addRow = useApp((s) => s.addRow);
  const deleteRows = useApp((s) => s.deleteRows);
  const api = useApp((s) => s.api);
  const openImport = useApp((s) => s.openImport);
  const runExport = useExport();
  const gridApi = useRef<GridApi<GridRow> | null>(null);
  const [selectedCount, setSelectedCount] = useState(0);
  // Find text belongs to the dataset it was typed for: another dataset starts unsearched.
  const [found, setFound] = useState({ dataset: selected, text: '' });
  const find = found.dataset === selected ? found.text : '';
  const setFind = (text: string) => setFound({ dataset: selected, text });
  const findRequest = useApp((s) => s.findRequest);
  const setShownRows = useApp((s) => s.setShownRows);
  const findField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (findRequest > 0) findField.current?.focus();
  }, [findRequest]);

  const columnDefs = useMemo(() => dataset?.columns.map(columnDef) ?? [], [dataset?.columns]);
  const large = (dataset?.rowCount ?? 0) > LARGE_ROWS;
  const datasource = useMemo(
    () => (large && selected ? storeDatasource(api, selected, (m) => notify('error', m)) : undefined),
    [large, selected, api, notify],
  );
  // Large grids hold only the pages in view: refetch them when the store's rows change.
  useEffect(() => {
    if (large) gridApi.current?.refreshInfiniteCache();
  }, [large, rowsVersion]);
  const getRowId = useCallback((p: GetRowIdParams<GridRow>) => String(p.data.__id), []);

  // readOnlyEdit: the grid never changes its own data; the store's answer does.
  const onEdit = useCallback(
    (event: CellEditRequestEvent<GridRow>) => {
      const column = event.colDef.field;
      if (!column || !event.data) return;
      const value = (event.newValue === undefined ? null : event.newValue) as CellValue;
      void editCell(event.data.__id, column, value);
    },
    [editCell],
  );

  const paste = useApp((s) => s.paste);

  const askConfirm = useApp((s) => s.askConfirm);
  /** A block from a spreadsheet, placed at the focused cell; rows beyond the end are added if wanted. */
  const onPaste = (e: React.ClipboardEvent) => {
    const api = gridApi.current;
    if (!api || typingInField(e.target) || api.getEditingCells().length > 0) return;
    const focused = api.getFocusedCell();
    const text = e.clipboardData.getData('text/plain');
    if (!focused || !text) return;
    e.preventDefault();
    const block = parseTsv(text);
    const columns = api
      .getAllDisplayedColumns()
      .map((c) => c.getColDef().field)
      .filter((f): f is string => Boolean(f) && f !== '__id');
    const startCol = columns.indexOf(focused.column.getColDef().field ?? '');
    if (startCol < 0) return;
    const edits: { rowId: number; column: string; value: string }[] = [];
    const newRows: Record<string, string>[] = [];
    const rowCount = api.getDisplayedRowCount();
    const overflow = focused.rowIndex + block.length - rowCount;
    void (async () => {
      const addRows =
        overflow > 0 &&
        (await askConfirm({
          title: 'Add rows?',
          message: `The pasted block has ${overflow} more row${overflow === 1 ? '' : 's'} than the dataset below this cell. Add ${overflow === 1 ? 'it' : 'them'}?`,
          confirmLabel: overflow === 1 ? 'Add the row' : `Add ${overflow} rows`,
        }));
      block.forEach((cells, r) => {
        const node = api.getDisplayedRowAtIndex(focused.rowIndex + r);
        const fresh: Record<string, string> = {};
        cells.forEach((value, c) => {
          const column = columns[startCol + c];
          if (!column) return;
          if (node?.data) edits.push({ rowId: node.data.__id, column, value });
          else fresh[column] = value;
        });
        if (!node?.data && addRows && Object.keys(fresh).length) newRows.push(fresh);
      });
      await paste(edits, newRows);
    })();
  };

  /** Copies the selected rows, or the focused cell, as tab-separated text for any spreadsheet. */
  const onCopy = (e: React.ClipboardEvent) => {
    const api = gridApi.current;
    if (!api || typingInField(e.target)) return;
    const columns = api
      .getAllDisplayedColumns()
      .map((c) => c.getColDef().field)
      .filter((f): f is string => Boolean(f));
    const selectedRows = api.getSelectedRows();
    let rows: CellValue[][];
    if (selectedRows.length > 0) rows = selectedRows.map((r) => columns.map((c) => r[c] ?? null));
    else {
      const focused = api.getFocusedCell();
      const data = focused ? api.getDisplayedRowAtIndex(focused.rowIndex)?.data : undefined;
      const field = focused?.column.getColDef().field;
      if (!data || !field) return;
      rows = [[data[field] ?? null]];
    }
    e.preventDefault();
    e.clipboardData.setData('text/plain', toTsv(rows));
  };

  const removeSelected = () => {
    const ids = gridApi.current?.getSelectedRows().map((r) => r.__id) ?? [];
    void deleteRows(ids);
  };

  if (!dataset) return <div className="empty">Choose a dataset on the left.</div>;

  return (
    <section className="dataset" aria-label={`Dataset ${dataset.label}`}>
      <header className="dataset-head">
        <div>
          <h1>{dataset.label}</h1>
          <p className="description">{dataset.description}</p>
        </div>
        <div className="toolbar" role="toolbar" aria-label="Rows">
          <button type="button" onClick={() => void addRow()}>
            Add row
          </button>
          <button type="button" onClick={removeSelected} disabled={selectedCount === 0}>
            Delete {selectedCount > 1 ? `${selectedCount} rows` : 'row'}
          </button>
          <span className="toolbar-gap" />
          <input
            ref={findField}
            type="search"
            className="find"
            aria-label={`Find in ${dataset.label}`}
            placeholder={large ? 'Find: use the column filters' : 'Find (Ctrl+F)'}
            disabled={large}
            title={large ? 'Large datasets are filtered in the workbook file: use the column filters' : ''}
            value={find}
            onChange={(e) => setFind(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setFind('');
            }}
          />
          <span className="toolbar-gap" />
          <button type="button" onClick={() => openImport()}>
            Import…
          </button>
          <button
            type="button"
            onClick={() => void runExport(() => api['export.dataset']({ dataset: dataset.name, format: 'csv' }))}
          >
            Export CSV
          </button>
          <button
            type="button"
            onClick={() => void runExport(() => api['export.dataset']({ dataset: dataset.name, format: 'xlsx' }))}
          >
            Export XLSX
          </button>
        </div>
      </header>
      <div className="grid-wrap" data-testid="dataset-grid" onPaste={onPaste} onCopy={onCopy}>
        <AgGridReact<GridRow>
          key={`${selected}-${large ? 'paged' : 'all'}`}
          theme={theme}
          {...(large && datasource
            ? { rowModelType: 'infinite' as const, datasource, cacheBlockSize: 500, maxBlocksInCache: 40 }
            : { rowData: rows })}
          columnDefs={columnDefs}
          getRowId={getRowId}
          readOnlyEdit
          onCellEditRequest={onEdit}
          singleClickEdit={false}
          stopEditingWhenCellsLoseFocus
          rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false }}
          onSelectionChanged={(e) => setSelectedCount(e.api.getSelectedRows().length)}
          {...(large ? {} : { quickFilterText: find })}
          onModelUpdated={(e) => {
            if (!large) setShownRows(e.api.isAnyFilterPresent() ? e.api.getDisplayedRowCount() : null);
          }}
          onGridReady={(e) => {
            gridApi.current = e.api;
          }}
          defaultColDef={{ minWidth: 90 }}
          tooltipShowDelay={400}
          animateRows={false}
        />
      </div>
    </section>
  );
}
