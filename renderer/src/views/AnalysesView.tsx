import { useMemo, useState } from 'react';
import { goalSeek, targetOf, tornado, type GoalSeekResult, TIME_DIM } from '../../../shared/model/index.js';
import { Chart } from '../charts/Chart.js';
import { fanOption, histogramOption, tornadoOption } from '../../../shared/charts/options.js';
import { formatCard } from '../components/HeadlineCards.js';
import { useApp } from '../state/context.js';
import { scenarioText } from '../components/ScenarioBar.js';
import { useLocale, useT } from '../language.js';
import { labelIn } from '../../../shared/model/index.js';
import { formatNumberIn, unitIn } from '../../../shared/i18n/index.js';
import { LIMITS } from '../../../shared/contract/index.js';

const NO_SCENARIOS: { name: string; description: string; builtIn: boolean }[] = [];

export function AnalysesView() {
  return (
    <div className="analyses">
      <TornadoPanel />
      <MonteCarloPanel />
      <GoalSeekPanel />
    </div>
  );
}

function yearOutputs(engine: NonNullable<ReturnType<typeof useEngine>>) {
  return engine.model.order.filter((v) => v.dims.length === 1 && v.dims[0] === TIME_DIM);
}
function useEngine() {
  return useApp((s) => s.engine);
}

function TornadoPanel() {
  const engine = useEngine();
  const values = useApp((s) => s.values);
  const year = useApp((s) => s.year);
  const [output, setOutput] = useState('gap_h100e');
  const [y, setY] = useState(year);
  const result = useMemo(() => {
    if (!engine || !values) return null;
    return tornado(engine, values, targetOf(engine, output, y));
  }, [engine, values, output, y]);
  const t = useT();
  const locale = useLocale();
  if (!engine || !result) return null;
  const unit = engine.model.byId.get(output)?.def.unit ?? '';
  const outputDef = engine.model.byId.get(output)?.def;
  // Bars named by the assumptions' labels in the window's language.
  const byId = new Map(engine.model.def.assumptions.map((a) => [a.id, a]));
  const bars = result.bars.map((b) => {
    const a = byId.get(b.assumption);
    return a ? { ...b, label: labelIn(a, locale) } : b;
  });
  const top = bars[0];
  return (
    <section className="panel" aria-label={t('analyses.tornado')}>
      <div className="section-head">
        <h2>{t('analyses.tornado.title')}</h2>
        <OutputYear output={output} setOutput={setOutput} year={y} setYear={setY} />
      </div>
      <p>
        {t('analyses.tornado.text')} <strong data-testid="tornado-top">{top?.label}</strong> (
        {formatCard(top?.swing ?? NaN, unit, locale)} {unit === 'share' ? t('analyses.points') : unitIn(unit, locale)}
        ).
      </p>
      <Chart
        title={t('analyses.tornado.chart', { label: outputDef ? labelIn(outputDef, locale) : output, year: y })}
        option={tornadoOption(
          bars.filter((b) => b.swing > 0),
          result.base,
          unitIn(unit, locale),
          locale,
        )}
        testId="chart-tornado"
        height={380}
      />
    </section>
  );
}

