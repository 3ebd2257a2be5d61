import type { MessageKey } from '../../../shared/i18n/index.js';
import { datasetWords } from '../../../shared/text/column-heading.js';
import { type ImportStage, AppError, type ColumnType, type DatasetMeta } from '../../../shared/contract/index.js';
import { SQL_TYPES, columnSql, tableName } from './catalog.js';
import { NEUTRALISED_SQL } from '../csv-safety.js';
import type { Db } from './db.js';

/** What to read (a UTF-8 delimited file with a header row) and where it goes. */
export interface ImportPlan {
  file: string;
  /** The file's name as the user knows it, for messages. */
  displayName: string;
  delimiter: string;
  /** File columns in file order, with the dataset column each goes to (null: not imported). */
  columns: { label: string; target: string | null; type: ColumnType }[];
  /** Aborted: the running statement is interrupted and the import refused (the caller rolls back). */
  signal?: AbortSignal | undefined;
  onStage?: ((stage: ImportStage) => void) | undefined;
  /**
   * Dataset columns that together name a row for the model (buyer and year); a file row that
   * repeats a key already in the dataset, or in the file, is refused unless allowed.
   */
  keys?: { columns: string[]; allowDuplicates: boolean } | undefined;
  /** Only the checked path (every cell read as text first): the reference the read ahead is tested against. */
  checkedOnly?: boolean | undefined;
  /**
   * Read the file straight into the dataset (importDirect): set when only the head of the
   * file was checked in JavaScript, so these are the limits the rest is held to in SQL.
   */
  direct?: { maxCells: number; maxCellChars: number } | undefined;
}

export { IMPORT_STAGES, type ImportStage } from '../../../shared/contract/index.js';

/** The one refusal of a cancelled import, wherever the cancel lands. */
export function importCancelled(): AppError {
  return AppError.of('CANCELLED', { key: 'mainError.importCancelled' });
}

/**
 * Runs one statement of an import, or refuses to start it when the import was cancelled. A
 * cancel during the statement interrupts DuckDB, so a long read or insert stops promptly.
 */
async function step<T>(db: Db, plan: ImportPlan, stage: ImportStage | null, work: () => Promise<T>): Promise<T> {
  const signal = plan.signal;
  if (signal?.aborted) throw importCancelled();
  if (stage) plan.onStage?.(stage);
  const interrupt = () => db.interrupt();
  signal?.addEventListener('abort', interrupt);
  try {
    return await work();
  } catch (error) {
    if (signal?.aborted) throw importCancelled();
    throw error;
  } finally {
    signal?.removeEventListener('abort', interrupt);
  }
}

const GROUPED = `'[+-]?[0-9]{1,3}(,[0-9]{3})+([.][0-9]*)?'`;

/**
 * A row whose key (e.g. buyer and year) is already in the dataset or repeats within the file
 * would leave the model two values for one cell: refused, naming the first such row and how
 * many there are, unless the analyst chose to import them anyway.
 */
async function refuseDuplicateKeys(
  db: Db,
  dataset: DatasetMeta,
  plan: ImportPlan,
  used: { i: number; column: DatasetMeta['columns'][number] | undefined }[],
): Promise<void> {
  if (!plan.keys || plan.keys.allowDuplicates || plan.keys.columns.length === 0) return;
  const keyed = plan.keys.columns.map((name) => used.find((u) => u.column?.name === name));
  // A key column the file does not fill cannot repeat anything: the unmapped-column warning covers it.
  if (keyed.some((u) => u?.column === undefined)) return;
  const ks = keyed.map((_, k) => `k${k}`);
  const incoming = keyed.map((u, k) => `v${u?.i ?? 0} AS k${k}`).join(', ');
  const existing = keyed.map((u, k) => `${columnSql(u?.column?.id ?? 0)} AS k${k}`).join(', ');
  // Each incoming key counted once over the file, and looked up among the rows already there:
  // two hash joins, linear in the rows (a key with a NULL part names no cell and joins nothing).
  const rows = await db.all(
    `WITH incoming AS (SELECT _row, ${incoming} FROM _typed),
          counts AS (SELECT ${ks.join(', ')}, count(*) AS n FROM incoming GROUP BY ALL),
          existing AS (SELECT DISTINCT ${existing} FROM ${tableName(dataset.id)}),
          repeated AS (
            SELECT i.* FROM incoming i JOIN counts c USING (${ks.join(', ')})
            LEFT JOIN (SELECT *, true AS present FROM existing) e USING (${ks.join(', ')})
            WHERE c.n > 1 OR e.present)
     SELECT (SELECT count(*) FROM repeated), _row, ${ks.map((k) => `CAST(${k} AS VARCHAR)`).join(', ')}
     FROM repeated ORDER BY _row LIMIT 1`,
  );
  const first = rows[0];
  if (!first) return;
  const count = Number(first[0]);
  const key = plan.keys.columns.map((c, k) => `${c} ${String(first[2 + k])}`).join(', ');
  throw AppError.of(
    'CONFLICT',
    {
      key: count > 1 ? 'mainError.duplicateKeys' : 'mainError.duplicateKey',
      params: { file: plan.displayName, row: Number(first[1]), dataset: datasetWords(dataset), key, count },
    },
    { kind: 'duplicate-keys', row: Number(first[1]), count },
  );
}

