import { useMemo } from 'react';
import { type Problem, modelProblems } from '../problems.js';
import { useLocale, useT } from '../language.js';
import { useApp } from '../state/context.js';
import { useDatasets } from '../dataset-labels.js';

/** The problems with the numbers on screen, recomputed with them. */
export function useProblems(): Problem[] {
  const engine = useApp((s) => s.engine);
  const results = useApp((s) => s.results);
  const values = useApp((s) => s.values);
  const datasets = useDatasets();
  const locale = useLocale();
  return useMemo(
    () => (engine && results && values ? modelProblems(engine, results, values, datasets, locale) : []),
    [engine, results, values, datasets, locale],
  );
}

/** The problems list: every missing input by dataset, row and column, with the outputs it leaves empty. */
export function ProblemsList() {
  const problems = useProblems();
  const select = useApp((s) => s.select);
  const setView = useApp((s) => s.setView);
  const t = useT();
  if (problems.length === 0) return null;
  const errors = problems.filter((p) => p.level === 'error').length;
  return (
    <section className="problems" aria-label={t('problems.title')} data-testid="problems">
      <h2>{errors > 0 ? t('problems.count', { count: errors }) : t('problems.notes')}</h2>
      <ul>
        {problems.map((p) => (
          <li key={p.key} className={p.level} data-testid="problem">
            <span className="problem-level">{p.level === 'error' ? t('checks.error') : t('problems.note')}</span>{' '}
            {p.text}
            {p.affects.length > 0 && (
              <span className="muted">
                {' '}
                {t('problems.noValueFor', { list: p.affects.slice(0, 4).join(', ') })}
                {p.affects.length > 4 ? t('problems.andMore', { count: p.affects.length - 4 }) : ''}
              </span>
            )}
            {p.dataset && (
              <button
                type="button"
                className="link"
                onClick={() => {
                  void select(p.dataset as string);
                  setView('data');
                }}
              >
                {t('problems.openDataset')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
