import type { TExpr } from './checked.js';
import type { Member } from './data.js';
import { ModelError } from './errors.js';
import { functionSpec } from './functions.js';
import type { DatasetSheets } from './sheet-inputs.js';
import { type Block, MODEL, type SheetContext } from './sheet-layout.js';
import { cellRef } from './sheet-spec.js';
import type { Space } from './space.js';

/** Dimension to member index: the cell a formula is being written for. */
export type Env = Map<string, number>;

const COMPARISONS = ['=', '<>', '<', '<=', '>', '>='];

function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new ModelError('definition', 'export', `cannot write ${value} into a formula`);
  const text = String(value);
  return text.includes('e') ? value.toExponential().toUpperCase() : text;
}

function stringLiteral(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/**
 * Writes a checked formula as a spreadsheet formula for one cell: names of assumptions as
 * defined names, variables as references into their Model block, inputs and attributes as
 * references into the dataset sheets, functions through the table's own translation.
 */
export class FormulaWriter {
  constructor(
    private readonly ctx: SheetContext,
    private readonly blocks: Map<string, Block>,
    private readonly datasets: DatasetSheets,
    /** The sheet the formulas go on: references to Model blocks from elsewhere name it. */
    private readonly onSheet = MODEL,
  ) {}

  /** The formula of `e` at the cell `env`; comparisons as 1 or 0 where a number is wanted. */
  write(e: TExpr, env: Env, where: string): string {
    return this.emit(e, env, true, where);
  }

  private memberOf(dim: string, env: Env): Member {
    const i = env.get(dim);
    const m = i === undefined ? undefined : this.ctx.data.members.get(dim)?.[i];
    if (m === undefined) throw new ModelError('dimension', 'export', `no member of ${dim} in scope`);
    return m;
  }

  private varRef(id: string, env: Env, shift?: { dim: string; by: number }): string | null {
    const block = this.blocks.get(id);
    if (!block) throw new ModelError('unknown-name', 'export', `no block for ${id}`);
    const flat = flatIn(block.space, env, shift);
    return flat === null ? null : cellRef(this.onSheet === MODEL ? null : MODEL, block.rowOf(flat), block.colOf(flat));
  }

  private emit(e: TExpr, env: Env, asNumber: boolean, where: string): string {
    const num = (s: string): string => (asNumber ? `IF(${s},1,0)` : s);
    switch (e.k) {
      case 'num':
        return numberLiteral(e.value);
      case 'str':
        return stringLiteral(e.value);
      case 'member': {
        const m = this.memberOf(e.dim, env);
        return typeof m === 'number' ? numberLiteral(m) : stringLiteral(m);
      }
      case 'assumption':
        return e.id;
      case 'var':
        return this.varRef(e.id, env) ?? 'NA()';
      case 'input':
        return this.input(e.id, env, where);
      case 'attr':
        return this.attribute(e.dim, e.name, env);
      case 'neg':
        return `-(${this.emit(e.arg, env, true, where)})`;
      case 'not':
        return num(`NOT(${this.emit(e.arg, env, false, where)})`);
      case 'bin': {
        if (e.op === 'and' || e.op === 'or') {
          const l = this.emit(e.left, env, false, where);
          return num(`${e.op.toUpperCase()}(${l},${this.emit(e.right, env, false, where)})`);
        }
        const text = `(${this.emit(e.left, env, true, where)})${e.op}(${this.emit(e.right, env, true, where)})`;
        return COMPARISONS.includes(e.op) ? num(text) : text;
      }
      case 'fn': {
        const spec = functionSpec(e.fn);
        return spec.sheet(e.args.map((a, i) => this.emit(a, env, !spec.conditions?.includes(i), where)));
      }
      case 'sum':
        return this.sum(e, env, where);
      case 'prev': {
        const ref = this.varRef(e.id, env, { dim: this.ctx.time ?? '', by: -1 });
        if (ref) return ref;
        return e.fallback ? this.emit(e.fallback, env, true, where) : 'NA()';
      }
    }
  }

  /** `dataset.column` at this cell: the dataset row whose key columns hold this cell's members. */
  private input(id: string, env: Env, where: string): string {
    const input = this.ctx.model.def.inputs.find((i) => i.id === id);
    if (!input) throw new ModelError('unknown-name', where, `no input ${id}`);
    const keys: Record<string, Member> = {};
    for (const [dim, column] of Object.entries(input.dimensions)) keys[column] = this.memberOf(dim, env);
    const r = this.datasets.findRow(input.dataset, keys);
    return r === null ? '""' : this.datasets.cell(input.dataset, input.column, r);
  }

  /** `dimension.attribute`: the attribute's column in the row of the dataset the members come from. */
  private attribute(dimId: string, name: string, env: Env): string {
    const dim = this.ctx.model.def.dimensions.find((d) => d.id === dimId);
    const attr = dim?.attributes?.find((a) => a.name === name);
    const [dataset = '', column = ''] = (attr?.column ?? '').split('.');
    const [, keyColumn = ''] = (dim?.from ?? '').split('.');
    const r = this.datasets.findRow(dataset, { [keyColumn]: this.memberOf(dimId, env) });
    return r === null ? '""' : this.datasets.cell(dataset, column, r);
  }

  private sum(e: Extract<TExpr, { k: 'sum' }>, env: Env, where: string): string {
    const count = this.ctx.data.members.get(e.dim)?.length ?? 0;
    // A plain variable summed over one block column reads best as SUM(range).
    if (e.body.k === 'var') {
      const refs: string[] = [];
      for (let i = 0; i < count; i++) refs.push(this.varRef(e.body.id, new Map([...env, [e.dim, i]])) ?? '');
      const block = this.blocks.get(e.body.id);
      if (block && block.space.dims[0] === e.dim && block.space.dims.length <= 2 && refs.every(Boolean)) {
        return `SUM(${refs[0]}:${refs[refs.length - 1]})`;
      }
    }
    const terms: string[] = [];
    for (let i = 0; i < count; i++) terms.push(`(${this.emit(e.body, new Map([...env, [e.dim, i]]), true, where)})`);
    return terms.length ? `(${terms.join('+')})` : '0';
  }
}

/** The flat index in `space` of the cell `env` (shifted along one dimension), or null outside it. */
function flatIn(space: Space, env: Env, shift?: { dim: string; by: number }): number | null {
  let flat = 0;
  for (let d = 0; d < space.dims.length; d++) {
    const dim = space.dims[d] as string;
    let c = env.get(dim);
    if (c === undefined) return null;
    if (shift?.dim === dim) c += shift.by;
    if (c < 0 || c >= (space.sizes[d] ?? 0)) return null;
    flat += c * (space.strides[d] ?? 0);
  }
  return flat;
}