/** SQL reading the raw text `f` as a number: NULL for an empty or unreadable cell; grouped thousands allowed. */
function numberOf(f: string): string {
  const t = `NULLIF(trim(${f}), '')`;
  return `TRY_CAST(CASE WHEN strpos(${f}, ',') > 0 AND regexp_full_match(${t}, ${GROUPED}) THEN replace(${t}, ',', '') ELSE ${t} END AS DOUBLE)`;
}

/**
 * SQL turning the raw text `f` into the column's type: NULL for an empty cell, NULL too for a
 * cell that does not fit (a non-empty cell typed NULL is then reported). The regex for
 * grouped thousands only runs on cells holding a comma. `n` is numberOf(f), computed once in
 * an inner query: repeated here it was parsed two to four times a cell.
 */
function castValue(f: string, n: string, type: ColumnType): string {
  const t = `NULLIF(trim(${f}), '')`;
  switch (type) {
    case 'number':
      return `CASE WHEN isfinite(${n}) THEN ${n} END`;
    case 'integer':
      return `CASE WHEN ${n} = floor(${n}) AND abs(${n}) <= 9007199254740991 THEN CAST(${n} AS BIGINT) END`;
    case 'date':
      return `CASE WHEN regexp_full_match(${t}, '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN TRY_CAST(${t} AS DATE) END`;
    case 'boolean':
      return `CASE lower(${t}) WHEN 'true' THEN true WHEN 'false' THEN false END`;
    case 'text':
      // Undo the export's formula-injection apostrophe, so a dataset survives a round trip.
      return `NULLIF(CASE WHEN regexp_matches(${f}, ${NEUTRALISED_SQL}) THEN substr(${f}, 2) ELSE ${f} END, '')`;
  }
}

const TYPE_WORDS: Record<ColumnType, MessageKey> = {
  number: 'importError.aNumber',
  integer: 'importError.aWholeNumber',
  date: 'importError.aDate',
  boolean: 'importError.aBoolean',
  text: 'importError.text',
};

const isNumeric = (type: ColumnType): boolean => type === 'number' || type === 'integer';

/** DuckDB's strict read of the file: header row, our four delimiters, number columns typed or all text. */
function readCsvCall(plan: ImportPlan, typed: boolean): string {
  if (![',', ';', '\t', '|'].includes(plan.delimiter)) throw AppError.of('BAD_REQUEST', { key: 'mainError.delimiter' });
  const delim = `'${plan.delimiter}'`; // one of four safe characters, so a literal is fine
  const spec = plan.columns.map((c, i) => `'f${i}': '${typed && isNumeric(c.type) ? 'DOUBLE' : 'VARCHAR'}'`);
  return `read_csv(?, header = true, auto_detect = false, columns = {${spec.join(', ')}}, delim = ${delim},
       quote = '"', escape = '"', strict_mode = true)`;
}

/** The read with each row's number in the file (1 for the first row under the header). */
function readCsvSql(plan: ImportPlan, typed: boolean): string {
  return `SELECT row_number() OVER () AS _row, * FROM ${readCsvCall(plan, typed)}`;
}

/** The column types a read ahead was made for: used inside the transaction only if they still hold. */
export function aheadKey(plan: ImportPlan): string {
  return plan.columns.map((c) => (isNumeric(c.type) ? 'n' : 's')).join('');
}

