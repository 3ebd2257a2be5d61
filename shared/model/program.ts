import { type CheckedModel, type CheckedVariable, type TExpr, exprChildren } from './checked.js';
import type { ModelData } from './data.js';
import { ModelError } from './errors.js';
import { BINARY_OPS, FUNCTION_OPS, F, Op, W, execute } from './program-ops.js';
import { type Space, coordinate, indexMap, makeSpace } from './space.js';

/**
 * Where a value is in the arena, as read by an op over some space: cell (row, column) is at
 * off + row * rs + column * cs (program-ops.ts).
 */
interface Operand {
  off: number;
  rs: number;
  cs: number;
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
 * - each part of a formula is computed over its own dimensions where its reader can read it by
 *   strides: assumptions and literals are single numbers never copied into arrays, `1 + growth`
 *   is one cell of work, a [chip] part of a [chip, year] formula 12 cells, not 84;
 * - parts that read no assumption and no variable (data, attributes, members) are worked out
 *   once here, in their reader's shape;
 * - a variable read in its own space is read where it is, with no copy;
 * - a variable that reads its own last year is evaluated one year at a time, reading last year
 *   straight from its own cells, with its parts that do not read last year computed once.
 * Every cell gets the same operations in the same order as before, so results are identical.
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
  /** The same map (a year-by-year op's, each year) is stored once. */
  const mapsSeen = new Map<string, number>();
  const addMap = (map: Int32Array): number => {
    const key = map.join(',');
    const known = mapsSeen.get(key);
    if (known !== undefined) return known;
    const off = mapList.length;
    for (const j of map) mapList.push(j);
    mapsSeen.set(key, off);
    return off;
  };
  const setup: number[] = [];
  const main: number[] = [];

  /** Years are the columns of a space that has them; the other dimensions make its rows. */
  const colsOf = (space: Space): number => (timeDim !== null && space.dims.includes(timeDim) ? years : 1);
  const rowsOf = (space: Space): number => {
    const c = colsOf(space);
    return c === 0 ? 0 : space.length / c;
  };
  /** An array laid out in `space` itself, read by an op over `space`. */
  const whole = (off: number, space: Space): Operand =>
    space.dims.length === 0 ? { off, rs: 0, cs: 0 } : { off, rs: colsOf(space), cs: 1 };
  const single = (off: number): Operand => ({ off, rs: 0, cs: 0 });
  const NONE: Operand = { off: -1, rs: 0, cs: 0 };

  /** How a formula part is being compiled: into which program, over which cells. */
  interface Ctx {
    to: number[];
    /** The variable whose last year this formula reads, or null. */
    self: string | null;
    /** Year by year: the year (one column); otherwise -1 (every cell). */
    year: number;
  }

  /**
   * How an op reads aux: the offset of a map indexed by cell (Gather, Prev), the same for cells
   * of a summed space scattered into the result (SumInto), or a count of blocks (SumRows).
   */
  type Kind = 'cells' | 'map' | 'scatter' | 'blocks';
  const isSingle = (o: Operand): boolean => o.rs === 0 && o.cs === 0;

  /**
   * One op over `space` (program-ops.ts). Operands that are whole arrays of `space` or single
   * numbers make one flat loop over every cell; year by year, one loop down the year's column;
   * otherwise rows by columns.
   */
  const emit = (
    ctx: Ctx,
    code: Op,
    out: number,
    space: Space,
    operands: readonly Operand[],
    kind: Kind = 'cells',
    aux = 0,
    blockStride = 0,
  ): void => {
    const C = colsOf(space);
    const R = rowsOf(space);
    let o = out;
    let a = aux;
    let shape: [ors: number, ocs: number, rows: number, cols: number];
    let read: Operand[];
    if (ctx.year >= 0) {
      const t = ctx.year;
      shape = [0, C, 1, R];
      if (kind !== 'scatter') o += t;
      if (kind === 'map' || kind === 'scatter') a += t;
      read = operands.map((x) => ({ off: x.off + t * x.cs, rs: 0, cs: x.rs }));
    } else if (operands.every((x) => isSingle(x) || (x.rs === C && x.cs === 1))) {
      shape = [0, 1, 1, space.length];
      read = operands.map((x) => ({ off: x.off, rs: 0, cs: isSingle(x) ? 0 : 1 }));
    } else {
      shape = [C, 1, R, C];
      read = [...operands];
    }
    const r = ctx.to.length;
    for (let k = 0; k < W; k++) ctx.to.push(0);
    const put = (field: number, value: number) => (ctx.to[r + field] = value);
    put(F.code, code);
    put(F.out, o);
    put(F.ors, shape[0]);
    put(F.ocs, shape[1]);
    put(F.rows, shape[2]);
    put(F.cols, shape[3]);
    const [x = NONE, y = NONE, z = NONE] = read;
    put(F.x, x.off);
    put(F.xrs, x.rs);
    put(F.xcs, x.cs);
    put(F.y, y.off);
    put(F.yrs, y.rs);
    put(F.ycs, y.cs);
    put(F.z, kind === 'blocks' ? blockStride : z.off);
    put(F.zrs, z.rs);
    put(F.zcs, z.cs);
    put(F.aux, a);
  };

