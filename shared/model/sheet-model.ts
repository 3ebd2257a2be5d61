import { type Env, FormulaWriter } from './sheet-formulas.js';
import type { DatasetSheets } from './sheet-inputs.js';
import {
  type Block,
  CHECKS,
  type Columns,
  MODEL,
  OUTPUTS,
  type SheetContext,
  formatFor,
  gridOf,
  memberLabels,
  yearHeader,
} from './sheet-layout.js';
import { type CellSpec, type SheetSpec, cellRef, quoteSheet } from './sheet-spec.js';
import type { SheetOptions } from './sheet.js';
import { type Space, coordinate } from './space.js';
import { labelIn, messageIn } from './labels.js';
import { translator, unitIn } from '../i18n/index.js';
import { FX_ASSUMPTION, MODEL_MONEY, type Money, moneyOver, shownUnit, shownValue } from './money.js';

const envOf = (space: Space, flat: number): Env => new Map(space.dims.map((d) => [d, coordinate(space, flat, d)]));
const finite = (value: number | undefined): number | null =>
  value !== undefined && Number.isFinite(value) ? value : null;

/**
 * The Model sheet: a labelled block per variable in evaluation order, every cell a live formula
 * over the assumptions, the dataset sheets and the blocks above it. Returns the blocks too:
 * the checks and outputs point into them.
 */
export function modelSheet(
  ctx: SheetContext,
  cols: Columns,
  datasets: DatasetSheets,
  options: SheetOptions,
): { sheet: SheetSpec; blocks: Map<string, Block> } {
  const { model, years } = ctx;
  const { labelCols, firstValueCol } = cols;
  const blocks = new Map<string, Block>();
  const cells: CellSpec[] = [];
  const locale = options.language ?? 'en';
  const t = translator(locale);
  const title = t('sheet.model.title', {
    model: labelIn(model.def, locale),
    how: t(options.valuesOnly ? 'sheet.model.values' : 'sheet.model.formulas'),
    scenario: options.scenarioName,
  });
  cells.push({ row: 1, col: 1, value: title, bold: true });
  let row = 3;
  for (const v of model.order) {
    const space = ctx.engine.spaceOf(v.id);
    const { hasTime, perRow, rows, rowDims } = gridOf(ctx, space);
    const label = `${labelIn(v.def, locale)} [${v.id}] (${unitIn(v.def.unit, locale)})`;
    cells.push({ row, col: 1, value: label, bold: true });
    cells.push({ row, col: firstValueCol + Math.max(years.length, 1) + 1, value: `= ${v.def.formula}`, italic: true });
    row++;
    rowDims.forEach((d, i) => cells.push({ row, col: i + 1, value: d, italic: true }));
    if (hasTime) cells.push(...yearHeader(ctx, cols, row));
    else cells.push({ row, col: firstValueCol, value: t('sheet.model.value'), italic: true });
    row++;
    const firstRow = row;
    blocks.set(v.id, {
      id: v.id,
      space,
      firstRow,
      rowOf: (flat) => firstRow + Math.floor(flat / perRow),
      colOf: (flat) => firstValueCol + (hasTime && ctx.time ? coordinate(space, flat, ctx.time) : 0),
    });
    for (let r = 0; r < rows; r++) cells.push(...memberLabels(ctx, space, r * perRow, firstRow + r));
    row = firstRow + rows + 1;
  }

  const writer = new FormulaWriter(ctx, blocks, datasets);
  for (const v of model.order) {
    const block = blocks.get(v.id) as Block;
    const values = ctx.results.get(v.id) ?? new Float64Array();
    for (let flat = 0; flat < block.space.length; flat++) {
      cells.push({
        row: block.rowOf(flat),
        col: block.colOf(flat),
        formula: writer.write(v.expr, envOf(block.space, flat), `variable ${v.id}`),
        value: finite(values[flat]),
        numFmt: formatFor(v.def.unit),
        check: { variable: v.id, index: flat },
      });
    }
  }
  const widths = [34, ...Array.from({ length: labelCols - 1 }, () => 24), ...years.map(() => 14), 4, 80];
  return { sheet: { name: MODEL, cells, widths, frozenRows: 0, frozenCols: labelCols }, blocks };
}

