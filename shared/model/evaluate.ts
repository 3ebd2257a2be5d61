import { type CheckedModel, type TExpr, exprChildren } from './checked.js';
import type { ModelData } from './data.js';
import { ModelError } from './errors.js';
import { functionSpec } from './functions.js';
import { type Space, coordinate, indexMap, makeSpace } from './space.js';

type Node = () => Float64Array;

/** Values of every variable after a run, each over its own space. Valid until the next run. */
export type Results = ReadonlyMap<string, Float64Array>;

export interface Engine {
  readonly model: CheckedModel;
  readonly data: ModelData;
  readonly assumptionIds: readonly string[];
  spaceOf(variable: string): Space;
  /** The assumption vector of a scenario: defaults with its overrides. */
  assumptions(overrides?: Readonly<Record<string, number>>): Float64Array;
  /** Recomputes every variable. Reuses its buffers: copy what you keep. */
  run(assumptions: Float64Array): Results;
  /**
   * A recompute of only `ids` and what they depend on (Monte Carlo, tornado and goal seek read
   * a few outputs, not the checks and every variable). The same numbers for those ids as `run`;
   * other variables in the results are left as an earlier run left them: read only `ids`.
   */
  runner(ids: readonly string[]): (assumptions: Float64Array) => Results;
}

/** The variables a formula reads (this year's values or last year's). */
function varsRead(e: TExpr, out: Set<string>): Set<string> {
  if (e.k === 'var' || e.k === 'prev') out.add(e.id);
  for (const child of exprChildren(e)) varsRead(child, out);
  return out;
}

/** Formula roots that compute into a fresh array from their parts can write straight into the variable. */
const WRITES_IN_PLACE = new Set<TExpr['k']>(['bin', 'neg', 'not', 'fn', 'sum']);

const truthy = (x: number): boolean => x !== 0 && !Number.isNaN(x);

/**
 * Compiles a checked model over its data into closures over Float64Arrays. Each formula node
 * owns one output buffer, sized to the space it is evaluated in, so a run allocates nothing:
 * cheap enough for every slider event and for Monte Carlo.
 */
