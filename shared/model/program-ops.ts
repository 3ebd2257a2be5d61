/**
 * The engine's flat program: a list of fixed-width integer records, each one loop over one
 * arena of numbers. An operand is an arena offset and a stride: stride 1 reads an array cell by
 * cell, stride 0 reads one number for every cell (an assumption or a literal, never copied out
 * into an array). Ops loop over `i = start; i < end; i += step`, so a variable that reads its own
 * last year runs one year's cells at a time (start = year, step = years) instead of whole passes.
 *
 * No generated code: the renderer's content security policy forbids eval.
 */
export const W = 12;
/** Record fields. */
export const F = {
  code: 0,
  out: 1,
  start: 2,
  end: 3,
  step: 4,
  x: 5,
  xs: 6,
  y: 7,
  ys: 8,
  z: 9,
  zs: 10,
  aux: 11,
} as const;

export const Op = {
  Add: 1,
  Sub: 2,
  Mul: 3,
  Div: 4,
  Pow: 5,
  Eq: 6,
  Ne: 7,
  Lt: 8,
  Le: 9,
  Gt: 10,
  Ge: 11,
  And: 12,
  Or: 13,
  Neg: 14,
  Not: 15,
  Min: 16,
  Max: 17,
  Abs: 18,
  Coalesce: 19,
  If: 20,
  Copy: 21,
  /** out[i] = m[x + maps[aux + i]]: a variable read in a larger space. */
  Gather: 22,
  /** Like Gather; where the map says -1 (no last year), the fallback operand y, or NaN when y < 0. */
  Prev: 23,
  /** Zeroes out over the range: the start of a sum. */
  Zero: 24,
  /** out[maps[aux + i]] += x[i] over the inner range. */
  SumInto: 25,
} as const;
export type Op = (typeof Op)[keyof typeof Op];

export const BINARY_OPS: Readonly<Record<string, Op>> = {
  '+': Op.Add,
  '-': Op.Sub,
  '*': Op.Mul,
  '/': Op.Div,
  '^': Op.Pow,
  '=': Op.Eq,
  '<>': Op.Ne,
  '<': Op.Lt,
  '<=': Op.Le,
  '>': Op.Gt,
  '>=': Op.Ge,
  and: Op.And,
  or: Op.Or,
};

/**
 * The op of each formula function (functions.ts): a function without one here fails the
 * engine test that walks FUNCTION_SPECS, so a new function cannot be forgotten.
 */
export const FUNCTION_OPS: Readonly<Record<string, Op>> = {
  if: Op.If,
  min: Op.Min,
  max: Op.Max,
  abs: Op.Abs,
  coalesce: Op.Coalesce,
};

/**
 * Runs records [from, to) of `p` over arena `m`. Each element computes exactly what the
 * function kernels in functions.ts compute, in the same order, so results are bit-identical.
 */
