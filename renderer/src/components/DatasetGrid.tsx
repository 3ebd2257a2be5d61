import {
  type CellContextMenuEvent,
  type CellEditRequestEvent,
  type CellFocusedEvent,
  type GetRowIdParams,
  type GridApi,
  themeQuartz,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import '../grid-modules.js';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CellValue } from '../../../shared/contract/index.js';
import { useApp } from '../state/context.js';
import { useLocale, useT } from '../language.js';
import { gridLocale } from '../grid-locale.js';
import type { GridRow } from '../state/types.js';
import { parseTsv, toTsv } from '../clipboard.js';
import { type CellRange, bounds, cellCount, contains, extend } from '../grid-range.js';
import { usePopupMenu } from './ContextMenu.js';
import { cellMenu, copyBlock, cutCells, dataColumns, equalsFilter, rowsToDelete } from './grid-commands.js';
import { typingInField } from '../keys.js';
import { LARGE_ROWS } from '../state/grid-slice.js';
import { columnDef } from './columns.js';
import { storeDatasource } from './datasource.js';
import { useExport } from './useExport.js';
import { useDatasets } from '../dataset-labels.js';

const theme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontWeight: 600,
  // The page's colour variables: the grid follows the light or dark theme without a rebuild.
  backgroundColor: 'var(--surface)',
  foregroundColor: 'var(--ink)',
  accentColor: 'var(--accent)',
  headerBackgroundColor: 'var(--panel)',
  rowHeight: 32,
  headerHeight: 36,
  spacing: 6,
  borderColor: 'var(--line)',
  wrapperBorderRadius: 6,
});

