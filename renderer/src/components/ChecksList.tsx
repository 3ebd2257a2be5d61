import {
  type CheckOutcome,
  type Engine,
  type Results,
  checkOutcomes,
  describeCheckCell,
  labelIn,
  messageIn,
} from '../../../shared/model/index.js';
import type { Locale } from '../../../shared/i18n/index.js';
import { useLocale, useT } from '../language.js';
import { useApp } from '../state/context.js';

// The cards, the checks list and the explain panel all ask: each set of results is checked once.
const outcomes = new WeakMap<Results, CheckOutcome[]>();

/** The model's checks on the numbers on screen, worked out once per change of those numbers. */
export function useChecks(): CheckOutcome[] {
  const engine = useApp((s) => s.engine);
  const results = useApp((s) => s.results);
  if (!engine || !results) return [];
  let found = outcomes.get(results);
  if (!found) {
    found = checkOutcomes(engine, results);
    outcomes.set(results, found);
  }
  return found;
}

/** Failing checks of one year, for the badge over the cards. */
export function failingIn(checks: CheckOutcome[], timeDim: string | null, year: number): CheckOutcome[] {
  return checks.filter((c) => c.failing.some((cell) => timeDim === null || cell[timeDim] === year));
}

/** A check's label and message in the window's language (the model may give them in Chinese). */
export function checkText(engine: Engine, outcome: CheckOutcome, locale: Locale): { label: string; message: string } {
  const def = engine.model.checks.find((x) => x.id === outcome.id)?.check;
  return def
    ? { label: labelIn(def, locale), message: messageIn(def, locale) }
    : { label: outcome.label, message: outcome.message };
}

/** Every check of the model: where it fails, with its condition; a line saying so when all hold. */
export function ChecksList() {
  const checks = useChecks();
  const engine = useApp((s) => s.engine);
  const t = useT();
  const locale = useLocale();
  if (!engine || checks.length === 0) return null;
  const failing = checks.filter((c) => c.failing.length > 0);
  return (
    <section
      // Red only for a failing error; a warning is drawn as a warning, and all holding is quiet.
      className={`problems checks ${failing.some((c) => c.level === 'error') ? '' : failing.length ? 'warn' : 'ok'}`}
      aria-label={t('checks.title')}
      data-testid="checks"
    >
      <h2>
        {failing.length === 0
          ? t('checks.allHold', { count: checks.length })
          : t('checks.failing', { count: failing.length })}
      </h2>
      {failing.length > 0 && (
        <ul>
          {failing.map((c) => {
            const text = checkText(engine, c, locale);
            return (
              <li key={c.id} className={c.level} data-testid="check">
                <span className="problem-level">{c.level === 'error' ? t('checks.error') : t('checks.warning')}</span>{' '}
                {text.message}
                {t('checks.where')}
                {c.failing.map((cell) => describeCheckCell(cell, engine.model.timeDim)).join('; ')}{' '}
                <span className="muted">
                  ({text.label}: <code>{engine.model.checks.find((x) => x.id === c.id)?.check.formula}</code>)
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
