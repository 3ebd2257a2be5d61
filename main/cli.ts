import { join } from 'node:path';
import { AppError, HEADER_ROW_MAX, LIMITS, VINTAGE_NAME } from '../shared/contract/index.js';
import {
  ModelError,
  type Engine,
  type ModelState,
  assumptionRecord,
  defaultsOf,
  modelAt,
  attribute,
  checkOutcomes,
  describeCheckCell,
  goalSeek,
  targetOf,
  tornado,
  variableTable,
  MONEY_UNITS,
  isMoneyUnit,
} from '../shared/model/index.js';
import { USAGE, UsageError, cliLocale, members, number, parseCli, required, settings } from './cli/args.js';
import { formatValue, textTable } from './cli/format.js';
import { scenarioOverrides } from './services/model/scenario-overrides.js';
import { existsSync } from 'node:fs';
import { ENCODING_CHOICES as ENCODINGS } from '../shared/contract/index.js';
import type { Encoding } from './services/import/import-file.js';
import { engineOver, loadModelState } from './services/model/load.js';
import { runMonteCarloThreaded } from './services/model/montecarlo-pool.js';
import { VintageService } from './services/vintages.js';
import { backupPathFor, modelVersions, upgradeWorkbook } from './services/upgrade.js';
import { ScenarioService } from './services/scenarios.js';
import { LOCALES, isLocale, textIn } from '../shared/i18n/index.js';
import { DEFAULT_WORKBOOK_NAME, defaultDataDir } from './services/paths.js';
import { Session } from './services/session.js';
import { sweepOrphanWork } from './services/work-files.js';
import { runModel } from './cli/model-command.js';
import { WorkbookStore } from './services/store/workbook-store.js';

const print = (text: string): void => void process.stdout.write(`${text}\n`);

async function openStore(path: string | undefined, readOnly: boolean): Promise<WorkbookStore> {
  if (path) return WorkbookStore.open(path, { readOnly });
  // The built-in workbook: made from the template the first time, then the user's own copy.
  // Read-only commands leave an existing one untouched; a first run makes it and uses it as is
  // (reopening a file just closed can find DuckDB's lock not yet released).
  const file = join(defaultDataDir(), DEFAULT_WORKBOOK_NAME);
  if (readOnly && existsSync(file)) return WorkbookStore.open(file, { readOnly: true });
  return new Session().openDefault(defaultDataDir());
}

function warnOutOfRange(engine: Engine, set: Record<string, number>): void {
  for (const [id, value] of Object.entries(set)) {
    const a = engine.model.def.assumptions.find((x) => x.id === id);
    if (!a) throw new UsageError(`--set ${id}: no such assumption. Assumptions: ${engine.assumptionIds.join(', ')}`);
    if (value < a.min || value > a.max)
      process.stderr.write(`warning: ${id} = ${value} is outside its range ${a.min}..${a.max}\n`);
  }
}

/** `import FILE --dataset NAME`: all or nothing; a missing --workbook file is created empty. */
async function runImport(file: string | undefined, values: ReturnType<typeof parseCli>['values']): Promise<number> {
  if (!file) throw new UsageError('import needs a file: npm run cli -- import FILE --dataset NAME');
  const dataset = required('dataset', values.dataset);
  const mode = values.mode ?? 'new';
  if (mode !== 'new' && mode !== 'append' && mode !== 'replace')
    throw new UsageError('--mode is new, append or replace');
  const encoding = values.encoding ?? 'auto';
  if (!(ENCODINGS as readonly string[]).includes(encoding))
    throw new UsageError(`--encoding is one of ${ENCODINGS.join(', ')}`);
  const delimiter = values.delimiter === 'tab' ? '\t' : values.delimiter;
  const headerRow = values['header-row'] === undefined ? undefined : Number(values['header-row']);
  if (headerRow !== undefined && !(Number.isInteger(headerRow) && headerRow >= 1 && headerRow <= HEADER_ROW_MAX))
    throw new UsageError(`--header-row is a row number from 1 to ${HEADER_ROW_MAX}`);
  let store: WorkbookStore;
  if (values.workbook && !existsSync(values.workbook)) store = await WorkbookStore.create(values.workbook);
  else store = await openStore(values.workbook, false);
  try {
    // Loaded on first use: the readers of XLSX and Parquet cost a start that compute never needs.
    const { importFile } = await import('./services/import/import-file.js');
    const done = await importFile(store, file, {
      dataset,
      mode,
      delimiter,
      encoding: encoding as Encoding,
      sheet: values.sheet,
      headerRow,
      allowDuplicateKeys: values['allow-duplicate-keys'],
    });
    print(`Imported ${done.imported.toLocaleString('en-US')} rows into ${done.dataset.name} (${store.path}).`);
    print(done.columns.map((c) => `  ${c.label} -> ${c.name} (${c.type})`).join('\n'));
    return 0;
  } finally {
    await store.close();
  }
}