export function execute(p: Int32Array, from: number, to: number, m: Float64Array, maps: Int32Array): void {
  for (let r = from; r < to; r += W) {
    const code = p[r] as number;
    const o = p[r + 1] as number;
    const s = p[r + 2] as number;
    const e = p[r + 3] as number;
    const st = p[r + 4] as number;
    const x = p[r + 5] as number;
    const xs = p[r + 6] as number;
    const y = p[r + 7] as number;
    const ys = p[r + 8] as number;
    switch (code) {
      case Op.Add:
        for (let i = s; i < e; i += st) m[o + i] = (m[x + i * xs] as number) + (m[y + i * ys] as number);
        break;
      case Op.Sub:
        for (let i = s; i < e; i += st) m[o + i] = (m[x + i * xs] as number) - (m[y + i * ys] as number);
        break;
      case Op.Mul:
        for (let i = s; i < e; i += st) m[o + i] = (m[x + i * xs] as number) * (m[y + i * ys] as number);
        break;
      case Op.Div:
        for (let i = s; i < e; i += st) m[o + i] = (m[x + i * xs] as number) / (m[y + i * ys] as number);
        break;
      case Op.Pow:
        for (let i = s; i < e; i += st) m[o + i] = (m[x + i * xs] as number) ** (m[y + i * ys] as number);
        break;
      case Op.Eq:
        for (let i = s; i < e; i += st) m[o + i] = m[x + i * xs] === m[y + i * ys] ? 1 : 0;
        break;
      case Op.Ne:
        for (let i = s; i < e; i += st) m[o + i] = m[x + i * xs] !== m[y + i * ys] ? 1 : 0;
        break;
      case Op.Lt:
        for (let i = s; i < e; i += st) m[o + i] = (m[x + i * xs] as number) < (m[y + i * ys] as number) ? 1 : 0;
        break;
      case Op.Le:
        for (let i = s; i < e; i += st) m[o + i] = (m[x + i * xs] as number) <= (m[y + i * ys] as number) ? 1 : 0;
        break;
      case Op.Gt:
        for (let i = s; i < e; i += st) m[o + i] = (m[x + i * xs] as number) > (m[y + i * ys] as number) ? 1 : 0;
        break;
      case Op.Ge:
        for (let i = s; i < e; i += st) m[o + i] = (m[x + i * xs] as number) >= (m[y + i * ys] as number) ? 1 : 0;
        break;
      case Op.And:
        for (let i = s; i < e; i += st) {
          const a = m[x + i * xs] as number;
          const b = m[y + i * ys] as number;
          m[o + i] = a !== 0 && a === a && b !== 0 && b === b ? 1 : 0; // v === v: not NaN
        }
        break;
      case Op.Or:
        for (let i = s; i < e; i += st) {
          const a = m[x + i * xs] as number;
          const b = m[y + i * ys] as number;
          m[o + i] = (a !== 0 && a === a) || (b !== 0 && b === b) ? 1 : 0;
        }
        break;
      case Op.Neg:
        for (let i = s; i < e; i += st) m[o + i] = -(m[x + i * xs] as number);
        break;
      case Op.Not:
        for (let i = s; i < e; i += st) {
          const a = m[x + i * xs] as number;
          m[o + i] = a !== 0 && a === a ? 0 : 1;
        }
        break;
      case Op.Min:
        for (let i = s; i < e; i += st) {
          const a = m[x + i * xs] as number;
          const b = m[y + i * ys] as number;
          // NaN wins, as Math.min would have it.
          m[o + i] = a !== a || b !== b ? Number.NaN : a < b ? a : b;
        }
        break;
      case Op.Max:
        for (let i = s; i < e; i += st) {
          const a = m[x + i * xs] as number;
          const b = m[y + i * ys] as number;
          m[o + i] = a !== a || b !== b ? Number.NaN : a > b ? a : b;
        }
        break;
      case Op.Abs:
        for (let i = s; i < e; i += st) m[o + i] = Math.abs(m[x + i * xs] as number);
        break;
      case Op.Coalesce:
        for (let i = s; i < e; i += st) {
          const a = m[x + i * xs] as number;
          m[o + i] = a !== a ? (m[y + i * ys] as number) : a;
        }
        break;
      case Op.If: {
        const z = p[r + 9] as number;
        const zs = p[r + 10] as number;
        for (let i = s; i < e; i += st) {
          const c = m[x + i * xs] as number;
          m[o + i] = c !== 0 && c === c ? (m[y + i * ys] as number) : (m[z + i * zs] as number);
        }
        break;
      }
      case Op.Copy:
        for (let i = s; i < e; i += st) m[o + i] = m[x + i * xs] as number;
        break;
      case Op.Gather: {
        const a = p[r + 11] as number;
        for (let i = s; i < e; i += st) m[o + i] = m[x + (maps[a + i] as number)] as number;
        break;
      }
      case Op.Prev: {
        const a = p[r + 11] as number;
        for (let i = s; i < e; i += st) {
          const j = maps[a + i] as number;
          m[o + i] = j >= 0 ? (m[x + j] as number) : y >= 0 ? (m[y + i * ys] as number) : Number.NaN;
        }
        break;
      }
      case Op.Zero:
        for (let i = s; i < e; i += st) m[o + i] = 0;
        break;
      case Op.SumInto: {
        const a = p[r + 11] as number;
        for (let i = s; i < e; i += st) {
          const j = o + (maps[a + i] as number);
          m[j] = (m[j] as number) + (m[x + i * xs] as number);
        }
        break;
      }
      default:
        throw new Error(`engine program: unknown op ${code} at record ${r / W}`);
    }
  }
}
