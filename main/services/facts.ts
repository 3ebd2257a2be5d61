import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fact } from '../../shared/contract/index.js';
import { parseCsv } from './csv.js';

/** The fact table (data/facts.csv) as records; the template stores it in each new workbook. */
export function readFacts(root: string): Fact[] {
  const rows = parseCsv(readFileSync(join(root, 'data', 'facts.csv'), 'utf8'));
  const [head, ...body] = rows;
  const col = (name: string) => head?.indexOf(name) ?? -1;
  const at = (row: string[], name: string) => row[col(name)] ?? '';
  return body
    .filter((r) => r.length > 1 && at(r, 'id'))
    .map((r) => ({
      id: at(r, 'id'),
      entity: at(r, 'entity'),
      metric: at(r, 'metric'),
      value: at(r, 'value'),
      unit: at(r, 'unit'),
      period: at(r, 'period'),
      basis: at(r, 'basis'),
      url: at(r, 'source_url'),
      note: at(r, 'note'),
    }));
}

/**
 * The facts a workbook carries; workbooks made before facts were stored fall back to the
 * app's own table, which is where their sources came from.
 */
export async function workbookFacts(
  store: { getDocument(name: string): Promise<string | null> },
  root: string,
): Promise<Fact[]> {
  const json = await store.getDocument('facts');
  return json === null ? readFacts(root) : (JSON.parse(json) as Fact[]);
}
