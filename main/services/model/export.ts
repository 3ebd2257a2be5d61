import { scenarioOverrides } from './scenario-overrides.js';
export { scenarioOverrides, scenarioLabel } from './scenario-overrides.js';
import { AppError } from '../../../shared/contract/index.js';
import { workbookFacts } from '../facts.js';
import { appRoot } from '../paths.js';
import { ScenarioService } from '../scenarios.js';
import { modelChartImages } from './chart-images.js';
import { scenarioShown, scenariosSheet, sourcesSheet } from './export-sheets.js';
import {
  MODEL_MONEY,
  type MoneyUnit,
  type SheetDataset,
  compileWorkbook,
  moneyOver,
} from '../../../shared/model/index.js';
import { type Locale, translator } from '../../../shared/i18n/index.js';
import type { WorkbookStore } from '../store/workbook-store.js';
import { writeWorkbookSpec } from '../xlsx/write-spec.js';
import { engineOver, loadModelState } from './load.js';

export interface ModelExportOptions {
  /** A scenario's name as the app shows it, e.g. "Import ban"; Base when absent. */
  scenario?: string | undefined;
  /** Assumption values set on top of the scenario. */
  set?: Record<string, number> | undefined;
  valuesOnly?: boolean | undefined;
  /** A vintage's rows and assumption defaults instead of the working data. */
  vintage?: string | undefined;
  /** The unit of money on the Outputs sheet (the window's choice); bn CNY when absent. */
  money?: MoneyUnit | undefined;
  /** The language of the chart pictures (the window's); English when absent. */
  language?: Locale | undefined;
}

/** The model as a live-formula workbook, with the current data and a scenario's assumptions. */
export async function exportModelWorkbook(store: WorkbookStore, target: string, options: ModelExportOptions = {}) {
  const { def, tables } = await loadModelState(store, options.vintage);
  const engine = engineOver(def, tables);
  const all = (await new ScenarioService(store).get()).scenarios;
  const chosen = scenarioOverrides(all, options.scenario, options.set);
  const scenario = options.vintage ? { ...chosen, name: `${chosen.name}, vintage ${options.vintage}` } : chosen;
  const metas = await store.listDatasets();
  const datasets: SheetDataset[] = metas
    .filter((m) => tables[m.name])
    .map((m) => ({ name: m.name, columns: m.columns, rows: tables[m.name]?.rows ?? [] }));
  const assumptions = engine.assumptions(scenario.overrides);
  const unknown = Object.keys(options.set ?? {}).filter((id) => !engine.assumptionIds.includes(id));
  if (unknown.length > 0)
    throw AppError.of('BAD_REQUEST', { key: 'scenarioError.unknown', params: { ids: unknown.join(', ') } });
  // The scenario as the reader names it: a built-in one by its label in their language.
  const locale = options.language ?? 'en';
  const t = translator(locale);
  const picked = all.find((s) => s.name.toLowerCase() === (options.scenario ?? 'Base').toLowerCase());
  let shown = scenarioShown(engine, picked?.name ?? 'Base', locale);
  if (Object.keys(options.set ?? {}).length > 0) shown = t('sheet.changed', { name: shown });
  if (options.vintage) shown = t('sheet.onVintage', { name: shown, vintage: options.vintage });
  const spec = compileWorkbook(engine, datasets, {
    assumptions,
    scenarioName: shown,
    valuesOnly: options.valuesOnly ?? false,
    money: options.money,
    language: options.language,
  });
  const facts = await workbookFacts(store, appRoot());
  spec.sheets.push(scenariosSheet(engine, all, locale), sourcesSheet(engine, datasets, facts, locale));
  const years = engine.model.timeDim ? (engine.data.members.get(engine.model.timeDim) ?? []) : [];
  const year = years.includes(2026) ? 2026 : Number(years.at(-1) ?? 0);
  const money = moneyOver(options.money ?? MODEL_MONEY, engine.model.def.assumptions, assumptions);
  const images = modelChartImages(engine, new Map(engine.run(assumptions)), year, options.language ?? 'en', money);
  await writeWorkbookSpec(spec, target, {
    valuesOnly: options.valuesOnly ?? false,
    images,
    chartsTitle: t('sheet.charts.title', { scenario: shown }),
  });
  return { spec, engine, assumptions, scenario };
}
