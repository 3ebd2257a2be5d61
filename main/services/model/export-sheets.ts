import type { Fact, Scenario } from '../../../shared/contract/index.js';
import {
  type CellSpec,
  type Engine,
  type SheetDataset,
  type SheetSpec,
  compareScenarios,
  labelIn,
  TIME_DIM,
} from '../../../shared/model/index.js';
import { type Locale, translator, unitIn } from '../../../shared/i18n/index.js';

/** A scenario's name as a reader of `locale` sees it: a built-in one's label in that language. */
export function scenarioShown(engine: Engine, name: string, locale: Locale): string {
  const own = engine.model.def.scenarios.find((s) => s.name === name);
  return own ? labelIn(own, locale) : name;
}

/** Every scenario's assumptions and headline outputs by year, as values (a record, not a model). */
export function scenariosSheet(engine: Engine, scenarios: Scenario[], locale: Locale = 'en'): SheetSpec {
  const t = translator(locale);
  const table = compareScenarios(
    engine,
    scenarios.map((s) => ({
      name: s.builtIn ? scenarioShown(engine, s.name, locale) : s.name,
      values: engine.assumptions(s.overrides),
    })),
  );
  const cells: CellSpec[] = [];
  let row = 1;
  cells.push({ row, col: 1, value: t('sheet.scenarios.title'), bold: true });
  row += 2;
  cells.push(
    { row, col: 1, value: t('sheet.assumptions.id'), bold: true },
    { row, col: 2, value: t('sheet.assumptions.unit'), bold: true },
  );
  table.scenarios.forEach((n, i) => cells.push({ row, col: 3 + i, value: n, bold: true }));
  row++;
  for (const a of engine.model.def.assumptions) {
    const found = table.assumptions.find((x) => x.id === a.id);
    cells.push({ row, col: 1, value: labelIn(a, locale) }, { row, col: 2, value: unitIn(a.unit, locale) });
    found?.values.forEach((v, i) => cells.push({ row, col: 3 + i, value: v }));
    row++;
  }
  row++;
  cells.push(
    { row, col: 1, value: t('sheet.scenarios.output'), bold: true },
    { row, col: 2, value: t('sheet.scenarios.year'), bold: true },
  );
  table.scenarios.forEach((n, i) => cells.push({ row, col: 3 + i, value: n, bold: true }));
  row++;
  for (const o of table.outputs) {
    table.years.forEach((y, yi) => {
      const v = engine.model.byId.get(o.id)?.def;
      const label = v ? labelIn(v, locale) : o.label;
      cells.push({ row, col: 1, value: `${label} (${unitIn(o.unit, locale)})` }, { row, col: 2, value: y });
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
export function sourcesSheet(
  engine: Engine,
  datasets: SheetDataset[],
  facts: Fact[],
  locale: Locale = 'en',
): SheetSpec {
  const t = translator(locale);
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
      entry(url).rows.push(`${t('sheet.sources.row', { dataset: ds.name, n: i + 1 })}${label ? ` (${label})` : ''}`);
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
  const headers = [
    t('sheet.sources.source'),
    t('sheet.sources.facts'),
    t('sheet.sources.rows'),
    t('sheet.sources.assumptions'),
  ];
  const cells: CellSpec[] = headers.map((h, i) => ({ row: 1, col: i + 1, value: h, bold: true }));
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
