import { type CheckOutcome, type Results, checkOutcomes, describeCheckCell } from '../../../shared/model/index.js';
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

/** Every check of the model: where it fails, with its condition; a line saying so when all hold. */
export function ChecksList() {
  const checks = useChecks();
  const engine = useApp((s) => s.engine);
  if (!engine || checks.length === 0) return null;
  const failing = checks.filter((c) => c.failing.length > 0);
  return (
    <section
      // Red only for a failing error; a warning is drawn as a warning, and all holding is quiet.
      className={`problems checks ${failing.some((c) => c.level === 'error') ? '' : failing.length ? 'warn' : 'ok'}`}
      aria-label="Model checks"
      data-testid="checks"
    >
      <h2>
        {failing.length === 0
          ? `Model checks: all ${checks.length} hold`
          : `${failing.length} model ${failing.length === 1 ? 'check fails' : 'checks fail'}`}
      </h2>
      {failing.length > 0 && (
        <ul>
          {failing.map((c) => (
            <li key={c.id} className={c.level} data-testid="check">
              <span className="problem-level">{c.level === 'error' ? 'Error' : 'Warning'}</span> {c.message}:{' '}
              {c.failing.map((cell) => describeCheckCell(cell, engine.model.timeDim)).join('; ')}{' '}
              <span className="muted">
                ({c.label}: <code>{engine.model.checks.find((x) => x.id === c.id)?.check.formula}</code>)
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
