import { type ModelDefinition, dimensionOrder } from './definition.js';
import { ModelError } from './errors.js';
import { type Space, coordinate, makeSpace } from './space.js';

export type Cell = string | number | boolean | null;

/** A dataset as the engine reads it: plain rows keyed by column name. */
export interface DatasetTable {
  rows: Record<string, Cell>[];
}

export type Member = string | number;

/** The data a model runs on: dimension members, attribute values and input arrays. */
export interface ModelData {
  members: Map<string, Member[]>;
  /** Text values are interned: a string's code is its index here. */
  strings: string[];
  codeOf: (text: string) => number;
  attributes: Map<string, Float64Array>;
  /** Attributes that hold text (their arrays hold string codes). */
  textAttributes: Set<string>;
  inputs: Map<string, Float64Array>;
  inputSpaces: Map<string, Space>;
  /** For each input cell, the index of the dataset row that supplied it; -1 where no row names it. */
  inputRows: Map<string, Int32Array>;
  /** What is wrong with the data, by dataset, row and column (never silently passed over). */
  issues: DataIssue[];
  warnings: string[];
}

/** A problem in the data a model reads, named so an analyst can find and fix it. */
export type DataIssue =
  | {
      kind: 'duplicate';
      dataset: string;
      column: string;
      /** Indexes (0-based) of the rows that share one key; the first is used. */
      rows: number[];
      keys: Record<string, Member>;
    }
  | { kind: 'outside'; dataset: string; column: string; rows: number[] };

function keyOf(value: Cell): string {
  return typeof value === 'number' ? `n:${value}` : `s:${String(value)}`;
}

/**
 * Binds a model to its datasets. Missing input cells are NaN, which `coalesce` reads as
 * "absent". Rows whose keys are not members, and duplicate keys, are reported as warnings.
 */
export function bindData(def: ModelDefinition, tables: Record<string, DatasetTable>): ModelData {
  const strings: string[] = [];
  const codes = new Map<string, number>();
  const codeOf = (text: string): number => {
    let code = codes.get(text);
    if (code === undefined) {
      code = strings.length;
      strings.push(text);
      codes.set(text, code);
    }
    return code;
  };
  const table = (dataset: string, where: string): DatasetTable => {
    const t = Object.prototype.hasOwnProperty.call(tables, dataset) ? tables[dataset] : undefined;
    if (!t) throw new ModelError('data', where, `the workbook has no dataset "${dataset}"`);
    return t;
  };
  const warnings: string[] = [];

  const members = new Map<string, Member[]>();
  for (const d of def.dimensions) {
    if (d.members) {
      members.set(d.id, [...d.members]);
      continue;
    }
    const [dataset = '', column = ''] = (d.from ?? '').split('.');
    const seen = new Set<string>();
    const list: Member[] = [];
    for (const row of table(dataset, `dimension ${d.id}`).rows) {
      const v = row[column];
      if (v === null || v === undefined || v === '' || typeof v === 'boolean') continue;
      if (!seen.has(keyOf(v))) {
        seen.add(keyOf(v));
        list.push(v);
      }
    }
    if (list.length === 0) throw new ModelError('data', `dimension ${d.id}`, `${d.from} has no members`);
    members.set(d.id, list);
  }
  const indexOf = new Map<string, Map<string, number>>();
  for (const [dim, list] of members) indexOf.set(dim, new Map(list.map((m, i) => [keyOf(m), i])));

  const attributes = new Map<string, Float64Array>();
  const textAttributes = new Set<string>();
  for (const d of def.dimensions) {
    const list = members.get(d.id) ?? [];
    for (const a of d.attributes ?? []) {
      const [dataset = '', column = ''] = a.column.split('.');
      const [, keyColumn = ''] = (d.from ?? '').split('.');
      const values = new Float64Array(list.length).fill(Number.NaN);
      const filled = new Set<number>();
      for (const row of table(dataset, `attribute ${d.id}.${a.name}`).rows) {
        const at = indexOf.get(d.id)?.get(keyOf(row[keyColumn] ?? null));
        if (at === undefined || filled.has(at)) continue;
        const v = row[column];
        if (typeof v === 'string') {
          textAttributes.add(`${d.id}.${a.name}`);
          values[at] = codeOf(v);
        } else if (typeof v === 'number') values[at] = v;
        else if (typeof v === 'boolean') values[at] = v ? 1 : 0;
        filled.add(at);
      }
      attributes.set(`${d.id}.${a.name}`, values);
    }
  }

  const order = dimensionOrder(def);
  const inputs = new Map<string, Float64Array>();
  const inputSpaces = new Map<string, Space>();
  const inputRows = new Map<string, Int32Array>();
  const issues: DataIssue[] = [];
  for (const input of def.inputs) {
    const dims = order.filter((d) => d in input.dimensions);
    const space = makeSpace(dims, (d) => members.get(d)?.length ?? 0);
    const values = new Float64Array(space.length).fill(Number.NaN);
    const rowOf = new Int32Array(space.length).fill(-1);
    const duplicates = new Map<number, number[]>();
    const outside: number[] = [];
    table(input.dataset, `input ${input.id}`).rows.forEach((row, r) => {
      let flat = 0;
      let ok = true;
      dims.forEach((dim, k) => {
        const at = indexOf.get(dim)?.get(keyOf(row[input.dimensions[dim] ?? ''] ?? null));
        if (at === undefined) ok = false;
        else flat += at * (space.strides[k] ?? 0);
      });
      if (!ok) {
        outside.push(r);
        return;
      }
      // A second row for the same key is a data error whatever its value: it is listed, and
      // the first row stays the one used so an edit elsewhere cannot flip which one counts.
      const first = rowOf[flat] as number;
      if (first >= 0) {
        const list = duplicates.get(flat) ?? [first];
        list.push(r);
        duplicates.set(flat, list);
        return;
      }
      rowOf[flat] = r;
      const v = row[input.column];
      if (typeof v === 'number') values[flat] = v;
    });
    for (const [flat, rows] of duplicates) {
      const keys: Record<string, Member> = {};
      for (const dim of dims) keys[dim] = members.get(dim)?.[coordinate(space, flat, dim)] ?? '';
      issues.push({ kind: 'duplicate', dataset: input.dataset, column: input.column, rows, keys });
      warnings.push(
        `${input.id}: rows ${rows.map((x) => x + 1).join(', ')} share ${Object.values(keys).join(' / ')}; the first is used`,
      );
    }
    if (outside.length > 0) {
      issues.push({ kind: 'outside', dataset: input.dataset, column: input.column, rows: outside });
      warnings.push(`${input.id}: ${outside.length} row(s) name members outside the model and are not used`);
    }
    inputs.set(input.id, values);
    inputSpaces.set(input.id, space);
    inputRows.set(input.id, rowOf);
  }
  return { members, strings, codeOf, attributes, textAttributes, inputs, inputSpaces, inputRows, issues, warnings };
}