/**
 * Before the import's transaction: DuckDB reads the file with its number columns typed as it
 * goes (TEMP _ahead), which is most of the work of a large import done at read_csv's own
 * speed. Outside the transaction because a cell DuckDB cannot read as a number fails the
 * statement, and a failed statement would spoil the transaction: then nothing is left behind
 * and the import takes the checked path (every cell as text, then typed and reported by row
 * and column), which decides what is refused and how it is said. True when the read worked.
 */
export async function readAhead(db: Db, plan: ImportPlan): Promise<boolean> {
  if (plan.checkedOnly || !plan.columns.some((c) => c.target !== null && isNumeric(c.type))) return false;
  await db.run(`DROP TABLE IF EXISTS _ahead`);
  try {
    await step(db, plan, 'read', () => db.run(`CREATE TEMP TABLE _ahead AS ${readCsvSql(plan, true)}`, [plan.file]));
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'CANCELLED') throw error;
    await db.run(`DROP TABLE IF EXISTS _ahead`).catch(() => undefined);
    return false;
  }
}

/**
 * Reads the file through DuckDB's CSV reader into a staging table, checks every cell
 * against its column's type with one query per column (the first bad cell is named by row
 * and column), then appends the rows. The caller holds the transaction: any failure leaves
 * the workbook as it was.
 */
export async function importRows(
  db: Db,
  dataset: DatasetMeta,
  plan: ImportPlan,
  ahead: string | null = null,
): Promise<number> {
  const fields = plan.columns.map((_, i) => `f${i}`);
  const byName = new Map(dataset.columns.map((c) => [c.name, c]));
  const used = plan.columns
    .map((c, i) => ({ c, i, column: c.target ? byName.get(c.target) : undefined }))
    .filter((u) => u.column !== undefined);
  const numeric = (u: (typeof used)[number]) => isNumeric(u.c.type);
  try {
    // The read made ahead, if its types are still these: numbers already read by DuckDB. Its
    // integers and any non-finite number are checked; a cell that fails goes the checked way.
    let fromAhead = ahead !== null && ahead === aheadKey(plan);
    if (fromAhead) {
      const typedCols = used.map((u) => {
        const f = fields[u.i] as string;
        return numeric(u)
          ? `${f} AS n${u.i}, ${castValue(f, f, u.c.type)} AS v${u.i}`
          : `${f}, ${castValue(f, '', u.c.type)} AS v${u.i}`;
      });
      await db.run(`DROP TABLE IF EXISTS _typed`);
      await step(db, plan, 'validate', () =>
        db.run(`CREATE TEMP TABLE _typed AS SELECT _row, ${typedCols.join(', ')} FROM _ahead`),
      );
      const misfits = used.filter(numeric).map((u) => `(n${u.i} IS NOT NULL AND v${u.i} IS NULL)`);
      const [[bad = 0] = []] = await db.all(`SELECT count(*) FROM _typed WHERE ${misfits.join(' OR ') || 'false'}`);
      if (Number(bad) > 0) fromAhead = false;
    }
    if (!fromAhead) {
      await db.run(`DROP TABLE IF EXISTS _staging`);
      await step(db, plan, 'read', () =>
        db.run(`CREATE TEMP TABLE _staging AS ${readCsvSql(plan, false)}`, [plan.file]),
      );
      // One pass types every cell (NULL where it does not fit); a second finds the first misfit.
      const parsed = used.filter(numeric).map((u) => `${numberOf(fields[u.i] as string)} AS n${u.i}`);
      const typedCols = used.map(
        (u) => `${fields[u.i] as string}, ${castValue(fields[u.i] as string, `n${u.i}`, u.c.type)} AS v${u.i}`,
      );
      await db.run(`DROP TABLE IF EXISTS _typed`);
      await step(db, plan, 'validate', () =>
        db.run(
          `CREATE TEMP TABLE _typed AS SELECT _row, ${typedCols.join(', ')}
           FROM (SELECT *${parsed.map((p) => `, ${p}`).join('')} FROM _staging)`,
        ),
      );
      await db.run(`DROP TABLE _staging`); // its text now lives beside the typed values
    }
    // One scan finds the first row with a cell that does not fit its type, and which cell (numbers
    // read ahead were checked above, and their text is not kept).
    const checked = used.filter((u) => u.c.type !== 'text' && !(fromAhead && numeric(u)));
    const misfit = (u: (typeof used)[number]) =>
      `(NULLIF(trim(${fields[u.i] as string}), '') IS NOT NULL AND v${u.i} IS NULL)`;
    if (checked.length > 0) {
      const rows = await step(db, plan, null, () =>
        db.all(
          `SELECT _row, ${checked.map((u) => `${misfit(u)}, ${fields[u.i] as string}`).join(', ')} FROM _typed
         WHERE ${checked.map(misfit).join(' OR ')} ORDER BY _row LIMIT 1`,
        ),
      );
      const first = rows[0];
      if (first) {
        const k = checked.findIndex((_, j) => first[1 + 2 * j] === true);
        const u = checked[k] ?? checked[0];
        const value = String(first[2 + 2 * Math.max(k, 0)]).slice(0, 60);
        const type = u?.c.type ?? 'text';
        throw AppError.of(
          'INVALID_VALUE',
          {
            key: 'importError.cell',
            params: {
              file: plan.displayName,
              row: String(Number(first[0])),
              column: u?.c.label ?? '',
              value,
              type: { key: TYPE_WORDS[type] },
            },
          },
          { row: Number(first[0]), column: u?.c.label ?? '' },
        );
      }
    }
    await refuseDuplicateKeys(db, dataset, plan, used);
    const targets = used.map((u) => columnSql((u.column as NonNullable<typeof u.column>).id));
    const values = used.map((u) => `CAST(v${u.i} AS ${SQL_TYPES[(u.column as NonNullable<typeof u.column>).type]})`);
    const table = tableName(dataset.id);
    const [[nextRid = 1] = []] = await db.all(`SELECT next_rid FROM _datasets WHERE id = ?`, [dataset.id]);
    const [[maxPos = 0] = []] = await db.all(`SELECT coalesce(max(_pos), 0) FROM ${table}`);
    await step(db, plan, 'write', () =>
      db.run(
        `INSERT INTO ${table} (_rid, _pos${targets.map((t) => `, ${t}`).join('')})
       SELECT ? + _row - 1, ? + _row${values.map((v) => `, ${v}`).join('')} FROM _typed`,
        [Number(nextRid), Number(maxPos)],
      ),
    );
    const [[count = 0] = []] = await db.all(`SELECT count(*) FROM _typed`);
    await db.run(`UPDATE _datasets SET next_rid = ? WHERE id = ?`, [Number(nextRid) + Number(count), dataset.id]);
    // The last chance to cancel: after this the caller commits.
    await step(db, plan, null, () => Promise.resolve());
    return Number(count);
  } catch (error) {
    // An interrupt can land between steps and fail the next statement with DuckDB's own words.
    if (plan.signal?.aborted) throw importCancelled();
    throw error;
  } finally {
    // After an interrupt the transaction refuses statements; its rollback drops these anyway.
    await db.run(`DROP TABLE IF EXISTS _typed`).catch(() => undefined);
    await db.run(`DROP TABLE IF EXISTS _staging`).catch(() => undefined);
    await db.run(`DROP TABLE IF EXISTS _ahead`).catch(() => undefined);
  }
}

