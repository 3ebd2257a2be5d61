import { MAX_PAGE_ROWS } from '../contract/index.js';
import type { DatasetTable } from './data.js';
import { type ModelDefinition, modelDatasets } from './definition.js';

/** One page of a dataset's rows, however the caller reaches the store (in process or over the contract). */
export type ReadPage = (
  dataset: string,
  offset: number,
  limit: number,
) => Promise<{ rows: { values: DatasetTable['rows'][number] }[] }>;

/**
 * Every row of the datasets a model reads, paged out of the store: the one paging loop, used
 * by the main process and the window. `only` narrows it to datasets that changed; `existing`
 * leaves out datasets the workbook lacks (binding names them as missing).
 */
export async function readModelTables(
  def: ModelDefinition,
  existing: Iterable<string>,
  readPage: ReadPage,
  only?: Iterable<string>,
): Promise<Record<string, DatasetTable>> {
  const have = new Set(existing);
  const wanted = only ? new Set(only) : null;
  const tables: Record<string, DatasetTable> = {};
  for (const name of modelDatasets(def)) {
    if (!have.has(name) || (wanted && !wanted.has(name))) continue;
    const rows: DatasetTable['rows'] = [];
    for (let offset = 0; ; offset += MAX_PAGE_ROWS) {
      const page = await readPage(name, offset, MAX_PAGE_ROWS);
      rows.push(...page.rows.map((r) => r.values));
      if (page.rows.length < MAX_PAGE_ROWS) break;
    }
    tables[name] = { rows };
  }
  return tables;
}