/** Each check as a block of live formulas over the Model sheet: 1 where it holds, 0 where it fails. */
export function checksSheet(ctx: SheetContext, cols: Columns, writer: FormulaWriter, options: SheetOptions): SheetSpec {
  const { model, years } = ctx;
  const { labelCols, firstValueCol } = cols;
  const locale = options.language ?? 'en';
  const t = translator(locale);
  const title = t('sheet.checks.title', { model: labelIn(model.def, locale), scenario: options.scenarioName });
  const cells: CellSpec[] = [{ row: 1, col: 1, value: title, bold: true }];
  let row = 3;
  for (const c of model.checks) {
    const space = ctx.engine.spaceOf(c.id);
    const { hasTime, perRow, rows } = gridOf(ctx, space);
    const level = t(c.check.level === 'error' ? 'sheet.checks.error' : 'sheet.checks.warning');
    cells.push({ row, col: 1, value: `${labelIn(c.check, locale)} [${c.id}], ${level}`, bold: true });
    cells.push({
      row,
      col: firstValueCol + Math.max(years.length, 1) + 1,
      value: `= ${c.check.formula}`,
      italic: true,
    });
    row++;
    cells.push({ row, col: 1, value: t('sheet.checks.fails', { message: messageIn(c.check, locale) }), italic: true });
    if (hasTime) cells.push(...yearHeader(ctx, cols, row));
    row++;
    const values = ctx.results.get(c.id) ?? new Float64Array();
    for (let flat = 0; flat < space.length; flat++) {
      const r = row + Math.floor(flat / perRow);
      if (flat % perRow === 0) cells.push(...memberLabels(ctx, space, flat, r));
      cells.push({
        row: r,
        col: firstValueCol + (hasTime && ctx.time ? coordinate(space, flat, ctx.time) : 0),
        formula: writer.write(c.expr, envOf(space, flat), `check ${c.id}`),
        value: finite(values[flat]),
        // 1 and 0 (not TRUE/FALSE): a sum of a row counts the years that hold.
        numFmt: '0',
        check: { variable: c.id, index: flat },
      });
    }
    row += rows + 1;
  }
  const widths = [46, ...Array.from({ length: labelCols - 1 }, () => 24), ...years.map(() => 10), 4, 60];
  return { name: CHECKS, cells, widths, frozenRows: 0 };
}

/** The headline outputs, each cell a reference to its Model block: what people read first. */
export function outputsSheet(
  ctx: SheetContext,
  cols: Columns,
  blocks: Map<string, Block>,
  options: SheetOptions,
): SheetSpec {
  const { model, years } = ctx;
  const { labelCols } = cols;
  const money = outputMoney(ctx, options);
  const locale = options.language ?? 'en';
  const t = translator(locale);
  const title = t('sheet.outputsTitle', {
    model: labelIn(model.def, locale),
    scenario: options.scenarioName,
    values: options.valuesOnly ? t('sheet.valuesOnly') : '',
    money: money.unit === MODEL_MONEY ? '' : t('sheet.moneyIn', { unit: unitIn(money.unit, locale) }),
  });
  const cells: CellSpec[] = [{ row: 1, col: 1, value: title, bold: true }];
  let row = 3;
  for (const id of model.def.outputs) {
    const v = model.byId.get(id);
    const block = blocks.get(id);
    if (!v || !block) continue;
    const values = ctx.results.get(id) ?? new Float64Array();
    const { hasTime, perRow, rows } = gridOf(ctx, block.space);
    const isMoney = v.def.unit === MODEL_MONEY && money.unit !== MODEL_MONEY;
    cells.push({
      row,
      col: 1,
      value: `${labelIn(v.def, locale)} (${unitIn(shownUnit(v.def.unit, money), locale)})`,
      bold: true,
    });
    if (hasTime) cells.push(...yearHeader(ctx, cols, row));
    row++;
    for (let flat = 0; flat < block.space.length; flat++) {
      const r = row + Math.floor(flat / perRow);
      if (flat % perRow === 0) {
        cells.push(...memberLabels(ctx, block.space, flat, r));
        if (block.space.dims.length === (hasTime ? 1 : 0))
          cells.push({ row: r, col: 1, value: t('sheet.total'), italic: true });
      }
      cells.push({
        row: r,
        col: block.colOf(flat),
        formula: `${quoteSheet(MODEL)}!${cellRef(null, block.rowOf(flat), block.colOf(flat))}${isMoney ? money.scale : ''}`,
        value: finite(isMoney ? shownValue(values[flat] ?? Number.NaN, v.def.unit, money) : values[flat]),
        numFmt: formatFor(v.def.unit),
        check: { variable: id, index: flat },
      });
    }
    row += rows + 1;
  }
  const widths = [34, ...Array.from({ length: labelCols - 1 }, () => 24), ...years.map(() => 14)];
  return { name: OUTPUTS, cells, widths, frozenRows: 0 };
}

/**
 * The Outputs sheet's money unit and the formula text that converts a Model cell to it. USD needs
 * the exchange-rate assumption as a named cell; a model without it keeps bn CNY.
 */
function outputMoney(ctx: SheetContext, options: SheetOptions): Money & { scale: string } {
  const money = moneyOver(options.money ?? MODEL_MONEY, ctx.model.def.assumptions, options.assumptions);
  if (money.unit === '100m CNY') return { ...money, scale: '*10' };
  if (money.unit === 'bn USD') return { ...money, scale: `/${FX_ASSUMPTION}` };
  return { ...money, scale: '' };
}
