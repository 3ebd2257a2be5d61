import type { TExpr, ValueType } from './checked.js';
import type { ModelErrorKind } from './errors.js';
import { joinUnits, unitsAgree } from './units.js';

/** What a function's checker may call: refuse (naming the node) or demand a number. */
export interface CheckContext {
  fail(kind: ModelErrorKind, node: { pos: number }, detail: string): never;
  needNumber(arg: TExpr, what: string): void;
}

/**
 * One formula function, declared once: the checker, the live engine, the spreadsheet export,
 * the parser's list of names and the editor's completion all read this table. A new function
 * is one entry here and its tests.
 *
 * `sum` and `prev` are not here: they are forms of the language (one binds a dimension, the
 * other reads a variable a year back), handled where dimensions and time are.
 */
export interface FunctionSpec {
  name: string;
  /** As shown in completion and errors. */
  signature: string;
  description: string;
  /** Fewest and most arguments. */
  arity: readonly [number, number];
  /** Arguments read as conditions: the spreadsheet gets them as truth values, not 1 and 0. */
  conditions?: readonly number[];
  /** Arguments that are fallbacks: `prev` without a default is allowed inside them. */
  fallbacks?: readonly number[];
  /** The result's unit and type from the checked arguments, or a refusal through `ctx`. */
  check(args: TExpr[], ctx: CheckContext, node: { pos: number }): { unit: string | null; type: ValueType };
  /**
   * Element by element over whole arrays (one loop per function: a loop calling a per-element
   * function would be a megamorphic call per cell). `out` never aliases an argument.
   */
  kernel(out: Float64Array, args: readonly Float64Array[]): void;
  /** The spreadsheet formula from the arguments' formulas. */
  sheet(args: readonly string[]): string;
}

/** All arguments' units must agree; the result has that unit. */
function sameUnit(fn: string, args: TExpr[], ctx: CheckContext): string | null {
  let unit: string | null = null;
  for (const a of args) {
    if (!unitsAgree(unit, a.unit)) ctx.fail('unit', a, `${fn} mixes ${unit} and ${a.unit}`);
    unit = joinUnits(unit, a.unit);
  }
  return unit;
}

function extreme(name: 'min' | 'max'): FunctionSpec {
  const isMin = name === 'min';
  return {
    name,
    signature: `${name}(a, b, …)`,
    description: isMin ? 'the smallest of its arguments' : 'the largest of its arguments',
    arity: [1, Number.POSITIVE_INFINITY],
    check(args, ctx) {
      for (const a of args) ctx.needNumber(a, `an argument of ${name}`);
      return { unit: sameUnit(name, args, ctx), type: 'number' };
    },
    kernel(out, args) {
      out.set(args[0] as Float64Array);
      for (let k = 1; k < args.length; k++) {
        const x = args[k] as Float64Array;
        for (let i = 0; i < out.length; i++) {
          const a = out[i] as number;
          const b = x[i] as number;
          // NaN wins, as Math.min and Math.max would have it.
          out[i] = a !== a || b !== b ? Number.NaN : isMin ? (a < b ? a : b) : a > b ? a : b;
        }
      }
    },
    sheet: (args) => `${name.toUpperCase()}(${args.join(',')})`,
  };
}

export const FUNCTION_SPECS: readonly FunctionSpec[] = [
  {
    name: 'if',
    signature: 'if(condition, then, else)',
    description: 'then where the condition holds, else elsewhere',
    arity: [3, 3],
    conditions: [0],
    check([, a, b], ctx, node) {
      const then = a as TExpr;
      const other = b as TExpr;
      if (!unitsAgree(then.unit, other.unit))
        ctx.fail('unit', node, `the two branches of if have different units (${then.unit} and ${other.unit})`);
      return { unit: joinUnits(then.unit, other.unit), type: then.type === other.type ? then.type : 'unknown' };
    },
    kernel(out, [c, a, b]) {
      const cond = c as Float64Array;
      const then = a as Float64Array;
      const other = b as Float64Array;
      for (let i = 0; i < out.length; i++) {
        const ci = cond[i] as number;
        out[i] = ci !== 0 && ci === ci ? (then[i] as number) : (other[i] as number); // ci === ci: not NaN
      }
    },
    sheet: ([c, a, b]) => `IF(${c},${a},${b})`,
  },
  extreme('min'),
  extreme('max'),
  {
    name: 'abs',
    signature: 'abs(x)',
    description: 'x without its sign',
    arity: [1, 1],
    check([x], ctx) {
      const arg = x as TExpr;
      ctx.needNumber(arg, 'the argument of abs');
      return { unit: arg.unit, type: 'number' };
    },
    kernel(out, [x]) {
      const a = x as Float64Array;
      for (let i = 0; i < out.length; i++) out[i] = Math.abs(a[i] as number);
    },
    sheet: ([x]) => `ABS(${x})`,
  },
  {
    name: 'coalesce',
    signature: 'coalesce(value, fallback)',
    description: 'value where it exists, the fallback where it is missing',
    arity: [2, 2],
    fallbacks: [1],
    check([a, b], ctx, node) {
      const first = a as TExpr;
      const second = b as TExpr;
      if (!unitsAgree(first.unit, second.unit))
        ctx.fail('unit', node, `coalesce mixes ${first.unit} and ${second.unit}`);
      return { unit: joinUnits(first.unit, second.unit), type: 'number' };
    },
    kernel(out, [a, b]) {
      const first = a as Float64Array;
      const second = b as Float64Array;
      for (let i = 0; i < out.length; i++) {
        const x = first[i] as number;
        out[i] = Number.isNaN(x) ? (second[i] as number) : x;
      }
    },
    // A missing spreadsheet input is an empty string: then the fallback is the whole answer.
    sheet: ([first, second]) => (first === '""' ? (second as string) : `IF(ISNUMBER(${first}),${first},${second})`),
  },
];

export const FUNCTION_TABLE: ReadonlyMap<string, FunctionSpec> = new Map(FUNCTION_SPECS.map((f) => [f.name, f]));

/** The language's forms that look like calls but bind a dimension or read a year back. */
export const FORMS = ['sum', 'prev'] as const;

/** Every name that may be called in a formula. */
export const CALLABLE: readonly string[] = [...FUNCTION_SPECS.map((f) => f.name), ...FORMS];

export function functionSpec(name: string): FunctionSpec {
  const spec = FUNCTION_TABLE.get(name);
  if (!spec) throw new Error(`no function ${name}`);
  return spec;
}
