/**
 * The engine's flat program: a list of fixed-width integer records, each a loop over one arena
 * of numbers. Every value has a space of dimensions with time last, so its cells are rows (the
 * other dimensions) by columns (the years).
 *
 * An op visits cells (r, c) for r < R, c < K, at out + r * ors + c * ocs, and reads each operand
 * at its offset + r * rs + c * cs. A stride of 0 repeats a value, so an operand can be a whole
 * array, an array over the other dimensions repeated for every year, a value per year repeated
 * for every row, or one number for every cell (an assumption or a literal): a part of a formula
 * that varies only by chip is computed over 12 cells, not 84, and never copied out to the larger
 * shape. Most ops are one flat loop (R = 1, strides 1 or 0). A variable that reads its own last
 * year runs one year at a time: one loop down that year's column (K = rows, ocs = years).
 *
 * No generated code: the renderer's content security policy forbids eval.
 */
export const W = 16;
/** Record fields. */
export const F = {
  code: 0,
  out: 1,
  ors: 2,
  ocs: 3,
  rows: 4,
  cols: 5,
  x: 6,
  xrs: 7,
  xcs: 8,
  y: 9,
  yrs: 10,
  ycs: 11,
  z: 12,
  zrs: 13,
  zcs: 14,
  aux: 15,
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
  /** out[cell] = m[x + maps[aux + cell]]: a variable read in a larger space. */
  Gather: 22,
  /** Like Gather; where the map says -1 (no last year), the fallback operand y, or NaN when y < 0. */
  Prev: 23,
  /** Zeroes the cells: the start of a sum. */
  Zero: 24,
  /** m[o + maps[aux + cell]] += x over the cells of the summed (inner) space. */
  SumInto: 25,
  /**
   * A sum over a dimension that comes before every other of the result's (buyer or chip before
   * year): the body is aux blocks of the result's shape, z apart; out = 0 + block 0 + block 1 +
   * ..., the same additions in the same order as Zero and SumInto, without the map.
   */
  SumRows: 26,
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
 * Runs records [from, to) of `p` over arena `m`. Each cell computes exactly what the function
 * kernels in functions.ts compute, in the same order, so results are bit-identical to them.
 */
export function execute(p: Int32Array, from: number, to: number, m: Float64Array, maps: Int32Array): void {
  for (let q = from; q < to; q += W) {
    const code = p[q] as number;
    const o = p[q + 1] as number;
    const ors = p[q + 2] as number;
    const ocs = p[q + 3] as number;
    const R = p[q + 4] as number;
    const K = p[q + 5] as number;
    const x = p[q + 6] as number;
    const xrs = p[q + 7] as number;
    const xcs = p[q + 8] as number;
    const y = p[q + 9] as number;
    const yrs = p[q + 10] as number;
    const ycs = p[q + 11] as number;
    switch (code) {
      case Op.Add:
        // The common flat shapes (arrays, or an array and one number) without a multiply per cell.
        if (R === 1 && ocs === 1 && xcs === 1 && ycs === 1) {
          for (let c = 0; c < K; c++) m[o + c] = (m[x + c] as number) + (m[y + c] as number);
          break;
        }
        if (R === 1 && ocs === 1 && xcs === 1 && ycs === 0) {
          const b = m[y] as number;
          for (let c = 0; c < K; c++) m[o + c] = (m[x + c] as number) + b;
          break;
        }
        if (R === 1 && ocs === 1 && xcs === 0 && ycs === 1) {
          const a = m[x] as number;
          for (let c = 0; c < K; c++) m[o + c] = a + (m[y + c] as number);
          break;
        }
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          const yb = y + r * yrs;
          for (let c = 0; c < K; c++) m[ob + c * ocs] = (m[xb + c * xcs] as number) + (m[yb + c * ycs] as number);
        }
        break;
      case Op.Sub:
        // The common flat shapes (arrays, or an array and one number) without a multiply per cell.
        if (R === 1 && ocs === 1 && xcs === 1 && ycs === 1) {
          for (let c = 0; c < K; c++) m[o + c] = (m[x + c] as number) - (m[y + c] as number);
          break;
        }
        if (R === 1 && ocs === 1 && xcs === 1 && ycs === 0) {
          const b = m[y] as number;
          for (let c = 0; c < K; c++) m[o + c] = (m[x + c] as number) - b;
          break;
        }
        if (R === 1 && ocs === 1 && xcs === 0 && ycs === 1) {
          const a = m[x] as number;
          for (let c = 0; c < K; c++) m[o + c] = a - (m[y + c] as number);
          break;
        }
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          const yb = y + r * yrs;
          for (let c = 0; c < K; c++) m[ob + c * ocs] = (m[xb + c * xcs] as number) - (m[yb + c * ycs] as number);
        }
        break;
      case Op.Mul:
        // The common flat shapes (arrays, or an array and one number) without a multiply per cell.
        if (R === 1 && ocs === 1 && xcs === 1 && ycs === 1) {
          for (let c = 0; c < K; c++) m[o + c] = (m[x + c] as number) * (m[y + c] as number);
          break;
        }
        if (R === 1 && ocs === 1 && xcs === 1 && ycs === 0) {
          const b = m[y] as number;
          for (let c = 0; c < K; c++) m[o + c] = (m[x + c] as number) * b;
          break;
        }
        if (R === 1 && ocs === 1 && xcs === 0 && ycs === 1) {
          const a = m[x] as number;
          for (let c = 0; c < K; c++) m[o + c] = a * (m[y + c] as number);
          break;
        }
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          const yb = y + r * yrs;
          for (let c = 0; c < K; c++) m[ob + c * ocs] = (m[xb + c * xcs] as number) * (m[yb + c * ycs] as number);
        }
        break;
      case Op.Div:
        // The common flat shapes (arrays, or an array and one number) without a multiply per cell.
        if (R === 1 && ocs === 1 && xcs === 1 && ycs === 1) {
          for (let c = 0; c < K; c++) m[o + c] = (m[x + c] as number) / (m[y + c] as number);
          break;
        }
        if (R === 1 && ocs === 1 && xcs === 1 && ycs === 0) {
          const b = m[y] as number;
          for (let c = 0; c < K; c++) m[o + c] = (m[x + c] as number) / b;
          break;
        }
        if (R === 1 && ocs === 1 && xcs === 0 && ycs === 1) {
          const a = m[x] as number;
          for (let c = 0; c < K; c++) m[o + c] = a / (m[y + c] as number);
          break;
        }
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          const yb = y + r * yrs;
          for (let c = 0; c < K; c++) m[ob + c * ocs] = (m[xb + c * xcs] as number) / (m[yb + c * ycs] as number);
        }
        break;
      case Op.Pow:
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          const yb = y + r * yrs;
          for (let c = 0; c < K; c++) m[ob + c * ocs] = (m[xb + c * xcs] as number) ** (m[yb + c * ycs] as number);
        }
        break;
      case Op.Eq:
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          const yb = y + r * yrs;
          for (let c = 0; c < K; c++) m[ob + c * ocs] = m[xb + c * xcs] === m[yb + c * ycs] ? 1 : 0;
        }
        break;
      case Op.Ne:
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          const yb = y + r * yrs;
          for (let c = 0; c < K; c++) m[ob + c * ocs] = m[xb + c * xcs] !== m[yb + c * ycs] ? 1 : 0;
        }
        break;
      case Op.Lt:
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          const yb = y + r * yrs;
          for (let c = 0; c < K; c++)
            m[ob + c * ocs] = (m[xb + c * xcs] as number) < (m[yb + c * ycs] as number) ? 1 : 0;
        }
        break;
      case Op.Le:
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          const yb = y + r * yrs;
          for (let c = 0; c < K; c++)
            m[ob + c * ocs] = (m[xb + c * xcs] as number) <= (m[yb + c * ycs] as number) ? 1 : 0;
        }
        break;
      case Op.Gt:
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          const yb = y + r * yrs;
          for (let c = 0; c < K; c++)
            m[ob + c * ocs] = (m[xb + c * xcs] as number) > (m[yb + c * ycs] as number) ? 1 : 0;
        }
        break;
      case Op.Ge:
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          const yb = y + r * yrs;
          for (let c = 0; c < K; c++)
            m[ob + c * ocs] = (m[xb + c * xcs] as number) >= (m[yb + c * ycs] as number) ? 1 : 0;
        }
        break;
      case Op.And:
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          const yb = y + r * yrs;
          for (let c = 0; c < K; c++) {
            const a = m[xb + c * xcs] as number;
            const b = m[yb + c * ycs] as number;
            m[ob + c * ocs] = a !== 0 && a === a && b !== 0 && b === b ? 1 : 0;
          }
        }
        break;
      case Op.Or:
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          const yb = y + r * yrs;
          for (let c = 0; c < K; c++) {
            const a = m[xb + c * xcs] as number;
            const b = m[yb + c * ycs] as number;
            m[ob + c * ocs] = (a !== 0 && a === a) || (b !== 0 && b === b) ? 1 : 0;
          }
        }
        break;
      case Op.Neg:
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          for (let c = 0; c < K; c++) m[ob + c * ocs] = -(m[xb + c * xcs] as number);
        }
        break;
      case Op.Not:
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          for (let c = 0; c < K; c++) {
            const a = m[xb + c * xcs] as number;
            m[ob + c * ocs] = a !== 0 && a === a ? 0 : 1;
          }
        }
        break;
      case Op.Min:
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          const yb = y + r * yrs;
          for (let c = 0; c < K; c++) {
            const a = m[xb + c * xcs] as number;
            const b = m[yb + c * ycs] as number;
            m[ob + c * ocs] = a !== a || b !== b ? Number.NaN : a < b ? a : b;
          }
        }
        break;
      case Op.Max:
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          const yb = y + r * yrs;
          for (let c = 0; c < K; c++) {
            const a = m[xb + c * xcs] as number;
            const b = m[yb + c * ycs] as number;
            m[ob + c * ocs] = a !== a || b !== b ? Number.NaN : a > b ? a : b;
          }
        }
        break;
      case Op.Abs:
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          for (let c = 0; c < K; c++) m[ob + c * ocs] = Math.abs(m[xb + c * xcs] as number);
        }
        break;
      case Op.Coalesce:
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          const yb = y + r * yrs;
          for (let c = 0; c < K; c++) {
            const a = m[xb + c * xcs] as number;
            m[ob + c * ocs] = a !== a ? (m[yb + c * ycs] as number) : a;
          }
        }
        break;
      case Op.If: {
        const z = p[q + 12] as number;
        const zrs = p[q + 13] as number;
        const zcs = p[q + 14] as number;
        if (R === 1 && ocs === 1 && xcs === 1 && ycs === 1 && zcs === 1) {
          for (let c = 0; c < K; c++) {
            const k = m[x + c] as number;
            m[o + c] = k !== 0 && k === k ? (m[y + c] as number) : (m[z + c] as number);
          }
          break;
        }
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          const yb = y + r * yrs;
          const zb = z + r * zrs;
          for (let c = 0; c < K; c++) {
            const k = m[xb + c * xcs] as number;
            m[ob + c * ocs] = k !== 0 && k === k ? (m[yb + c * ycs] as number) : (m[zb + c * zcs] as number);
          }
        }
        break;
      }
      case Op.Copy:
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          for (let c = 0; c < K; c++) m[ob + c * ocs] = m[xb + c * xcs] as number;
        }
        break;
      case Op.Gather: {
        const aux = p[q + 15] as number;
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const ab = aux + r * ors;
          for (let c = 0; c < K; c++) m[ob + c * ocs] = m[x + (maps[ab + c * ocs] as number)] as number;
        }
        break;
      }
      case Op.Prev: {
        const aux = p[q + 15] as number;
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const yb = y + r * yrs;
          const ab = aux + r * ors;
          for (let c = 0; c < K; c++) {
            const j = maps[ab + c * ocs] as number;
            m[ob + c * ocs] = j >= 0 ? (m[x + j] as number) : y >= 0 ? (m[yb + c * ycs] as number) : Number.NaN;
          }
        }
        break;
      }
      case Op.Zero:
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          for (let c = 0; c < K; c++) m[ob + c * ocs] = 0;
        }
        break;
      case Op.SumInto: {
        const aux = p[q + 15] as number;
        // Cells of the summed space; o + maps[cell] is the result's cell each adds into.
        for (let r = 0; r < R; r++) {
          const xb = x + r * xrs;
          const ab = aux + r * ors;
          for (let c = 0; c < K; c++) {
            const j = o + (maps[ab + c * ocs] as number);
            m[j] = (m[j] as number) + (m[xb + c * xcs] as number);
          }
        }
        break;
      }
      case Op.SumRows: {
        const z = p[q + 12] as number;
        const aux = p[q + 15] as number;
        // aux blocks of the body, z apart: out = 0 + block 0 + block 1 + ...
        for (let r = 0; r < R; r++) {
          const ob = o + r * ors;
          const xb = x + r * xrs;
          for (let c = 0; c < K; c++) m[ob + c * ocs] = 0 + (m[xb + c * xcs] as number);
        }
        for (let k = 1; k < aux; k++) {
          for (let r = 0; r < R; r++) {
            const ob = o + r * ors;
            const xb = x + k * z + r * xrs;
            for (let c = 0; c < K; c++) m[ob + c * ocs] = (m[ob + c * ocs] as number) + (m[xb + c * xcs] as number);
          }
        }
        break;
      }
      default:
        throw new Error(`engine program: unknown op ${code} at record ${q / W}`);
    }
  }
}
