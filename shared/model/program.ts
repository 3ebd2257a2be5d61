import { type CheckedModel, type CheckedVariable, type TExpr, exprChildren } from './checked.js';
import type { ModelData } from './data.js';
import { ModelError } from './errors.js';
import { BINARY_OPS, FUNCTION_OPS, F, Op, W, execute } from './program-ops.js';
import { type Space, coordinate, indexMap, makeSpace } from './space.js';

/** Where a value is in the arena: an array (stride 1) or one number read for every cell (stride 0). */
interface Operand {
  off: number;
  stride: 0 | 1;
}

/** One variable's (or check's) records in the main program. */
export interface Step {
  id: string;
  /** The variables its formula reads. */
  uses: Set<string>;
  from: number;
  to: number;
}

export interface Program {
  /** The main program: one run is records [0, length); a variable's are steps[k].from..to. */
  code: Int32Array;
  maps: Int32Array;
  /** Assumptions at [0, assumptions), then constants, variables and working arrays. */
  arena: Float64Array;
  assumptions: number;
  steps: Step[];
  /** Each evaluated variable's cells: a view into the arena. */
  buffers: Map<string, Float64Array>;
  spaces: Map<string, Space>;
}

/** Formula roots computed by one op can write straight into their variable's cells. */
const WRITES_IN_PLACE = new Set<TExpr['k']>(['bin', 'neg', 'not', 'fn', 'sum']);

/**
 * Compiles a checked model over its data into one flat program (program-ops.ts):
 * - assumptions and literals are read as single numbers, never broadcast into arrays, and
 *   arithmetic on single numbers only (1 + growth) is one cell of work;
 * - parts that read no assumption and no variable (data, attributes, members) are worked out
 *   once here;
 * - a variable read in its own space is read where it is, with no copy;
 * - a variable that reads its own last year is evaluated one year at a time (its parts that do
 *   not read last year once, before the years).
 */
