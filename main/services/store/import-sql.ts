import { AppError, type ColumnType, type DatasetMeta } from '../../../shared/contract/index.js';
import { SQL_TYPES, columnSql, tableName } from './catalog.js';
import { NEUTRALISED_SQL } from '../export/csv-safety.js';
import type { Db } from './db.js';

/** What to read (a UTF-8 delimited file with a header row) and where it goes. */
export interface ImportPlan {
  file: string;
  /** The file's name as the user knows it, for messages. */
  displayName: string;
  delimiter: string;
  /** File columns in file order, with the dataset column each goes to (null: not imported). */
  columns: { label: string; target: string | null; type: ColumnType }[];
}

const GROUPED = `'[+-]?[0-9]{1,3}(,[0-9]{3})+([.][0-9]*)?'`;

/** SQL turning the raw text `f` into the column's type (NULL for empty), as coerceCell would. */
function castExpr(f: string, type: ColumnType): { value: string; bad: string } {
  const t = `NULLIF(trim(${f}), '')`;
  const number = `TRY_CAST(CASE WHEN regexp_full_match(${t}, ${GROUPED}) THEN replace(${t}, ',', '') ELSE ${t} END AS DOUBLE)`;
  switch (type) {
    case 'number':
      return { value: number, bad: `${t} IS NOT NULL AND (${number} IS NULL OR NOT isfinite(${number}))` };
    case 'integer':
      return {
        value: `CAST(${number} AS BIGINT)`,
        bad: `${t} IS NOT NULL AND (${number} IS NULL OR ${number} <> floor(${number}) OR abs(${number}) > 9007199254740991)`,
      };
    case 'date':
      return {
        value: `TRY_CAST(${t} AS DATE)`,
        bad: `${t} IS NOT NULL AND (NOT regexp_full_match(${t}, '[0-9]{4}-[0-9]{2}-[0-9]{2}') OR TRY_CAST(${t} AS DATE) IS NULL)`,
      };
    case 'boolean':
      return { value: `lower(${t}) = 'true'`, bad: `${t} IS NOT NULL AND lower(${t}) NOT IN ('true', 'false')` };
    case 'text':
      // Undo the export's formula-injection apostrophe, so a dataset survives a round trip.
      return {
        value: `NULLIF(CASE WHEN regexp_matches(${f}, ${NEUTRALISED_SQL}) THEN substr(${f}, 2) ELSE ${f} END, '')`,
        bad: 'false',
      };
  }
}

const WORDS: Record<ColumnType, string> = {
  number: 'a number',
  integer: 'a whole number',
  date: 'a date (YYYY-MM-DD)',
  boolean: 'true or false',
  text: 'text',
};

/**
 * Reads the file through DuckDB's CSV reader into a staging table, checks every cell
 * against its column's type with one query per column (the first bad cell is named by row
 * and column), then appends the rows. The caller holds the transaction: any failure leaves
 * the workbook as it was.
 */
export async function importRows(db: Db, dataset: DatasetMeta, plan: ImportPlan): Promise<number> {
  const fields = plan.columns.map((_, i) => `f${i}`);
  const spec = `{${fields.map((f) => `'${f}': 'VARCHAR'`).join(', ')}}`;
  if (![',', ';', '\t', '|'].includes(plan.delimiter))
    throw new AppError('BAD_REQUEST', 'The delimiter must be , ; | or a tab.');
  const delim = `'${plan.delimiter}'`; // one of four safe characters, so a literal is fine
  await db.run(`DROP TABLE IF EXISTS _staging`);
  await db.run(
    `CREATE TEMP TABLE _staging AS SELECT row_number() OVER () AS _row, * FROM read_csv(?, header = true, auto_detect = false,
       columns = ${spec}, delim = ${delim}, quote = '"', escape = '"', strict_mode = true)`,
    [plan.file],
  );
  try {
    for (const [i, c] of plan.columns.entries()) {
      if (!c.target) continue;
      const { bad } = castExpr(fields[i] as string, c.type);
      const rows = await db.all(`SELECT _row, ${fields[i]} FROM _staging WHERE ${bad} ORDER BY _row LIMIT 1`);
      const first = rows[0];
      if (first) {
        const value = String(first[1]).slice(0, 60);
        throw new AppError(
          'INVALID_VALUE',
          `${plan.displayName}, row ${Number(first[0])}, column ${c.label}: "${value}" is not ${WORDS[c.type]}. Nothing was imported.`,
          { row: Number(first[0]), column: c.label },
        );
      }
    }
    const byName = new Map(dataset.columns.map((c) => [c.name, c]));
    const targets: string[] = [];
    const values: string[] = [];
    for (const [i, c] of plan.columns.entries()) {
      const column = c.target ? byName.get(c.target) : undefined;
      if (!column) continue;
      targets.push(columnSql(column.id));
      values.push(`CAST(${castExpr(fields[i] as string, column.type).value} AS ${SQL_TYPES[column.type]})`);
    }
    const table = tableName(dataset.id);
    const [[nextRid = 1] = []] = await db.all(`SELECT next_rid FROM _datasets WHERE id = ?`, [dataset.id]);
    const [[maxPos = 0] = []] = await db.all(`SELECT coalesce(max(_pos), 0) FROM ${table}`);
    await db.run(
      `INSERT INTO ${table} (_rid, _pos${targets.map((t) => `, ${t}`).join('')})
       SELECT ? + _row - 1, ? + _row${values.map((v) => `, ${v}`).join('')} FROM _staging ORDER BY _row`,
      [Number(nextRid), Number(maxPos)],
    );
    const [[count = 0] = []] = await db.all(`SELECT count(*) FROM _staging`);
    await db.run(`UPDATE _datasets SET next_rid = ? WHERE id = ?`, [Number(nextRid) + Number(count), dataset.id]);
    return Number(count);
  } finally {
    await db.run(`DROP TABLE IF EXISTS _staging`);
  }
}
