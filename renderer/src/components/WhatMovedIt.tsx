import { useRef, useState } from 'react';
import {
  type Attribution,
  type CellChange,
  type CompareTable,
  type DatasetTable,
  type Engine,
  type ModelDefinition,
  type ModelState,
  assumptionRecord,
  bindData,
  checkModel,
  compareScenarios,
  compileEngine,
  datasetChanges,
  defaultsOf,
} from '../../../shared/model/index.js';
import { waterfallOption } from '../../../shared/charts/options.js';
import { Chart } from '../charts/Chart.js';
import { messageOf } from '../state/notices-slice.js';
import { useApp } from '../state/context.js';
import type { AttributionMessage, AttributionRequest } from '../workers/protocol.js';
import { formatCard } from './HeadlineCards.js';

interface Props {
  engine: Engine;
  scenarios: { name: string; overrides: Record<string, number> }[];
  initial: [string, string];
}

type Mode = 'scenarios' | 'vintages';
/** A side of a vintage comparison: a vintage's name, or '' for the working data. */
const WORKING = '';

interface Side {
  label: string;
  def: ModelDefinition;
  state: ModelState;
}

interface Outcome {
  run: Attribution;
  label: string;
  ms: number;
  from: Side;
  to: Side;
  /** Headline outputs of both sides, by year (vintage comparisons only). */
  table: CompareTable | null;
}

/**
 * What moved one output cell between two scenarios or two vintages: the change split among the
 * assumptions and datasets that differ (exact Shapley values, worked out in a worker), drawn as
 * a waterfall; a dataset's bar or row lists the cells behind it.
 */
