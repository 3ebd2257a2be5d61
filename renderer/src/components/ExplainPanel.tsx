import { useMemo } from 'react';
import { checksFailingAt, explainCell, sourceRows, whyMissing } from '../../../shared/model/index.js';
import { useChecks } from './ChecksList.js';
import { describeCause } from '../problems.js';
import { isWebLink, sourceLabel } from '../format.js';
import { useApp } from '../state/context.js';
import { formatCard } from './HeadlineCards.js';

const MAX_ROWS = 40;

function show(value: number | string, unit: string): string {
  return typeof value === 'string' ? value : formatCard(value, unit);
}

/** Where a number comes from: formula, what it reads here, assumptions with sources, and the data rows behind it. */
export function ExplainPanel({
  variable,
  index,
  onPick,
}: {
  variable: string;
  index: number;
  onPick: (id: string) => void;
}) {
  const engine = useApp((s) => s.engine);
  const results = useApp((s) => s.results);
  const values = useApp((s) => s.values);
  const tables = useApp((s) => s.tables);
  const facts = useApp((s) => s.facts);
  const datasets = useApp((s) => s.datasets);
  const checks = useChecks();
  const factMap = useMemo(() => new Map(facts.map((f) => [f.id, f])), [facts]);
  const explained = useMemo(() => {
    if (!engine || !results || !values) return null;
    const e = explainCell(engine, results, values, variable, index);
    const missing = Number.isNaN(e.value) ? whyMissing(engine, results, values, variable, index) : [];
    return { e, rows: sourceRows(engine, tables, e), missing };
  }, [engine, results, values, tables, variable, index]);
  if (!engine || !explained || !values) return null;
  const { e, rows, missing } = explained;
  const involved = checksFailingAt(engine, checks, variable, e.cell);
  const cell = Object.entries(e.cell)
    .map(([d, m]) => `${d} ${String(m)}`)
    .join(', ');
  return (
    <aside className="explain" aria-label="Explain">
      <h2>
        {e.label} <code>{e.variable}</code>
      </h2>
      <p className="explain-value">
        {cell}: <strong data-testid="explain-value">{show(e.value, e.unit)}</strong> {e.unit === 'share' ? '' : e.unit}
      </p>
      {Number.isNaN(e.value) && (
        <div className="why-missing" role="alert" data-testid="explain-missing">
          <h3>Why there is no value</h3>
          <ul>
            {missing.map((c) => (
              <li key={JSON.stringify(c)}>{describeCause(c, datasets, engine)}</li>
            ))}
          </ul>
        </div>
      )}
      {involved.length > 0 && (
        <div className="why-missing" data-testid="explain-checks">
          <h3>Model checks that fail here</h3>
          <ul>
            {involved.map((c) => (
              <li key={c.id}>
                {c.message} <span className="muted">({c.label})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <h3>Formula</h3>
      <pre className="formula">{e.formula}</pre>
      <h3>What it reads here</h3>
      <table className="terms">
        <tbody>
          {e.terms.map((t) => (
            <tr key={t.id}>
              <th scope="row">
                {t.kind === 'variable' ? (
                  <button type="button" className="link" onClick={() => onPick(t.id.replace(/^prev\((.*)\)$/, '$1'))}>
                    {t.label}
                  </button>
                ) : (
                  t.label
                )}{' '}
                <span className="muted">{t.kind}</span>
              </th>
              <td>
                {t.values.length === 0
                  ? '–'
                  : t.values.slice(0, 12).map((v) => (
                      <div key={v.at}>
                        {v.at !== 'this cell' && v.at !== 'now' ? <span className="muted">{v.at}: </span> : null}
                        {typeof v.value === 'number' && Number.isNaN(v.value) ? (
                          <span className="muted">no data</span>
                        ) : (
                          show(v.value, t.unit)
                        )}{' '}
                        {t.unit === 'share' ? '' : t.unit}
                      </div>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Assumptions behind it</h3>
      <ul className="explain-assumptions">
        {e.assumptions.map((id) => {
          const k = engine.assumptionIds.indexOf(id);
          const a = engine.model.def.assumptions[k];
          if (!a) return null;
          return (
            <li key={id}>
              {a.label}: <strong>{values[k]}</strong> {a.unit} <span className="muted">({a.basis})</span>
              {a.sources.map((s) => {
                const f = factMap.get(s);
                return f?.url ? (
                  <a
                    key={s}
                    href={f.url}
                    target="_blank"
                    rel="noopener noreferrer"
                    className="source-link"
                    title={`${f.entity}: ${f.metric}`}
                  >
                    {' '}
                    {sourceLabel(f.url)}
                  </a>
                ) : null;
              })}
            </li>
          );
        })}
      </ul>
      {e.upstream.length > 0 && (
        <>
          <h3>Computed from</h3>
          <p className="chips-list">
            {e.upstream.map((id) => (
              <button key={id} type="button" className="chip" onClick={() => onPick(id)}>
                {engine.model.byId.get(id)?.def.label ?? id}
              </button>
            ))}
          </p>
        </>
      )}
      <h3>Data behind it</h3>
      {rows.length === 0 ? (
        <p className="muted">No dataset rows: this number rests on assumptions only.</p>
      ) : (
        <table className="data-rows">
          <thead>
            <tr>
              <th>Dataset</th>
              <th>Row</th>
              <th>Basis</th>
              <th>Source</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_ROWS).map((r, i) => {
              const { basis, source, note, ...rest } = r.row;
              const basisText = typeof basis === 'string' ? basis : '';
              const label = Object.values(rest).map(String).join(' · ');
              return (
                <tr key={i} title={typeof note === 'string' ? note : ''}>
                  <td>{r.dataset}</td>
                  <td>{label}</td>
                  <td className={`basis basis-${basisText}`}>{basisText}</td>
                  <td>
                    {isWebLink(source) ? (
                      <a href={source} target="_blank" rel="noopener noreferrer" className="source-link">
                        {sourceLabel(source)}
                      </a>
                    ) : (
                      <span className="muted">{typeof source === 'string' && source ? source : 'none'}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {rows.length > MAX_ROWS && <p className="muted">and {rows.length - MAX_ROWS} more rows</p>}
    </aside>
  );
}
