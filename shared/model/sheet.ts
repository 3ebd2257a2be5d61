import type { Cell } from './data.js';
import type { Engine } from './evaluate.js';
import { FormulaWriter } from './sheet-formulas.js';
import { DatasetSheets, assumptionsSheet } from './sheet-inputs.js';
import { CHECKS, columnsOf, sheetContext } from './sheet-layout.js';
import { checksSheet, modelSheet, outputsSheet } from './sheet-model.js';
import type { WorkbookSpec } from './sheet-spec.js';
import type { MoneyUnit } from './money.js';
import type { Locale } from '../i18n/index.js';

export interface SheetDataset {
  name: string;
  columns: { name: string; label: string; unit: string; type: string }[];
  rows: Record<string, Cell>[];
}

export interface SheetOptions {
  /** Assumption values written into the named cells (the current scenario's). */
  assumptions: Float64Array;
  scenarioName: string;
  /** Titles say "values" rather than "live formulas" when the file will hold no formulas. */
  valuesOnly?: boolean;
  /**
   * The unit the Outputs sheet shows money in (bn CNY when absent). Its cells stay live: 亿元 is
   * the Model sheet's cell times 10, bn USD that cell over the named exchange-rate assumption.
   */
  money?: MoneyUnit | undefined;
  /**
   * The language of the Outputs and Assumptions sheets' titles, headers, labels and units (the
   * window's). Sheet names and formulas stay as spreadsheets require in every language.
   */
  language?: Locale | undefined;
}

/**
 * Compiles the checked model to spreadsheet formulas laid out as docs/model.md says: named
 * assumption cells, one sheet per dataset, a Model sheet with one labelled block per
 * variable, the checks, and Outputs. Every formula cell carries the engine value it must
 * recompute to. Sheets in the order people read them: Outputs, Assumptions, Model, Checks,
 * then the datasets.
 */
export function compileWorkbook(engine: Engine, datasets: SheetDataset[], options: SheetOptions): WorkbookSpec {
  const ctx = sheetContext(engine, options.assumptions);
  const cols = columnsOf(ctx);
  const assumptions = assumptionsSheet(ctx.model, options);
  const data = new DatasetSheets(datasets);
  const model = modelSheet(ctx, cols, data, options);
  const checks =
    ctx.model.checks.length > 0
      ? [checksSheet(ctx, cols, new FormulaWriter(ctx, model.blocks, data, CHECKS), options)]
      : [];
  const outputs = outputsSheet(ctx, cols, model.blocks, options);
  return { sheets: [outputs, assumptions.sheet, model.sheet, ...checks, ...data.sheets], names: assumptions.names };
}
