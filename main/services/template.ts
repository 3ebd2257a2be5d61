import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError, MODEL_DOCUMENT } from '../../shared/contract/index.js';
import type { CellValue, LabelTranslations, NewColumn } from '../../shared/contract/index.js';
import { readFacts } from './facts.js';
import { appRoot } from './paths.js';
import { WorkbookStore } from './store/workbook-store.js';
import { VintageService } from './vintages.js';
import { type Vintage } from '../../shared/contract/index.js';

/** A dataset of data/ as a file holds it. */
export interface DatasetFile {
  name: string;
  label: string;
  description: string;
  /** The label and description in Chinese (each column carries its own). */
  translations?: LabelTranslations;
  columns: NewColumn[];
  rows: Record<string, CellValue>[];
}

export const TEMPLATE_DATASETS = ['buyer_capex', 'chips', 'chip_supply'] as const;

/** Fact id -> source URL, from data/facts.csv. */
export function loadFactUrls(root = appRoot()): Map<string, string> {
  return new Map(
    readFacts(root)
      .filter((f) => f.url)
      .map((f) => [f.id, f.url]),
  );
}

export function readTemplateDataset(name: string, root = appRoot()): DatasetFile {
  return JSON.parse(readFileSync(join(root, 'data', 'datasets', `${name}.json`), 'utf8')) as DatasetFile;
}

interface VintageChange {
  dataset: string;
  /** Column values that pick the rows to change. */
  where: Record<string, CellValue>;
  set: Record<string, CellValue>;
}

interface TemplateVintages {
  current: { name: string; date: string; note: string };
  earlier: {
    name: string;
    date: string;
    note: string;
    assumptions: Record<string, number>;
    rows: VintageChange[];
  }[];
}

export function readTemplateVintages(root = appRoot()): TemplateVintages {
  return JSON.parse(readFileSync(join(root, 'data', 'vintages.json'), 'utf8')) as TemplateVintages;
}

/**
 * An earlier vintage as the current one with its own values: each change must find a row, so
 * a renamed chip in data/ cannot silently leave the old value in place.
 */
function earlierVintage(
  v: Vintage,
  e: TemplateVintages['earlier'][number],
  resolve: (source: CellValue) => CellValue,
): Vintage {
  const datasets = structuredClone(v.datasets);
  for (const change of e.rows) {
    const rows = datasets[change.dataset]?.rows ?? [];
    const hits = rows.filter((r) => Object.entries(change.where).every(([k, x]) => r[k] === x));
    if (hits.length === 0)
      throw new Error(
        `data/vintages.json, ${e.name}: no ${change.dataset} row matches ${JSON.stringify(change.where)}`,
      );
    for (const r of hits)
      Object.assign(r, change.set, 'source' in change.set ? { source: resolve(change.set.source ?? null) } : {});
  }
  return {
    ...v,
    name: e.name,
    date: e.date,
    note: e.note,
    assumptions: { ...v.assumptions, ...e.assumptions },
    datasets,
  };
}

export function readTemplateModel(root = appRoot()): string {
  return readFileSync(join(root, 'data', 'model.json'), 'utf8');
}

/** The model version data/model.json is (1 for a definition that does not say). */
export function templateModelVersion(root = appRoot()): number {
  const def = JSON.parse(readTemplateModel(root)) as { version?: number };
  return def.version ?? 1;
}

/** Source ids of data/ resolved to their URLs (an unknown id is kept as written). */
function sourceResolver(root: string): (source: CellValue) => CellValue {
  const urls = loadFactUrls(root);
  return (source) => {
    const id = typeof source === 'string' ? source : '';
    return urls.get(id) ?? (id || null);
  };
}

/** Writes one of data/'s datasets into a workbook that does not have it. */
export async function installTemplateDataset(store: WorkbookStore, name: string, root = appRoot()): Promise<void> {
  const resolve = sourceResolver(root);
  const file = readTemplateDataset(name, root);
  const columns = file.columns.map((c) => ({ ...c }));
  await store.createDataset({
    dataset: file.name,
    label: file.label,
    description: file.description,
    translations: file.translations,
    columns,
  });
  await store.insertRows(
    file.name,
    file.rows.map((row) => ({ ...row, source: resolve(row.source ?? null) })),
  );
}

/**
 * The shipped vintages, those not already in the workbook: the current one is the data as it
 * stands (just written from data/), the earlier ones that data with the values they had then.
 */
export async function installTemplateVintages(store: WorkbookStore, root = appRoot()): Promise<void> {
  const resolve = sourceResolver(root);
  const vintages = new VintageService(store);
  const taken = new Set((await vintages.list()).map((v) => v.name));
  const { current, earlier } = readTemplateVintages(root);
  if (!taken.has(current.name)) await vintages.snapshot(current.name, { date: current.date, note: current.note });
  for (const e of earlier)
    if (!taken.has(e.name)) await vintages.snapshot(e.name, { alter: (v) => earlierVintage(v, e, resolve) });
}

/** Work files of a creation in progress: hidden, beside the target, named for their process. */
const MAKING = /^\.(.+\.cgw)\.making-(\d+)-[0-9a-f]+(\.wal)?$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the work files of creations whose process is gone (killed part way). */
export function sweepUnfinished(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(folder)) {
    const m = MAKING.exec(name);
    if (!m || alive(Number(m[2]))) continue;
    rmSync(join(folder, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** Flushes a file or folder to the disk, so a rename after it names whole bytes. */
function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes a new workbook from data/: the three datasets with sources resolved to URLs, the
 * model definition, the facts and the shipped vintages. It is built under a hidden work name
 * in the same folder, flushed, and renamed into place only when whole, so a workbook at `path`
 * is whole or absent whatever moment the process dies; work files of dead processes are swept.
 */
export async function createFromTemplate(path: string): Promise<WorkbookStore> {
  const root = appRoot();
  const folder = dirname(path);
  sweepUnfinished(folder);
  if (existsSync(path)) throw AppError.of('CONFLICT', { key: 'mainError.exists', params: { path } }, { path });
  const work = join(folder, `.${basename(path)}.making-${process.pid}-${randomBytes(4).toString('hex')}`);
  const store = await WorkbookStore.create(work);
  try {
    for (const name of TEMPLATE_DATASETS) await installTemplateDataset(store, name, root);
    await store.putDocument(MODEL_DOCUMENT, readTemplateModel(root));
    await store.putDocument('facts', JSON.stringify(readFacts(root)));
    await installTemplateVintages(store, root);
    await store.clearHistory();
    await store.close(); // a checkpoint: everything is in the file, no .wal beside it
  } catch (error) {
    await store.close().catch(() => undefined);
    rmSync(work, { force: true });
    rmSync(`${work}.wal`, { force: true });
    throw error;
  }
  syncPath(work);
  if (existsSync(path)) {
    rmSync(work, { force: true });
    throw AppError.of('CONFLICT', { key: 'mainError.exists', params: { path } }, { path });
  }
  renameSync(work, path);
  syncPath(folder);
  return WorkbookStore.open(path);
}
