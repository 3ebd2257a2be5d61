import { useMemo, useState } from 'react';
import { goalSeek, targetOf, tornado, type GoalSeekResult, TIME_DIM } from '../../../shared/model/index.js';
import { Chart } from '../charts/Chart.js';
import { fanOption, histogramOption, tornadoOption } from '../../../shared/charts/options.js';
import { formatCard } from '../components/HeadlineCards.js';
import { useApp } from '../state/context.js';
import { LIMITS } from '../../../shared/contract/index.js';

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
  if (!engine || !result) return null;
  const unit = engine.model.byId.get(output)?.def.unit ?? '';
  const top = result.bars[0];
  return (
    <section className="panel" aria-label="Tornado">
      <div className="section-head">
        <h2>Which assumption matters most?</h2>
        <OutputYear output={output} setOutput={setOutput} year={y} setYear={setY} />
      </div>
      <p>
        Each assumption moved to its minimum and maximum, the others at the values on screen. Largest swing:{' '}
        <strong data-testid="tornado-top">{top?.label}</strong> ({formatCard(top?.swing ?? NaN, unit)}{' '}
        {unit === 'share' ? 'points' : unit}).
      </p>
      <Chart
        title={`Swing in ${engine.model.byId.get(output)?.def.label ?? output}, ${y}`}
        option={tornadoOption(
          result.bars.filter((b) => b.swing > 0),
          result.base,
          unit,
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
  if (!engine) return null;
  return (
    <span className="controls">
      <select aria-label="Output" value={props.output} onChange={(e) => props.setOutput(e.target.value)}>
        {yearOutputs(engine).map((v) => (
          <option key={v.id} value={v.id}>
            {v.def.label}
          </option>
        ))}
      </select>
      <select aria-label="Year" value={props.year} onChange={(e) => props.setYear(Number(e.target.value))}>
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
  if (!engine || !values || !def) return null;
  const years = (engine.data.members.get(TIME_DIM) ?? []).map(Number);

  const run = () => {
    const n = Number(draws);
    const s = Number(seed);
    if (!Number.isInteger(n) || n < 100 || n > LIMITS.uiDraws) {
      return fail(`Draws must be a whole number from 100 to ${LIMITS.uiDraws.toLocaleString('en-US')}.`);
    }
    if (!Number.isInteger(s) || s < 0) return fail('The seed must be a whole number of 0 or more.');
    runMonteCarlo(n, s);
  };

  const result = mc.result;
  // A result stays until it is replaced; once the model, the data or the values on screen differ
  // from what it was run on, it says so instead of passing for the numbers on screen.
  const stale =
    result !== null && (result.inputs.engine !== engine || result.inputs.values.some((v, k) => v !== values[k]));
  const gap = result?.summaries.gap_h100e;
  const yi = years.indexOf(histYear);
  return (
    <section className="panel" aria-label="Monte Carlo">
      <div className="section-head">
        <h2>How likely is a shortage?</h2>
        <span className="controls">
          <label>
            Draws{' '}
            <input
              aria-label="Draws"
              type="number"
              min={100}
              max={LIMITS.uiDraws}
              value={draws}
              onChange={(e) => setDraws(e.target.value)}
            />
          </label>
          <label>
            Seed{' '}
            <input aria-label="Seed" type="number" min={0} value={seed} onChange={(e) => setSeed(e.target.value)} />
          </label>
          {mc.running ? (
            <button type="button" onClick={cancel}>
              Cancel
            </button>
          ) : (
            <button type="button" className="primary" onClick={run}>
              Run Monte Carlo
            </button>
          )}
        </span>
      </div>
      <p className="muted">
        Every assumption drawn from its distribution (triangular from its minimum through the value on screen to its
        maximum), the model recomputed for each draw in a background worker.
      </p>
      {mc.running && (
        <div className="progress">
          <progress aria-label="Monte Carlo progress" max={mc.running.total} value={mc.running.done} />
          <span>
            {mc.running.done.toLocaleString('en-US')} / {mc.running.total.toLocaleString('en-US')} draws
          </span>
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
                <th>Year</th>
                {years.map((y) => (
                  <th key={y}>{y}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Probability of a shortage</th>
                {gap.map((c, i) => (
                  <td key={i} className="num" data-testid={`p-shortage-${years[i]}`}>
                    {(c.pPositive * 100).toFixed(1)}%
                  </td>
                ))}
              </tr>
              {(['p10', 'p50', 'p90'] as const).map((p) => (
                <tr key={p}>
                  <th scope="row">Gap {p.toUpperCase()} (thousand H100e)</th>
                  {gap.map((c, i) => (
                    <td key={i} className="num">
                      {formatCard(c[p], '')}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted" data-testid="mc-summary">
            {result.draws.toLocaleString('en-US')} draws, seed {result.seed}, {Math.round(result.ms)} ms. Run on
            scenario {result.inputs.scenario}
            {result.inputs.changed > 0
              ? ` with ${result.inputs.changed} assumption${result.inputs.changed === 1 ? '' : 's'} changed on screen`
              : ''}
            .
          </p>
          {stale && (
            <p className="stale" role="status" data-testid="mc-stale">
              The model, its data or the values on screen have changed since this run: these figures are for the inputs
              it was run on.{' '}
              <button type="button" className="small" onClick={run} disabled={mc.running !== null}>
                Run again
              </button>
            </p>
          )}
          <div className="charts">
            <Chart
              title="Compute gap: P10 to P90 by year (thousand H100e)"
              option={fanOption(engine, gap, 'thousand H100e')}
              testId="chart-fan"
            />
            <div>
              <label className="controls">
                Histogram year{' '}
                <select
                  aria-label="Histogram year"
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
                  title={`Compute gap in ${histYear}: draws (shortage in orange)`}
                  option={histogramOption(result.gapSamples[yi], 'thousand H100e')}
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
  if (!engine || !values) return null;
  const a = engine.model.def.assumptions.find((x) => x.id === assumption);
  const unit = engine.model.byId.get(output)?.def.unit ?? '';
  const find = () => {
    const goal = Number(target);
    if (target.trim() === '' || !Number.isFinite(goal)) {
      setError('The target must be a number.');
      setResult(null);
      return;
    }
    setError(null);
    setResult(goalSeek(engine, values, assumption, targetOf(engine, output, year), goal));
  };
  return (
    <section className="panel" aria-label="Goal seek">
      <div className="section-head">
        <h2>Goal seek</h2>
      </div>
      <div className="goalseek-form">
        Which value of
        <select aria-label="Assumption to change" value={assumption} onChange={(e) => setA(e.target.value)}>
          {engine.model.def.assumptions.map((x) => (
            <option key={x.id} value={x.id}>
              {x.label}
            </option>
          ))}
        </select>
        makes
        <OutputYear output={output} setOutput={setOutput} year={year} setYear={setYear} />
        reach
        <input
          aria-label="Target"
          type="number"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          step="any"
        />
        {unit === 'share' ? '(1 = 100%)' : unit}?
        <button type="button" className="primary" onClick={find}>
          Find
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
                {a?.label} = {Number(result.value.toPrecision(8))} {a?.unit}
              </strong>{' '}
              makes it {formatCard(result.achieved, unit)}.{' '}
              <button
                type="button"
                className="small"
                onClick={() => setAssumption(assumption, Number(result.value.toFixed(10)), `Goal seek: ${a?.label}`)}
              >
                Apply
              </button>
            </>
          ) : (
            <>
              <strong>Not reachable within the range.</strong> {result.reason}. Across the range it goes from{' '}
              {formatCard(result.lowest, unit)} to {formatCard(result.highest, unit)}.
            </>
          )}
        </div>
      )}
    </section>
  );
}
