/** A cell by its place on screen: displayed row index and displayed data-column index. */
export interface CellAt {
  row: number;
  col: number;
}

/** A rectangle of cells, from where a Shift-selection started to where it is now. */
export interface CellRange {
  anchor: CellAt;
  focus: CellAt;
}

export interface Bounds {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function bounds(range: CellRange): Bounds {
  return {
    top: Math.min(range.anchor.row, range.focus.row),
    bottom: Math.max(range.anchor.row, range.focus.row),
    left: Math.min(range.anchor.col, range.focus.col),
    right: Math.max(range.anchor.col, range.focus.col),
  };
}

export function contains(range: CellRange | null, row: number, col: number): boolean {
  if (!range) return false;
  const b = bounds(range);
  return row >= b.top && row <= b.bottom && col >= b.left && col <= b.right;
}

export function cellCount(range: CellRange | null): number {
  if (!range) return 0;
  const b = bounds(range);
  return (b.bottom - b.top + 1) * (b.right - b.left + 1);
}

const STEP: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/** Where Shift+arrow moves a range's moving corner, kept inside rows x cols; null for other keys. */
export function extend(range: CellRange, key: string, rows: number, cols: number): CellRange | null {
  const step = STEP[key];
  if (!step) return null;
  const row = Math.max(0, Math.min(rows - 1, range.focus.row + step[0]));
  const col = Math.max(0, Math.min(cols - 1, range.focus.col + step[1]));
  return { anchor: range.anchor, focus: { row, col } };
}
