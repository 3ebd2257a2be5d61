import type { CheckedModel } from './checked.js';
import { type DatasetTable, bindData } from './data.js';
import { modelColumns, modelDatasets } from './definition.js';
import { ModelError } from './errors.js';
import { type Engine, compileEngine } from './evaluate.js';
import { targetOf } from './analyses.js';

/** One side of a comparison: every assumption's value and every dataset the model reads. */
export interface ModelState {
  assumptions: Readonly<Record<string, number>>;
  tables: Readonly<Record<string, DatasetTable>>;
}

/** The output cell whose change is explained: a variable, a year and members of its other dimensions. */
export interface CellRef {
  variable: string;
  year: number | string;
  members?: Record<string, string>;
}

/** What changed between the two states, as the analyst sees it: one assumption, one dataset, or a group. */
export interface Factor {
  factor: string;
  kind: 'assumption' | 'dataset' | 'group';
  /** The assumptions a group stands for (itself for an assumption). */
  members: string[];
}

export interface Attribution {
  from: number;
  to: number;
  change: number;
  /** Shapley values, largest magnitude first; they add up to `change`. */
  contributions: (Factor & { contribution: number })[];
  /** Model runs made (2^factors). */
  evaluations: number;
}

/** Exact Shapley values need 2^n runs; past this many factors assumptions are grouped. */
export const MAX_EXACT_FACTORS = 14;

/**
 * Rows compared as a set, on the columns the model reads: it reads datasets by key, so order
 * does not matter, and a changed note or source moves no number.
 */
function sameTable(a: DatasetTable | undefined, b: DatasetTable | undefined, columns: string[]): boolean {
  if (!a || !b) return a === b;
  if (a.rows.length !== b.rows.length) return false;
  const canon = (t: DatasetTable) => t.rows.map((r) => JSON.stringify(columns.map((k) => r[k] ?? null))).sort();
  const x = canon(a);
  const y = canon(b);
  return x.every((row, i) => row === y[i]);
}

/** The factors that differ between two states, grouped by model group when there are too many. */
export function factorsBetween(model: CheckedModel, from: ModelState, to: ModelState): Factor[] {
  const def = model.def;
  const assumptions = def.assumptions
    .filter((a) => {
      const x = from.assumptions[a.id] ?? a.default;
      const y = to.assumptions[a.id] ?? a.default;
      return !Object.is(x, y);
    })
    .map((a): Factor => ({ factor: a.id, kind: 'assumption', members: [a.id] }));
  const read = modelColumns(def);
  const datasets = modelDatasets(def)
    .filter((name) => !sameTable(from.tables[name], to.tables[name], [...(read.get(name) ?? [])].sort()))
    .map((name): Factor => ({ factor: name, kind: 'dataset', members: [] }));
  if (assumptions.length + datasets.length <= MAX_EXACT_FACTORS) return [...assumptions, ...datasets];
  const byGroup = new Map<string, string[]>();
  for (const f of assumptions) {
    const group = def.assumptions.find((a) => a.id === f.factor)?.group ?? 'other';
    byGroup.set(group, [...(byGroup.get(group) ?? []), f.factor]);
  }
  const grouped = [...byGroup].map(([group, ids]): Factor =>
    ids.length === 1
      ? { factor: ids[0] ?? group, kind: 'assumption', members: ids }
      : { factor: group, kind: 'group', members: ids },
  );
  if (grouped.length + datasets.length > MAX_EXACT_FACTORS) {
    throw new ModelError(
      'definition',
      'attribution',
      `${grouped.length + datasets.length} groups of changes is more than ${MAX_EXACT_FACTORS} even with assumptions grouped by model group`,
    );
  }
  return [...grouped, ...datasets];
}

/**
 * Splits the change of one output cell between two states among what differs, by exact
 * Shapley values: factor i gets the average, over every order of switching the factors from
 * the first state to the second, of the change when i is switched. Every subset is run once
 * (2^n runs; one compiled engine per subset of changed datasets), and the values add up to
 * the total change exactly (to rounding).
 */
export function attribute(model: CheckedModel, from: ModelState, to: ModelState, cell: CellRef): Attribution {
  const factors = factorsBetween(model, from, to);
  const n = factors.length;
  const datasetBits = factors.flatMap((f, i) => (f.kind === 'dataset' ? [i] : []));
  const engines = new Map<number, Engine>();
  const engineFor = (mask: number): Engine => {
    const dataMask = datasetBits.reduce((m, bit) => m | (mask & (1 << bit)), 0);
    let engine = engines.get(dataMask);
    if (!engine) {
      const tables: Record<string, DatasetTable> = { ...from.tables };
      for (const bit of datasetBits) {
        const f = factors[bit];
        const t = f && to.tables[f.factor];
        if (f && dataMask & (1 << bit) && t) tables[f.factor] = t;
      }
      engine = compileEngine(model, bindData(model.def, tables));
      engines.set(dataMask, engine);
    }
    return engine;
  };
  const value = new Float64Array(1 << n);
  for (let mask = 0; mask < 1 << n; mask++) {
    const engine = engineFor(mask);
    const overrides: Record<string, number> = { ...from.assumptions };
    factors.forEach((f, i) => {
      if (!(mask & (1 << i))) return;
      for (const id of f.members) overrides[id] = to.assumptions[id] ?? overrides[id] ?? Number.NaN;
    });
    const target = targetOf(engine, cell.variable, cell.year, cell.members);
    const v = engine.run(engine.assumptions(overrides)).get(target.variable)?.[target.index] ?? Number.NaN;
    if (!Number.isFinite(v)) {
      const switched = factors.filter((_, i) => mask & (1 << i)).map((f) => f.factor);
      throw new ModelError(
        'definition',
        `attribution of ${cell.variable} ${String(cell.year)}`,
        `it has no value ${switched.length ? `with ${switched.join(', ')} switched to the second state` : 'in the first state'}`,
      );
    }
    value[mask] = v;
  }
  // weight[k] = k! (n-k-1)! / n!, the share of orders in which exactly k factors come before i.
  const weight = new Float64Array(Math.max(n, 1));
  for (let k = 0; k < n; k++) {
    let w = 1 / n;
    for (let j = 1; j <= k; j++) w *= j / (n - j);
    weight[k] = w;
  }
  const bits = (m: number) => {
    let c = 0;
    for (let x = m; x; x &= x - 1) c++;
    return c;
  };
  const contributions = factors.map((f, i) => {
    let phi = 0;
    for (let mask = 0; mask < 1 << n; mask++) {
      if (mask & (1 << i)) continue;
      phi += (weight[bits(mask)] ?? 0) * ((value[mask | (1 << i)] ?? 0) - (value[mask] ?? 0));
    }
    return { ...f, contribution: phi };
  });
  contributions.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const first = value[0] ?? Number.NaN;
  const last = value[(1 << n) - 1] ?? Number.NaN;
  return { from: first, to: last, change: last - first, contributions, evaluations: 1 << n };
}
