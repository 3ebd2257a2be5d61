import type { CheckedModel } from './checked.js';
import type { Member } from './data.js';
import { ModelError } from './errors.js';
import { descriptionIn, labelIn } from './labels.js';
import { basisIn, translator, unitIn } from '../i18n/index.js';
import { ASSUMPTIONS, RESERVED_SHEETS } from './sheet-layout.js';
import { type CellContent, type CellSpec, type SheetSpec, type WorkbookSpec, cellRef } from './sheet-spec.js';
import type { SheetDataset, SheetOptions } from './sheet.js';

/** The Assumptions sheet: one row per assumption, its value cell named after its id. */
export function assumptionsSheet(
  model: CheckedModel,
  options: SheetOptions,
): { sheet: SheetSpec; names: WorkbookSpec['names'] } {
  const cells: CellSpec[] = [];
  const names: WorkbookSpec['names'] = [];
  const locale = options.language ?? 'en';
  const t = translator(locale);
  const header = (
    ['id', 'label', 'value', 'unit', 'min', 'max', 'step', 'basis', 'sources', 'description'] as const
  ).map((k) => t(`sheet.assumptions.${k}`));
  header.forEach((h, i) => cells.push({ row: 1, col: i + 1, value: h, bold: true }));
  cells.push({ row: 1, col: 12, value: t('sheet.scenario', { name: options.scenarioName }), italic: true });
  model.def.assumptions.forEach((a, i) => {
    const row = i + 2;
    const value = options.assumptions[i] ?? a.default;
    const values: CellContent[] = [
      a.id,
      labelIn(a, locale),
      value,
      unitIn(a.unit, locale),
      a.min,
      a.max,
      a.step,
      basisIn(a.basis, locale),
      a.sources.join(', '),
      descriptionIn(a, locale),
    ];
    values.forEach((v, c) => cells.push({ row, col: c + 1, value: v, bold: c + 1 === 3 }));
    names.push({ name: a.id, sheet: ASSUMPTIONS, row, col: 3 });
  });
  const sheet = { name: ASSUMPTIONS, cells, widths: [28, 46, 10, 24, 8, 8, 8, 12, 40, 60], frozenRows: 1 };
  return { sheet, names };
}

/**
 * One sheet per dataset, its rows as they are; and where each value sits, so formulas can
 * point at the cell an input or an attribute reads.
 */
export class DatasetSheets {
  readonly sheets: SheetSpec[] = [];
  private readonly columns = new Map<string, Map<string, number>>();
  private readonly sheetNames = new Map<string, string>();
  private readonly rowIndex = new Map<string, Map<string, number>>();

  constructor(private readonly datasets: SheetDataset[]) {
    const used = new Set(RESERVED_SHEETS);
    for (const ds of datasets) {
      let name = ds.name.slice(0, 31);
      for (let k = 2; used.has(name); k++) name = `${ds.name.slice(0, 28)}_${k}`;
      used.add(name);
      this.sheetNames.set(ds.name, name);
      this.columns.set(ds.name, new Map(ds.columns.map((c, i) => [c.name, i + 1])));
      this.sheets.push(datasetSheet(ds, name));
    }
  }

  /** The sheet row of the first dataset row whose key columns hold these members, or null. */
  findRow(dataset: string, keys: Record<string, Member>): number | null {
    const ds = this.datasets.find((d) => d.name === dataset);
    if (!ds) throw new ModelError('data', 'export', `no dataset "${dataset}" to export`);
    const cacheKey = `${dataset}|${Object.keys(keys).join(',')}`;
    let index = this.rowIndex.get(cacheKey);
    if (!index) {
      const built = new Map<string, number>();
      ds.rows.forEach((r, i) => {
        const k = JSON.stringify(Object.keys(keys).map((c) => r[c] ?? null));
        if (!built.has(k)) built.set(k, i + 2);
      });
      this.rowIndex.set(cacheKey, built);
      index = built;
    }
    return index.get(JSON.stringify(Object.values(keys))) ?? null;
  }

  /** A reference to a dataset cell from another sheet. */
  cell(dataset: string, column: string, row: number): string {
    const col = this.columns.get(dataset)?.get(column);
    if (col === undefined) throw new ModelError('data', 'export', `no column ${dataset}.${column}`);
    return cellRef(this.sheetNames.get(dataset) ?? dataset, row, col);
  }
}

function datasetSheet(ds: SheetDataset, name: string): SheetSpec {
  const cells: CellSpec[] = ds.columns.map((c, i) => ({ row: 1, col: i + 1, value: c.name, bold: true }));
  ds.rows.forEach((r, i) => {
    ds.columns.forEach((c, j) => {
      const v = r[c.name];
      if (v === null || v === undefined) return;
      const isUrl = typeof v === 'string' && /^https?:\/\//.test(v);
      cells.push({ row: i + 2, col: j + 1, value: v, ...(isUrl ? { link: v } : {}) });
    });
  });
  const widths = ds.columns.map((c) => (c.type === 'text' ? (c.name === 'note' || c.name === 'source' ? 48 : 28) : 14));
  return { name, cells, widths, frozenRows: 1 };
}
