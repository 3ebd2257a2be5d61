import type { Cell, DatasetTable } from './data.js';
import { type ModelDefinition, modelColumns, modelDatasets, modelKeyColumns } from './definition.js';

/** What a vintage holds that the model reads: assumption defaults and dataset rows. */
export interface VintageInputs {
  assumptions: Readonly<Record<string, number>>;
  datasets: Readonly<Record<string, DatasetTable>>;
}

/**
 * The definition as it stood in a vintage: each assumption's default is the vintage's value.
 * A value outside today's range widens the range rather than being clamped: a vintage records
 * what was believed, and the slider must be able to show it. Assumptions the vintage never had
 * keep today's default (the model grew since); scenarios still apply on top.
 */
export function definitionAt(def: ModelDefinition, vintage: Pick<VintageInputs, 'assumptions'>): ModelDefinition {
  return {
    ...def,
    assumptions: def.assumptions.map((a) => {
      const v = vintage.assumptions[a.id];
      if (v === undefined || !Number.isFinite(v)) return a;
      return { ...a, default: v, min: Math.min(a.min, v), max: Math.max(a.max, v) };
    }),
  };
}

/**
 * The definition and the tables the model reads as they stood in a vintage: its defaults (see
 * `definitionAt`) and its rows of the datasets the model uses.
 */
export function modelAt(
  def: ModelDefinition,
  vintage: { assumptions: Readonly<Record<string, number>>; datasets: Readonly<Record<string, DatasetTable>> },
): { def: ModelDefinition; tables: Record<string, DatasetTable> } {
  const tables: Record<string, DatasetTable> = {};
  for (const name of modelDatasets(def)) {
    const d = vintage.datasets[name];
    if (d) tables[name] = d;
  }
  return { def: definitionAt(def, vintage), tables };
}

/** Every assumption's default in a definition (a vintage's values once `definitionAt` has run). */
export function defaultsOf(def: Pick<ModelDefinition, 'assumptions'>): Record<string, number> {
  return Object.fromEntries(def.assumptions.map((a) => [a.id, a.default]));
}

/** One cell that differs between two copies of a dataset, named as an analyst finds it. */
export interface CellChange {
  /** The row's key values, e.g. "Tencent, 2025" or "Nvidia H20". */
  row: string;
  /** The column, or "(row)" when the row is only on one side. */
  column: string;
  from: Cell;
  to: Cell;
}

/**
 * The cells behind a dataset factor: the values the model reads that differ between two copies
 * of a dataset, rows matched by the columns that name them for the model (buyer and year; chip).
 * A row on one side only is one change. At most `limit` are listed; `total` counts them all.
 */
export function datasetChanges(
  def: Pick<ModelDefinition, 'dimensions' | 'inputs'>,
  dataset: string,
  from: DatasetTable | undefined,
  to: DatasetTable | undefined,
  limit = 200,
): { changes: CellChange[]; total: number } {
  const keys = modelKeyColumns(def, dataset);
  const read = [...(modelColumns(def).get(dataset) ?? [])].filter((c) => !keys.includes(c));
  const keyOf = (r: Record<string, Cell>) => keys.map((k) => String(r[k] ?? '')).join(', ');
  const index = (t: DatasetTable | undefined) => new Map((t?.rows ?? []).map((r) => [keyOf(r), r]));
  const a = index(from);
  const b = index(to);
  const changes: CellChange[] = [];
  let total = 0;
  const push = (c: CellChange) => {
    total++;
    if (changes.length < limit) changes.push(c);
  };
  for (const [row, x] of a) {
    const y = b.get(row);
    if (!y) {
      push({ row, column: '(row)', from: 'present', to: 'absent' });
      continue;
    }
    for (const column of read) {
      const p = x[column] ?? null;
      const q = y[column] ?? null;
      if (!Object.is(p, q)) push({ row, column, from: p, to: q });
    }
  }
  for (const row of b.keys()) if (!a.has(row)) push({ row, column: '(row)', from: 'absent', to: 'present' });
  return { changes, total };
}