export function compileEngine(model: CheckedModel, data: ModelData): Engine {
  const sizeOf = (dim: string): number => data.members.get(dim)?.length ?? 0;
  const spaceFor = (dims: string[]): Space => makeSpace(dims, sizeOf);
  const varSpaces = new Map<string, Space>();
  const varBuffers = new Map<string, Float64Array>();
  // Checks are evaluated like variables, after them; their cells are 1 (holds) or 0 (fails).
  const evaluated = [...model.order, ...model.checks];
  for (const v of evaluated) {
    const space = spaceFor(v.dims);
    varSpaces.set(v.id, space);
    varBuffers.set(v.id, new Float64Array(space.length));
  }
  const state: { a: Float64Array<ArrayBufferLike>; run: number } = {
    a: new Float64Array(model.def.assumptions.length),
    run: 0,
  };
  /** While compiling a formula that reads its own last year: its id (parts that do not are hoisted). */
  let settling: string | null = null;
  const sortDims = (dims: string[]): string[] => model.dimOrder.filter((d) => dims.includes(d));

  const gather =
    (source: Float64Array, map: Int32Array, out: Float64Array): Node =>
    () => {
      for (let i = 0; i < out.length; i++) out[i] = source[map[i] as number] as number;
      return out;
    };
  const isIdentity = (map: Int32Array, sourceLength: number): boolean =>
    map.length === sourceLength && map.every((j, i) => j === i);

  /**
   * Parts of a formula that read neither assumptions nor variables (data, attributes,
   * members, literals) are worked out once here, not on every run.
   */
  const compile = (e: TExpr, space: Space, where: string): Node => {
    if (settling !== null && !isConstant(e) && !readsPrevOf(e, settling)) {
      // A variable that reads its own last year is evaluated once per year (see steps below);
      // parts of its formula that do not read that are the same on every pass: worked out on
      // the first pass of each run and reused, the same numbers with a fraction of the work.
      const outer = settling;
      settling = null;
      const node = compileNode(e, space, where);
      settling = outer;
      let seen = -1;
      let value: Float64Array = new Float64Array(0);
      return () => {
        if (seen !== state.run) {
          value = node();
          seen = state.run;
        }
        return value;
      };
    }
    const node = compileNode(e, space, where);
    if (!isConstant(e)) return node;
    const value = Float64Array.from(node());
    return () => value;
  };

  const compileNode = (e: TExpr, space: Space, where: string, target?: Float64Array): Node => {
    const out = target ?? new Float64Array(space.length);
    switch (e.k) {
      case 'num':
        out.fill(e.value);
        return () => out;
      case 'str':
        out.fill(data.codeOf(e.value));
        return () => out;
      case 'member': {
        const list = data.members.get(e.dim) ?? [];
        for (let i = 0; i < out.length; i++) {
          const m = list[coordinate(space, i, e.dim)];
          out[i] = typeof m === 'number' ? m : data.codeOf(String(m));
        }
        return () => out;
      }
      case 'assumption': {
        const index = e.index;
        return () => out.fill(state.a[index] as number);
      }
      case 'var': {
        const source = varBuffers.get(e.id) as Float64Array;
        const map = indexMap(space, varSpaces.get(e.id) as Space);
        return isIdentity(map, source.length) ? () => source : gather(source, map, out);
      }
      case 'input': {
        const source = data.inputs.get(e.id);
        const from = data.inputSpaces.get(e.id);
        if (!source || !from) throw new ModelError('data', where, `no data bound for ${e.id}`);
        const map = indexMap(space, from);
        for (let i = 0; i < out.length; i++) out[i] = source[map[i] as number] as number;
        return () => out;
      }
      case 'attr': {
        const key = `${e.dim}.${e.name}`;
        const source = data.attributes.get(key);
        if (!source) throw new ModelError('data', where, `no data bound for ${key}`);
        const map = indexMap(space, spaceFor([e.dim]));
        for (let i = 0; i < out.length; i++) out[i] = source[map[i] as number] as number;
        return () => out;
      }
      case 'neg': {
        const arg = compile(e.arg, space, where);
        return () => {
          const x = arg();
          for (let i = 0; i < out.length; i++) out[i] = -(x[i] as number);
          return out;
        };
      }
      case 'not': {
        const arg = compile(e.arg, space, where);
        return () => {
          const x = arg();
          for (let i = 0; i < out.length; i++) out[i] = truthy(x[i] as number) ? 0 : 1;
          return out;
        };
      }
      case 'bin':
        return binaryNode(e.op, compile(e.left, space, where), compile(e.right, space, where), out);
      case 'fn': {
        const spec = functionSpec(e.fn);
        const args = e.args.map((x) => compile(x, space, where));
        const values: Float64Array[] = args.map(() => out);
        return () => {
          for (let k = 0; k < args.length; k++) values[k] = (args[k] as Node)();
          spec.kernel(out, values);
          return out;
        };
      }
      case 'sum': {
        const inner = spaceFor(sortDims([...space.dims, e.dim]));
        const body = compile(e.body, inner, where);
        const map = indexMap(inner, space);
        return () => {
          const x = body();
          out.fill(0);
          for (let i = 0; i < x.length; i++) {
            const j = map[i] as number;
            out[j] = (out[j] as number) + (x[i] as number);
          }
          return out;
        };
      }
      case 'prev': {
        const source = varBuffers.get(e.id) as Float64Array;
        const map = indexMap(space, varSpaces.get(e.id) as Space, { dim: model.timeDim ?? '', by: -1 });
        const fallback = e.fallback ? compile(e.fallback, space, where) : null;
        return () => {
          const fb = fallback ? fallback() : null;
          for (let i = 0; i < out.length; i++) {
            const j = map[i] as number;
            out[i] = j >= 0 ? (source[j] as number) : fb ? (fb[i] as number) : Number.NaN;
          }
          return out;
        };
      }
    }
  };

  const steps = evaluated.map((v) => {
    const space = varSpaces.get(v.id) as Space;
    const buffer = varBuffers.get(v.id) as Float64Array;
    // A variable that reads its own previous year settles one year per pass.
    const passes = v.selfPrev ? Math.max(1, sizeOf(model.timeDim ?? '')) : 1;
    const where = `variable ${v.id}`;
    const uses = varsRead(v.expr, new Set());
    settling = passes > 1 ? v.id : null;
    // The root computes into the variable's own buffer, saving a copy per variable per run. Its
    // parts are computed into their own arrays first, so a root reading last year's value of
    // its own variable reads it before the root writes (the same numbers as with a copy).
    if (WRITES_IN_PLACE.has(v.expr.k) && !isConstant(v.expr)) {
      const root = compileNode(v.expr, space, where, buffer);
      const run =
        passes > 1
          ? () => {
              buffer.fill(Number.NaN);
              for (let p = 0; p < passes; p++) root();
            }
          : () => void root();
      return { id: v.id, uses, run };
    }
    const root = compile(v.expr, space, where);
    const run = () => {
      if (passes > 1) buffer.fill(Number.NaN);
      for (let p = 0; p < passes; p++) buffer.set(root());
    };
    return { id: v.id, uses, run };
  });
  settling = null;
  const runAll = steps.map((s) => s.run);

  const ids = model.def.assumptions.map((a) => a.id);
  const defaults = Float64Array.from(model.def.assumptions.map((a) => a.default));
  return {
    model,
    data,
    assumptionIds: ids,
    spaceOf: (variable) => {
      const s = varSpaces.get(variable);
      if (!s) throw new ModelError('unknown-name', 'results', `unknown variable "${variable}"`);
      return s;
    },
    assumptions(overrides = {}) {
      const a = new Float64Array(defaults);
      for (const [id, value] of Object.entries(overrides)) {
        const k = ids.indexOf(id);
        if (k < 0) throw new ModelError('unknown-name', 'assumptions', `unknown assumption "${id}"`);
        a[k] = value;
      }
      return a;
    },
    run(assumptions) {
      state.a = assumptions;
      state.run++;
      for (const step of runAll) step();
      return varBuffers;
    },
    runner(ids) {
      const needed = new Set(ids);
      // Steps are in evaluation order: walking back, each needed step adds what it reads.
      for (let k = steps.length - 1; k >= 0; k--) {
        const step = steps[k] as (typeof steps)[number];
        if (needed.has(step.id)) for (const id of step.uses) needed.add(id);
      }
      const only = steps.filter((s) => needed.has(s.id)).map((s) => s.run);
      return (assumptions) => {
        state.a = assumptions;
        state.run++;
        for (const step of only) step();
        return varBuffers;
      };
    },
  };
}

