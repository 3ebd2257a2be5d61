import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CellValue, NewColumn } from '../../shared/contract/index.js';
import { readFacts } from './facts.js';
import { appRoot } from './paths.js';
import { WorkbookStore } from './store/workbook-store.js';

interface DatasetFile {
  name: string;
  label: string;
  description: string;
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

export function readTemplateModel(root = appRoot()): string {
  return readFileSync(join(root, 'data', 'model.json'), 'utf8');
}

/**
 * Makes a new workbook from data/: the three datasets with sources resolved to URLs and the
 * model definition. A failure part way removes the half-made file.
 */
export async function createFromTemplate(path: string): Promise<WorkbookStore> {
  const root = appRoot();
  const urls = loadFactUrls(root);
  const store = await WorkbookStore.create(path);
  try {
    for (const name of TEMPLATE_DATASETS) {
      const file = readTemplateDataset(name, root);
      const columns = file.columns.map((c) => ({ ...c }));
      await store.createDataset({ dataset: file.name, label: file.label, description: file.description, columns });
      const rows = file.rows.map((row) => {
        const source = typeof row.source === 'string' ? row.source : '';
        return { ...row, source: urls.get(source) ?? (source || null) };
      });
      await store.insertRows(file.name, rows);
    }
    await store.putDocument('model', readTemplateModel(root));
    await store.putDocument('facts', JSON.stringify(readFacts(root)));
    await store.clearHistory();
    return store;
  } catch (error) {
    await store.close();
    rmSync(path, { force: true });
    rmSync(`${path}.wal`, { force: true });
    throw error;
  }
}