/**
 * The direct read could not take the file as it is (a cell that is not its column's type, a
 * ragged row, a cell too long, too many cells, or the file is not UTF-8). Thrown inside the
 * import's transaction, which then rolls back; the caller imports the file the checked way,
 * which decides whether it is refused and says where.
 */
export class DirectReadRefused extends Error {
  /** `read`: DuckDB read the file (so a typed read ahead would fail the same way). */
  constructor(
    readonly reason: string,
    readonly read: boolean,
  ) {
    super(`direct read refused: ${reason}`);
  }
}

const SAFE_INTEGER = 9007199254740991;

/**
 * SQL for a cell read by DuckDB straight into the dataset: the value the checked path would
 * give it, or error() where the checked path would refuse it (or might read it otherwise),
 * which fails the statement. Number columns arrive as DOUBLE, the rest as text.
 */
function directValue(f: string, type: ColumnType): string {
  const misfit = `error('misfit')`;
  switch (type) {
    case 'number':
      return `CASE WHEN ${f} IS NULL OR isfinite(${f}) THEN ${f} ELSE ${misfit} END`;
    case 'integer':
      return `CASE WHEN ${f} IS NULL THEN NULL WHEN ${f} = floor(${f}) AND abs(${f}) <= ${SAFE_INTEGER} THEN CAST(${f} AS BIGINT) ELSE ${misfit} END`;
    case 'date':
    case 'boolean': {
      const v = castValue(f, '', type);
      return `CASE WHEN NULLIF(trim(${f}), '') IS NULL THEN NULL WHEN (${v}) IS NOT NULL THEN (${v}) ELSE ${misfit} END`;
    }
    case 'text':
      return castValue(f, '', type);
  }
}

