import type { CheckedModel } from './checked.js';
import type { Member, ModelData } from './data.js';
import type { Engine, Results } from './evaluate.js';
import type { CellSpec } from './sheet-spec.js';
import { type Space, coordinate } from './space.js';

/** Sheet names the export reserves; datasets take other names. */
export const MODEL = 'Model';
export const CHECKS = 'Checks';
export const ASSUMPTIONS = 'Assumptions';
export const OUTPUTS = 'Outputs';
export const RESERVED_SHEETS = [ASSUMPTIONS, MODEL, CHECKS, OUTPUTS, 'Scenarios', 'Sources'];

const NUMBER_FORMAT = '#,##0.00';
const SHARE_FORMAT = '0.0%';

export function formatFor(unit: string): string {
  return unit === 'share' ? SHARE_FORMAT : NUMBER_FORMAT;
}

/** What every part of the export reads: the model, its data, the values of this scenario. */
export interface SheetContext {
  model: CheckedModel;
  data: ModelData;
  results: Results;
  engine: Engine;
  time: string | null;
  years: Member[];
}

export function sheetContext(engine: Engine, assumptions: Float64Array): SheetContext {
  const time = engine.model.timeDim;
  return {
    model: engine.model,
    data: engine.data,
    results: engine.run(assumptions),
    engine,
    time,
    years: time ? (engine.data.members.get(time) ?? []) : [],
  };
}

/** Where a variable's block sits on the Model sheet. */
export interface Block {
  id: string;
  space: Space;
  /** Row of the first member row. */
  firstRow: number;
  /** Rows in member order of the non-time dimensions. */
  rowOf: (flat: number) => number;
  colOf: (flat: number) => number;
}

/** The Model sheet's columns: member labels on the left, one column per year after them. */
export interface Columns {
  labelCols: number;
  firstValueCol: number;
}

export function columnsOf(ctx: SheetContext): Columns {
  const labelCols = Math.max(1, ...ctx.model.order.map((v) => v.dims.filter((d) => d !== ctx.time).length));
  return { labelCols, firstValueCol: labelCols + 1 };
}

/** A block's grid: years across when it varies by year, members of its other dimensions down. */
export function gridOf(ctx: SheetContext, space: Space) {
  const hasTime = ctx.time !== null && space.dims.includes(ctx.time);
  const perRow = hasTime ? ctx.years.length : 1;
  return { hasTime, perRow, rows: space.length / perRow, rowDims: space.dims.filter((d) => d !== ctx.time) };
}

/** The member labels of the row of a block that holds `flat`, from column 1. */
export function memberLabels(ctx: SheetContext, space: Space, flat: number, row: number): CellSpec[] {
  return space.dims
    .filter((d) => d !== ctx.time)
    .map((d, i) => ({ row, col: i + 1, value: ctx.data.members.get(d)?.[coordinate(space, flat, d)] ?? null }));
}

/** The years as a bold header row, from the first value column. */
export function yearHeader(ctx: SheetContext, { firstValueCol }: Columns, row: number): CellSpec[] {
  return ctx.years.map((y, i) => ({ row, col: firstValueCol + i, value: y, bold: true }));
}
