import { useMemo } from 'react';
import { whyMissing, TIME_DIM } from '../../../shared/model/index.js';
import { describeCause } from '../problems.js';
import { useApp } from '../state/context.js';
import { type Locale, type MessageKey, numberFormat, translate } from '../../../shared/i18n/index.js';
import { useLocale, useT } from '../language.js';
import { useShown } from '../money.js';
import { checkText, failingIn, useChecks } from './ChecksList.js';
import { useDatasets } from '../dataset-labels.js';

/** A headline figure: one decimal, grouped as the language writes numbers; shares as percent. */
export function formatCard(value: number, unit: string, locale: Locale = 'en'): string {
  // Never a dash that could pass for zero: a missing number says so (the caller says why).
  if (Number.isNaN(value)) return translate(locale, 'cards.noValue');
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const format = numberFormat(locale, 1, 1);
  return unit === 'share' ? `${format.format(value * 100)}%` : format.format(value);
}

const CARDS: { id: string; title: MessageKey; note: (v: number) => MessageKey }[] = [
  { id: 'gap_h100e', title: 'cards.gap', note: (v) => (v > 0 ? 'cards.gap.shortage' : 'cards.gap.surplus') },
  { id: 'coverage', title: 'cards.coverage', note: () => 'cards.coverage.note' },
  { id: 'shortfall_value', title: 'cards.shortfall', note: () => 'cards.shortfall.note' },
  { id: 'domestic_share', title: 'cards.domestic', note: () => 'cards.domestic.note' },
  { id: 'hbm_left', title: 'cards.hbm', note: (v) => (v > 0 ? 'cards.hbm.left' : 'cards.hbm.out') },
  { id: 'budget_used', title: 'cards.budget', note: (v) => (v > 1 ? 'cards.budget.over' : 'cards.budget.note') },
];

/** The four numbers analysts open the workbench for, for the chosen year, with the change against the scenario. */
export function HeadlineCards() {
  const engine = useApp((s) => s.engine);
  const results = useApp((s) => s.results);
  const baseValues = useApp((s) => s.baseValues);
  const year = useApp((s) => s.year);
  const setYear = useApp((s) => s.setYear);
  const values = useApp((s) => s.values);
  const datasets = useDatasets();
  const baseResults = useMemo(() => {
    if (!engine || !baseValues) return null;
    const r = engine.run(baseValues);
    return new Map([...r].map(([k, v]) => [k, Float64Array.from(v)]));
  }, [engine, baseValues]);
  const checks = useChecks();
  const t = useT();
  const locale = useLocale();
  const shown = useShown();
  if (!engine || !results) return null;
  const failingHere = failingIn(checks, engine.model.timeDim, year);
  const years = engine.data.members.get(TIME_DIM) ?? [];
  const yi = years.findIndex((y) => Number(y) === year);
  return (
    <div className="headline">
      <div
        className="years"
        role="radiogroup"
        aria-label={t('cards.year')}
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
          ⚠{' '}
          {t('cards.checksFail', {
            count: failingHere.length,
            year,
            list: failingHere.map((c) => checkText(engine, c, locale).message).join('; '),
          })}
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
                  {t(c.title)} <span className="muted">{year}</span>
                </div>
                <div className="card-value" role="alert">
                  {t('cards.cannotCompute')}
                </div>
                <div className="card-note" data-testid="card-cause">
                  {missing[0] ? describeCause(missing[0], datasets, engine, locale) : t('cards.noInput')}
                  {missing.length > 1 ? t('cards.more', { count: missing.length - 1 }) : ''}
                </div>
              </div>
            );
          }
          return (
            <div key={c.id} className="card" data-testid={`card-${c.id}`} data-value={String(value)}>
              <div className="card-title">
                {t(c.title)} <span className="muted">{year}</span>
              </div>
              <div className="card-value">{formatCard(shown.value(value, unit), unit, locale)}</div>
              <div className="card-unit">{shown.unit(unit)}</div>
              <div className="card-note">
                {t(c.note(value))}
                {Math.abs(delta) > 1e-9 && (
                  <span className={delta > 0 ? 'up' : 'down'}>
                    {' '}
                    {t('cards.vsScenario', {
                      delta: `${delta > 0 ? '+' : '−'}${formatCard(Math.abs(shown.value(delta, unit)), unit, locale)}`,
                    })}
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