/**
 * The fast import: one strict, typed read_csv straight into the dataset, inside the caller's
 * transaction, at DuckDB's own speed. Every check the checked path makes is made here as the
 * rows go in (cell types by directValue, cell length in bytes, which is never fewer than the
 * UTF-16 units the checked path counts; DuckDB itself refuses ragged rows, stray quotes and
 * text that is not UTF-8), and any refusal fails the statement: the caller rolls back and takes
 * the checked path. Rows keep file order (see the numbering below).
 */
export async function importDirect(
  db: Db,
  dataset: DatasetMeta,
  plan: ImportPlan,
  limits: { maxCells: number; maxCellChars: number },
): Promise<number> {
  const byName = new Map(dataset.columns.map((c) => [c.name, c]));
  const used = plan.columns
    .map((c, i) => ({ c, i, column: c.target ? byName.get(c.target) : undefined }))
    .filter((u): u is typeof u & { column: DatasetMeta['columns'][number] } => u.column !== undefined);
  const asText = plan.columns.map((c, i) => ({ c, i })).filter(({ c }) => !isNumeric(c.type));
  const long = asText.map(({ i }) => `strlen(f${i}) > ${limits.maxCellChars}`);
  const table = tableName(dataset.id);
  const attempt = async <T>(stage: ImportStage | null, work: () => Promise<T>): Promise<T> => {
    try {
      return await step(db, plan, stage, work);
    } catch (error) {
      if (error instanceof AppError && error.code === 'CANCELLED') throw error;
      throw new DirectReadRefused(String((error as Error).message).split('\n')[0] ?? '', true);
    }
  };
  await attempt('read', () =>
    db.run(
      `INSERT INTO ${table} (_rid, _pos${used.map((u) => `, ${columnSql(u.column.id)}`).join('')})
       SELECT -1, 0${used.map((u) => `, CAST(${directValue(`f${u.i}`, u.c.type)} AS ${SQL_TYPES[u.column.type]})`).join('')}
       FROM ${readCsvCall(plan, true)}
       ${long.length > 0 ? `WHERE CASE WHEN ${long.join(' OR ')} THEN error('long') ELSE true END` : ''}`,
      [plan.file],
    ),
  );
  // Rows this statement added carry _rid -1 (no row of a dataset has a negative id).
  const [[count = 0] = []] = await attempt('validate', () => db.all(`SELECT count(*) FROM ${table} WHERE _rid = -1`));
  if (Number(count) * plan.columns.length > limits.maxCells) throw new DirectReadRefused('too many cells', true);
  const [[nextRid = 1] = []] = await db.all(`SELECT next_rid FROM _datasets WHERE id = ?`, [dataset.id]);
  const [[maxPos = 0] = []] = await db.all(`SELECT coalesce(max(_pos), 0) FROM ${table} WHERE _rid <> -1`);
  // Numbered after the insert, by each row's place among those it added: rows are appended in
  // file order (insertion order is kept), and so get row ids in it. Numbering them as they were
  // read was slower: row_number() OVER () runs on one thread (+0.7-0.9 s for 1M rows), and WITH
  // ORDINALITY made the whole read one thread's (+1.2 s); this update costs 0.3-0.5 s, most of
  // it in the commit. Row ids of rows added in a transaction start near 2^62, so the offset
  // stays in SQL (as a JavaScript number it lost its last digits).
  const added = `(rowid - (SELECT min(rowid) FROM ${table} WHERE _rid = -1))`;
  await attempt('write', () =>
    db.run(`UPDATE ${table} SET _rid = ? + ${added}, _pos = ? + 1 + ${added} WHERE _rid = -1`, [
      Number(nextRid),
      Number(maxPos),
    ]),
  );
  await db.run(`UPDATE _datasets SET next_rid = ? WHERE id = ?`, [Number(nextRid) + Number(count), dataset.id]);
  // The last chance to cancel: after this the caller commits.
  await step(db, plan, null, () => Promise.resolve());
  return Number(count);
}