/** `export-dataset --dataset NAME --out FILE.csv|FILE.xlsx [--lang zh-CN]`: headed in that language, written to a temporary file, then renamed. */
async function runExportDataset(values: ReturnType<typeof parseCli>['values']): Promise<number> {
  const dataset = required('dataset', values.dataset);
  const out = required('out', values.out);
  const format = out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : out.toLowerCase().endsWith('.csv') ? 'csv' : null;
  if (!format) throw new UsageError('--out must end in .csv or .xlsx');
  const encoding = values.encoding ?? 'utf-8';
  if (encoding !== 'utf-8' && encoding !== 'gb18030') throw new UsageError('--encoding must be utf-8 or gb18030');
  if (values.encoding && format !== 'csv') throw new UsageError('--encoding applies to CSV only');
  const language = values.lang ?? 'en';
  if (!isLocale(language)) throw new UsageError(`--lang must be one of: ${LOCALES.join(', ')}`);
  const store = await openStore(values.workbook, true);
  try {
    const { exportDatasetCsv, exportDatasetXlsx } = await import('./services/export/dataset-export.js');
    const rows =
      format === 'csv'
        ? await exportDatasetCsv(store, dataset, out, encoding, language)
        : await exportDatasetXlsx(store, dataset, out, language);
    print(`Wrote ${rows.toLocaleString('en-US')} rows of ${dataset} to ${out}`);
    return 0;
  } finally {
    await store.close();
  }
}

type CliValues = ReturnType<typeof parseCli>['values'];
type Side = { name: string; state: ModelState };

/** Both sides of a scenario comparison: the same data (the working data or one vintage), two sets of assumptions. */
async function scenarioSides(
  store: WorkbookStore,
  engine: Engine,
  scenarios: { name: string; overrides: Record<string, number> }[],
  values: CliValues,
): Promise<[Side, Side]> {
  const { tables } = await loadModelState(store, values.vintage);
  const side = (flag: 'from-scenario' | 'to-scenario'): Side => {
    const chosen = scenarioOverrides(scenarios, required(flag, values[flag]));
    return {
      name: chosen.name,
      state: { assumptions: assumptionRecord(engine, engine.assumptions(chosen.overrides)), tables },
    };
  };
  return [side('from-scenario'), side('to-scenario')];
}

/** Both sides of a vintage comparison: each vintage's rows and defaults, the same scenario on top. */
async function vintageSides(
  store: WorkbookStore,
  engine: Engine,
  scenarios: { name: string; overrides: Record<string, number> }[],
  values: CliValues,
): Promise<[Side, Side]> {
  const overrides = scenarioOverrides(scenarios, values.scenario).overrides;
  const side = async (flag: 'from-vintage' | 'to-vintage'): Promise<Side> => {
    const name = required(flag, values[flag]);
    const at = modelAt(engine.model.def, await new VintageService(store).get(name));
    return { name, state: { assumptions: { ...defaultsOf(at.def), ...overrides }, tables: at.tables } };
  };
  return [await side('from-vintage'), await side('to-vintage')];
}

