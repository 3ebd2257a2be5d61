import { type CellClickedEvent, type ColDef, themeQuartz } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, useState } from 'react';
import { coordinate } from '../../../shared/model/index.js';
import { ExplainPanel } from '../components/ExplainPanel.js';
import { formatCard } from '../components/HeadlineCards.js';
import { useApp } from '../state/context.js';

interface OutputRow {
  key: string;
  variable: string;
  label: string;
  member: string;
  unit: string;
  /** Flat index of each year's cell, by year. */
  cells: Record<string, number>;
  values: Record<string, number>;
}

const theme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  rowHeight: 30,
  headerHeight: 34,
  accentColor: '#2f5d8a',
});

/** Every variable by member and year, read-only; click a number to see where it comes from. */
export function OutputsView() {
  const engine = useApp((s) => s.engine);
  const results = useApp((s) => s.results);
  const year = useApp((s) => s.year);
  const [picked, setPicked] = useState<{ variable: string; index: number } | null>(null);
  const years = useMemo(() => (engine?.data.members.get('year') ?? []).map(String), [engine]);

  const rows = useMemo<OutputRow[]>(() => {
    if (!engine || !results) return [];
    const out: OutputRow[] = [];
    const headline = new Set(engine.model.def.outputs);
    const ordered = [
      ...engine.model.def.outputs,
      ...engine.model.order.map((v) => v.id).filter((id) => !headline.has(id)),
    ];
    for (const id of ordered) {
      const v = engine.model.byId.get(id);
      const space = engine.spaceOf(id);
      const values = results.get(id) ?? new Float64Array();
      const dim = space.dims.find((d) => d !== 'year');
      const byMember = new Map<string, OutputRow>();
      for (let i = 0; i < space.length; i++) {
        const member = dim ? String(engine.data.members.get(dim)?.[coordinate(space, i, dim)]) : '';
        let row = byMember.get(member);
        if (!row) {
          row = {
            key: `${id}/${member}`,
            variable: id,
            label: v?.def.label ?? id,
            member,
            unit: v?.def.unit ?? '',
            cells: {},
            values: {},
          };
          byMember.set(member, row);
        }
        const y = String(engine.data.members.get('year')?.[coordinate(space, i, 'year')]);
        row.cells[y] = i;
        row.values[y] = values[i] as number;
      }
      out.push(...byMember.values());
    }
    return out;
  }, [engine, results]);

  const columns = useMemo<ColDef<OutputRow>[]>(
    () => [
      { field: 'label', headerName: 'Variable', width: 230, tooltipValueGetter: (p) => p.data?.variable },
      { field: 'member', headerName: 'Member', width: 190 },
      { field: 'unit', headerName: 'Unit', width: 130 },
      ...years.map<ColDef<OutputRow>>((y) => ({
        colId: y,
        headerName: y,
        type: 'rightAligned',
        width: 120,
        valueGetter: (p) => p.data?.values[y],
        valueFormatter: (p) => formatCard(Number(p.value), p.data?.unit ?? ''),
        cellClass: (p) =>
          picked && p.data?.variable === picked.variable && p.data.cells[y] === picked.index ? 'picked' : '',
      })),
    ],
    [years, picked],
  );

  const onCell = (e: CellClickedEvent<OutputRow>) => {
    const y = e.column.getColId();
    const index = e.data?.cells[y];
    if (e.data && index !== undefined) setPicked({ variable: e.data.variable, index });
  };
  const pickVariable = (id: string) => {
    if (!engine) return;
    const space = engine.spaceOf(id);
    const yi = (engine.data.members.get('year') ?? []).findIndex((y) => Number(y) === year);
    let index = 0;
    for (let i = 0; i < space.length; i++)
      if (coordinate(space, i, 'year') === yi) {
        index = i;
        break;
      }
    setPicked({ variable: id, index });
  };

  return (
    <div className="outputs">
      <div className="outputs-grid" data-testid="outputs-grid">
        <AgGridReact<OutputRow>
          theme={theme}
          rowData={rows}
          columnDefs={columns}
          getRowId={(p) => p.data.key}
          onCellClicked={onCell}
          defaultColDef={{ sortable: false, resizable: true }}
          tooltipShowDelay={300}
        />
      </div>
      {picked ? (
        <ExplainPanel variable={picked.variable} index={picked.index} onPick={pickVariable} />
      ) : (
        <aside className="explain empty">
          Click any number to see its formula, the inputs and assumptions it uses, and the data and sources behind it.
        </aside>
      )}
    </div>
  );
}
