import type { CheckedModel, TExpr } from './checked.js';
import type { Cell, Member, ModelData } from './data.js';
import { ModelError } from './errors.js';
import { functionSpec } from './functions.js';
import type { Engine, Results } from './evaluate.js';
import {
  type CellContent,
  type CellSpec,
  type SheetSpec,
  type WorkbookSpec,
  cellRef,
  quoteSheet,
} from './sheet-spec.js';
import { type Space, coordinate } from './space.js';

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
}

/** Where a variable's block sits on the Model sheet. */
interface Block {
  id: string;
  space: Space;
  /** Row of the first member row. */
  firstRow: number;
  /** Rows in member order of the non-time dimensions. */
  rowOf: (flat: number) => number;
  colOf: (flat: number) => number;
}

const MODEL = 'Model';
const CHECKS = 'Checks';
const ASSUMPTIONS = 'Assumptions';
const NUMBER_FORMAT = '#,##0.00';
const SHARE_FORMAT = '0.0%';

function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new ModelError('definition', 'export', `cannot write ${value} into a formula`);
  const text = String(value);
  return text.includes('e') ? value.toExponential().toUpperCase() : text;
}

function stringLiteral(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

function formatFor(unit: string): string {
  return unit === 'share' ? SHARE_FORMAT : NUMBER_FORMAT;
}

/**
 * Compiles the checked model to spreadsheet formulas laid out as docs/model.md says: named
 * assumption cells, one sheet per dataset, a Model sheet with one labelled block per
 * variable, and Outputs. Every formula cell carries the engine value it must recompute to.
 */
export function compileWorkbook(engine: Engine, datasets: SheetDataset[], options: SheetOptions): WorkbookSpec {
  const model: CheckedModel = engine.model;
  const data: ModelData = engine.data;
  const results: Results = engine.run(options.assumptions);
  const time = model.timeDim;
  const years = time ? (data.members.get(time) ?? []) : [];
  const sheets: SheetSpec[] = [];
  const names: WorkbookSpec['names'] = [];

  // ---- Assumptions ---------------------------------------------------------------
  const assumptionCells: CellSpec[] = [];
  const header = ['Assumption', 'Label', 'Value', 'Unit', 'Min', 'Max', 'Step', 'Basis', 'Sources', 'Description'];
  header.forEach((h, i) => assumptionCells.push({ row: 1, col: i + 1, value: h, bold: true }));
  assumptionCells.push({ row: 1, col: 12, value: `Scenario: ${options.scenarioName}`, italic: true });
  model.def.assumptions.forEach((a, i) => {
    const row = i + 2;
    const value = options.assumptions[i] ?? a.default;
    const cells: [number, CellContent][] = [
      [1, a.id],
      [2, a.label],
      [3, value],
      [4, a.unit],
      [5, a.min],
      [6, a.max],
      [7, a.step],
      [8, a.basis],
      [9, a.sources.join(', ')],
      [10, a.description],
    ];
    for (const [col, v] of cells) assumptionCells.push({ row, col, value: v, bold: col === 3 });
    names.push({ name: a.id, sheet: ASSUMPTIONS, row, col: 3 });
  });
  sheets.push({
    name: ASSUMPTIONS,
    cells: assumptionCells,
    widths: [28, 46, 10, 24, 8, 8, 8, 12, 40, 60],
    frozenRows: 1,
  });

  // ---- Datasets ------------------------------------------------------------------
  /** dataset -> column -> sheet column; and the sheet row of each dataset row. */
  const datasetColumns = new Map<string, Map<string, number>>();
  const sheetNames = new Map<string, string>();
  const usedNames = new Set([ASSUMPTIONS, MODEL, CHECKS, 'Outputs', 'Scenarios', 'Sources']);
  for (const ds of datasets) {
    let name = ds.name.slice(0, 31);
    for (let k = 2; usedNames.has(name); k++) name = `${ds.name.slice(0, 28)}_${k}`;
    usedNames.add(name);
    sheetNames.set(ds.name, name);
    const cols = new Map(ds.columns.map((c, i) => [c.name, i + 1]));
    datasetColumns.set(ds.name, cols);
    const cells: CellSpec[] = ds.columns.map((c, i) => ({ row: 1, col: i + 1, value: c.name, bold: true }));
    ds.rows.forEach((r, i) => {
      ds.columns.forEach((c, j) => {
        const v = r[c.name];
        if (v === null || v === undefined) return;
        const isUrl = typeof v === 'string' && /^https?:\/\//.test(v);
        cells.push({ row: i + 2, col: j + 1, value: v, ...(isUrl ? { link: v } : {}) });
      });
    });
    const widths = ds.columns.map((c) =>
      c.type === 'text' ? (c.name === 'note' || c.name === 'source' ? 48 : 28) : 14,
    );
    sheets.push({ name, cells, widths, frozenRows: 1 });
  }

  /** The dataset sheet cell holding an input value or an attribute, found by its key members. */
  const rowIndex = new Map<string, Map<string, number>>();
  const findRow = (dataset: string, keys: Record<string, Member>): number | null => {
    const ds = datasets.find((d) => d.name === dataset);
    if (!ds) throw new ModelError('data', 'export', `no dataset "${dataset}" to export`);
    const cacheKey = `${dataset}|${Object.keys(keys).join(',')}`;
    let index = rowIndex.get(cacheKey);
    if (!index) {
      index = new Map();
      ds.rows.forEach((r, i) => {
        const k = JSON.stringify(Object.keys(keys).map((c) => r[c] ?? null));
        if (!index?.has(k)) index?.set(k, i + 2);
      });
      rowIndex.set(cacheKey, index);
    }
    return index.get(JSON.stringify(Object.values(keys))) ?? null;
  };
  const datasetCell = (dataset: string, column: string, row: number): string => {
    const col = datasetColumns.get(dataset)?.get(column);
    if (col === undefined) throw new ModelError('data', 'export', `no column ${dataset}.${column}`);
    return cellRef(sheetNames.get(dataset) ?? dataset, row, col);
  };

  // ---- Model blocks ----------------------------------------------------------------
  const labelCols = Math.max(1, ...model.order.map((v) => v.dims.filter((d) => d !== time).length));
  const firstValueCol = labelCols + 1;
  const blocks = new Map<string, Block>();
  const modelCells: CellSpec[] = [];
  let row = 1;
  modelCells.push({
    row,
    col: 1,
    value: options.valuesOnly
      ? `${model.def.name}: every variable as values (no formulas), scenario ${options.scenarioName}`
      : `${model.def.name}: every variable as live formulas over the Assumptions and dataset sheets, scenario ${options.scenarioName}`,
    bold: true,
  });
  row += 2;
  for (const v of model.order) {
    const space = engine.spaceOf(v.id);
    const rowDims = space.dims.filter((d) => d !== time);
    const hasTime = time !== null && space.dims.includes(time);
    modelCells.push({ row, col: 1, value: `${v.def.label} [${v.id}] (${v.def.unit})`, bold: true });
    modelCells.push({
      row,
      col: firstValueCol + Math.max(years.length, 1) + 1,
      value: `= ${v.def.formula}`,
      italic: true,
    });
    row++;
    rowDims.forEach((d, i) => modelCells.push({ row, col: i + 1, value: d, italic: true }));
    if (hasTime) years.forEach((y, i) => modelCells.push({ row, col: firstValueCol + i, value: y, bold: true }));
    else modelCells.push({ row, col: firstValueCol, value: 'value', italic: true });
    row++;
    const firstRow = row;
    const perRow = hasTime ? years.length : 1;
    const rowsInBlock = space.length / perRow;
    const block: Block = {
      id: v.id,
      space,
      firstRow,
      rowOf: (flat) => firstRow + Math.floor(flat / perRow),
      colOf: (flat) => firstValueCol + (hasTime ? coordinate(space, flat, time) : 0),
    };
    blocks.set(v.id, block);
    for (let r = 0; r < rowsInBlock; r++) {
      rowDims.forEach((d, i) => {
        const m = data.members.get(d)?.[coordinate(space, r * perRow, d)];
        modelCells.push({ row: firstRow + r, col: i + 1, value: m ?? null });
      });
    }
    row = firstRow + rowsInBlock + 1;
  }

  // ---- Formulas -------------------------------------------------------------------
  type Env = Map<string, number>; // dim -> member index

  const memberOf = (dim: string, env: Env): Member => {
    const i = env.get(dim);
    const m = i === undefined ? undefined : data.members.get(dim)?.[i];
    if (m === undefined) throw new ModelError('dimension', 'export', `no member of ${dim} in scope`);
    return m;
  };
  const flatIn = (space: Space, env: Env, shift?: { dim: string; by: number }): number | null => {
    let flat = 0;
    for (let d = 0; d < space.dims.length; d++) {
      const dim = space.dims[d] as string;
      let c = env.get(dim);
      if (c === undefined) return null;
      if (shift?.dim === dim) c += shift.by;
      if (c < 0 || c >= (space.sizes[d] ?? 0)) return null;
      flat += c * (space.strides[d] ?? 0);
    }
    return flat;
  };
  /** The sheet formulas are being written on: references to Model blocks from elsewhere name it. */
  let onSheet = MODEL;
  const varRef = (id: string, env: Env, shift?: { dim: string; by: number }): string | null => {
    const block = blocks.get(id);
    if (!block) throw new ModelError('unknown-name', 'export', `no block for ${id}`);
    const flat = flatIn(block.space, env, shift);
    return flat === null ? null : cellRef(onSheet === MODEL ? null : MODEL, block.rowOf(flat), block.colOf(flat));
  };

  const emit = (e: TExpr, env: Env, asNumber: boolean, where: string): string => {
    const num = (s: string): string => (asNumber ? `IF(${s},1,0)` : s);
    switch (e.k) {
      case 'num':
        return numberLiteral(e.value);
      case 'str':
        return stringLiteral(e.value);
      case 'member': {
        const m = memberOf(e.dim, env);
        return typeof m === 'number' ? numberLiteral(m) : stringLiteral(m);
      }
      case 'assumption':
        return e.id;
      case 'var':
        return varRef(e.id, env) ?? 'NA()';
      case 'input': {
        const input = model.def.inputs.find((i) => i.id === e.id);
        if (!input) throw new ModelError('unknown-name', where, `no input ${e.id}`);
        const keys: Record<string, Member> = {};
        for (const [dim, column] of Object.entries(input.dimensions)) keys[column] = memberOf(dim, env);
        const r = findRow(input.dataset, keys);
        return r === null ? '""' : datasetCell(input.dataset, input.column, r);
      }
      case 'attr': {
        const dim = model.def.dimensions.find((d) => d.id === e.dim);
        const attr = dim?.attributes?.find((a) => a.name === e.name);
        const [dataset = '', column = ''] = (attr?.column ?? '').split('.');
        const [, keyColumn = ''] = (dim?.from ?? '').split('.');
        const r = findRow(dataset, { [keyColumn]: memberOf(e.dim, env) });
        return r === null ? '""' : datasetCell(dataset, column, r);
      }
      case 'neg':
        return `-(${emit(e.arg, env, true, where)})`;
      case 'not':
        return num(`NOT(${emit(e.arg, env, false, where)})`);
      case 'bin': {
        if (e.op === 'and' || e.op === 'or') {
          return num(`${e.op.toUpperCase()}(${emit(e.left, env, false, where)},${emit(e.right, env, false, where)})`);
        }
        const l = emit(e.left, env, true, where);
        const r = emit(e.right, env, true, where);
        const text = `(${l})${e.op}(${r})`;
        return ['=', '<>', '<', '<=', '>', '>='].includes(e.op) ? num(text) : text;
      }
      case 'fn': {
        const spec = functionSpec(e.fn);
        return spec.sheet(e.args.map((a, i) => emit(a, env, !spec.conditions?.includes(i), where)));
      }
      case 'sum': {
        const count = data.members.get(e.dim)?.length ?? 0;
        // A plain variable summed over one block column reads best as SUM(range).
        if (e.body.k === 'var') {
          const refs: string[] = [];
          for (let i = 0; i < count; i++) refs.push(varRef(e.body.id, new Map([...env, [e.dim, i]])) ?? '');
          const block = blocks.get(e.body.id);
          if (block && block.space.dims[0] === e.dim && block.space.dims.length <= 2 && refs.every(Boolean)) {
            return `SUM(${refs[0]}:${refs[refs.length - 1]})`;
          }
        }
        const terms: string[] = [];
        for (let i = 0; i < count; i++) terms.push(`(${emit(e.body, new Map([...env, [e.dim, i]]), true, where)})`);
        return terms.length ? `(${terms.join('+')})` : '0';
      }
      case 'prev': {
        const ref = varRef(e.id, env, { dim: time ?? '', by: -1 });
        if (ref) return ref;
        return e.fallback ? emit(e.fallback, env, true, where) : 'NA()';
      }
    }
  };

  for (const v of model.order) {
    const block = blocks.get(v.id) as Block;
    const values = results.get(v.id) ?? new Float64Array();
    for (let flat = 0; flat < block.space.length; flat++) {
      const env: Env = new Map(block.space.dims.map((d) => [d, coordinate(block.space, flat, d)]));
      const formula = emit(v.expr, env, true, `variable ${v.id}`);
      const value = values[flat] as number;
      modelCells.push({
        row: block.rowOf(flat),
        col: block.colOf(flat),
        formula,
        value: Number.isFinite(value) ? value : null,
        numFmt: formatFor(v.def.unit),
        check: { variable: v.id, index: flat },
      });
    }
  }
  const widths = [34, ...Array.from({ length: labelCols - 1 }, () => 24), ...years.map(() => 14), 4, 80];
  sheets.push({ name: MODEL, cells: modelCells, widths, frozenRows: 0, frozenCols: labelCols });

  // ---- Checks ---------------------------------------------------------------------
  // Each check as a block of live formulas over the Model sheet: 1 where it holds, 0 where it fails.
  if (model.checks.length > 0) {
    onSheet = CHECKS;
    const checkCells: CellSpec[] = [
      {
        row: 1,
        col: 1,
        value: `${model.def.name}: model checks (${options.scenarioName}); 1 = holds, 0 = fails`,
        bold: true,
      },
    ];
    let crow = 3;
    for (const c of model.checks) {
      const space = engine.spaceOf(c.id);
      const hasTime = time !== null && space.dims.includes(time);
      const rowDims = space.dims.filter((d) => d !== time);
      checkCells.push({ row: crow, col: 1, value: `${c.check.label} [${c.id}], ${c.check.level}`, bold: true });
      checkCells.push({
        row: crow,
        col: firstValueCol + Math.max(years.length, 1) + 1,
        value: `= ${c.check.formula}`,
        italic: true,
      });
      crow++;
      checkCells.push({ row: crow, col: 1, value: `Fails: ${c.check.message}`, italic: true });
      if (hasTime)
        years.forEach((y, i) => checkCells.push({ row: crow, col: firstValueCol + i, value: y, bold: true }));
      crow++;
      const perRow = hasTime ? years.length : 1;
      const values = results.get(c.id) ?? new Float64Array();
      for (let flat = 0; flat < space.length; flat++) {
        const r = crow + Math.floor(flat / perRow);
        if (flat % perRow === 0) {
          rowDims.forEach((d, i) =>
            checkCells.push({ row: r, col: i + 1, value: data.members.get(d)?.[coordinate(space, flat, d)] ?? null }),
          );
        }
        const env: Env = new Map(space.dims.map((d) => [d, coordinate(space, flat, d)]));
        const value = values[flat] as number;
        checkCells.push({
          row: r,
          col: firstValueCol + (hasTime ? coordinate(space, flat, time) : 0),
          formula: emit(c.expr, env, true, `check ${c.id}`),
          value: Number.isFinite(value) ? value : null,
          // 1 and 0 (not TRUE/FALSE): a sum of a row counts the years that hold.
          numFmt: '0',
          check: { variable: c.id, index: flat },
        });
      }
      crow += space.length / perRow + 1;
    }
    sheets.push({
      name: CHECKS,
      cells: checkCells,
      widths: [46, ...Array.from({ length: labelCols - 1 }, () => 24), ...years.map(() => 10), 4, 60],
      frozenRows: 0,
    });
    onSheet = MODEL;
  }

  // ---- Outputs --------------------------------------------------------------------
  const outCells: CellSpec[] = [
    {
      row: 1,
      col: 1,
      value: `${model.def.name}: headline outputs (${options.scenarioName})${options.valuesOnly ? ', values only' : ''}`,
      bold: true,
    },
  ];
  let orow = 3;
  for (const id of model.def.outputs) {
    const v = model.byId.get(id);
    const block = blocks.get(id);
    if (!v || !block) continue;
    const values = results.get(id) ?? new Float64Array();
    const hasTime = time !== null && block.space.dims.includes(time);
    outCells.push({ row: orow, col: 1, value: `${v.def.label} (${v.def.unit})`, bold: true });
    if (hasTime) years.forEach((y, i) => outCells.push({ row: orow, col: firstValueCol + i, value: y, bold: true }));
    orow++;
    const perRow = hasTime ? years.length : 1;
    for (let flat = 0; flat < block.space.length; flat++) {
      const r = orow + Math.floor(flat / perRow);
      if (flat % perRow === 0) {
        block.space.dims
          .filter((d) => d !== time)
          .forEach((d, i) =>
            outCells.push({
              row: r,
              col: i + 1,
              value: data.members.get(d)?.[coordinate(block.space, flat, d)] ?? null,
            }),
          );
        if (block.space.dims.length === (hasTime ? 1 : 0))
          outCells.push({ row: r, col: 1, value: 'total', italic: true });
      }
      const value = values[flat] as number;
      outCells.push({
        row: r,
        col: block.colOf(flat),
        formula: `${quoteSheet(MODEL)}!${cellRef(null, block.rowOf(flat), block.colOf(flat))}`,
        value: Number.isFinite(value) ? value : null,
        numFmt: formatFor(v.def.unit),
        check: { variable: id, index: flat },
      });
    }
    orow += block.space.length / perRow + 1;
  }
  sheets.splice(1, 0, {
    name: 'Outputs',
    cells: outCells,
    widths: [34, ...Array.from({ length: labelCols - 1 }, () => 24), ...years.map(() => 14)],
    frozenRows: 0,
  });
  // Order: Outputs first, as people read it; then Assumptions, Model, datasets.
  const order = ['Outputs', ASSUMPTIONS, MODEL, CHECKS];
  sheets.sort((a, b) => (order.indexOf(a.name) + 1 || 99) - (order.indexOf(b.name) + 1 || 99));
  return { sheets, names };
}
