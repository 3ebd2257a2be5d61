import { existsSync, statSync } from 'node:fs';
import { AppError, MODEL_DOCUMENT } from '../../shared/contract/index.js';
import { readFacts } from './facts.js';
import { readDefinition } from './model/load.js';
import { appRoot } from './paths.js';
import type { WorkbookStore } from './store/workbook-store.js';
import {
  TEMPLATE_DATASETS,
  installTemplateDataset,
  installTemplateVintages,
  readTemplateModel,
  templateModelVersion,
} from './template.js';
import { VintageService } from './vintages.js';

/** What adopting the built-in model's newer version did. */
export interface UpgradeReport {
  from: number;
  to: number;
  /** The vintage that keeps the workbook's own data as it was. */
  vintage: string;
  /** A whole copy of the file from before the upgrade. */
  backup: string;
  /** The analyst's scenarios, kept; with the assumptions each lost (gone from the new model). */
  scenarios: { name: string; dropped: string[] }[];
}

/** The model version a workbook was made from, and the built-in one it could adopt. */
export async function modelVersions(store: WorkbookStore): Promise<{ workbook: number; builtIn: number }> {
  const def = await readDefinition(store);
  return { workbook: def.version ?? 1, builtIn: templateModelVersion() };
}

interface StoredScenarios {
  user?: { name: string; description: string; overrides: Record<string, number> }[];
  current?: { name: string; values: Record<string, number> };
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** A free name beside the workbook for its copy from before the upgrade. */
export function backupPathFor(path: string, from: number): string {
  const stem = path.replace(/\.cgw$/i, '');
  let candidate = `${stem} (model v${from} backup).cgw`;
  for (let n = 2; existsSync(candidate); n++) candidate = `${stem} (model v${from} backup ${n}).cgw`;
  return candidate;
}

/**
 * Adopts the built-in model's newer version, only ever on the user's yes (the window asks; the
 * CLI's `upgrade` is the asking). First a whole copy of the file is written beside it; then the
 * workbook's data as it stands becomes a vintage named after its date, the model's datasets,
 * definition and facts become the new version's, the shipped vintages are added, and the
 * analyst's scenarios are kept with the assumptions that still exist (each one's description
 * says what it lost). Datasets the model does not read are not touched. Undo history is cleared:
 * its steps were made against the old model.
 */
export async function upgradeWorkbook(store: WorkbookStore, backup: string): Promise<UpgradeReport> {
  const { workbook: from, builtIn: to } = await modelVersions(store);
  if (from >= to)
    throw AppError.of('BAD_REQUEST', { key: 'mainError.alreadyVersion', params: { version: String(from) } });
  const root = appRoot();
  await store.backupTo(backup);
  // One transaction from here: a crash or a refusal half way leaves the workbook as it was.
  return store.batch(() => adopt(store, { from, to, backup, root }));
}

async function adopt(
  store: WorkbookStore,
  { from, to, backup, root }: { from: number; to: number; backup: string; root: string },
): Promise<UpgradeReport> {
  // The old data, kept as a vintage named after the day the workbook was last changed.
  const day = isoDay(statSync(store.path).mtime);
  const vintages = new VintageService(store);
  const taken = new Set((await vintages.list()).map((v) => v.name));
  let vintage = `${day} (model v${from})`;
  for (let n = 2; taken.has(vintage); n++) vintage = `${day} (model v${from}, ${n})`;
  await vintages.snapshot(vintage, {
    date: day,
    note: `This workbook's own inputs before it adopted model version ${to}. They were made for model version ${from}, so version ${to} runs on them only where their datasets fit it.`,
  });

  const existing = new Set((await store.listDatasets()).map((d) => d.name));
  for (const name of TEMPLATE_DATASETS) {
    if (existing.has(name)) await store.deleteDataset(name);
    await installTemplateDataset(store, name, root);
  }
  const model = readTemplateModel(root);
  const parsed = JSON.parse(model) as {
    assumptions: { id: string }[];
    scenarios: { name: string; overrides: Record<string, number> }[];
  };
  const ids = new Set(parsed.assumptions.map((a) => a.id));
  const builtIns = parsed.scenarios;
  const builtInNames = new Set(builtIns.map((s) => s.name));
  await store.putDocument(MODEL_DOCUMENT, model);
  await store.putDocument('facts', JSON.stringify(readFacts(root)));

  // The analyst's scenarios, on the new model's assumptions.
  let stored: StoredScenarios;
  try {
    stored = JSON.parse((await store.getDocument('scenarios')) ?? '{}') as StoredScenarios;
  } catch {
    stored = {}; // unreadable: the built-in scenarios only, as a new workbook has
  }
  const scenarios: UpgradeReport['scenarios'] = [];
  const user = (stored.user ?? []).map((s) => {
    const dropped = Object.keys(s.overrides).filter((id) => !ids.has(id));
    const overrides = Object.fromEntries(Object.entries(s.overrides).filter(([id]) => ids.has(id)));
    scenarios.push({ name: s.name, dropped });
    const lost = dropped.map((id) => `${id} = ${s.overrides[id]}`).join(', ');
    const note = dropped.length
      ? ` [Model version ${to}: ${lost} no longer ${dropped.length === 1 ? 'exists' : 'exist'} and ${dropped.length === 1 ? 'was' : 'were'} dropped.]`
      : '';
    // A user scenario that now shares a built-in name keeps its settings under a new name.
    const name = builtInNames.has(s.name) ? `${s.name} (yours)` : s.name;
    return { name, description: `${s.description}${note}`.trim(), overrides };
  });
  const currentName = stored.current?.name ?? 'Base';
  // The screen starts from the scenario it was on, now on the new model's defaults.
  const start = user.find((u) => u.name === currentName) ?? builtIns.find((b) => b.name === currentName) ?? null;
  await store.putDocument(
    'scenarios',
    JSON.stringify({ user, current: { name: start?.name ?? 'Base', values: start?.overrides ?? {} } }),
  );
  await installTemplateVintages(store, root);
  await store.clearHistory();
  return { from, to, vintage, backup, scenarios };
}