/** `vintages`: the workbook's vintages, newest first. */
async function runVintages(values: CliValues): Promise<number> {
  const store = await openStore(values.workbook, true);
  try {
    const list = await new VintageService(store).list();
    if (values.json) {
      print(JSON.stringify({ workbook: store.path, vintages: list }, null, 2));
      return 0;
    }
    if (list.length === 0) print('No vintages yet. Take one with: npm run cli -- snapshot --name NAME');
    for (const v of list)
      print(`${v.name.padEnd(20)} ${v.date}  ${String(v.rows).padStart(7)} rows  model v${v.modelVersion}  ${v.note}`);
    return 0;
  } finally {
    await store.close();
  }
}

/** `snapshot --name NAME`: a new read-only vintage of the inputs as they are now. */
async function runSnapshot(values: CliValues): Promise<number> {
  const name = required('name', values.name);
  if (!VINTAGE_NAME.test(name)) throw new UsageError('--name must be 1 to 60 characters, no control characters');
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date))
    throw new UsageError('--date must be YYYY-MM-DD');
  const store = await openStore(values.workbook, false);
  try {
    const reply = await new VintageService(store).snapshot(name, { note: values.note, date: values.date });
    const made = reply.vintages.find((v) => v.name === name);
    print(`Took vintage ${name} (${made?.date ?? ''}, ${made?.rows ?? 0} rows) in ${store.path}`);
    return 0;
  } finally {
    await store.close();
  }
}

