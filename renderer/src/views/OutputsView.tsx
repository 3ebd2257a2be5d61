import { type CellClickedEvent, type ColDef, themeQuartz } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import '../grid-modules.js';
import { useEffect, useMemo } from 'react';
import { coordinate, labelIn, TIME_DIM } from '../../../shared/model/index.js';
import { useShown } from '../money.js';
import { useLocale, useT } from '../language.js';
import { gridLocale } from '../grid-locale.js';
import { ExplainPanel } from '../components/ExplainPanel.js';
import { formatCard } from '../components/HeadlineCards.js';
import { cellName } from '../problems.js';
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
  // The page's colour variables, so the grid follows the light or dark theme.
  backgroundColor: 'var(--surface)',
  foregroundColor: 'var(--ink)',
  accentColor: 'var(--accent)',
  headerBackgroundColor: 'var(--panel)',
  borderColor: 'var(--line)',
});

/** The width a column needs for its longest text, drawn in the page's font, within [min, max]. */
function columnWidth(texts: string[], min: number, max: number): number {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return max;
  context.font = `13px ${getComputedStyle(document.body).fontFamily}`;
  const widest = Math.max(0, ...texts.map((t) => context.measureText(t).width));
  // The cell's padding on both sides and its border.
  return Math.min(max, Math.max(min, Math.ceil(widest) + 40));
}

/** Every variable by member and year, read-only; click a number to see where it comes from. */
export function OutputsView() {
  const engine = useApp((s) => s.engine);
  const results = useApp((s) => s.results);
  const year = useApp((s) => s.year);
  const trail = useApp((s) => s.explainTrail);
  const setPicked = useApp((s) => s.explainPick);
  const step = useApp((s) => s.explainStep);
  const picked = trail.trail[trail.at] ?? null;
  const t = useT();
  const locale = useLocale();
  const shown = useShown();
  const years = useMemo(() => (engine?.data.members.get(TIME_DIM) ?? []).map(String), [engine]);

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
      const dim = space.dims.find((d) => d !== TIME_DIM);
      const byMember = new Map<string, OutputRow>();
      for (let i = 0; i < space.length; i++) {
        const member = dim ? String(engine.data.members.get(dim)?.[coordinate(space, i, dim)]) : '';
        let row = byMember.get(member);
        if (!row) {
          row = {
            key: `${id}/${member}`,
            variable: id,
            label: v ? labelIn(v.def, locale) : id,
            member,
            unit: v?.def.unit ?? '',
            cells: {},
            values: {},
          };
          byMember.set(member, row);
        }
        const y = String(engine.data.members.get(TIME_DIM)?.[coordinate(space, i, TIME_DIM)]);
        row.cells[y] = i;
        row.values[y] = values[i] as number;
      }
      out.push(...byMember.values());
    }
    return out;
  }, [engine, results, locale]);

  // Units in full and labels up to a limit, measured in the grid's own font.
  const unitWidth = useMemo(
    () =>
      columnWidth(
        rows.map((r) => shown.unit(r.unit)),
        80,
        220,
      ),
    [rows, shown],
  );
  const labelWidth = useMemo(
    () =>
      columnWidth(
        rows.map((r) => (r.member ? `${r.label}: ${r.member}` : r.label)),
        160,
        300,
      ),
    [rows],
  );
  const columns = useMemo<ColDef<OutputRow>[]>(
    () => [
      // Pinned, so a row never reads as just "bn CNY" once the years scroll. The member sits
      // in the label ("Shortfall by buyer: Tencent"): three pinned columns left the years no room.
      {
        colId: 'label',
        headerName: t('outputs.variable'),
        width: labelWidth,
        pinned: 'left',
        valueGetter: (p) => (p.data?.member ? `${p.data.label}: ${p.data.member}` : p.data?.label),
        tooltipValueGetter: (p) => p.data?.variable,
      },
      {
        field: 'unit',
        headerName: t('outputs.unit'),
        width: unitWidth,
        pinned: 'left',
        valueFormatter: (p) => shown.unit(String(p.value ?? '')),
      },
      ...years.map<ColDef<OutputRow>>((y) => ({
        colId: y,
        headerName: y,
        type: 'rightAligned',
        width: 120,
        // Money in the unit chosen for display (copying a cell copies what is shown).
        valueGetter: (p) => (p.data ? shown.value(p.data.values[y] ?? Number.NaN, p.data.unit) : undefined),
        valueFormatter: (p) => formatCard(Number(p.value), p.data?.unit ?? '', locale),
        cellClass: (p) =>
          picked && p.data?.variable === picked.variable && p.data.cells[y] === picked.index ? 'picked' : '',
      })),
    ],
    [years, picked, labelWidth, unitWidth, t, locale, shown],
  );

  const onCell = (e: CellClickedEvent<OutputRow>) => {
    const y = e.column.getColId();
    const index = e.data?.cells[y];
    if (e.data && index !== undefined) setPicked({ variable: e.data.variable, index });
  };
  /**
   * Following a variable keeps the cell's context: the same year and member where the variable
   * has them (Demand 2026 from Compute gap 2026), the first member where it adds a dimension.
   */
  const pickVariable = (id: string) => {
    if (!engine) return;
    const target = engine.spaceOf(id);
    const from = picked ? engine.spaceOf(picked.variable) : null;
    const yi = (engine.data.members.get(TIME_DIM) ?? []).findIndex((y) => Number(y) === year);
    const wanted = (d: string): number =>
      from && picked && from.dims.includes(d)
        ? coordinate(from, picked.index, d)
        : d === TIME_DIM
          ? Math.max(yi, 0)
          : 0;
    let index = 0;
    for (let i = 0; i < target.length; i++) {
      if (target.dims.every((d) => coordinate(target, i, d) === wanted(d))) {
        index = i;
        break;
      }
    }
    setPicked({ variable: id, index });
  };

  // Alt+Left and Alt+Right walk the trail, as in a browser.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
      e.preventDefault();
      step(e.key === 'ArrowLeft' ? -1 : 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step]);

  return (
    <div className="outputs">
      <div className="outputs-grid" data-testid="outputs-grid">
        <AgGridReact<OutputRow>
          key={locale}
          theme={theme}
          {...gridLocale(locale)}
          rowData={rows}
          columnDefs={columns}
          getRowId={(p) => p.data.key}
          onCellClicked={onCell}
          defaultColDef={{ sortable: false, resizable: true }}
          tooltipShowDelay={300}
          // A label and one column per year: every year stays in the page, for find and screen readers.
          suppressColumnVirtualisation
        />
      </div>
      {picked ? (
        <div className="explain-wrap">
          <div className="explain-nav" role="toolbar" aria-label={t('outputs.trail')}>
            <button
              type="button"
              className="small"
              onClick={() => step(-1)}
              disabled={trail.at <= 0}
              title={t('outputs.backHint')}
            >
              ← {t('outputs.back')}
            </button>
            <button
              type="button"
              className="small"
              onClick={() => step(1)}
              disabled={trail.at >= trail.trail.length - 1}
              title={t('outputs.forwardHint')}
            >
              {t('outputs.forward')} →
            </button>
            <span className="muted trail" data-testid="explain-trail">
              {trail.trail
                .slice(0, trail.at + 1)
                .slice(-4)
                .map((p) => (engine ? cellName(engine, p.variable, p.index, locale) : p.variable))
                .join(' › ')}
            </span>
          </div>
          <ExplainPanel variable={picked.variable} index={picked.index} onPick={pickVariable} />
        </div>
      ) : (
        <aside className="explain empty">{t('outputs.clickHint')}</aside>
      )}
    </div>
  );
}