function OutputYear(props: {
  output: string;
  setOutput: (v: string) => void;
  year: number;
  setYear: (v: number) => void;
}) {
  const engine = useEngine();
  const t = useT();
  const locale = useLocale();
  if (!engine) return null;
  return (
    <span className="controls">
      <select aria-label={t('analyses.output')} value={props.output} onChange={(e) => props.setOutput(e.target.value)}>
        {yearOutputs(engine).map((v) => (
          <option key={v.id} value={v.id}>
            {labelIn(v.def, locale)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('analyses.year')}
        value={props.year}
        onChange={(e) => props.setYear(Number(e.target.value))}
      >
        {(engine.data.members.get(TIME_DIM) ?? []).map((y) => (
          <option key={String(y)} value={Number(y)}>
            {String(y)}
          </option>
        ))}
      </select>
    </span>
  );
}

function MonteCarloPanel() {
  const engine = useEngine();
  const values = useApp((s) => s.values);
  const def = useApp((s) => s.def);
  const year = useApp((s) => s.year);
  const mc = useApp((s) => s.monteCarlo);
  const runMonteCarlo = useApp((s) => s.runMonteCarlo);
  const cancel = useApp((s) => s.cancelMonteCarlo);
  const fail = useApp((s) => s.failMonteCarlo);
  const [draws, setDraws] = useState(() => String(mc.result?.draws ?? 10000));
  const [seed, setSeed] = useState(() => String(mc.result?.seed ?? 1));
  const [histYear, setHistYear] = useState(year);
  const scenarios = useApp((s) => s.scenarioState?.scenarios ?? NO_SCENARIOS);
  const t = useT();
  const locale = useLocale();
  if (!engine || !values || !def) return null;
  const n = (v: number) => formatNumberIn(locale, v);
  // A built-in scenario by its name in the window's language; the analyst's own as typed.
  const scenarioName = (name: string) => {
    const info = scenarios.find((x) => x.name === name);
    return info ? scenarioText(def, info, locale).name : name;
  };
  const gapUnit = unitIn('thousand H100e', locale);
  const years = (engine.data.members.get(TIME_DIM) ?? []).map(Number);

  const run = () => {
    const count = Number(draws);
    const s = Number(seed);
    if (!Number.isInteger(count) || count < 100 || count > LIMITS.uiDraws) {
      return fail(t('analyses.mc.badDraws', { max: n(LIMITS.uiDraws) }));
    }
    if (!Number.isInteger(s) || s < 0) return fail(t('analyses.mc.badSeed'));
    runMonteCarlo(count, s);
  };

  const result = mc.result;
  // A result stays until it is replaced; once the model, the data or the values on screen differ
  // from what it was run on, it says so instead of passing for the numbers on screen.
  const stale =
    result !== null && (result.inputs.engine !== engine || result.inputs.values.some((v, k) => v !== values[k]));
  const gap = result?.summaries.gap_h100e;
  const yi = years.indexOf(histYear);
  return (
    <section className="panel" aria-label={t('analyses.mc')}>
      <div className="section-head">
        <h2>{t('analyses.mc.title')}</h2>
        <span className="controls">
          <label>
            {t('analyses.mc.draws')}{' '}
            <input
              aria-label={t('analyses.mc.draws')}
              type="number"
              min={100}
              max={LIMITS.uiDraws}
              value={draws}
              onChange={(e) => setDraws(e.target.value)}
            />
          </label>
          <label>
            {t('analyses.mc.seed')}{' '}
            <input
              aria-label={t('analyses.mc.seed')}
              type="number"
              min={0}
              value={seed}
              onChange={(e) => setSeed(e.target.value)}
            />
          </label>
          {mc.running ? (
            <button type="button" onClick={cancel}>
              {t('common.cancel')}
            </button>
          ) : (
            <button type="button" className="primary" onClick={run}>
              {t('analyses.mc.run')}
            </button>
          )}
        </span>
      </div>
      <p className="muted">{t('analyses.mc.about')}</p>
      {mc.running && (
        <div className="progress">
          <progress aria-label={t('analyses.mc.progress')} max={mc.running.total} value={mc.running.done} />
          <span>{t('analyses.mc.progressText', { done: n(mc.running.done), total: n(mc.running.total) })}</span>
        </div>
      )}
      {mc.error && (
        <p role="alert" className="error-text">
          {mc.error}
        </p>
      )}
      {result && gap && (
        <>
          <table className="compare-table" data-testid="mc-table">
            <thead>
              <tr>
                <th>{t('analyses.year')}</th>
                {years.map((y) => (
                  <th key={y}>{y}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('analyses.mc.pShortage')}</th>
                {gap.map((c, i) => (
                  <td key={i} className="num" data-testid={`p-shortage-${years[i]}`}>
                    {(c.pPositive * 100).toFixed(1)}%
                  </td>
                ))}
              </tr>
              {(['p10', 'p50', 'p90'] as const).map((p) => (
                <tr key={p}>
                  <th scope="row">{t('analyses.mc.gapRow', { p: p.toUpperCase(), unit: gapUnit })}</th>
                  {gap.map((c, i) => (
                    <td key={i} className="num" data-testid={`gap-${p}-${years[i]}`} data-value={c[p]}>
                      {formatCard(c[p], '', locale)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted" data-testid="mc-summary" data-workers={result.workers}>
            {t(result.inputs.changed > 0 ? 'analyses.mc.summaryChanged' : 'analyses.mc.summary', {
              draws: n(result.draws),
              seed: result.seed,
              ms: Math.round(result.ms),
              scenario: scenarioName(result.inputs.scenario),
              count: result.inputs.changed,
            })}
          </p>
          {stale && (
            <p className="stale" role="status" data-testid="mc-stale">
              {t('analyses.mc.stale')}{' '}
              <button type="button" className="small" onClick={run} disabled={mc.running !== null}>
                {t('analyses.mc.again')}
              </button>
            </p>
          )}
          <div className="charts">
            <Chart
              title={t('analyses.mc.fan', { unit: gapUnit })}
              option={fanOption(engine, gap, gapUnit, n, locale)}
              testId="chart-fan"
            />
            <div>
              <label className="controls">
                {t('analyses.mc.histYear')}{' '}
                <select
                  aria-label={t('analyses.mc.histYear')}
                  value={histYear}
                  onChange={(e) => setHistYear(Number(e.target.value))}
                >
                  {years.map((y) => (
                    <option key={y} value={y}>
                      {y}
                    </option>
                  ))}
                </select>
              </label>
              {result.gapSamples[yi] && (
                <Chart
                  title={t('analyses.mc.hist', { year: histYear })}
                  option={histogramOption(result.gapSamples[yi], gapUnit, 30, locale)}
                  testId="chart-histogram"
                />
              )}
            </div>
          </div>
        </>
      )}
    </section>
  );
}

function GoalSeekPanel() {
  const engine = useEngine();
  const values = useApp((s) => s.values);
  const setAssumption = useApp((s) => s.setAssumption);
  const [assumption, setA] = useState('domestic_output_scale');
  const [output, setOutput] = useState('coverage');
  const [year, setYear] = useState(2026);
  const [target, setTarget] = useState('1');
  const [result, setResult] = useState<GoalSeekResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const t = useT();
  const locale = useLocale();
  if (!engine || !values) return null;
  const a = engine.model.def.assumptions.find((x) => x.id === assumption);
  const unit = engine.model.byId.get(output)?.def.unit ?? '';
  const find = () => {
    const goal = Number(target);
    if (target.trim() === '' || !Number.isFinite(goal)) {
      setError(t('analyses.gs.notNumber'));
      setResult(null);
      return;
    }
    setError(null);
    setResult(goalSeek(engine, values, assumption, targetOf(engine, output, year), goal));
  };
  return (
    <section className="panel" aria-label={t('analyses.gs')}>
      <div className="section-head">
        <h2>{t('analyses.gs')}</h2>
      </div>
      <div className="goalseek-form">
        {t('analyses.gs.which')}
        <select aria-label={t('analyses.gs.assumption')} value={assumption} onChange={(e) => setA(e.target.value)}>
          {engine.model.def.assumptions.map((x) => (
            <option key={x.id} value={x.id}>
              {labelIn(x, locale)}
            </option>
          ))}
        </select>
        {t('analyses.gs.makes')}
        <OutputYear output={output} setOutput={setOutput} year={year} setYear={setYear} />
        {t('analyses.gs.reach')}
        <input
          aria-label={t('analyses.gs.target')}
          type="number"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          step="any"
        />
        {unit === 'share' ? t('analyses.gs.shareHint') : unitIn(unit, locale)}?
        <button type="button" className="primary" onClick={find}>
          {t('analyses.gs.find')}
        </button>
      </div>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {result && (
        <div className="goalseek-answer" data-testid="goalseek-answer" role="status">
          {result.found ? (
            <>
              <strong data-value={String(result.value)}>
                {a ? labelIn(a, locale) : assumption} = {Number(result.value.toPrecision(8))}{' '}
                {unitIn(a?.unit ?? '', locale)}
              </strong>{' '}
              {t('analyses.gs.makesIt', { value: formatCard(result.achieved, unit, locale) })}{' '}
              <button
                type="button"
                className="small"
                onClick={() =>
                  setAssumption(assumption, Number(result.value.toFixed(10)), {
                    key: 'analyses.gs.undo',
                    params: { label: a ? labelIn(a, locale) : assumption },
                  })
                }
              >
                {t('analyses.gs.apply')}
              </button>
            </>
          ) : (
            <>
              <strong>{t('analyses.gs.unreachable')}</strong>{' '}
              {t('analyses.gs.range', {
                label: a ? labelIn(a, locale) : assumption,
                min: a?.min ?? '',
                max: a?.max ?? '',
                unit: unitIn(a?.unit ?? '', locale),
                goal: target,
                lowest: formatCard(result.lowest, unit, locale),
                highest: formatCard(result.highest, unit, locale),
              })}
            </>
          )}
        </div>
      )}
    </section>
  );
}
