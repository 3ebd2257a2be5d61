import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbookStore } from '../services/store/workbook-store.js';
import type { DatasetFile } from '../services/template.js';

/** The built-in workbook as model version 1 shipped it (data/ before version 2), for upgrade tests. */
const HERE = join(import.meta.dirname, 'model-v1');

/**
 * A workbook made by model version 1, with two scenarios of the analyst's: one on assumptions
 * version 2 still has, one leaning on an assumption it dropped. Left open for the caller.
 */
export async function makeV1Workbook(path: string): Promise<WorkbookStore> {
  const store = await WorkbookStore.create(path);
  for (const name of ['buyer_capex', 'chips', 'chip_supply']) {
    const file = JSON.parse(readFileSync(join(HERE, `${name}.json`), 'utf8')) as DatasetFile;
    await store.createDataset({
      dataset: file.name,
      label: file.label,
      description: file.description,
      columns: file.columns,
    });
    await store.insertRows(file.name, file.rows);
  }
  await store.putDocument('model', readFileSync(join(HERE, 'model.json'), 'utf8'));
  await store.putDocument(
    'scenarios',
    JSON.stringify({
      user: [
        { name: 'Cheap yuan', description: 'A stronger yuan', overrides: { fx_cny_per_usd: 6.9 } },
        {
          name: 'More HBM',
          description: 'Twice the HBM, better yield',
          overrides: { hbm_stacks_m_per_year: 16, foundry_yield: 0.5 },
        },
      ],
      current: { name: 'More HBM', values: { hbm_stacks_m_per_year: 16, foundry_yield: 0.5 } },
    }),
  );
  await store.clearHistory();
  return store;
}