export function WhatMovedIt({ engine, scenarios, initial }: Props) {
  const def = useApp((s) => s.def);
  const tables = useApp((s) => s.tables);
  const working = useApp((s) => s.working);
  const vintages = useApp((s) => s.vintages);
  const stateAt = useApp((s) => s.stateAt);
  const currentScenario = useApp((s) => s.scenarioState?.current.name ?? 'Base');
  const [mode, setMode] = useState<Mode>('scenarios');
  const [from, setFrom] = useState(initial[0]);
  const [to, setTo] = useState(initial[1]);
  const [fromVintage, setFromVintage] = useState(vintages[1]?.name ?? vintages[0]?.name ?? WORKING);
  const [toVintage, setToVintage] = useState(vintages[0]?.name ?? WORKING);
  const [output, setOutput] = useState(engine.model.def.outputs[0] ?? '');
  const years = engine.data.members.get(engine.model.timeDim ?? '') ?? [];
  const [year, setYear] = useState(String(years[Math.min(2, years.length - 1)] ?? ''));
  const otherDim = engine.spaceOf(output).dims.find((d) => d !== engine.model.timeDim);
  const memberList = otherDim ? (engine.data.members.get(otherDim) ?? []).map(String) : [];
  const [member, setMember] = useState<string>('');
  const chosenMember = otherDim ? (memberList.includes(member) ? member : (memberList[0] ?? '')) : '';
  const [result, setResult] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [opened, setOpened] = useState<string | null>(null);
  const worker = useRef<Worker | null>(null);

  const variable = engine.model.byId.get(output)?.def;
  const unit = variable?.unit ?? '';
  const labelOf = (factor: string) => engine.model.def.assumptions.find((a) => a.id === factor)?.label ?? factor;
  const vintageLabel = (name: string) => (name === WORKING ? 'Working data' : `Vintage ${name}`);
  const overridesOf = (name: string) => scenarios.find((s) => s.name === name)?.overrides ?? {};

  /** The two sides: two scenarios on the data in use, or two vintages under the current scenario. */
  const sides = async (): Promise<[Side, Side] | null> => {
    if (!def) return null;
    if (mode === 'scenarios') {
      const side = (name: string): Side => ({
        label: name,
        def,
        state: { assumptions: assumptionRecord(engine, engine.assumptions(overridesOf(name))), tables },
      });
      return [side(from), side(to)];
    }
    if (!working) return null;
    const side = async (name: string): Promise<Side> => {
      const at = await stateAt(name === WORKING ? null : name, working);
      return {
        label: vintageLabel(name),
        def: at.def,
        state: { assumptions: { ...defaultsOf(at.def), ...overridesOf(currentScenario) }, tables: at.tables },
      };
    };
    return [await side(fromVintage), await side(toVintage)];
  };

  /** Headline outputs of both vintages by year, each on its own data. */
  const sideBySide = (a: Side, b: Side): CompareTable => {
    const engineOf = (side: Side) => compileEngine(checkModel(side.def), bindData(side.def, side.state.tables));
    const ea = engineOf(a);
    const eb = engineOf(b);
    const vector = (e: Engine, side: Side) => e.assumptions(side.state.assumptions);
    return compareScenarios(ea, [
      { name: a.label, values: vector(ea, a) },
      { name: b.label, values: vector(eb, b), engine: eb },
    ]);
  };

  const run = async () => {
    setError(null);
    let pair: [Side, Side] | null;
    try {
      pair = await sides();
    } catch (e) {
      setError(messageOf(e));
      return;
    }
    if (!pair || !working) return;
    const [a, b] = pair;
    let table: CompareTable | null = null;
    try {
      table = mode === 'vintages' ? sideBySide(a, b) : null;
    } catch (e) {
      setError(messageOf(e));
      return;
    }
    worker.current?.terminate();
    const w = new Worker(new URL('../workers/attribution.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    setRunning(true);
    setOpened(null);
    const label = `${variable?.label ?? output}${chosenMember ? `, ${chosenMember}` : ''}, ${year}: ${a.label} → ${b.label}`;
    w.onmessage = (event: MessageEvent<AttributionMessage>) => {
      const m = event.data;
      if (m.kind === 'done') setResult({ run: m.result, label, ms: m.ms, from: a, to: b, table });
      else setError(m.message);
      setRunning(false);
      w.terminate();
    };
    const request: AttributionRequest = {
      definition: JSON.stringify(mode === 'vintages' ? working.def : def),
      from: a.state,
      to: b.state,
      cell: { variable: output, year, ...(otherDim ? { members: { [otherDim]: chosenMember } } : {}) },
    };
    w.postMessage(request);
  };

  /** The cells behind a dataset factor, between the two sides of the last run. */
  const cellsOf = (dataset: string): { changes: CellChange[]; total: number } | null => {
    if (!result || !working) return null;
    const t = (side: Side): DatasetTable | undefined => side.state.tables[dataset];
    return datasetChanges(working.def, dataset, t(result.from), t(result.to));
  };
  const pickBar = (index: number) => {
    const c = result?.run.contributions[index - 1];
    if (c?.kind === 'dataset') setOpened(c.factor === opened ? null : c.factor);
  };

  const names = scenarios.map((s) => s.name);
  const r = result?.run;
  return (
    <section aria-label="What moved it" className="what-moved">
      <div className="section-head">
        <h2>What moved it</h2>
      </div>
      <div className="what-moved-form">
        <label>
          Compare{' '}
          <select aria-label="Compare" value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
            <option value="scenarios">two scenarios</option>
            <option value="vintages">two vintages</option>
          </select>
        </label>
        {mode === 'scenarios' ? (
          <>
            <label>
              From{' '}
              <select aria-label="From scenario" value={from} onChange={(e) => setFrom(e.target.value)}>
                {names.map((n) => (
                  <option key={n}>{n}</option>
                ))}
              </select>
            </label>
            <label>
              to{' '}
              <select aria-label="To scenario" value={to} onChange={(e) => setTo(e.target.value)}>
                {names.map((n) => (
                  <option key={n}>{n}</option>
                ))}
              </select>
            </label>
          </>
        ) : (
          <>
            {(['from', 'to'] as const).map((side) => (
              <label key={side}>
                {side === 'from' ? 'From' : 'to'}{' '}
                <select
                  aria-label={side === 'from' ? 'From vintage' : 'To vintage'}
                  value={side === 'from' ? fromVintage : toVintage}
                  onChange={(e) => (side === 'from' ? setFromVintage : setToVintage)(e.target.value)}
                >
                  <option value={WORKING}>Working data</option>
                  {vintages.map((v) => (
                    <option key={v.name} value={v.name}>
                      {v.name} ({v.date})
                    </option>
                  ))}
                </select>
              </label>
            ))}
            <span className="muted">under {currentScenario}</span>
          </>
        )}
        <label>
          Output{' '}
          <select aria-label="Output to explain" value={output} onChange={(e) => setOutput(e.target.value)}>
            {engine.model.def.outputs.map((id) => (
              <option key={id} value={id}>
                {engine.model.byId.get(id)?.def.label ?? id}
              </option>
            ))}
          </select>
        </label>
        {otherDim && (
          <label>
            {otherDim}{' '}
            <select
              aria-label={`Member of ${otherDim}`}
              value={chosenMember}
              onChange={(e) => setMember(e.target.value)}
            >
              {memberList.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          Year{' '}
          <select aria-label="Year to explain" value={year} onChange={(e) => setYear(e.target.value)}>
            {years.map((y) => (
              <option key={String(y)}>{String(y)}</option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="primary"
          onClick={() => void run()}
          disabled={running || (mode === 'scenarios' ? from === to : fromVintage === toVintage)}
        >
          {running ? 'Working…' : 'Explain the change'}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {r && result && (
        <>
          <p data-testid="attribution-summary">
            {result.label}: {formatCard(r.from, unit)} → {formatCard(r.to, unit)}, change {r.change >= 0 ? '+' : '−'}
            {formatCard(Math.abs(r.change), unit)}
            {unit === 'share' ? ' (points)' : ` ${unit}`}. {r.contributions.length} factor
            {r.contributions.length === 1 ? '' : 's'}, {r.evaluations.toLocaleString('en-US')} model runs (
            {Math.round(result.ms)} ms); the parts add up to the change.
          </p>
          {r.contributions.length > 0 && (
            <Chart
              title={`What moved ${result.label} (${unit})`}
              testId="chart-waterfall"
              height={380}
              onPick={pickBar}
              option={waterfallOption(
                { label: result.from.label, value: r.from },
                r.contributions.map((c) => ({ label: labelOf(c.factor), value: c.contribution })),
                { label: result.to.label, value: r.to },
                unit,
                (v) => formatCard(v, unit),
              )}
            />
          )}
          <table className="compare-table" data-testid="attribution-table">
            <thead>
              <tr>
                <th>Factor</th>
                <th>Kind</th>
                <th>Contribution</th>
              </tr>
            </thead>
            <tbody>
              {r.contributions.map((c) => (
                <tr key={c.factor}>
                  <th scope="row">
                    {labelOf(c.factor)} <span className="muted">{c.factor}</span>
                  </th>
                  <td>
                    {c.kind === 'dataset' ? (
                      <button
                        type="button"
                        className="small link"
                        aria-expanded={opened === c.factor}
                        onClick={() => setOpened(opened === c.factor ? null : c.factor)}
                      >
                        dataset: cells…
                      </button>
                    ) : (
                      c.kind
                    )}
                  </td>
                  <td className="num">
                    {c.contribution >= 0 ? '+' : '−'}
                    {formatCard(Math.abs(c.contribution), unit)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {opened && <ChangedCells dataset={opened} found={cellsOf(opened)} from={result.from} to={result.to} />}
          {result.table && <SideBySide table={result.table} />}
        </>
      )}
    </section>
  );
}

/** The cells of one dataset that differ between the two sides, as the bar of that dataset stands for. */
function ChangedCells({
  dataset,
  found,
  from,
  to,
}: {
  dataset: string;
  found: { changes: CellChange[]; total: number } | null;
  from: Side;
  to: Side;
}) {
  if (!found) return null;
  const show = (v: CellChange['from']) =>
    v === null ? 'blank' : typeof v === 'number' ? v.toLocaleString('en-US') : String(v);
  return (
    <div className="changed-cells" data-testid="changed-cells">
      <h3>
        {dataset}: {found.total.toLocaleString('en-US')} cell{found.total === 1 ? '' : 's'} the model reads differ
        {found.total > found.changes.length ? ` (first ${found.changes.length} shown)` : ''}
      </h3>
      <table className="compare-table">
        <thead>
          <tr>
            <th>Row</th>
            <th>Column</th>
            <th>{from.label}</th>
            <th>{to.label}</th>
          </tr>
        </thead>
        <tbody>
          {found.changes.map((c) => (
            <tr key={`${c.row}|${c.column}`}>
              <th scope="row">{c.row}</th>
              <td>{c.column}</td>
              <td className="num">{show(c.from)}</td>
              <td className="num">{show(c.to)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Both vintages' headline outputs by year, with the change: three rows per output, a column per year. */
function SideBySide({ table }: { table: CompareTable }) {
  const [a, b] = table.scenarios;
  return (
    <div className="side-by-side" data-testid="vintage-compare">
      <h3>
        {a} and {b}, side by side
      </h3>
      <table className="compare-table">
        <thead>
          <tr>
            <th>Output</th>
            <th />
            {table.years.map((y) => (
              <th key={String(y)} className="num">
                {String(y)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.outputs.map((o) => {
            const row = (kind: 'from' | 'to' | 'change') => (
              <tr
                key={`${o.id}-${kind}`}
                data-output={o.id}
                data-row={kind}
                className={kind === 'change' ? 'delta-row' : ''}
              >
                {kind === 'from' && (
                  <th scope="rowgroup" rowSpan={3}>
                    {o.label} <span className="muted">{o.unit}</span>
                  </th>
                )}
                <td className="muted">{kind === 'from' ? a : kind === 'to' ? b : 'change'}</td>
                {table.years.map((y, i) => {
                  const v =
                    kind === 'change'
                      ? (o.byScenario[1]?.delta[i] ?? Number.NaN)
                      : (o.byScenario[kind === 'from' ? 0 : 1]?.values[i] ?? Number.NaN);
                  if (kind !== 'change')
                    return (
                      <td key={String(y)} className="num" data-year={String(y)}>
                        {formatCard(v, o.unit)}
                      </td>
                    );
                  return (
                    <td
                      key={String(y)}
                      data-year={String(y)}
                      className={`num delta ${v > 1e-9 ? 'up' : v < -1e-9 ? 'down' : ''}`}
                    >
                      {v >= 0 ? '+' : '−'}
                      {formatCard(Math.abs(v), o.unit)}
                    </td>
                  );
                })}
              </tr>
            );
            return [row('from'), row('to'), row('change')];
          })}
        </tbody>
      </table>
    </div>
  );
}
