import { type TExpr, exprChildren } from './checked.js';
import type { Member } from './data.js';
import type { Engine, Results } from './evaluate.js';
import { type Space, coordinate } from './space.js';

/**
 * Why a cell has no value, named down to the dataset row and column an analyst can fix.
 * A NaN reaching an output is never shown as a number (or as "surplus"): it is shown with
 * these causes.
 */
export type MissingCause =
  /** The row exists but the column the model reads is empty. `row` is 0-based in the dataset. */
  | { kind: 'blank'; dataset: string; column: string; row: number; keys: Record<string, Member> }
  /** No row of the dataset names these members. */
  | { kind: 'no-row'; dataset: string; column: string; keys: Record<string, Member> }
  /** A dimension member has no value for an attribute (e.g. a chip without tflops). */
  | { kind: 'attribute'; dataset: string; column: string; member: Member }
  /** `prev` at the first year, with no fallback. */
  | { kind: 'before-first'; variable: string; year: Member }
  | { kind: 'assumption'; id: string }
  /** Every value the cell reads is present, yet the arithmetic gives no number (0 ÷ 0). */
  | { kind: 'arithmetic'; variable: string; keys: Record<string, Member> };

/** Data an analyst can fix (1) before how a gap spread: no earlier year (2), 0 ÷ 0 (3). */
export function causeRank(c: MissingCause): number {
  return c.kind === 'before-first' ? 2 : c.kind === 'arithmetic' ? 3 : 1;
}

function keyOf(cause: MissingCause): string {
  return JSON.stringify(cause);
}

/**
 * Walks back from a NaN cell through every NaN it reads to the missing inputs at the root.
 * Stops after `limit` causes (a whole missing buyer can explain hundreds of cells).
 */
export function whyMissing(
  engine: Engine,
  results: Results,
  assumptionValues: Float64Array,
  variable: string,
  index: number,
  limit = 12,
): MissingCause[] {
  const model = engine.model;
  const data = engine.data;
  const time = model.timeDim;
  const causes = new Map<string, MissingCause>();
  const visited = new Set<string>();
  const add = (c: MissingCause) => {
    if (causes.size < limit) causes.set(keyOf(c), c);
  };
  const keysAt = (space: Space, j: number): Record<string, Member> => {
    const keys: Record<string, Member> = {};
    for (const d of space.dims) keys[d] = data.members.get(d)?.[coordinate(space, j, d)] ?? '';
    return keys;
  };
  /** Cells of `target` that the cell `i` of `space` reads (dimensions it does not fix: every member). */
  const matching = (space: Space, i: number, target: Space, shift: number): number[] => {
    const out: number[] = [];
    for (let j = 0; j < target.length; j++) {
      const ok = target.dims.every(
        (d) =>
          !space.dims.includes(d) || coordinate(target, j, d) === coordinate(space, i, d) + (d === time ? shift : 0),
      );
      if (ok) out.push(j);
    }
    return out;
  };

  const visit = (id: string, i: number): void => {
    const key = `${id}:${i}`;
    if (visited.has(key) || causes.size >= limit) return;
    visited.add(key);
    const v = model.byId.get(id);
    if (!v) return;
    const space = engine.spaceOf(id);
    const before = causes.size;
    let readsMissing = false;
    const stack: TExpr[] = [v.expr];
    while (stack.length) {
      const e = stack.pop() as TExpr;
      stack.push(...exprChildren(e));
      if (e.k === 'var' || e.k === 'prev') {
        const shift = e.k === 'prev' ? -1 : 0;
        if (e.k === 'prev' && time && space.dims.includes(time) && coordinate(space, i, time) === 0) {
          if (!e.fallback) {
            readsMissing = true;
            add({ kind: 'before-first', variable: e.id, year: data.members.get(time)?.[0] ?? '' });
          }
          continue;
        }
        const values = results.get(e.id);
        for (const j of matching(space, i, engine.spaceOf(e.id), shift)) {
          if (values && Number.isNaN(values[j])) {
            readsMissing = true;
            visit(e.id, j);
          }
        }
      } else if (e.k === 'input') {
        const target = data.inputSpaces.get(e.id);
        const values = data.inputs.get(e.id);
        const input = model.def.inputs.find((x) => x.id === e.id);
        if (!target || !values || !input) continue;
        const rows = data.inputRows.get(e.id);
        for (const j of matching(space, i, target, 0)) {
          if (!Number.isNaN(values[j])) continue;
          readsMissing = true;
          const row = rows?.[j] ?? -1;
          const where = { dataset: input.dataset, column: input.column, keys: keysAt(target, j) };
          add(row >= 0 ? { kind: 'blank', row, ...where } : { kind: 'no-row', ...where });
        }
      } else if (e.k === 'attr') {
        const values = data.attributes.get(`${e.dim}.${e.name}`);
        const members = data.members.get(e.dim) ?? [];
        const attr = model.def.dimensions.find((d) => d.id === e.dim)?.attributes?.find((a) => a.name === e.name);
        const [dataset = '', column = ''] = (attr?.column ?? '').split('.');
        const at = space.dims.includes(e.dim) ? [coordinate(space, i, e.dim)] : members.map((_, m) => m);
        for (const m of at) {
          if (values && Number.isNaN(values[m])) {
            readsMissing = true;
            add({ kind: 'attribute', dataset, column, member: members[m] ?? '' });
          }
        }
      } else if (e.k === 'assumption' && Number.isNaN(assumptionValues[e.index])) {
        readsMissing = true;
        add({ kind: 'assumption', id: e.id });
      }
    }
    if (!readsMissing && causes.size === before) add({ kind: 'arithmetic', variable: id, keys: keysAt(space, i) });
  };

  visit(variable, index);
  // The data an analyst can fix first; "no earlier year" and 0 ÷ 0 only say how it spread.
  // "No earlier year" is said only when nothing more specific explains the gap.
  const all = [...causes.values()].sort((a, b) => causeRank(a) - causeRank(b));
  return all.some((c) => causeRank(c) === 1) ? all.filter((c) => causeRank(c) === 1) : all;
}
