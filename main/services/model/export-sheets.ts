import type { Fact, Scenario } from '../../../shared/contract/index.js';
import {
  type CellSpec,
  type Engine,
  type SheetDataset,
  type SheetSpec,
  compareScenarios,
  TIME_DIM,
} from '../../../shared/model/index.js';

/** Every scenario's assumptions and headline outputs by year, as values (a record, not a model). */
export function scenariosSheet(engine: Engine, scenarios: Scenario[]): SheetSpec {
  const table = compareScenarios(
    engine,
    scenarios.map((s) => ({ name: s.name, values: engine.assumptions(s.overrides) })),
  );
  const cells: CellSpec[] = [];
  let row = 1;
  cells.push({
    row,
    col: 1,
    value: 'Scenarios: assumptions and headline outputs (values; the Model sheet holds the live formulas)',
    bold: true,
  });
  row += 2;
  cells.push({ row, col: 1, value: 'Assumption', bold: true }, { row, col: 2, value: 'Unit', bold: true });
  table.scenarios.forEach((n, i) => cells.push({ row, col: 3 + i, value: n, bold: true }));
  row++;
  for (const a of engine.model.def.assumptions) {
    const found = table.assumptions.find((x) => x.id === a.id);
    cells.push({ row, col: 1, value: a.label }, { row, col: 2, value: a.unit });
    found?.values.forEach((v, i) => cells.push({ row, col: 3 + i, value: v }));
    row++;
  }
  row++;
  cells.push({ row, col: 1, value: 'Output', bold: true }, { row, col: 2, value: 'Year', bold: true });
  table.scenarios.forEach((n, i) => cells.push({ row, col: 3 + i, value: n, bold: true }));
  row++;
  for (const o of table.outputs) {
    table.years.forEach((y, yi) => {
      cells.push({ row, col: 1, value: `${o.label} (${o.unit})` }, { row, col: 2, value: y });
      o.byScenario.forEach((s, i) => {
        const v = s.values[yi];
        cells.push({
          row,
          col: 3 + i,
          value: v !== undefined && Number.isFinite(v) ? v : null,
          numFmt: o.unit === 'share' ? '0.0%' : '#,##0.00',
        });
      });
      row++;
    });
  }
  return { name: 'Scenarios', cells, widths: [52, 10, ...table.scenarios.map(() => 16)], frozenRows: 0 };
}

/** Every source URL with the dataset rows and assumptions that cite it. */
export function sourcesSheet(engine: Engine, datasets: SheetDataset[], facts: Fact[]): SheetSpec {
  const byUrl = new Map<string, { facts: Set<string>; rows: string[]; assumptions: string[] }>();
  const entry = (url: string) => {
    let e = byUrl.get(url);
    if (!e) {
      e = { facts: new Set(), rows: [], assumptions: [] };
      byUrl.set(url, e);
    }
    return e;
  };
  for (const ds of datasets) {
    const keys = ds.columns
      .filter((c) => c.type === 'text' && !['basis', 'source', 'note'].includes(c.name))
      .slice(0, 1);
    const year = ds.columns.find((c) => c.name === TIME_DIM);
    ds.rows.forEach((r, i) => {
      const url = r.source;
      if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return;
      const label = [...keys.map((k) => String(r[k.name] ?? '')), year ? String(r.year ?? '') : '']
        .filter(Boolean)
        .join(' ');
      entry(url).rows.push(`${ds.name} row ${i + 1}${label ? ` (${label})` : ''}`);
    });
  }
  const factById = new Map(facts.map((f) => [f.id, f]));
  for (const a of engine.model.def.assumptions) {
    for (const id of a.sources) {
      const f = factById.get(id);
      if (!f?.url) continue;
      const e = entry(f.url);
      e.facts.add(id);
      e.assumptions.push(a.id);
    }
  }
  for (const f of facts) if (f.url && byUrl.has(f.url)) byUrl.get(f.url)?.facts.add(f.id);
  const cells: CellSpec[] = ['Source', 'Facts', 'Dataset rows citing it', 'Assumptions citing it'].map((h, i) => ({
    row: 1,
    col: i + 1,
    value: h,
    bold: true,
  }));
  let row = 2;
  for (const [url, e] of [...byUrl].sort((a, b) => a[0].localeCompare(b[0]))) {
    cells.push(
      { row, col: 1, value: url, link: url },
      { row, col: 2, value: [...e.facts].join(', ') },
      { row, col: 3, value: e.rows.join('; ') },
      { row, col: 4, value: e.assumptions.join(', ') },
    );
    row++;
  }
  return { name: 'Sources', cells, widths: [60, 30, 60, 40], frozenRows: 1 };
}
