import { describe, expect, it } from 'vitest';
import { bounds, cellCount, contains, extend } from './grid-range.js';

describe('a Shift-selected range', () => {
  const range = { anchor: { row: 5, col: 2 }, focus: { row: 3, col: 0 } };
  it('covers the rectangle between its corners, whichever way it was dragged', () => {
    expect(bounds(range)).toEqual({ top: 3, bottom: 5, left: 0, right: 2 });
    expect(cellCount(range)).toBe(9);
    expect(contains(range, 4, 1)).toBe(true);
    expect(contains(range, 6, 1)).toBe(false);
    expect(contains(null, 0, 0)).toBe(false);
  });
  it('grows and shrinks with Shift+arrows, never past the grid', () => {
    const one = { anchor: { row: 0, col: 0 }, focus: { row: 0, col: 0 } };
    const down = extend(one, 'ArrowDown', 3, 2);
    expect(down?.focus).toEqual({ row: 1, col: 0 });
    expect(extend(one, 'ArrowUp', 3, 2)?.focus).toEqual({ row: 0, col: 0 });
    expect(extend({ anchor: one.anchor, focus: { row: 2, col: 1 } }, 'ArrowRight', 3, 2)?.focus).toEqual({
      row: 2,
      col: 1,
    });
    expect(extend(one, 'Enter', 3, 2)).toBeNull();
    expect(down?.anchor).toBe(one.anchor);
  });
});
