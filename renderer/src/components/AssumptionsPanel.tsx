import { useMemo } from 'react';
import { useApp } from '../state/context.js';
import { labelIn } from '../../../shared/model/index.js';
import { useLocale, useT } from '../language.js';
import { AssumptionControl } from './AssumptionControl.js';

export function AssumptionsPanel() {
  const def = useApp((s) => s.def);
  const values = useApp((s) => s.values);
  const baseValues = useApp((s) => s.baseValues);
  const facts = useApp((s) => s.facts);
  const setAssumption = useApp((s) => s.setAssumption);
  const reset = useApp((s) => s.resetAssumptions);
  const t = useT();
  const locale = useLocale();
  const factMap = useMemo(() => new Map(facts.map((f) => [f.id, f])), [facts]);
  if (!def || !values || !baseValues) return null;
  const changedCount = def.assumptions.filter((_, k) => values[k] !== baseValues[k]).length;
  return (
    <aside className="assumptions" aria-label={t('assumptions.title')}>
      <div className="assumptions-head">
        <h2>{t('assumptions.title')}</h2>
        <button type="button" className="small" disabled={changedCount === 0} onClick={() => reset()}>
          {changedCount ? t('assumptions.resetAllCount', { count: changedCount }) : t('assumptions.resetAll')}
        </button>
      </div>
      {def.groups.map((g) => (
        <section key={g.id} aria-label={labelIn(g, locale)}>
          <h3>{labelIn(g, locale)}</h3>
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
