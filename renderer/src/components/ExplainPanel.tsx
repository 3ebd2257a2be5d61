import { useMemo } from 'react';
import { checksFailingAt, explainCell, labelIn, sourceRows, whyMissing } from '../../../shared/model/index.js';
import { basisIn, unitIn } from '../../../shared/i18n/index.js';
import { type Shown, useShown } from '../money.js';
import { useLocale, useT } from '../language.js';
import { checkText } from './ChecksList.js';
import { useChecks } from './ChecksList.js';
import { describeCause } from '../problems.js';
import { isWebLink, sourceLabel } from '../format.js';
import { useApp } from '../state/context.js';
import { formatCard } from './HeadlineCards.js';
import { useDatasets } from '../dataset-labels.js';

const MAX_ROWS = 40;

/** A value as the window shows it: money in the chosen unit, numbers grouped as the language writes them. */
function show(value: number | string, unit: string, shown: Shown): string {
  return typeof value === 'string' ? value : formatCard(shown.value(value, unit), unit, shown.locale);
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
  const datasets = useDatasets();
  const checks = useChecks();
  const t = useT();
  const locale = useLocale();
  const shown = useShown();
  const factMap = useMemo(() => new Map(facts.map((f) => [f.id, f])), [facts]);
  const explained = useMemo(() => {
    if (!engine || !results || !values) return null;
    const e = explainCell(engine, results, values, variable, index, locale);
    const missing = Number.isNaN(e.value) ? whyMissing(engine, results, values, variable, index) : [];
    return { e, rows: sourceRows(engine, tables, e), missing };
  }, [engine, results, values, tables, variable, index, locale]);
  if (!engine || !explained || !values) return null;
  const { e, rows, missing } = explained;
  const involved = checksFailingAt(engine, checks, variable, e.cell);
  const cell = Object.entries(e.cell)
    .map(([d, m]) => {
      const dim = engine.model.def.dimensions.find((x) => x.id === d);
      return `${dim ? labelIn(dim, locale) : d} ${String(m)}`;
    })
    .join(', ');
  return (
    <aside className="explain" aria-label={t('explain.title')}>
      <h2>
        {e.label} <code>{e.variable}</code>
      </h2>
      <p className="explain-value">
        {cell}: <strong data-testid="explain-value">{show(e.value, e.unit, shown)}</strong>{' '}
        {e.unit === 'share' ? '' : shown.unit(e.unit)}
      </p>
      {Number.isNaN(e.value) && (
        <div className="why-missing" role="alert" data-testid="explain-missing">
          <h3>{t('explain.whyMissing')}</h3>
          <ul>
            {missing.map((c) => (
              <li key={JSON.stringify(c)}>{describeCause(c, datasets, engine, locale)}</li>
            ))}
          </ul>
        </div>
      )}
      {involved.length > 0 && (
        <div className="why-missing" data-testid="explain-checks">
          <h3>{t('explain.checksHere')}</h3>
          <ul>
            {involved.map((c) => {
              const text = checkText(engine, c, locale);
              return (
                <li key={c.id}>
                  {text.message} <span className="muted">({text.label})</span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <h3>{t('explain.formula')}</h3>
      <pre className="formula">{e.formula}</pre>
      <h3>{t('explain.reads')}</h3>
      <table className="terms">
        <tbody>
          {e.terms.map((term) => (
            <tr key={term.id}>
              <th scope="row">
                {term.kind === 'variable' ? (
                  <button
                    type="button"
                    className="link"
                    onClick={() => onPick(term.id.replace(/^prev\((.*)\)$/, '$1'))}
                  >
                    {term.label}
                  </button>
                ) : (
                  term.label
                )}{' '}
                <span className="muted">{t(`explain.kind.${term.kind}`)}</span>
              </th>
              <td>
                {term.values.length === 0
                  ? '–'
                  : term.values.slice(0, 12).map((v) => (
                      <div key={v.at}>
                        {v.at !== 'this cell' && v.at !== 'now' ? <span className="muted">{v.at}: </span> : null}
                        {typeof v.value === 'number' && Number.isNaN(v.value) ? (
                          <span className="muted">{t('explain.noData')}</span>
                        ) : (
                          show(v.value, term.unit, shown)
                        )}{' '}
                        {term.unit === 'share' ? '' : shown.unit(term.unit)}
                      </div>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('explain.assumptions')}</h3>
      <ul className="explain-assumptions">
        {e.assumptions.map((id) => {
          const k = engine.assumptionIds.indexOf(id);
          const a = engine.model.def.assumptions[k];
          if (!a) return null;
          return (
            <li key={id}>
              {labelIn(a, locale)}: <strong>{values[k]}</strong> {unitIn(a.unit, locale)}{' '}
              <span className="muted">({basisIn(a.basis, locale)})</span>
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
          <h3>{t('explain.computedFrom')}</h3>
          <p className="chips-list">
            {e.upstream.map((id) => (
              <button key={id} type="button" className="chip" onClick={() => onPick(id)}>
                {((def) => (def ? labelIn(def, locale) : id))(engine.model.byId.get(id)?.def)}
              </button>
            ))}
          </p>
        </>
      )}
      <h3>{t('explain.data')}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('explain.noRows')}</p>
      ) : (
        <table className="data-rows">
          <thead>
            <tr>
              <th>{t('explain.dataset')}</th>
              <th>{t('explain.row')}</th>
              <th>{t('explain.basis')}</th>
              <th>{t('explain.source')}</th>
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
                  <td className={`basis basis-${basisText}`}>{basisIn(basisText, locale)}</td>
                  <td>
                    {isWebLink(source) ? (
                      <a href={source} target="_blank" rel="noopener noreferrer" className="source-link">
                        {sourceLabel(source)}
                      </a>
                    ) : (
                      <span className="muted">{typeof source === 'string' && source ? source : t('explain.none')}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {rows.length > MAX_ROWS && <p className="muted">{t('explain.moreRows', { count: rows.length - MAX_ROWS })}</p>}
    </aside>
  );
}
