import { useMemo } from 'react';
import { useApp } from '../state/context.js';
import { AssumptionControl } from './AssumptionControl.js';

export function AssumptionsPanel() {
  const def = useApp((s) => s.def);
  const values = useApp((s) => s.values);
  const baseValues = useApp((s) => s.baseValues);
  const facts = useApp((s) => s.facts);
  const setAssumption = useApp((s) => s.setAssumption);
  const reset = useApp((s) => s.resetAssumptions);
  const factMap = useMemo(() => new Map(facts.map((f) => [f.id, f])), [facts]);
  if (!def || !values || !baseValues) return null;
  const changedCount = def.assumptions.filter((_, k) => values[k] !== baseValues[k]).length;
  return (
    <aside className="assumptions" aria-label="Assumptions">
      <div className="assumptions-head">
        <h2>Assumptions</h2>
        <button type="button" className="small" disabled={changedCount === 0} onClick={() => reset()}>
          Reset all{changedCount ? ` (${changedCount})` : ''}
        </button>
      </div>
      {def.groups.map((g) => (
        <section key={g.id} aria-label={g.label}>
          <h3>{g.label}</h3>
          {def.assumptions.map((a, k) =>
            a.group === g.id ? (
              <AssumptionControl
                key={a.id}
                a={a}
                value={values[k] ?? a.default}
                base={baseValues[k] ?? a.default}
                facts={factMap}
                onChange={(v) => setAssumption(a.id, v)}
                onReset={() => reset([a.id])}
              />
            ) : null,
          )}
        </section>
      ))}
    </aside>
  );
}
