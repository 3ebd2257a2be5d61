import { type TExpr, exprChildren } from './checked.js';
import type { Member } from './data.js';
import type { Engine, Results } from './evaluate.js';
import { type Space, coordinate } from './space.js';
import type { DatasetTable } from './data.js';
import type { Locale } from '../i18n/index.js';
import { labelIn } from './labels.js';

/** One thing a cell's formula reads, with its value(s) for that cell. */
export interface ExplainTerm {
  kind: 'variable' | 'assumption' | 'input' | 'attribute';
  id: string;
  label: string;
  unit: string;
  /** Values read for this cell (several where the formula sums over a dimension, or reads last year). */
  values: { at: string; value: number | string }[];
}

/** A dataset row behind the number, found by walking back through the dependency graph. */
export interface ExplainSource {
  dataset: string;
  /** Key members of the row, e.g. { buyer: 'Alibaba', year: 2025 }. */
  keys: Record<string, Member>;
  column: string;
  value: number | string | null;
}

export interface Explanation {
  variable: string;
  label: string;
  unit: string;
  formula: string;
  /** The members of the cell, e.g. { year: 2026 } or { buyer: 'Tencent', year: 2025 }. */
  cell: Record<string, Member>;
  value: number;
  terms: ExplainTerm[];
  /** Every assumption the cell depends on, directly or through other variables. */
  assumptions: string[];
  /** Every variable upstream of the cell. */
  upstream: string[];
  /** Datasets and columns the cell depends on. */
  data: { dataset: string; column: string }[];
}

function walk(e: TExpr, visit: (e: TExpr) => void): void {
  visit(e);
  for (const child of exprChildren(e)) walk(child, visit);
}

/**
 * Explains one cell: its formula, what the formula reads for this cell with the current
 * values, and everything upstream of it (assumptions, variables, dataset columns).
 */
