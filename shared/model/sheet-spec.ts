/** A spreadsheet described as plain data; main/services/xlsx writes it with ExcelJS. */
export type CellContent = number | string | boolean | null;

export interface CellSpec {
  row: number; // 1-based
  col: number; // 1-based
  value?: CellContent;
  /** Formula without the leading "=". */
  formula?: string;
  bold?: boolean;
  italic?: boolean;
  numFmt?: string;
  /** The engine variable and flat index this formula cell must equal after recalculation. */
  check?: { variable: string; index: number };
  link?: string;
}

export interface SheetSpec {
  name: string;
  cells: CellSpec[];
  widths: number[];
  frozenRows: number;
  frozenCols?: number;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  /** Defined names: one per assumption, pointing at its value cell. */
  names: { name: string; sheet: string; row: number; col: number }[];
}

export function columnLetter(col: number): string {
  let n = col;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A reference such as 'Model'!$C$12 (sheet names are always quoted). */
export function cellRef(sheet: string | null, row: number, col: number, absolute = true): string {
  const d = absolute ? '$' : '';
  const at = `${d}${columnLetter(col)}${d}${row}`;
  return sheet === null ? at : `${quoteSheet(sheet)}!${at}`;
}

export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