export function compileProgram(model: CheckedModel, data: ModelData): Program {
  const sizeOf = (dim: string): number => data.members.get(dim)?.length ?? 0;
  const spaceFor = (dims: string[]): Space => makeSpace(dims, sizeOf);
  const sortDims = (dims: string[]): string[] => model.dimOrder.filter((d) => dims.includes(d));
  const timeDim = model.timeDim;
  const years = timeDim ? sizeOf(timeDim) : 0;
  // Time is always the last dimension (dimensionOrder), so a year's cells are every n-th.
  if (timeDim !== null && model.dimOrder[model.dimOrder.length - 1] !== timeDim)
    throw new Error('engine: time must be the last dimension');

  let size = model.def.assumptions.length;
  const initial: { off: number; values: ArrayLike<number> }[] = [];
  const alloc = (n: number): number => {
    const off = size;
    size += n;
    return off;
  };
  const constant = (values: ArrayLike<number>): number => {
    const off = alloc(values.length);
    initial.push({ off, values });
    return off;
  };
  const mapList: number[] = [];
  const addMap = (map: Int32Array): number => {
    const off = mapList.length;
    for (const j of map) mapList.push(j);
    return off;
  };
  const setup: number[] = [];
  const main: number[] = [];
  const emit = (
    to: number[],
    code: Op,
    out: number,
    range: { start: number; end: number; step: number },
    x: Operand | null,
    y: Operand | null = null,
    z: Operand | null = null,
    aux = 0,
  ): void => {
    const r = to.length;
    for (let k = 0; k < W; k++) to.push(0);
    to[r + F.code] = code;
    to[r + F.out] = out;
    to[r + F.start] = range.start;
    to[r + F.end] = range.end;
    to[r + F.step] = range.step;
    to[r + F.x] = x ? x.off : -1;
    to[r + F.xs] = x ? x.stride : 0;
    to[r + F.y] = y ? y.off : -1;
    to[r + F.ys] = y ? y.stride : 0;
    to[r + F.z] = z ? z.off : -1;
    to[r + F.zs] = z ? z.stride : 0;
    to[r + F.aux] = aux;
  };

  const varSpaces = new Map<string, Space>();
  const varOffsets = new Map<string, number>();
  const evaluated: CheckedVariable[] = [...model.order, ...model.checks];
  for (const v of evaluated) {
    const space = spaceFor(v.dims);
    varSpaces.set(v.id, space);
    varOffsets.set(v.id, alloc(space.length));
  }

  /** How a formula part is being compiled: into which program, over which cells. */
  interface Ctx {
    to: number[];
    /** The variable whose last year this formula reads, or null. */
    self: string | null;
    /** Year by year: the year; otherwise -1 (every cell). */
    year: number;
  }
  const rangeOf = (space: Space, ctx: Ctx) =>
    ctx.year >= 0 ? { start: ctx.year, end: space.length, step: years } : { start: 0, end: space.length, step: 1 };
  const ONE = { start: 0, end: 1, step: 1 };

  /** Parts compiled over every cell, once: constants (in setup) and parts hoisted out of years. */
  const once = new Map<TExpr, Operand>();
  /** One working array per formula part, reused by each year or pass that computes it. */
  const temps = new Map<TExpr, number>();
  const temp = (e: TExpr, n: number): number => {
    let off = temps.get(e);
    if (off === undefined) {
      off = alloc(n);
      temps.set(e, off);
    }
    return off;
  };

  const operand = (e: TExpr, space: Space, where: string, ctx: Ctx): Operand => {
    const cached = once.get(e);
    if (cached) return cached;
    if (isConstant(e)) {
      const value = node(e, space, where, { to: setup, self: null, year: -1 }, null);
      once.set(e, value);
      return value;
    }
    if (ctx.self !== null && !readsPrevOf(e, ctx.self)) {
      const value = node(e, space, where, { to: ctx.to, self: null, year: -1 }, null);
      once.set(e, value);
      return value;
    }
    return node(e, space, where, ctx, null);
  };

  /** Emits `e`; `target` (a variable's cells) receives the result where the root is one op. */
  const node = (e: TExpr, space: Space, where: string, ctx: Ctx, target: number | null): Operand => {
    const n = space.length;
    const result = (parts: Operand[]): { out: number; range: typeof ONE; stride: 0 | 1 } => {
      // Single numbers in, a single number out: one cell of work, read by every cell.
      if (target === null && parts.every((p) => p.stride === 0)) return { out: temp(e, 1), range: ONE, stride: 0 };
      return { out: target ?? temp(e, n), range: rangeOf(space, ctx), stride: 1 };
    };
    switch (e.k) {
      case 'num':
        return { off: constant([e.value]), stride: 0 };
      case 'str':
        return { off: constant([data.codeOf(e.value)]), stride: 0 };
      case 'assumption':
        return { off: e.index, stride: 0 };
      case 'member': {
        const list = data.members.get(e.dim) ?? [];
        const values = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const m = list[coordinate(space, i, e.dim)];
          values[i] = typeof m === 'number' ? m : data.codeOf(String(m));
        }
        return { off: constant(values), stride: 1 };
      }
      case 'input': {
        const source = data.inputs.get(e.id);
        const from = data.inputSpaces.get(e.id);
        if (!source || !from) throw new ModelError('data', where, `no data bound for ${e.id}`);
        const map = indexMap(space, from);
        return { off: constant(Float64Array.from(map, (j) => source[j] as number)), stride: 1 };
      }
      case 'attr': {
        const key = `${e.dim}.${e.name}`;
        const source = data.attributes.get(key);
        if (!source) throw new ModelError('data', where, `no data bound for ${key}`);
        const map = indexMap(space, spaceFor([e.dim]));
        return { off: constant(Float64Array.from(map, (j) => source[j] as number)), stride: 1 };
      }
      case 'var': {
        const from = varSpaces.get(e.id) as Space;
        const off = varOffsets.get(e.id) as number;
        if (from.length === 1 && from.dims.length === 0) return { off, stride: 0 };
        const map = indexMap(space, from);
        if (map.length === from.length && map.every((j, i) => j === i)) return { off, stride: 1 };
        const out = temp(e, n);
        emit(ctx.to, Op.Gather, out, rangeOf(space, ctx), { off, stride: 1 }, null, null, addMap(map));
        return { off: out, stride: 1 };
      }
      case 'prev': {
        const from = varSpaces.get(e.id) as Space;
        const off = varOffsets.get(e.id) as number;
        const map = indexMap(space, from, { dim: timeDim ?? '', by: -1 });
        const fallback = e.fallback ? operand(e.fallback, space, where, ctx) : null;
        const out = temp(e, n);
        emit(ctx.to, Op.Prev, out, rangeOf(space, ctx), { off, stride: 1 }, fallback, null, addMap(map));
        return { off: out, stride: 1 };
      }
      case 'neg':
      case 'not': {
        const x = operand(e.arg, space, where, ctx);
        const r = result([x]);
        emit(ctx.to, e.k === 'neg' ? Op.Neg : Op.Not, r.out, r.range, x);
        return { off: r.out, stride: r.stride };
      }
      case 'bin': {
        const x = operand(e.left, space, where, ctx);
        const y = operand(e.right, space, where, ctx);
        const r = result([x, y]);
        emit(ctx.to, BINARY_OPS[e.op] as Op, r.out, r.range, x, y);
        return { off: r.out, stride: r.stride };
      }
      case 'fn': {
        const code = FUNCTION_OPS[e.fn];
        if (code === undefined) throw new ModelError('data', where, `the engine has no op for ${e.fn}`);
        const args = e.args.map((a) => operand(a, space, where, ctx));
        const r = result(args);
        const first = args[0] as Operand;
        if (code === Op.Min || code === Op.Max) {
          // min(a, b, c) folds left to right, as the kernel does: min(min(a, b), c).
          if (args.length === 1) emit(ctx.to, Op.Copy, r.out, r.range, first);
          let acc = first;
          for (const next of args.slice(1)) {
            emit(ctx.to, code, r.out, r.range, acc, next);
            acc = { off: r.out, stride: r.stride };
          }
        } else emit(ctx.to, code, r.out, r.range, first, args[1] ?? null, args[2] ?? null);
        return { off: r.out, stride: r.stride };
      }
      case 'sum': {
        const inner = spaceFor(sortDims([...space.dims, e.dim]));
        const body = operand(e.body, inner, where, ctx);
        const out = target ?? temp(e, n);
        emit(ctx.to, Op.Zero, out, rangeOf(space, ctx), null);
        emit(ctx.to, Op.SumInto, out, rangeOf(inner, ctx), body, null, null, addMap(indexMap(inner, space)));
        return { off: out, stride: 1 };
      }
    }
  };

  const steps: Step[] = evaluated.map((v) => {
    const space = varSpaces.get(v.id) as Space;
    const buffer = varOffsets.get(v.id) as number;
    const where = `variable ${v.id}`;
    const from = main.length;
    const inPlace = WRITES_IN_PLACE.has(v.expr.k) && !isConstant(v.expr);
    const root = (ctx: Ctx): void => {
      if (inPlace) {
        const written = node(v.expr, space, where, ctx, buffer);
        if (written.off !== buffer) throw new Error(`engine: ${v.id} was not written in place`);
      } else {
        const value = operand(v.expr, space, where, ctx);
        emit(main, Op.Copy, buffer, rangeOf(space, ctx), value);
      }
    };
    // The checker lets only a variable over time read its last year (check-formula.ts).
    if (v.selfPrev) for (let t = 0; t < years; t++) root({ to: main, self: v.id, year: t });
    else root({ to: main, self: null, year: -1 });
    return { id: v.id, uses: varsRead(v.expr, new Set()), from, to: main.length };
  });

  const arena = new Float64Array(size);
  for (const { off, values } of initial) arena.set(values, off);
  const maps = Int32Array.from(mapList);
  const setupCode = Int32Array.from(setup);
  execute(setupCode, 0, setupCode.length, arena, maps);
  const buffers = new Map<string, Float64Array>();
  for (const v of evaluated) {
    const off = varOffsets.get(v.id) as number;
    buffers.set(v.id, arena.subarray(off, off + (varSpaces.get(v.id) as Space).length));
  }
  return {
    code: Int32Array.from(main),
    maps,
    arena,
    assumptions: model.def.assumptions.length,
    steps,
    buffers,
    spaces: varSpaces,
  };
}

/** The variables a formula reads (this year's values or last year's). */
function varsRead(e: TExpr, out: Set<string>): Set<string> {
  if (e.k === 'var' || e.k === 'prev') out.add(e.id);
  for (const child of exprChildren(e)) varsRead(child, out);
  return out;
}

/** True where a formula part reads last year's value of `id`. */
function readsPrevOf(e: TExpr, id: string): boolean {
  if (e.k === 'prev' && e.id === id) return true;
  return exprChildren(e).some((child) => readsPrevOf(child, id));
}

/** True where a formula part depends on no assumption and no variable. */
function isConstant(e: TExpr): boolean {
  switch (e.k) {
    case 'num':
    case 'str':
    case 'member':
    case 'input':
    case 'attr':
      return true;
    case 'assumption':
    case 'var':
    case 'prev':
      return false;
    case 'neg':
    case 'not':
      return isConstant(e.arg);
    case 'bin':
      return isConstant(e.left) && isConstant(e.right);
    case 'fn':
      return e.args.every(isConstant);
    case 'sum':
      return isConstant(e.body);
  }
}
