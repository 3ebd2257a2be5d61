import type { DatasetMeta } from '../../shared/contract/index.js';
import { headingIn } from '../../shared/text/column-heading.js';
import {
  type DataIssue,
  type Engine,
  type Member,
  type MissingCause,
  type Results,
  causeRank,
  coordinate,
  labelIn,
  whyMissing,
} from '../../shared/model/index.js';
import { type Locale, translate } from '../../shared/i18n/index.js';

/** Something that stops the model giving an honest number, named so the analyst can fix it. */
export interface Problem {
  key: string;
  level: 'error' | 'warning';
  text: string;
  /** The output cells it leaves without a value, e.g. "Compute gap 2026". */
  affects: string[];
  /** Where to fix it, when it is one dataset. */
  dataset?: string;
  /** Data to fix (1) before how it spread (2, 3). */
  rank: number;
}

const keysText = (keys: Record<string, Member>): string => Object.values(keys).map(String).join(', ');

/** Dataset and column as the reader sees them (labels in their language, the unit as they write it). */
function labels(datasets: DatasetMeta[], dataset: string, column: string, locale: Locale) {
  const meta = datasets.find((d) => d.name === dataset);
  const col = meta?.columns.find((c) => c.name === column);
  return { dataset: meta ? labelIn(meta, locale) : dataset, column: col ? headingIn(col, locale) : column };
}

/** One cause in words: dataset and column by their labels, the row by its number and key. */
export function describeCause(
  cause: MissingCause,
  datasets: DatasetMeta[],
  engine: Engine,
  locale: Locale = 'en',
): string {
  const variableLabel = (id: string) => {
    const def = engine.model.byId.get(id)?.def;
    return def ? labelIn(def, locale) : id;
  };
  switch (cause.kind) {
    case 'blank': {
      const l = labels(datasets, cause.dataset, cause.column, locale);
      return translate(locale, 'cause.blank', { ...l, row: cause.row + 1, keys: keysText(cause.keys) });
    }
    case 'no-row': {
      const l = labels(datasets, cause.dataset, cause.column, locale);
      return translate(locale, 'cause.noRow', { ...l, keys: keysText(cause.keys) });
    }
    case 'attribute': {
      const l = labels(datasets, cause.dataset, cause.column, locale);
      return translate(locale, 'cause.attribute', { ...l, member: String(cause.member) });
    }
    case 'before-first':
      return translate(locale, 'cause.beforeFirst', { label: variableLabel(cause.variable), year: String(cause.year) });
    case 'assumption': {
      const a = engine.model.def.assumptions.find((x) => x.id === cause.id);
      return translate(locale, 'cause.assumption', { label: a ? labelIn(a, locale) : cause.id });
    }
    case 'arithmetic':
      return translate(locale, 'cause.arithmetic', {
        label: variableLabel(cause.variable),
        keys: keysText(cause.keys),
      });
  }
}

export function describeIssue(issue: DataIssue, datasets: DatasetMeta[], locale: Locale = 'en'): string {
  const l = labels(datasets, issue.dataset, issue.column, locale);
  if (issue.kind === 'duplicate')
    return translate(locale, 'issue.duplicate', {
      dataset: l.dataset,
      rows: issue.rows.map((r) => r + 1).join(translate(locale, 'issue.and')),
      keys: keysText(issue.keys),
      used: (issue.rows[0] ?? 0) + 1,
    });
  const shown = issue.rows
    .slice(0, 5)
    .map((r) => r + 1)
    .join(', ');
  const more = issue.rows.length > 5 ? translate(locale, 'issue.more', { count: issue.rows.length - 5 }) : '';
  return translate(locale, 'issue.unknownMembers', { dataset: l.dataset, rows: shown, more, count: issue.rows.length });
}

/** The name of an output cell, e.g. "Compute gap 2026" or "Shortfall by buyer Alibaba 2026". */
export function cellName(engine: Engine, variable: string, index: number, locale: Locale = 'en'): string {
  const space = engine.spaceOf(variable);
  const members = space.dims.map((d) => String(engine.data.members.get(d)?.[coordinate(space, index, d)] ?? ''));
  const def = engine.model.byId.get(variable)?.def;
  return [def ? labelIn(def, locale) : variable, ...members].join(' ');
}

/**
 * Every problem with the numbers on screen: each output cell without a value traced back to
 * the inputs it lacks, and every data issue (duplicate keys, rows outside the model).
 */
export function modelProblems(
  engine: Engine,
  results: Results,
  values: Float64Array,
  datasets: DatasetMeta[],
  locale: Locale = 'en',
): Problem[] {
  const last = new Set<string>();
  const byKey = new Map<string, Problem>();
  for (const id of engine.model.def.outputs) {
    const cells = results.get(id);
    if (!cells) continue;
    for (let i = 0; i < cells.length; i++) {
      if (!Number.isNaN(cells[i])) continue;
      for (const cause of whyMissing(engine, results, values, id, i, 6)) {
        const key = JSON.stringify(cause);
        let p = byKey.get(key);
        if (!p) {
          p = {
            key,
            level: 'error',
            text: describeCause(cause, datasets, engine, locale),
            affects: [],
            rank: causeRank(cause),
            ...('dataset' in cause ? { dataset: cause.dataset } : {}),
          };
          byKey.set(key, p);
          if (cause.kind === 'before-first') last.add(key);
        }
        p.affects.push(cellName(engine, id, i, locale));
      }
    }
  }
  // Causes that explain something more specific come first: a blank cell before "needs a first year".
  const traced = [...byKey.values()].sort((a, b) => Number(last.has(a.key)) - Number(last.has(b.key)));
  const issues = engine.data.issues.map<Problem>((issue) => ({
    key: JSON.stringify(issue),
    level: issue.kind === 'duplicate' ? 'error' : 'warning',
    text: describeIssue(issue, datasets, locale),
    affects: [],
    dataset: issue.dataset,
    rank: 1,
  }));
  return [...traced, ...issues];
}