  const varSpaces = new Map<string, Space>();
  const varOffsets = new Map<string, number>();
  const evaluated: CheckedVariable[] = [...model.order, ...model.checks];
  for (const v of evaluated) {
    const space = spaceFor(v.dims);
    varSpaces.set(v.id, space);
    varOffsets.set(v.id, alloc(space.length));
  }

  /** Parts compiled over every cell, once: constants (in setup) and parts hoisted out of years. */
  const once = new Map<TExpr, Operand>();
  /** One working array per formula part, reused by each year that computes it. */
  const temps = new Map<TExpr, number>();
  const temp = (e: TExpr, n: number): number => {
    let off = temps.get(e);
    if (off === undefined) {
      off = alloc(n);
      temps.set(e, off);
    }
    return off;
  };

  /**
   * The space a part is computed in, read by its parent over `space`: its own dimensions where
   * the parent can read them by strides (none; the parent's without time; time alone), else the
   * parent's. `sum(chip, ...)` of a [chip] part in a [chip, year] formula costs 12 cells, not 84.
   */
  const spaceOfPart = (e: TExpr, space: Space): Space => {
    const own = sortDims(e.dims);
    // The checker keeps a part's dimensions within its formula's; the strides below rely on it.
    if (own.some((d) => !space.dims.includes(d)))
      throw new Error(`engine: a part over ${own.join(', ')} read over ${space.dims.join(', ')}`);
    if (own.length === space.dims.length) return space;
    if (own.length === 0) return spaceFor([]);
    const hasTime = timeDim !== null && space.dims.includes(timeDim);
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((d, i) => d === b[i]);
    if (
      hasTime &&
      same(
        own,
        space.dims.filter((d) => d !== timeDim),
      )
    )
      return spaceFor(own);
    if (hasTime && same(own, [timeDim])) return spaceFor(own);
    return space;
  };
  /** An operand over `own` as read by an op over `space` (own is space, or one of spaceOfPart's). */
  const broadcast = (o: Operand, own: Space, space: Space): Operand => {
    if (own === space || own.dims.length === space.dims.length) return o;
    if (own.dims.length === 0) return { off: o.off, rs: 0, cs: 0 };
    if (timeDim !== null && own.dims.includes(timeDim)) return { off: o.off, rs: 0, cs: o.cs };
    return { off: o.off, rs: o.rs, cs: 0 };
  };

  const operand = (e: TExpr, space: Space, where: string, ctx: Ctx): Operand => {
    const cached = once.get(e);
    if (cached) return isConstant(e) ? cached : broadcast(cached, spaceOfPart(e, space), space);
    const own = spaceOfPart(e, space);
    if (isConstant(e)) {
      // Data costs nothing at run time: laid out in the reader's own shape, so the reader's loop
      // stays flat instead of reading a smaller array by rows.
      const value = node(e, space, where, { to: setup, self: null, year: -1 }, null);
      once.set(e, value);
      return value;
    }
    if (ctx.self !== null && !readsPrevOf(e, ctx.self)) {
      const value = node(e, own, where, { to: ctx.to, self: null, year: -1 }, null);
      once.set(e, value);
      return broadcast(value, own, space);
    }
    // Reads last year of the variable being settled: its space has time, like the variable's.
    return broadcast(node(e, own, where, ctx, null), own, space);
  };