/** An assumption vector as values by assumption id (what the CLI prints and attribution takes). */
export function assumptionRecord(engine: Engine, vector: Float64Array): Record<string, number> {
  return Object.fromEntries(engine.assumptionIds.map((id, i) => [id, vector[i] ?? Number.NaN]));
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

/**
 * One loop per operator, each in its own closure: a shared loop calling an operator function
 * would be a megamorphic call per element, several times slower on V8.
 */
function binaryNode(op: string, left: Node, right: Node, out: Float64Array): Node {
  const n = out.length;
  switch (op) {
    case '+':
      return () => {
        const x = left(),
          y = right();
        for (let i = 0; i < n; i++) out[i] = (x[i] as number) + (y[i] as number);
        return out;
      };
    case '-':
      return () => {
        const x = left(),
          y = right();
        for (let i = 0; i < n; i++) out[i] = (x[i] as number) - (y[i] as number);
        return out;
      };
    case '*':
      return () => {
        const x = left(),
          y = right();
        for (let i = 0; i < n; i++) out[i] = (x[i] as number) * (y[i] as number);
        return out;
      };
    case '/':
      return () => {
        const x = left(),
          y = right();
        for (let i = 0; i < n; i++) out[i] = (x[i] as number) / (y[i] as number);
        return out;
      };
    case '^':
      return () => {
        const x = left(),
          y = right();
        for (let i = 0; i < n; i++) out[i] = (x[i] as number) ** (y[i] as number);
        return out;
      };
    default: {
      const f = binaryOp(op);
      return () => {
        const x = left(),
          y = right();
        for (let i = 0; i < n; i++) out[i] = f(x[i] as number, y[i] as number);
        return out;
      };
    }
  }
}

function binaryOp(op: string): (x: number, y: number) => number {
  switch (op) {
    case '+':
      return (x, y) => x + y;
    case '-':
      return (x, y) => x - y;
    case '*':
      return (x, y) => x * y;
    case '/':
      return (x, y) => x / y;
    case '^':
      return (x, y) => x ** y;
    case '=':
      return (x, y) => (x === y ? 1 : 0);
    case '<>':
      return (x, y) => (x !== y ? 1 : 0);
    case '<':
      return (x, y) => (x < y ? 1 : 0);
    case '<=':
      return (x, y) => (x <= y ? 1 : 0);
    case '>':
      return (x, y) => (x > y ? 1 : 0);
    case '>=':
      return (x, y) => (x >= y ? 1 : 0);
    case 'and':
      return (x, y) => (truthy(x) && truthy(y) ? 1 : 0);
    default:
      return (x, y) => (truthy(x) || truthy(y) ? 1 : 0);
  }
}