/** `upgrade`: a workbook made by an older built-in model adopts the current one; running it is the yes. */
async function runUpgrade(values: CliValues): Promise<number> {
  const store = await openStore(values.workbook, false);
  try {
    const { workbook, builtIn } = await modelVersions(store);
    if (workbook >= builtIn) {
      print(`${store.path} already uses model version ${workbook}; nothing to do.`);
      return 0;
    }
    const report = await upgradeWorkbook(store, backupPathFor(store.path, workbook));
    print(`Upgraded ${store.path} from model version ${report.from} to ${report.to}.`);
    print(`  Its inputs as they were: vintage "${report.vintage}".`);
    print(`  A whole copy from before: ${report.backup}`);
    for (const s of report.scenarios)
      print(
        `  Scenario "${s.name}": kept${s.dropped.length ? `; dropped ${s.dropped.join(', ')} (no longer in the model)` : ''}.`,
      );
    return 0;
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const { command, rest, values } = parseCli(argv);
  if (values.help || !command) {
    print(USAGE);
    return command || values.help ? 0 : 2;
  }
  // A run killed mid-import left its work files behind; they go now, whatever this run does.
  sweepOrphanWork();
  const set = settings(values.set);
  if (command === 'import') return runImport(rest[0], values);
  if (command === 'export-dataset') return runExportDataset(values);
  if (command === 'vintages') return runVintages(values);
  if (command === 'snapshot') return runSnapshot(values);
  if (command === 'upgrade') return runUpgrade(values);
  if (command === 'model')
    return runModel(rest[0], rest.slice(1), values.json, (readOnly) => openStore(values.workbook, readOnly), print);
  const analysis = ['compute', 'montecarlo', 'tornado', 'goalseek', 'export', 'attribute'].includes(command);
  if (!analysis) throw new UsageError(`unknown command "${command}"`);
  const store = await openStore(values.workbook, true);
  try {
    if (command === 'export') {
      const out = required('out', values.out);
      const money = values.money ?? 'bn CNY';
      if (!isMoneyUnit(money)) throw new UsageError(`--money must be one of: ${MONEY_UNITS.join(', ')}`);
      const language = values.lang ?? 'en';
      if (!isLocale(language)) throw new UsageError(`--lang must be one of: ${LOCALES.join(', ')}`);
      // ExcelJS and the chart renderer load on first use: every other command starts without them.
      const { exportModelWorkbook } = await import('./services/model/export.js');
      const done = await exportModelWorkbook(store, out, {
        money,
        language,
        scenario: values.scenario,
        set,
        valuesOnly: values['values-only'],
        vintage: values.vintage,
      });
      print(`Wrote ${out} (${done.scenario.name}${values['values-only'] ? ', values only' : ', live formulas'})`);
      return 0;
    }
    const state = await loadModelState(store, values.vintage);
    const engine = engineOver(state.def, state.tables);
    warnOutOfRange(engine, set);
    const scenarios = (await new ScenarioService(store).get()).scenarios; // built in and the user's own
    const scenario = scenarioOverrides(scenarios, values.scenario, set);
    const base = engine.assumptions(scenario.overrides);
    const assumptions = assumptionRecord(engine, base);
    const header = {
      workbook: store.path,
      ...(values.vintage ? { vintage: values.vintage } : {}),
      scenario: scenario.name,
      assumptions,
    };
    for (const w of engine.data.warnings) process.stderr.write(`warning: ${w}\n`);

    switch (command) {
      case 'compute': {
        const results = engine.run(base);
        const ids = values.all ? engine.model.order.map((v) => v.id) : engine.model.def.outputs;
        const tables = ids.map((id) => variableTable(engine, results, id));
        const checks = checkOutcomes(engine, results).map((c) => ({
          id: c.id,
          level: c.level,
          message: c.message,
          failing: c.failing,
          ...(c.unknown.length ? { unknown: c.unknown } : {}),
        }));
        if (values.json) {
          print(
            JSON.stringify({ ...header, outputs: Object.fromEntries(tables.map((t) => [t.id, t])), checks }, null, 2),
          );
        } else {
          print(
            `Workbook: ${store.path}\n${values.vintage ? `Vintage: ${values.vintage}\n` : ''}Scenario: ${scenario.name}\n`,
          );
          print(tables.map(textTable).join('\n\n'));
          for (const c of checks.filter((x) => x.failing.length > 0)) {
            const where = c.failing.map((cell) => describeCheckCell(cell, engine.model.timeDim)).join('; ');
            print(`\n${c.level}: ${c.message} (${c.id}) in ${where}`);
          }
        }
        return 0;
      }
      case 'montecarlo': {
        const draws = number('draws', values.draws, { integer: true, min: 1, max: LIMITS.cliDraws });
        const seed = number('seed', values.seed, { integer: true, min: 0, max: 2 ** 32 - 1 });
        const started = Date.now();
        // On every core: the same numbers as one thread (montecarlo-pool.ts).
        const result = await runMonteCarloThreaded(
          { definition: state.def, tables: state.tables, base, draws, seed },
          {
            onProgress: (done) => {
              if (!values.json)
                process.stderr.write(`\r${done.toLocaleString('en-US')} / ${draws.toLocaleString('en-US')} draws`);
            },
          },
        );
        if (!values.json) process.stderr.write('\n');
        const years = engine.data.members.get(engine.model.timeDim ?? '') ?? [];
        const summaries = Object.fromEntries(
          [...result.summaries].map(([id, cells]) => [id, { unit: engine.model.byId.get(id)?.def.unit ?? '', cells }]),
        );
        if (values.json) {
          print(JSON.stringify({ ...header, draws, seed, years, summaries }, null, 2));
          return 0;
        }
        print(
          `Monte Carlo: ${draws.toLocaleString('en-US')} draws, seed ${seed}, ${scenario.name} (${Date.now() - started} ms)\n`,
        );
        for (const id of ['gap_h100e', 'coverage'].filter((x) => result.summaries.has(x))) {
          const unit = engine.model.byId.get(id)?.def.unit ?? '';
          print(`${id} (${unit})`);
          result.summaries.get(id)?.forEach((s, i) => {
            const p = id === 'gap_h100e' ? `  P(shortage) ${(s.pPositive * 100).toFixed(1)}%` : '';
            print(
              `  ${String(years[i] ?? i)}  P10 ${formatValue(s.p10, unit)}  P50 ${formatValue(s.p50, unit)}  P90 ${formatValue(s.p90, unit)}  mean ${formatValue(s.mean, unit)}${p}`,
            );
          });
        }
        return 0;
      }
      case 'tornado': {
        const output = required('output', values.output);
        const target = targetOf(engine, output, required('year', values.year), members(values.member));
        const t = tornado(engine, base, target);
        if (values.json) {
          print(JSON.stringify({ ...header, output, year: values.year, base: t.base, bars: t.bars }, null, 2));
          return 0;
        }
        const unit = engine.model.byId.get(output)?.def.unit ?? '';
        print(
          `Tornado for ${output} in ${values.year ?? ''} (${unit}), ${scenario.name}: base ${formatValue(t.base, unit)}\n`,
        );
        for (const b of t.bars) {
          print(
            `  ${b.label.padEnd(60)} ${formatValue(b.atMin, unit).padStart(12)} .. ${formatValue(b.atMax, unit).padStart(12)}  swing ${formatValue(b.swing, unit)}`,
          );
        }
        return 0;
      }
      case 'attribute': {
        const output = required('output', values.output);
        const yearText = required('year', values.year);
        const year = /^\d+$/.test(yearText) ? Number(yearText) : yearText;
        const byVintage = values['from-vintage'] !== undefined || values['to-vintage'] !== undefined;
        if (byVintage && (values['from-scenario'] !== undefined || values['to-scenario'] !== undefined))
          throw new UsageError('attribute compares two vintages or two scenarios, not both');
        const sides = byVintage
          ? await vintageSides(store, engine, scenarios, values)
          : await scenarioSides(store, engine, scenarios, values);
        const [from, to] = sides;
        const r = attribute(engine.model, from.state, to.state, {
          variable: output,
          year,
          members: members(values.member),
        });
        const contributions = r.contributions.map((c) => ({
          factor: c.factor,
          kind: c.kind,
          contribution: c.contribution,
          ...(c.kind === 'group' ? { members: c.members } : {}),
        }));
        if (values.json) {
          print(
            JSON.stringify(
              {
                workbook: store.path,
                output,
                year,
                from: r.from,
                to: r.to,
                change: r.change,
                ...(byVintage
                  ? { fromVintage: from.name, toVintage: to.name, scenario: scenario.name }
                  : { fromScenario: from.name, toScenario: to.name }),
                contributions,
              },
              null,
              2,
            ),
          );
          return 0;
        }
        const unit = engine.model.byId.get(output)?.def.unit ?? '';
        print(
          `${output} ${year} (${unit}): ${formatValue(r.from, unit)} in ${from.name} -> ${formatValue(r.to, unit)} in ${to.name}, change ${formatValue(r.change, unit)}\n`,
        );
        for (const c of contributions)
          print(`  ${c.factor.padEnd(36)} ${formatValue(c.contribution, unit).padStart(14)}`);
        return 0;
      }
      case 'goalseek': {
        const assumption = required('assumption', values.assumption);
        const output = required('output', values.output);
        const goal = number('target', values.target);
        const target = targetOf(engine, output, required('year', values.year), members(values.member));
        const r = goalSeek(engine, base, assumption, target, goal);
        if (values.json) {
          print(JSON.stringify({ ...header, assumption, output, year: values.year, target: goal, ...r }, null, 2));
          return r.found ? 0 : 3;
        }
        if (r.found) print(`${assumption} = ${r.value} makes ${output} in ${values.year ?? ''} equal ${r.achieved}`);
        else print(`Not reachable: ${r.reason} (${output} ranges from ${r.lowest} to ${r.highest}).`);
        return r.found ? 0 : 3;
      }
    }
    return 2;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
    else if (error instanceof AppError && error.text)
      process.stderr.write(`error: ${textIn(cliLocale(process.argv.slice(2)), error.text)}\n`);
    else if (error instanceof AppError || error instanceof ModelError)
      process.stderr.write(`error: ${error.message}\n`);
    else if (
      error instanceof Error &&
      'code' in error &&
      String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
    } else process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