  /** Emits `e` computed over `space`; `target` (a variable's cells) receives a root of one op. */
  const node = (e: TExpr, space: Space, where: string, ctx: Ctx, target: number | null): Operand => {
    const n = space.length;
    const out = (): number => target ?? temp(e, n);
    switch (e.k) {
      case 'num':
        return single(constant([e.value]));
      case 'str':
        return single(constant([data.codeOf(e.value)]));
      case 'assumption':
        return single(e.index);
      case 'member': {
        const list = data.members.get(e.dim) ?? [];
        const values = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const m = list[coordinate(space, i, e.dim)];
          values[i] = typeof m === 'number' ? m : data.codeOf(String(m));
        }
        return whole(constant(values), space);
      }
      case 'input': {
        const source = data.inputs.get(e.id);
        const from = data.inputSpaces.get(e.id);
        if (!source || !from) throw new ModelError('data', where, `no data bound for ${e.id}`);
        const map = indexMap(space, from);
        return whole(constant(Float64Array.from(map, (j) => source[j] as number)), space);
      }
      case 'attr': {
        const key = `${e.dim}.${e.name}`;
        const source = data.attributes.get(key);
        if (!source) throw new ModelError('data', where, `no data bound for ${key}`);
        const map = indexMap(space, spaceFor([e.dim]));
        return whole(constant(Float64Array.from(map, (j) => source[j] as number)), space);
      }
      case 'var': {
        const from = varSpaces.get(e.id) as Space;
        const off = varOffsets.get(e.id) as number;
        const map = indexMap(space, from);
        if (map.length === from.length && map.every((j, i) => j === i)) return whole(off, space);
        const into = out();
        emit(ctx, Op.Gather, into, space, [single(off)], 'map', addMap(map));
        return whole(into, space);
      }
      case 'prev': {
        const from = varSpaces.get(e.id) as Space;
        const off = varOffsets.get(e.id) as number;
        if (ctx.year >= 0 && e.id === ctx.self && from.length === n) {
          // The variable's own last year, read while computing year t: its column t - 1, read in
          // place (no op); in the first year, the fallback or NaN.
          if (ctx.year > 0) return { off: off - 1, rs: colsOf(space), cs: 1 };
          return e.fallback ? operand(e.fallback, space, where, ctx) : single(constant([Number.NaN]));
        }
        const map = indexMap(space, from, { dim: timeDim ?? '', by: -1 });
        const fallback = e.fallback ? operand(e.fallback, space, where, ctx) : NONE;
        const into = out();
        emit(ctx, Op.Prev, into, space, [single(off), fallback], 'map', addMap(map));
        return whole(into, space);
      }
      case 'neg':
      case 'not': {
        const x = operand(e.arg, space, where, ctx);
        const into = out();
        emit(ctx, e.k === 'neg' ? Op.Neg : Op.Not, into, space, [x]);
        return whole(into, space);
      }
      case 'bin': {
        const x = operand(e.left, space, where, ctx);
        const y = operand(e.right, space, where, ctx);
        const into = out();
        emit(ctx, BINARY_OPS[e.op] as Op, into, space, [x, y]);
        return whole(into, space);
      }
      case 'fn': {
        const code = FUNCTION_OPS[e.fn];
        if (code === undefined) throw new ModelError('data', where, `the engine has no op for ${e.fn}`);
        const args = e.args.map((a) => operand(a, space, where, ctx));
        const into = out();
        const first = args[0] as Operand;
        if (code === Op.Min || code === Op.Max) {
          // min(a, b, c) folds left to right, as the kernel does: min(min(a, b), c).
          if (args.length === 1) emit(ctx, Op.Copy, into, space, [first]);
          let acc = first;
          for (const next of args.slice(1)) {
            emit(ctx, code, into, space, [acc, next]);
            acc = whole(into, space);
          }
        } else emit(ctx, code, into, space, args);
        return whole(into, space);
      }
      case 'sum': {
        const inner = spaceFor(sortDims([...space.dims, e.dim]));
        const body = operand(e.body, inner, where, ctx);
        const into = out();
        const map = indexMap(inner, space);
        if (n > 0 && map.every((j, i) => j === i % n)) {
          // Blocks of the body in the result's shape, each its rows times its row stride apart.
          emit(ctx, Op.SumRows, into, space, [body], 'blocks', inner.length / n, rowsOf(space) * body.rs);
        } else {
          emit(ctx, Op.Zero, into, space, []);
          emit(ctx, Op.SumInto, into, inner, [body], 'scatter', addMap(map));
        }
        return whole(into, space);
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
      if (inPlace) node(v.expr, space, where, ctx, buffer);
      else emit(ctx, Op.Copy, buffer, space, [operand(v.expr, space, where, ctx)]);
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