export function explainCell(
  engine: Engine,
  results: Results,
  assumptionValues: Float64Array,
  variable: string,
  index: number,
  /** The language of the labels (the model's own translations); formulas and ids stay as written. */
  locale: Locale = 'en',
): Explanation {
  const model = engine.model;
  const v = model.byId.get(variable);
  if (!v) throw new Error(`unknown variable ${variable}`);
  const space = engine.spaceOf(variable);
  const cell: Record<string, Member> = {};
  for (const d of space.dims) cell[d] = engine.data.members.get(d)?.[coordinate(space, index, d)] ?? '';
  const memberIndex = (d: string) => coordinate(space, index, d);

  /** Values of `id` (a variable) at this cell's members, over dimensions the cell does not fix. */
  const valuesOf = (id: string, shiftYear = 0): ExplainTerm['values'] => {
    const target = engine.spaceOf(id);
    const data = results.get(id) ?? new Float64Array();
    const out: ExplainTerm['values'] = [];
    for (let j = 0; j < target.length; j++) {
      const matches = target.dims.every((d) => {
        if (!space.dims.includes(d)) return true;
        const shift = d === model.timeDim ? shiftYear : 0;
        return coordinate(target, j, d) === memberIndex(d) + shift;
      });
      if (!matches) continue;
      const free = target.dims.filter((d) => !space.dims.includes(d) || (d === model.timeDim && shiftYear !== 0));
      const at = free.map((d) => String(engine.data.members.get(d)?.[coordinate(target, j, d)])).join(' / ');
      out.push({ at: at || 'this cell', value: data[j] as number });
    }
    return out;
  };

  /** Values of a data array at this cell's members, over the dimensions the cell does not fix. */
  const readAt = (values: Float64Array | undefined, target: Space | undefined): ExplainTerm['values'] => {
    if (!values || !target) return [];
    const out: ExplainTerm['values'] = [];
    for (let j = 0; j < target.length; j++) {
      if (!target.dims.every((d) => !space.dims.includes(d) || coordinate(target, j, d) === memberIndex(d))) continue;
      const at = target.dims
        .filter((d) => !space.dims.includes(d))
        .map((d) => String(engine.data.members.get(d)?.[coordinate(target, j, d)]))
        .join(' / ');
      out.push({ at: at || 'this cell', value: values[j] as number });
    }
    return out;
  };

  const terms = new Map<string, ExplainTerm>();
  walk(v.expr, (e) => {
    if (e.k === 'var' || e.k === 'prev') {
      const key = e.k === 'prev' ? `prev:${e.id}` : e.id;
      const def = model.byId.get(e.id)?.def;
      if (!terms.has(key)) {
        terms.set(key, {
          kind: 'variable',
          id: e.k === 'prev' ? `prev(${e.id})` : e.id,
          label: def ? labelIn(def, locale) : e.id,
          unit: def?.unit ?? '',
          values: valuesOf(e.id, e.k === 'prev' ? -1 : 0),
        });
      }
    } else if (e.k === 'assumption') {
      const a = model.def.assumptions[e.index];
      const value = assumptionValues[e.index] ?? Number.NaN;
      terms.set(e.id, {
        kind: 'assumption',
        id: e.id,
        label: a ? labelIn(a, locale) : e.id,
        unit: a?.unit ?? '',
        values: [{ at: 'now', value }],
      });
    } else if (e.k === 'input' && !terms.has(e.id)) {
      const input = model.def.inputs.find((i) => i.id === e.id);
      terms.set(e.id, {
        kind: 'input',
        id: e.id,
        label: e.id,
        unit: input?.unit ?? '',
        values: readAt(engine.data.inputs.get(e.id), engine.data.inputSpaces.get(e.id)),
      });
    } else if (e.k === 'attr') {
      const key = `${e.dim}.${e.name}`;
      const dimSpace = {
        dims: [e.dim],
        sizes: [engine.data.members.get(e.dim)?.length ?? 0],
        strides: [1],
        length: engine.data.members.get(e.dim)?.length ?? 0,
      };
      const text = engine.data.textAttributes.has(key);
      const values = readAt(engine.data.attributes.get(key), dimSpace).map((x) => ({
        at: x.at,
        value: text && typeof x.value === 'number' ? (engine.data.strings[x.value] ?? '') : x.value,
      }));
      terms.set(key, { kind: 'attribute', id: key, label: key, unit: e.unit ?? '', values });
    }
  });

  // Upstream closure over the dependency graph.
  const upstream = new Set<string>();
  const assumptions = new Set<string>();
  const data = new Map<string, { dataset: string; column: string }>();
  const stack = [variable];
  while (stack.length) {
    const id = stack.pop() as string;
    const cv = model.byId.get(id);
    if (!cv) continue;
    walk(cv.expr, (e) => {
      if ((e.k === 'var' || e.k === 'prev') && !upstream.has(e.id) && e.id !== variable) {
        upstream.add(e.id);
        stack.push(e.id);
      } else if (e.k === 'assumption') assumptions.add(e.id);
      else if (e.k === 'input') {
        const input = model.def.inputs.find((i) => i.id === e.id);
        if (input) data.set(e.id, { dataset: input.dataset, column: input.column });
      } else if (e.k === 'attr') {
        const dim = model.def.dimensions.find((d) => d.id === e.dim);
        const attr = dim?.attributes?.find((a) => a.name === e.name);
        const [dataset = '', column = ''] = (attr?.column ?? '').split('.');
        data.set(`${e.dim}.${e.name}`, { dataset, column });
      }
    });
  }
  const ordered = model.order.map((x) => x.id).filter((id) => upstream.has(id));
  return {
    variable,
    label: labelIn(v.def, locale),
    unit: v.def.unit,
    formula: v.def.formula,
    cell,
    value: results.get(variable)?.[index] ?? Number.NaN,
    terms: [...terms.values()],
    assumptions: model.def.assumptions.map((a) => a.id).filter((id) => assumptions.has(id)),
    upstream: ordered,
    data: [...data.values()],
  };
}

/** The dataset rows behind a cell: rows of each dataset it reads that match the cell's members. */
export function sourceRows(engine: Engine, tables: Record<string, DatasetTable>, explanation: Explanation) {
  const def = engine.model.def;
  const out: { dataset: string; row: Record<string, unknown> }[] = [];
  const seen = new Set<string>();
  for (const { dataset } of explanation.data) {
    if (seen.has(dataset)) continue;
    seen.add(dataset);
    // Which column of this dataset holds each dimension's member.
    const keyColumns: Record<string, string> = {};
    for (const input of def.inputs.filter((i) => i.dataset === dataset)) Object.assign(keyColumns, input.dimensions);
    for (const d of def.dimensions) {
      const [ds, column] = (d.from ?? '').split('.');
      if (ds === dataset && column) keyColumns[d.id] = column;
    }
    const rows = tables[dataset]?.rows ?? [];
    for (const row of rows) {
      const matches = Object.entries(keyColumns).every(([dim, column]) => {
        const member = explanation.cell[dim];
        if (member === undefined) return true; // the cell does not fix this dimension: every member counts
        if (dim === engine.model.timeDim) return typeof row[column] === 'number' && row[column] <= (member as number);
        return row[column] === member;
      });
      if (matches) out.push({ dataset, row });
    }
  }
  return out;
}
