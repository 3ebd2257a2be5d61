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
import { useLocale, useT } from '../language.js';
import { useShown } from '../money.js';
import { formatNumberIn } from '../../../shared/i18n/index.js';
import { labelIn } from '../../../shared/model/index.js';

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
  const t = useT();
  const locale = useLocale();
  // Money in the unit chosen for display, as the cards show it.
  const display = useShown();

  const variable = engine.model.byId.get(output)?.def;
  const unit = variable?.unit ?? '';
  const shown = (v: number) => display.value(v, unit);
  const labelOf = (factor: string) => {
    const a = engine.model.def.assumptions.find((x) => x.id === factor);
    return a ? labelIn(a, locale) : factor;
  };
  const vintageLabel = (name: string) => (name === WORKING ? t('moved.working') : t('moved.vintage', { name }));
  // A built-in scenario by its name in the window's language; the analyst's own as typed.
  const scenarioName = (name: string) => {
    const own = def?.scenarios.find((x) => x.name === name);
    return own ? labelIn(own, locale) : name;
  };
  const overridesOf = (name: string) => scenarios.find((s) => s.name === name)?.overrides ?? {};

  /** The two sides: two scenarios on the data in use, or two vintages under the current scenario. */
  const sides = async (): Promise<[Side, Side] | null> => {
    if (!def) return null;
    if (mode === 'scenarios') {
      const side = (name: string): Side => ({
        label: scenarioName(name),
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
    const label = `${variable ? labelIn(variable, locale) : output}${chosenMember ? `, ${chosenMember}` : ''}, ${year}: ${a.label} → ${b.label}`;
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
    <section aria-label={t('moved.title')} className="what-moved">
      <div className="section-head">
        <h2>{t('moved.title')}</h2>
      </div>
      <div className="what-moved-form">
        <label>
          {t('moved.compare')}{' '}
          <select aria-label={t('moved.compare')} value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
            <option value="scenarios">{t('moved.twoScenarios')}</option>
            <option value="vintages">{t('moved.twoVintages')}</option>
          </select>
        </label>
        {mode === 'scenarios' ? (
          <>
            <label>
              {t('moved.from')}{' '}
              <select aria-label={t('moved.fromScenario')} value={from} onChange={(e) => setFrom(e.target.value)}>
                {names.map((n) => (
                  <option key={n} value={n}>
                    {scenarioName(n)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('moved.to')}{' '}
              <select aria-label={t('moved.toScenario')} value={to} onChange={(e) => setTo(e.target.value)}>
                {names.map((n) => (
                  <option key={n} value={n}>
                    {scenarioName(n)}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : (
          <>
            {(['from', 'to'] as const).map((side) => (
              <label key={side}>
                {side === 'from' ? t('moved.from') : t('moved.to')}{' '}
                <select
                  aria-label={side === 'from' ? t('moved.fromVintage') : t('moved.toVintage')}
                  value={side === 'from' ? fromVintage : toVintage}
                  onChange={(e) => (side === 'from' ? setFromVintage : setToVintage)(e.target.value)}
                >
                  <option value={WORKING}>{t('moved.working')}</option>
                  {vintages.map((v) => (
                    <option key={v.name} value={v.name}>
                      {v.name} ({v.date})
                    </option>
                  ))}
                </select>
              </label>
            ))}
            <span className="muted">{t('moved.under', { scenario: scenarioName(currentScenario) })}</span>
          </>
        )}
        <label>
          {t('moved.output')}{' '}
          <select aria-label={t('moved.outputToExplain')} value={output} onChange={(e) => setOutput(e.target.value)}>
            {engine.model.def.outputs.map((id) => {
              const v = engine.model.byId.get(id)?.def;
              return (
                <option key={id} value={id}>
                  {v ? labelIn(v, locale) : id}
                </option>
              );
            })}
          </select>
        </label>
        {otherDim && (
          <label>
            {otherDim}{' '}
            <select
              aria-label={t('moved.memberOf', { dimension: otherDim })}
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
          {t('moved.year')}{' '}
          <select aria-label={t('moved.yearToExplain')} value={year} onChange={(e) => setYear(e.target.value)}>
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
          {running ? t('moved.working…') : t('moved.explain')}
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
            {t('moved.summary', {
              label: result.label,
              from: formatCard(shown(r.from), unit, locale),
              to: formatCard(shown(r.to), unit, locale),
              change: `${r.change >= 0 ? '+' : '−'}${formatCard(Math.abs(shown(r.change)), unit, locale)}`,
              unit: unit === 'share' ? t('moved.points') : ` ${display.unit(unit)}`,
              count: r.contributions.length,
              runs: formatNumberIn(locale, r.evaluations),
              ms: Math.round(result.ms),
            })}
          </p>
          {r.contributions.length > 0 && (
            <Chart
              title={t('moved.chart', { label: result.label, unit: display.unit(unit) })}
              testId="chart-waterfall"
              height={380}
              onPick={pickBar}
              option={waterfallOption(
                { label: result.from.label, value: shown(r.from) },
                r.contributions.map((c) => ({ label: labelOf(c.factor), value: shown(c.contribution) })),
                { label: result.to.label, value: shown(r.to) },
                display.unit(unit),
                (v) => formatCard(v, unit, locale),
                locale,
              )}
            />
          )}
          <table className="compare-table" data-testid="attribution-table">
            <thead>
              <tr>
                <th>{t('moved.factor')}</th>
                <th>{t('moved.kind')}</th>
                <th>{t('moved.contribution')}</th>
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
                        {t('moved.datasetCells')}
                      </button>
                    ) : (
                      t(`moved.kind.${c.kind}`)
                    )}
                  </td>
                  <td className="num">
                    {c.contribution >= 0 ? '+' : '−'}
                    {formatCard(Math.abs(shown(c.contribution)), unit, locale)}
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
  const t = useT();
  const locale = useLocale();
  if (!found) return null;
  const show = (v: CellChange['from']) =>
    v === null ? t('moved.blank') : typeof v === 'number' ? formatNumberIn(locale, v) : String(v);
  return (
    <div className="changed-cells" data-testid="changed-cells">
      <h3>
        {t('moved.cellsDiffer', { dataset, count: found.total })}
        {found.total > found.changes.length ? t('moved.firstShown', { count: found.changes.length }) : ''}
      </h3>
      <table className="compare-table">
        <thead>
          <tr>
            <th>{t('moved.row')}</th>
            <th>{t('moved.column')}</th>
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
  const t = useT();
  const locale = useLocale();
  const display = useShown();
  return (
    <div className="side-by-side" data-testid="vintage-compare">
      <h3>{t('moved.sideBySide', { a: a ?? '', b: b ?? '' })}</h3>
      <table className="compare-table">
        <thead>
          <tr>
            <th>{t('moved.output')}</th>
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
                    {o.label} <span className="muted">{display.unit(o.unit)}</span>
                  </th>
                )}
                <td className="muted">{kind === 'from' ? a : kind === 'to' ? b : t('moved.change')}</td>
                {table.years.map((y, i) => {
                  const v = display.value(
                    kind === 'change'
                      ? (o.byScenario[1]?.delta[i] ?? Number.NaN)
                      : (o.byScenario[kind === 'from' ? 0 : 1]?.values[i] ?? Number.NaN),
                    o.unit,
                  );
                  if (kind !== 'change')
                    return (
                      <td key={String(y)} className="num" data-year={String(y)}>
                        {formatCard(v, o.unit, locale)}
                      </td>
                    );
                  return (
                    <td
                      key={String(y)}
                      data-year={String(y)}
                      className={`num delta ${v > 1e-9 ? 'up' : v < -1e-9 ? 'down' : ''}`}
                    >
                      {v >= 0 ? '+' : '−'}
                      {formatCard(Math.abs(v), o.unit, locale)}
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
