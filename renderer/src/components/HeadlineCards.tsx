import { useMemo } from 'react';
import { whyMissing, TIME_DIM } from '../../../shared/model/index.js';
import { describeCause } from '../problems.js';
import { useApp } from '../state/context.js';
import { failingIn, useChecks } from './ChecksList.js';

const n1 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

export function formatCard(value: number, unit: string): string {
  // Never a dash that could pass for zero: a missing number says so (the caller says why).
  if (Number.isNaN(value)) return 'no value';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  return unit === 'share' ? `${(value * 100).toFixed(1)}%` : n1.format(value);
}

const CARDS = [
  { id: 'gap_h100e', title: 'Compute gap', note: (v: number) => (v > 0 ? 'shortage' : 'surplus') },
  { id: 'coverage', title: 'Coverage of demand', note: () => 'supply ÷ demand' },
  { id: 'shortfall_value', title: 'Shortfall value', note: () => 'missing compute at frontier prices' },
  { id: 'domestic_share', title: 'Domestic share of supply', note: () => 'in H100-equivalents' },
  {
    id: 'hbm_left',
    title: 'HBM stock left',
    note: (v: number) => (v > 0 ? 'stacks at the year end' : 'stockpile used up'),
  },
  {
    id: 'budget_used',
    title: 'Budget used',
    note: (v: number) => (v > 1 ? 'chips cost more than the budget' : 'delivered chips ÷ onshore budget'),
  },
];

/** The four numbers analysts open the workbench for, for the chosen year, with the change against the scenario. */
export function HeadlineCards() {
  const engine = useApp((s) => s.engine);
  const results = useApp((s) => s.results);
  const baseValues = useApp((s) => s.baseValues);
  const year = useApp((s) => s.year);
  const setYear = useApp((s) => s.setYear);
  const values = useApp((s) => s.values);
  const datasets = useApp((s) => s.datasets);
  const baseResults = useMemo(() => {
    if (!engine || !baseValues) return null;
    const r = engine.run(baseValues);
    return new Map([...r].map(([k, v]) => [k, Float64Array.from(v)]));
  }, [engine, baseValues]);
  const checks = useChecks();
  if (!engine || !results) return null;
  const failingHere = failingIn(checks, engine.model.timeDim, year);
  const years = engine.data.members.get(TIME_DIM) ?? [];
  const yi = years.findIndex((y) => Number(y) === year);
  return (
    <div className="headline">
      <div
        className="years"
        role="radiogroup"
        aria-label="Year"
        onKeyDown={(e) => {
          // Arrow keys move the choice, as in any radio group; Tab leaves the group.
          const step = { ArrowLeft: -1, ArrowUp: -1, ArrowRight: 1, ArrowDown: 1 }[e.key];
          if (!step) return;
          e.preventDefault();
          const next = years[Math.min(Math.max(yi + step, 0), years.length - 1)];
          if (next === undefined) return;
          setYear(Number(next));
          const buttons = e.currentTarget.querySelectorAll<HTMLButtonElement>('[role=radio]');
          buttons[years.indexOf(next)]?.focus();
        }}
      >
        {years.map((y) => (
          <button
            key={String(y)}
            type="button"
            role="radio"
            aria-checked={Number(y) === year}
            tabIndex={Number(y) === year ? 0 : -1}
            onClick={() => setYear(Number(y))}
          >
            {String(y)}
          </button>
        ))}
      </div>
      {failingHere.length > 0 && (
        <p className="check-badge" role="status" data-testid="check-badge">
          ⚠ {failingHere.length === 1 ? '1 model check fails' : `${failingHere.length} model checks fail`} in {year}:{' '}
          {failingHere.map((c) => c.message).join('; ')} (see Model checks below)
        </p>
      )}
      <div className="cards">
        {CARDS.filter((c) => engine.model.byId.has(c.id)).map((c) => {
          const v = engine.model.byId.get(c.id);
          const value = results.get(c.id)?.[yi] ?? Number.NaN;
          const before = baseResults?.get(c.id)?.[yi] ?? Number.NaN;
          const unit = v?.def.unit ?? '';
          const delta = value - before;
          const missing = Number.isNaN(value) && values ? whyMissing(engine, results, values, c.id, yi, 3) : [];
          if (Number.isNaN(value)) {
            return (
              <div key={c.id} className="card missing" data-testid={`card-${c.id}`} data-value="NaN">
                <div className="card-title">
                  {c.title} <span className="muted">{year}</span>
                </div>
                <div className="card-value" role="alert">
                  Cannot compute
                </div>
                <div className="card-note" data-testid="card-cause">
                  {missing[0] ? describeCause(missing[0], datasets, engine) : 'an input it reads has no value'}
                  {missing.length > 1 ? ` (and ${missing.length - 1} more: see Problems)` : ''}
                </div>
              </div>
            );
          }
          return (
            <div key={c.id} className="card" data-testid={`card-${c.id}`} data-value={String(value)}>
              <div className="card-title">
                {c.title} <span className="muted">{year}</span>
              </div>
              <div className="card-value">{formatCard(value, unit)}</div>
              <div className="card-unit">{unit === 'share' ? 'share' : unit}</div>
              <div className="card-note">
                {c.note(value)}
                {Math.abs(delta) > 1e-9 && (
                  <span className={delta > 0 ? 'up' : 'down'}>
                    {' '}
                    {delta > 0 ? '+' : '−'}
                    {formatCard(Math.abs(delta), unit)} vs scenario
                  </span>
                )}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
