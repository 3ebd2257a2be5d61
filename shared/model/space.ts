/**
 * A space is an ordered list of dimensions; a value over it is a Float64Array in row-major
 * order (the last dimension varies fastest). Years are last in the built-in model, so a
 * [buyer, year] array reads like the spreadsheet block: one row per buyer.
 */
export interface Space {
  dims: string[];
  sizes: number[];
  strides: number[];
  length: number;
}

export function makeSpace(dims: string[], sizeOf: (dim: string) => number): Space {
  const sizes = dims.map(sizeOf);
  const strides = new Array<number>(dims.length).fill(1);
  for (let i = dims.length - 2; i >= 0; i--) strides[i] = (strides[i + 1] ?? 1) * (sizes[i + 1] ?? 1);
  const length = sizes.reduce((a, b) => a * b, 1);
  return { dims, sizes, strides, length };
}

/** The member index of `dim` at flat index `i` of `space`. */
export function coordinate(space: Space, i: number, dim: string): number {
  const d = space.dims.indexOf(dim);
  if (d < 0) return 0;
  return Math.floor(i / (space.strides[d] ?? 1)) % (space.sizes[d] ?? 1);
}

/**
 * For each flat index of `from`, the flat index in `to` of the same members (dimensions of
 * `to` absent from `from` are not allowed). `shift` moves one dimension, -1 for prev; a cell
 * shifted off the edge maps to -1.
 */
export function indexMap(from: Space, to: Space, shift?: { dim: string; by: number }): Int32Array {
  const map = new Int32Array(from.length);
  for (let i = 0; i < from.length; i++) {
    let j = 0;
    for (let d = 0; d < to.dims.length; d++) {
      const dim = to.dims[d] as string;
      let c = coordinate(from, i, dim);
      if (shift && shift.dim === dim) c += shift.by;
      if (c < 0 || c >= (to.sizes[d] ?? 0)) {
        j = -1;
        break;
      }
      j += c * (to.strides[d] ?? 0);
    }
    map[i] = j;
  }
  return map;
}