/** The editable grid of the selected dataset. Edits go to the store first; the grid shows what it kept. */
export function DatasetGrid() {
  const t = useT();
  const locale = useLocale();
  const selected = useApp((s) => s.selected);
  const selectedName = useApp((s) => s.selected);
  const dataset = useDatasets().find((d) => d.name === selectedName) ?? null;
  const rows = useApp((s) => s.rows);
  const rowsVersion = useApp((s) => s.rowsVersion);
  const notify = useApp((s) => s.notify);
  const editCell = useApp((s) => s.editCell);
  const addRow = useApp((s) => s.addRow);
  const deleteRows = useApp((s) => s.deleteRows);
  const readPage = useApp((s) => s.readPage);
  const exportDataset = useApp((s) => s.exportDataset);
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

  const columnDefs = useMemo(() => dataset?.columns.map((c) => columnDef(c, locale)) ?? [], [dataset?.columns, locale]);
  const large = (dataset?.rowCount ?? 0) > LARGE_ROWS;
  const datasource = useMemo(
    () => (large && selected ? storeDatasource(readPage, selected, (m) => notify('error', m)) : undefined),
    [large, selected, readPage, notify],
  );
  // Large grids hold only the pages in view: refetch them when the store's rows change.
  // A grid being replaced (another dataset, a switch to paging) is not asked: it has no pages left.
  useEffect(() => {
    const api = gridApi.current;
    if (large && api && !api.isDestroyed()) api.refreshInfiniteCache();
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
  const pasteText = async (text: string) => {
    const api = gridApi.current;
    const focused = api?.getFocusedCell();
    if (!api || !focused || !text) return;
    const block = parseTsv(text);
    const columns = dataColumns(api).map((c) => c.getColDef().field ?? '');
    const startCol = columns.indexOf(focused.column.getColDef().field ?? '');
    if (startCol < 0) return;
    const edits: { rowId: number; column: string; value: string }[] = [];
    const newRows: Record<string, string>[] = [];
    const rowCount = api.getDisplayedRowCount();
    const overflow = focused.rowIndex + block.length - rowCount;
    const addRows =
      overflow > 0 &&
      (await askConfirm({
        title: t('grid.addRowsTitle'),
        message: t('grid.addRowsMessage', { count: overflow }),
        confirmLabel: t('grid.addRowsConfirm', { count: overflow }),
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
  };
  const onPaste = (e: React.ClipboardEvent) => {
    const api = gridApi.current;
    if (!api || typingInField(e.target) || api.getEditingCells().length > 0) return;
    const text = e.clipboardData.getData('text/plain');
    if (!api.getFocusedCell() || !text) return;
    e.preventDefault();
    void pasteText(text);
  };

  /**
   * Puts the Shift-selected range, the ticked rows or the focused cell on the clipboard as
   * tab-separated text; answers the grid when it did, for Cut to empty the same cells.
   */
  const copyInto = (e: React.ClipboardEvent): GridApi<GridRow> | null => {
    const api = gridApi.current;
    if (!api || typingInField(e.target)) return null;
    const block = copyBlock(api, latest.current, false);
    if (!block) return null;
    e.preventDefault();
    e.clipboardData.setData('text/plain', toTsv(block));
    return api;
  };
  const onCopy = (e: React.ClipboardEvent) => void copyInto(e);
  /** Cut: copied as Copy does, then the cells emptied, as one undo step. */
  const onCut = (e: React.ClipboardEvent) => {
    const api = copyInto(e);
    if (api) void paste(cutCells(api, latest.current), []);
  };

  // ---- Shift-selection: Shift+click and Shift+arrows grow a rectangle from where it started.
  // The range is drawn by a style rule naming its rows and columns (made when it changes): the
  // grid does not re-run its class rules on a selection change, and a rule costs nothing per row.
  // The handlers read the range from the ref; the state is only the rule that draws it.
  const latest = useRef<CellRange | null>(null);
  const [rangeCss, setRangeCss] = useState('');
  const select = (next: CellRange | null) => {
    latest.current = next;
    const api = gridApi.current;
    if (!next || !api) return setRangeCss('');
    const b = bounds(next);
    const cols = dataColumns(api)
      .slice(b.left, b.right + 1)
      .map((c) => `[col-id="${CSS.escape(c.getColId())}"]`);
    const rows = Array.from({ length: b.bottom - b.top + 1 }, (_, i) => `[row-index="${b.top + i}"]`);
    setRangeCss(
      cellCount(next) < 2
        ? ''
        : `.grid-wrap[data-range] [role="row"]:is(${rows.join(',')}) [role="gridcell"]:is(${cols.join(',')}) { --in-range: 1; background-color: var(--range); }`,
    );
  };
  // Whether the last key or press that could move focus came with Shift, read where the grid cannot
  // swallow it (the window sees them first). Not reset on keyup: the grid reports focus late,
  // after Shift has already been let go.
  const shiftHeld = useRef(false);
  // A right-click inside the range keeps it, as in a spreadsheet, though the grid focuses the cell.
  const rightClick = useRef(false);
  useEffect(() => {
    const track = (e: KeyboardEvent | PointerEvent) => {
      shiftHeld.current = e.shiftKey;
      rightClick.current = e instanceof PointerEvent && e.button === 2;
    };
    window.addEventListener('keydown', track, true);
    window.addEventListener('pointerdown', track, true);
    return () => {
      window.removeEventListener('keydown', track, true);
      window.removeEventListener('pointerdown', track, true);
    };
  }, []);
  const colIndex = (colId: string): number =>
    gridApi.current ? dataColumns(gridApi.current).findIndex((c) => c.getColId() === colId) : -1;
  const onCellFocused = (e: CellFocusedEvent<GridRow>) => {
    const colId = typeof e.column === 'string' ? e.column : e.column?.getColId();
    if (e.rowIndex === null || e.rowIndex === undefined || !colId || e.rowPinned) return;
    const at = { row: e.rowIndex, col: colIndex(colId) };
    if (at.col < 0) return;
    const r = latest.current;
    if (rightClick.current && contains(r, at.row, at.col)) return;
    select(shiftHeld.current && r ? { anchor: r.anchor, focus: at } : { anchor: at, focus: at });
  };
  // Shift+arrows are ours (the grid would only move focus): grow the range and move focus with it.
  const onKeyDownCapture = (e: React.KeyboardEvent) => {
    const api = gridApi.current;
    const r = latest.current;
    if (!api || !e.shiftKey || !r || typingInField(e.target) || api.getEditingCells().length > 0) return;
    const columns = dataColumns(api);
    const next = extend(r, e.key, api.getDisplayedRowCount(), columns.length);
    const column = next ? columns[next.focus.col] : undefined;
    if (!next || !column) return;
    e.preventDefault();
    e.stopPropagation();
    api.ensureIndexVisible(next.focus.row);
    api.ensureColumnVisible(column);
    api.setFocusedCell(next.focus.row, column);
    select(next);
  };

  // ---- Right-click: the spreadsheet commands, as the system's menu on the desktop.
  const popup = usePopupMenu();
  const onCellContextMenu = (e: CellContextMenuEvent<GridRow>) => {
    const api = gridApi.current;
    const field = e.colDef.field;
    const mouse = e.event as MouseEvent | null | undefined;
    if (!api || !field || field === '__id' || e.rowIndex === null || !e.data) return;
    const col = colIndex(e.column.getColId());
    // A click outside the range starts a new one at the clicked cell, as spreadsheets do.
    let current = latest.current;
    if (!contains(current, e.rowIndex, col)) {
      current = { anchor: { row: e.rowIndex, col }, focus: { row: e.rowIndex, col } };
      select(current);
      api.setFocusedCell(e.rowIndex, e.column);
    }
    const meta = dataset?.columns.find((c) => c.name === field);
    const doomed = rowsToDelete(api, current, e.rowIndex);
    const rowIndex = e.rowIndex;
    const items = cellMenu(
      {
        label: api.getDisplayNameForColumn(e.column, 'header') ?? field,
        value: e.value as CellValue,
        rowsToDelete: doomed.length,
        sorted: api.getColumnState().some((c) => c.sort),
        filtered: api.isAnyFilterPresent(),
      },
      t,
    );
    void (async () => {
      const chosen = await popup(items, mouse?.clientX ?? 0, mouse?.clientY ?? 0);
      if (chosen)
        await runCommand(chosen, {
          field,
          type: meta?.type ?? 'text',
          value: e.value as CellValue,
          rowIndex,
          doomed,
          current,
        });
    })();
  };

  const runCommand = async (
    id: string,
    at: {
      field: string;
      type: string;
      value: CellValue;
      rowIndex: number;
      doomed: number[];
      current: CellRange | null;
    },
  ) => {
    const api = gridApi.current;
    if (!api) return;
    const copy = async (withHeaders: boolean) => {
      const block = copyBlock(api, at.current, withHeaders);
      if (block) await navigator.clipboard.writeText(toTsv(block));
    };
    try {
      switch (id) {
        case 'copy':
          return await copy(false);
        case 'copy-headers':
          return await copy(true);
        case 'cut':
          await copy(false);
          await paste(cutCells(api, at.current), []);
          return;
        case 'paste':
          return await pasteText(await navigator.clipboard.readText());
        case 'insert-above':
        case 'insert-below': {
          const below = id === 'insert-below';
          const neighbour = api.getDisplayedRowAtIndex(at.rowIndex + (below ? 1 : 0))?.data?.__id;
          return await addRow(neighbour);
        }
        case 'delete-rows':
          return await deleteRows(at.doomed);
        case 'sort-asc':
        case 'sort-desc':
          api.applyColumnState({
            state: [{ colId: at.field, sort: id === 'sort-asc' ? 'asc' : 'desc' }],
            defaultState: { sort: null },
          });
          return;
        case 'sort-clear':
          api.applyColumnState({ defaultState: { sort: null } });
          return;
        case 'filter-value':
          await api.setColumnFilterModel(at.field, equalsFilter(at.type, at.value));
          api.onFilterChanged();
          return;
        case 'filter-clear':
          api.setFilterModel(null);
          return;
      }
    } catch (error) {
      notify('error', `${id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const removeSelected = () => {
    const ids = gridApi.current?.getSelectedRows().map((r) => r.__id) ?? [];
    void deleteRows(ids);
  };

  if (!dataset) return <div className="empty">{t('grid.choose')}</div>;

  return (
    <section className="dataset" aria-label={t('grid.dataset', { label: dataset.label })}>
      <header className="dataset-head">
        <div>
          <h1>{dataset.label}</h1>
          <p className="description">{dataset.description}</p>
        </div>
        <div className="toolbar" role="toolbar" aria-label={t('grid.rows')}>
          <button type="button" onClick={() => void addRow()}>
            {t('grid.addRow')}
          </button>
          <button type="button" onClick={removeSelected} disabled={selectedCount === 0}>
            {selectedCount > 1 ? t('grid.deleteRows', { count: selectedCount }) : t('grid.deleteRow')}
          </button>
          <span className="toolbar-gap" />
          <input
            ref={findField}
            type="search"
            className="find"
            aria-label={t('grid.findIn', { label: dataset.label })}
            placeholder={large ? t('grid.findLarge') : t('grid.find')}
            disabled={large}
            title={large ? t('grid.findLargeHint') : ''}
            value={find}
            onChange={(e) => setFind(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setFind('');
            }}
          />
          <span className="toolbar-gap" />
          <button type="button" onClick={() => openImport()}>
            {t('grid.import')}
          </button>
          <button type="button" onClick={() => void runExport(() => exportDataset(dataset.name, 'csv'))}>
            {t('grid.exportCsv')}
          </button>
          <button
            type="button"
            title={t('grid.exportGbHint')}
            onClick={() => void runExport(() => exportDataset(dataset.name, 'csv', 'gb18030'))}
          >
            {t('grid.exportGb')}
          </button>
          <button type="button" onClick={() => void runExport(() => exportDataset(dataset.name, 'xlsx'))}>
            {t('grid.exportXlsx')}
          </button>
        </div>
      </header>
      <div
        className="grid-wrap"
        data-testid="dataset-grid"
        onPaste={onPaste}
        onCopy={onCopy}
        onCut={onCut}
        onKeyDownCapture={onKeyDownCapture}
        data-range={rangeCss ? '' : undefined}
      >
        {rangeCss && <style>{rangeCss}</style>}
        <AgGridReact<GridRow>
          key={`${selected}-${large ? 'paged' : 'all'}-${locale}`}
          theme={theme}
          {...gridLocale(locale)}
          {...(large && datasource
            ? { rowModelType: 'infinite' as const, datasource, cacheBlockSize: 500, maxBlocksInCache: 40 }
            : { rowData: rows })}
          columnDefs={columnDefs}
          getRowId={getRowId}
          readOnlyEdit
          onCellEditRequest={onEdit}
          onCellFocused={onCellFocused}
          onCellContextMenu={onCellContextMenu}
          preventDefaultOnContextMenu
          singleClickEdit={false}
          stopEditingWhenCellsLoseFocus
          // "Select all" needs every row in the page: a paged (large) dataset ticks rows one by one.
          rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: !large, enableClickSelection: false }}
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
