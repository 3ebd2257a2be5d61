import {
  AppError,
  type ColumnMeta,
  type ColumnType,
  type DatasetMeta,
  type LabelTranslations,
  nameProblem,
} from '../../../shared/contract/index.js';
import type { Db, SqlValue } from './db.js';

/** Physical names come from ids, never from user text, so SQL never quotes a user string. */
export const tableName = (datasetId: number): string => `ds${datasetId}`;
export const columnSql = (columnId: number): string => `c${columnId}`;

export const SQL_TYPES: Record<ColumnType, string> = {
  text: 'VARCHAR',
  number: 'DOUBLE',
  integer: 'BIGINT',
  date: 'DATE',
  boolean: 'BOOLEAN',
};

/** Refuses a dataset or column name the store cannot take, saying why. */
export function checkName(kind: 'dataset' | 'column', name: string): void {
  const problem = nameProblem(name);
  if (!problem) return;
  const what = { key: kind === 'dataset' ? 'mainError.kindDataset' : 'mainError.kindColumn' } as const;
  const key = problem === 'is reserved' ? 'mainError.reservedName' : 'mainError.badName';
  throw AppError.of('BAD_REQUEST', { key, params: { kind: what, name } }, { name });
}

/** Stored translations as a meta's field: absent when there are none (or they cannot be read). */
function translationsOf(stored: SqlValue | undefined): { translations?: LabelTranslations } {
  if (typeof stored !== 'string' || stored === '{}') return {};
  try {
    const parsed: unknown = JSON.parse(stored);
    const zh: unknown =
      typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['zh-CN'] : null;
    if (typeof zh !== 'object' || zh === null) return {};
    const { label, description } = zh as Record<string, unknown>;
    const text = {
      ...(typeof label === 'string' && label ? { label } : {}),
      ...(typeof description === 'string' && description ? { description } : {}),
    };
    return Object.keys(text).length > 0 ? { translations: { 'zh-CN': text } } : {};
  } catch {
    return {};
  }
}

/** Reads a column back as JSON-friendly text where DuckDB's own type would not be. */
export function selectExpr(column: ColumnMeta): string {
  return column.type === 'date' ? `CAST(${columnSql(column.id)} AS VARCHAR)` : columnSql(column.id);
}

/** A SELECT list of `columns`, each under its id, for rows read by name (`valuesByName`). */
export function namedSelect(columns: ColumnMeta[]): string {
  return columns.map((c) => `${selectExpr(c)} AS "${c.id}"`).join(', ');
}

/** A row read with `namedSelect`, keyed by the columns' names. */
export function valuesByName(row: Record<string, SqlValue>, columns: ColumnMeta[]): Record<string, SqlValue> {
  const values: Record<string, SqlValue> = {};
  for (const c of columns) values[c.name] = row[String(c.id)] ?? null;
  return values;
}

/** The same row keyed by column id, as history ops store it. */
export function valuesById(row: Record<string, SqlValue>, columns: ColumnMeta[]): Record<string, SqlValue> {
  const values: Record<string, SqlValue> = {};
  for (const c of columns) values[String(c.id)] = row[String(c.id)] ?? null;
  return values;
}

/**
 * Dataset metadata with row counts. `only` narrows it to one dataset, so a single row read or
 * edit does not count every table of the workbook (a million-row one among them).
 */
export async function loadDatasets(db: Db, only?: { name: string } | { id: number }): Promise<DatasetMeta[]> {
  const where = !only ? '' : 'name' in only ? 'WHERE name = ?' : 'WHERE id = ?';
  const key: SqlValue[] = !only ? [] : ['name' in only ? only.name : only.id];
  const sets = await db.all(
    `SELECT id, name, label, description, translations FROM _datasets ${where} ORDER BY position, id`,
    key,
  );
  const cols = await db.all(
    `SELECT id, dataset_id, name, label, type, unit, description, role, choices, translations FROM _columns
     WHERE dataset_id IN (SELECT id FROM _datasets ${where}) ORDER BY position, id`,
    key,
  );
  const metas: DatasetMeta[] = [];
  for (const [id, name, label, description, translations] of sets) {
    const datasetId = Number(id);
    const columns: ColumnMeta[] = cols
      .filter((c) => Number(c[1]) === datasetId)
      .map((c) => ({
        id: Number(c[0]),
        name: String(c[2]),
        label: String(c[3]),
        type: String(c[4]) as ColumnType,
        unit: String(c[5]),
        description: String(c[6]),
        role: String(c[7]) === 'provenance' ? 'provenance' : 'data',
        choices: JSON.parse(String(c[8])) as string[],
        ...translationsOf(c[9]),
      }));
    const count = await db.all(`SELECT count(*) FROM ${tableName(datasetId)}`);
    metas.push({
      id: datasetId,
      name: String(name),
      label: String(label),
      description: String(description),
      ...translationsOf(translations),
      rowCount: Number(count[0]?.[0] ?? 0),
      columns,
    });
  }
  return metas;
}

export async function findDataset(db: Db, name: string): Promise<DatasetMeta> {
  const [found] = await loadDatasets(db, { name });
  if (!found) throw AppError.of('NOT_FOUND', { key: 'mainError.noDataset', params: { name } }, { dataset: name });
  return found;
}

export async function datasetById(db: Db, id: number): Promise<DatasetMeta> {
  const [found] = await loadDatasets(db, { id });
  if (!found) throw AppError.of('NOT_FOUND', { key: 'mainError.datasetGone', params: { id: String(id) } });
  return found;
}

export function findColumn(dataset: DatasetMeta, name: string): ColumnMeta {
  const column = dataset.columns.find((c) => c.name === name);
  if (!column) {
    throw AppError.of(
      'NOT_FOUND',
      { key: 'mainError.noColumn', params: { dataset: dataset.name, column: name } },
      {
        dataset: dataset.name,
        column: name,
      },
    );
  }
  return column;
}

export async function nextId(db: Db, table: '_datasets' | '_columns' | '_history', key = 'id'): Promise<number> {
  const rows = await db.all(`SELECT coalesce(max(${key}), 0) + 1 FROM ${table}`);
  return Number(rows[0]?.[0] ?? 1);
}
