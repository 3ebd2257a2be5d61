import { basename } from 'node:path';
import { columnHeading } from '../../../shared/text/column-heading.js';
import {
  AppError,
  type CellEdit,
  type CellValue,
  type ColumnMeta,
  type DatasetMeta,
  type HistoryStep,
  type NewColumn,
  type RowFilter,
  type RowPage,
  type WorkbookInfo,
  BASIS_VALUES,
  coerceCell,
  nameProblem,
} from '../../../shared/contract/index.js';
import {
  SQL_TYPES,
  columnSql,
  datasetById,
  findColumn,
  findDataset,
  loadDatasets,
  nextId,
  selectExpr,
  tableName,
} from './catalog.js';
import type { Db, SqlValue } from './db.js';
import { CURRENT_SCHEMA_VERSION } from './migrations.js';
import { createNew, openExisting } from './open.js';
import { whereClause } from './filter-sql.js';
import { type ImportPlan, importRows } from './import-sql.js';
import { type RowOp, type StoredRow, applyOp, invert, stashName, stashesOf } from './ops.js';
import { type RowBefore, provenanceEdits } from './provenance-edits.js';

/** Today in the machine's time zone, as the analyst would date a note. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Undo keeps this many steps; older ones are dropped. */
const HISTORY_LIMIT = 500;
/** Imports Ctrl+Z can reach back over; each keeps the dataset's earlier rows in a stash table. */
export const IMPORT_UNDO_LIMIT = 3;

/** Every dataset carries where each row's figures come from. */
export const PROVENANCE_COLUMNS: NewColumn[] = [
  {
    name: 'basis',
    label: 'Basis',
    type: 'text',
    description: 'How the figure was obtained: reported, media, analyst, derived or assumption',
    choices: [...BASIS_VALUES],
  },
  { name: 'source', label: 'Source', type: 'text', description: 'URL or fact id the figure comes from' },
];

export interface CreateDatasetInput {
  dataset: string;
  label?: string | undefined;
  description?: string | undefined;
  columns: NewColumn[];
}

function checkName(kind: string, name: string): void {
  const problem = nameProblem(name);
  if (problem) throw new AppError('BAD_REQUEST', `The ${kind} name "${name}" ${problem}.`, { name });
}

/**
 * A workbook file: datasets as DuckDB tables plus their metadata, documents (the model
 * definition) and an undo history. Every public method runs alone on the connection and
 * every write is one transaction, so an acknowledged call is on disk.
 */
export class WorkbookStore {
  private constructor(
    readonly path: string,
    private readonly db: Db,
  ) {}

  /** Read-only opens (the CLI's analyses) never write, so they cannot change a file another program has open. */
  static async open(path: string, options: { readOnly?: boolean } = {}): Promise<WorkbookStore> {
    return new WorkbookStore(path, await openExisting(path, options));
  }

  static async create(path: string): Promise<WorkbookStore> {
    return new WorkbookStore(path, await createNew(path));
  }

  /** Closes after the requests already queued on this workbook have been answered. */
  close(): Promise<void> {
    return this.db.close();
  }

  private run<T>(work: () => Promise<T>): Promise<T> {
    return this.db.exclusive(work);
  }
  private write<T>(work: () => Promise<T>): Promise<T> {
    return this.db.exclusive(() => this.db.tx(work));
  }

  // ---- workbook -----------------------------------------------------------------------

  info(): Promise<WorkbookInfo> {
    return this.run(() => this.infoNow());
  }

  private async infoNow(): Promise<WorkbookInfo> {
    const undo = await this.db.all(`SELECT label FROM _history WHERE NOT undone ORDER BY seq DESC LIMIT 1`);
    const redo = await this.db.all(`SELECT label FROM _history WHERE undone ORDER BY seq ASC LIMIT 1`);
    return {
      path: this.path,
      name: basename(this.path).replace(/\.cgw$/i, ''),
      schemaVersion: CURRENT_SCHEMA_VERSION,
      canUndo: undo.length > 0,
      canRedo: redo.length > 0,
      undoLabel: undo[0] ? String(undo[0][0]) : null,
      redoLabel: redo[0] ? String(redo[0][0]) : null,
    };
  }

  getDocument(name: string): Promise<string | null> {
    return this.run(async () => {
      const rows = await this.db.all(`SELECT body FROM _documents WHERE name = ?`, [name]);
      return rows[0] ? String(rows[0][0]) : null;
    });
  }

  putDocument(name: string, body: string): Promise<void> {
    return this.write(() => this.db.run(`INSERT OR REPLACE INTO _documents VALUES (?, ?)`, [name, body]));
  }

  /** Names of the documents that start with `prefix`, sorted. */
  documentNames(prefix: string): Promise<string[]> {
    return this.run(async () => {
      const rows = await this.db.all(`SELECT name FROM _documents WHERE starts_with(name, ?) ORDER BY name`, [prefix]);
      return rows.map((r) => String(r[0]));
    });
  }

  /** Removes a document outside the undo history (a vintage the user chose to delete, after asking). */
  deleteDocument(name: string): Promise<boolean> {
    return this.write(async () => {
      const had = await this.db.all(`SELECT 1 FROM _documents WHERE name = ?`, [name]);
      await this.db.run(`DELETE FROM _documents WHERE name = ?`, [name]);
      return had.length > 0;
    });
  }

  /**
   * Writes a new document made from every dataset's rows as they are at this moment: the rows
   * are read and the document stored in one transaction, so no edit can land between the
   * reading and the writing. A document of that name already there is refused, never replaced.
   */
  snapshotDocument(
    name: string,
    make: (datasets: Record<string, Record<string, CellValue>[]>) => string,
  ): Promise<void> {
    return this.write(async () => {
      const had = await this.db.all(`SELECT 1 FROM _documents WHERE name = ?`, [name]);
      if (had.length > 0) throw new AppError('CONFLICT', `"${name.replace(/^[^:]*:/, '')}" is already taken.`);
      const datasets: Record<string, Record<string, CellValue>[]> = {};
      for (const dataset of await loadDatasets(this.db)) {
        const select = dataset.columns.map(selectExpr).join(', ');
        const rows = select
          ? await this.db.all(`SELECT ${select} FROM ${tableName(dataset.id)} ORDER BY _pos, _rid`)
          : [];
        datasets[dataset.name] = rows.map((r) =>
          Object.fromEntries(dataset.columns.map((c, i) => [c.name, r[i] ?? null])),
        );
      }
      await this.db.run(`INSERT INTO _documents VALUES (?, ?)`, [name, make(datasets)]);
    });
  }

  /** Replaces a document as one undoable step (scenario edits, assumption moves). */
  editDocument(name: string, body: string, label: string): Promise<WorkbookInfo> {
    return this.write(async () => {
      const old = await this.db.all(`SELECT body FROM _documents WHERE name = ?`, [name]);
      const before = old[0] ? String(old[0][0]) : null;
      if (before === body) return this.infoNow();
      const forward: RowOp = { kind: 'doc', name, body };
      await applyOp(this.db, forward);
      await this.record(label, null, forward, invert(forward, [before]));
      return this.infoNow();
    });
  }

  // ---- datasets ---------------------------------------------------------------------

  listDatasets(): Promise<DatasetMeta[]> {
    return this.run(() => loadDatasets(this.db));
  }

  getDataset(name: string): Promise<DatasetMeta> {
    return this.run(() => findDataset(this.db, name));
  }

  async createDataset(input: CreateDatasetInput): Promise<DatasetMeta> {
    checkName('dataset', input.dataset);
    const given = new Set(input.columns.map((c) => c.name));
    const columns = [...input.columns, ...PROVENANCE_COLUMNS.filter((c) => !given.has(c.name))];
    const seen = new Set<string>();
    for (const c of columns) {
      checkName('column', c.name);
      if (seen.has(c.name)) throw new AppError('CONFLICT', `Column "${c.name}" appears twice.`, { column: c.name });
      seen.add(c.name);
    }
    return this.write(() => this.createDatasetNow(input.dataset, input.label, input.description, columns));
  }

  /** Makes a dataset's table and metadata; the caller holds the transaction. */
  private async createDatasetNow(
    name: string,
    label: string | undefined,
    description: string | undefined,
    columns: NewColumn[],
  ): Promise<DatasetMeta> {
    await this.assertFreeName(name);
    const id = await nextId(this.db, '_datasets');
    const position = await nextId(this.db, '_datasets', 'position');
    await this.db.run(`INSERT INTO _datasets VALUES (?, ?, ?, ?, 1, ?)`, [
      id,
      name,
      label ?? name,
      description ?? '',
      position,
    ]);
    await this.db.run(`CREATE TABLE ${tableName(id)} (_rid BIGINT NOT NULL, _pos DOUBLE NOT NULL)`);
    for (const column of columns) await this.addColumnNow(id, column);
    return datasetById(this.db, id);
  }

  /**
   * Brings a checked file into a dataset (new, appended to, or replacing its rows) in one
   * transaction: a refused cell or any failure leaves the workbook exactly as it was. An append
   * or replace is one undo step however large: the rows before it are kept in a stash table
   * that undo swaps back (ops.ts). A new dataset is undone by deleting it.
   */
  importFile(
    target: { dataset: string; mode: 'new' | 'append' | 'replace'; label?: string; description?: string },
    plan: ImportPlan,
    newColumns: NewColumn[],
  ): Promise<{ dataset: DatasetMeta; imported: number }> {
    if (target.mode === 'new') checkName('dataset', target.dataset);
    return this.write(async () => {
      let dataset: DatasetMeta;
      let stash: string | null = null;
      if (target.mode === 'new') {
        const given = new Set(newColumns.map((c) => c.name));
        const columns = [...newColumns, ...PROVENANCE_COLUMNS.filter((c) => !given.has(c.name))];
        dataset = await this.createDatasetNow(target.dataset, target.label, target.description, columns);
      } else {
        dataset = await findDataset(this.db, target.dataset);
        const targets = plan.columns.flatMap((c) => (c.target ? [c.target] : []));
        if (targets.length === 0)
          throw new AppError('INVALID_VALUE', 'No column of the file is mapped to the dataset.');
        const twice = targets.find((t, i) => targets.indexOf(t) !== i);
        if (twice) throw new AppError('INVALID_VALUE', `Two columns of the file are mapped to "${twice}".`);
        for (const c of plan.columns) {
          if (c.target && !dataset.columns.some((d) => d.name === c.target)) {
            throw new AppError(
              'NOT_FOUND',
              `Dataset "${dataset.name}" has no column "${c.target}" for the file's column "${c.label}".`,
            );
          }
        }
        stash = stashName(dataset.id);
        await this.db.run(`CREATE TABLE ${stash} AS SELECT * FROM ${tableName(dataset.id)}`);
        if (target.mode === 'replace') await this.db.run(`DELETE FROM ${tableName(dataset.id)}`);
      }
      const typed: ImportPlan = {
        ...plan,
        columns: plan.columns.map((c) => ({
          ...c,
          type: dataset.columns.find((d) => d.name === c.target)?.type ?? c.type,
        })),
      };
      const imported = await importRows(this.db, dataset, typed);
      if (stash) {
        const swap: RowOp = { kind: 'swap', datasetId: dataset.id, stash };
        const verb = target.mode === 'replace' ? 'Replace rows of' : 'Import into';
        await this.record(`${verb} ${dataset.name} (${imported.toLocaleString('en-US')} rows)`, dataset.id, swap, swap);
        await this.limitImportUndo();
      }
      return { dataset: await datasetById(this.db, dataset.id), imported };
    });
  }

  private async assertFreeName(name: string): Promise<void> {
    const taken = await this.db.all(`SELECT 1 FROM _datasets WHERE name = ?`, [name]);
    if (taken.length > 0)
      throw new AppError('CONFLICT', `A dataset named "${name}" already exists.`, { dataset: name });
  }

  async renameDataset(name: string, to: string): Promise<DatasetMeta> {
    checkName('dataset', to);
    return this.write(async () => {
      const dataset = await findDataset(this.db, name);
      if (name === to) return dataset;
      await this.assertFreeName(to);
      const label = dataset.label === dataset.name ? to : dataset.label;
      await this.db.run(`UPDATE _datasets SET name = ?, label = ? WHERE id = ?`, [to, label, dataset.id]);
      return datasetById(this.db, dataset.id);
    });
  }

  setDatasetLabel(name: string, label: string): Promise<DatasetMeta> {
    return this.write(async () => {
      const dataset = await findDataset(this.db, name);
      await this.db.run(`UPDATE _datasets SET label = ? WHERE id = ?`, [label, dataset.id]);
      return datasetById(this.db, dataset.id);
    });
  }

  async duplicateDataset(name: string, to: string): Promise<DatasetMeta> {
    checkName('dataset', to);
    return this.write(async () => {
      const source = await findDataset(this.db, name);
      await this.assertFreeName(to);
      const id = await nextId(this.db, '_datasets');
      const position = await nextId(this.db, '_datasets', 'position');
      await this.db.run(`INSERT INTO _datasets SELECT ?, ?, ?, description, next_rid, ? FROM _datasets WHERE id = ?`, [
        id,
        to,
        to,
        position,
        source.id,
      ]);
      const selects = ['_rid', '_pos'];
      let columnId = await nextId(this.db, '_columns');
      for (const [i, c] of source.columns.entries()) {
        await this.db.run(`INSERT INTO _columns VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
          columnId,
          id,
          c.name,
          c.label,
          c.type,
          c.unit,
          c.description,
          c.role,
          JSON.stringify(c.choices),
          i,
        ]);
        selects.push(`${columnSql(c.id)} AS ${columnSql(columnId)}`);
        columnId++;
      }
      await this.db.run(`CREATE TABLE ${tableName(id)} AS SELECT ${selects.join(', ')} FROM ${tableName(source.id)}`);
      return datasetById(this.db, id);
    });
  }

  deleteDataset(name: string): Promise<{ deleted: string }> {
    return this.write(async () => {
      const dataset = await findDataset(this.db, name);
      await this.db.run(`DROP TABLE ${tableName(dataset.id)}`);
      await this.db.run(`DELETE FROM _columns WHERE dataset_id = ?`, [dataset.id]);
      await this.db.run(`DELETE FROM _datasets WHERE id = ?`, [dataset.id]);
      await this.forget(`dataset_id = ?`, [dataset.id]);
      return { deleted: name };
    });
  }

  // ---- columns ----------------------------------------------------------------------

  private async addColumnNow(datasetId: number, column: NewColumn): Promise<void> {
    const id = await nextId(this.db, '_columns');
    const position = await this.db.all(`SELECT coalesce(max(position), -1) + 1 FROM _columns WHERE dataset_id = ?`, [
      datasetId,
    ]);
    const role = PROVENANCE_COLUMNS.some((p) => p.name === column.name) ? 'provenance' : 'data';
    await this.db.run(`INSERT INTO _columns VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      id,
      datasetId,
      column.name,
      column.label ?? column.name,
      column.type,
      column.unit ?? '',
      column.description ?? '',
      role,
      JSON.stringify(column.choices ?? []),
      Number(position[0]?.[0] ?? 0),
    ]);
    await this.db.run(`ALTER TABLE ${tableName(datasetId)} ADD COLUMN ${columnSql(id)} ${SQL_TYPES[column.type]}`);
  }

  async addColumn(name: string, column: NewColumn): Promise<DatasetMeta> {
    checkName('column', column.name);
    return this.write(async () => {
      const dataset = await findDataset(this.db, name);
      if (dataset.columns.some((c) => c.name === column.name)) {
        throw new AppError('CONFLICT', `Dataset "${name}" already has a column "${column.name}".`);
      }
      await this.addColumnNow(dataset.id, column);
      return datasetById(this.db, dataset.id);
    });
  }

  async renameColumn(name: string, column: string, to: string, label?: string): Promise<DatasetMeta> {
    checkName('column', to);
    return this.write(async () => {
      const dataset = await findDataset(this.db, name);
      const meta = findColumn(dataset, column);
      if (column !== to && dataset.columns.some((c) => c.name === to)) {
        throw new AppError('CONFLICT', `Dataset "${name}" already has a column "${to}".`);
      }
      if (meta.role === 'provenance' && column !== to) {
        throw new AppError('BAD_REQUEST', `The "${column}" column records provenance and keeps its name.`);
      }
      const newLabel = label ?? (meta.label === meta.name ? to : meta.label);
      await this.db.run(`UPDATE _columns SET name = ?, label = ? WHERE id = ?`, [to, newLabel, meta.id]);
      return datasetById(this.db, dataset.id);
    });
  }

  deleteColumn(name: string, column: string): Promise<DatasetMeta> {
    return this.write(async () => {
      const dataset = await findDataset(this.db, name);
      const meta = findColumn(dataset, column);
      if (meta.role === 'provenance') {
        throw new AppError('BAD_REQUEST', `The "${column}" column records provenance and cannot be deleted.`);
      }
      await this.db.run(`ALTER TABLE ${tableName(dataset.id)} DROP COLUMN ${columnSql(meta.id)}`);
      await this.db.run(`DELETE FROM _columns WHERE id = ?`, [meta.id]);
      // Undo steps of this dataset may name the dropped column; they cannot be replayed.
      await this.forget(`dataset_id = ?`, [dataset.id]);
      return datasetById(this.db, dataset.id);
    });
  }

  // ---- rows -------------------------------------------------------------------------

  readRows(args: {
    dataset: string;
    offset: number;
    limit: number;
    sort?: { column: string; direction: 'asc' | 'desc' }[] | undefined;
    filter?: RowFilter[] | undefined;
  }): Promise<RowPage> {
    return this.run(async () => {
      const dataset = await findDataset(this.db, args.dataset);
      const order = (args.sort ?? []).map((s) => {
        const column = findColumn(dataset, s.column);
        return `${columnSql(column.id)} ${s.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`;
      });
      order.push('_pos', '_rid');
      const where = whereClause(dataset, args.filter ?? []);
      const select = ['_rid', ...dataset.columns.map(selectExpr)].join(', ');
      const rows = await this.db.all(
        `SELECT ${select} FROM ${tableName(dataset.id)} ${where.sql} ORDER BY ${order.join(', ')} LIMIT ? OFFSET ?`,
        [...where.params, args.limit, args.offset],
      );
      const total = where.sql
        ? Number(
            (await this.db.all(`SELECT count(*) FROM ${tableName(dataset.id)} ${where.sql}`, where.params))[0]?.[0] ??
              0,
          )
        : dataset.rowCount;
      return {
        total,
        offset: args.offset,
        rows: rows.map((r) => {
          const values: Record<string, CellValue> = {};
          dataset.columns.forEach((c, i) => {
            values[c.name] = r[i + 1] ?? null;
          });
          return { id: Number(r[0]), values };
        }),
      };
    });
  }

  /** Names a row the way a person finds it: its position and its first text value. */
  private async describeRow(dataset: DatasetMeta, rowId: number): Promise<string> {
    const table = tableName(dataset.id);
    const label = dataset.columns.find((c) => c.type === 'text' && c.role === 'data');
    const rows = await this.db.all(
      `SELECT (SELECT count(*) FROM ${table} b WHERE b._pos < a._pos OR (b._pos = a._pos AND b._rid <= a._rid))${
        label ? `, ${columnSql(label.id)}` : ''
      } FROM ${table} a WHERE _rid = ?`,
      [rowId],
    );
    const row = rows[0];
    if (!row) return `row id ${rowId}`;
    return `row ${Number(row[0])}${label && row[1] !== null && row[1] !== undefined ? ` (${String(row[1])})` : ''}`;
  }

  private async invalid(
    dataset: DatasetMeta,
    row: number | { newRow: number },
    column: ColumnMeta,
    reason: string,
  ): Promise<never> {
    const where = typeof row === 'number' ? await this.describeRow(dataset, row) : `new row ${row.newRow}`;
    const rowId = typeof row === 'number' ? row : null;
    // Labels, as the analyst sees them in the grid's headers; the ids travel in the details.
    throw new AppError(
      'INVALID_VALUE',
      `${dataset.label || dataset.name}, ${where}, column ${columnHeading(column)}: ${reason}.`,
      {
        dataset: dataset.name,
        rowId,
        column: column.name,
      },
    );
  }

  /**
   * Deletes history steps, dropping the stash tables they keep. Every deletion of steps goes
   * through here, so a stash never outlives the step that can swap it back.
   */
  private async forget(where: string, params: SqlValue[] = []): Promise<void> {
    // Only import steps keep a stash: other steps (a large paste) are not read back and parsed.
    const rows = await this.db.all(
      `SELECT forward FROM _history WHERE (${where}) AND forward LIKE '%"kind":"swap"%'`,
      params,
    );
    for (const row of rows) {
      for (const stash of stashesOf(JSON.parse(String(row[0])) as RowOp)) {
        await this.db.run(`DROP TABLE IF EXISTS ${stash}`);
      }
    }
    await this.db.run(`DELETE FROM _history WHERE ${where}`, params);
  }

  /** Keeps the newest imports undoable; older steps go with the oldest stash (undo is in order). */
  private async limitImportUndo(): Promise<void> {
    const swaps = await this.db.all(
      `SELECT seq FROM _history WHERE forward LIKE '%"kind":"swap"%' ORDER BY seq DESC LIMIT 1 OFFSET ?`,
      [IMPORT_UNDO_LIMIT],
    );
    const oldest = swaps[0];
    if (oldest) await this.forget(`seq <= ?`, [Number(oldest[0])]);
  }

  private async record(label: string, datasetId: number | null, forward: RowOp, backward: RowOp): Promise<void> {
    await this.forget(`undone`);
    const seq = await nextId(this.db, '_history', 'seq');
    await this.db.run(`INSERT INTO _history VALUES (?, ?, ?, ?, ?, false, now())`, [
      seq,
      label,
      datasetId,
      JSON.stringify(forward),
      JSON.stringify(backward),
    ]);
    await this.forget(`seq <= ?`, [seq - HISTORY_LIMIT]);
  }

  /**
   * Checks edits against their columns and reads the values they replace (for undo). A data
   * cell typed over a sourced figure also marks its row as the analyst's (provenance-edits.ts),
   * in the same undo step.
   */
  private async cellsOp(dataset: DatasetMeta, edits: CellEdit[]) {
    const table = tableName(dataset.id);
    const cells: { rowId: number; columnId: number; value: CellValue }[] = [];
    const previous: CellValue[] = [];
    const stored: CellEdit[] = [];
    const check = async (edit: CellEdit) => {
      const column = findColumn(dataset, edit.column);
      const old = await this.db.all(`SELECT ${selectExpr(column)} FROM ${table} WHERE _rid = ?`, [edit.rowId]);
      if (old.length === 0) {
        throw new AppError('NOT_FOUND', `${dataset.name} has no row with id ${edit.rowId}.`, {
          dataset: dataset.name,
          rowId: edit.rowId,
        });
      }
      const checked = coerceCell(column, edit.value);
      if (!checked.ok) await this.invalid(dataset, edit.rowId, column, checked.reason);
      const value = checked.ok ? checked.value : null;
      cells.push({ rowId: edit.rowId, columnId: column.id, value });
      previous.push(old[0]?.[0] ?? null);
      stored.push({ rowId: edit.rowId, column: column.name, value });
    };
    for (const edit of edits) await check(edit);
    for (const edit of provenanceEdits(dataset, edits, await this.rowsBefore(dataset, stored, previous), today()))
      await check(edit);
    const op: RowOp = { kind: 'cells', datasetId: dataset.id, cells };
    return { op, undo: invert(op, previous), stored };
  }

  /** Each edited row's basis, source and note, and which of its cells the edit changes. */
  private async rowsBefore(dataset: DatasetMeta, stored: CellEdit[], previous: CellValue[]): Promise<RowBefore[]> {
    const provenance = ['basis', 'source', 'note'].map((n) => dataset.columns.find((c) => c.name === n));
    const rows = new Map<number, RowBefore>();
    for (const [i, edit] of stored.entries()) {
      const before = previous[i] ?? null;
      if (before === edit.value) continue; // cells are stored values: never NaN
      let row = rows.get(edit.rowId);
      if (!row) {
        const select = provenance.map((c) => (c ? selectExpr(c) : 'NULL')).join(', ');
        const found = await this.db.all(`SELECT ${select} FROM ${tableName(dataset.id)} WHERE _rid = ?`, [edit.rowId]);
        const r = found[0] ?? [];
        row = { rowId: edit.rowId, basis: r[0] ?? null, source: r[1] ?? null, note: r[2] ?? null, changed: new Map() };
        rows.set(edit.rowId, row);
      }
      if (!row.changed.has(edit.column)) row.changed.set(edit.column, { before, after: edit.value });
    }
    return [...rows.values()];
  }

  /** Checks new rows and gives them ids and positions (before `before`, or at the end). */
  private async insertOp(dataset: DatasetMeta, rows: Record<string, CellValue>[], before?: number) {
    const byName = new Map(dataset.columns.map((c) => [c.name, c]));
    const [lo, hi] = await this.positionGap(dataset.id, before);
    const first = Number((await this.db.all(`SELECT next_rid FROM _datasets WHERE id = ?`, [dataset.id]))[0]?.[0]);
    const stored: StoredRow[] = [];
    for (const [i, row] of rows.entries()) {
      const values: Record<string, CellValue> = {};
      for (const [key, raw] of Object.entries(row)) {
        const column = byName.get(key);
        if (!column) {
          throw new AppError('NOT_FOUND', `Dataset "${dataset.name}" has no column "${key}".`, { column: key });
        }
        const checked = coerceCell(column, raw);
        if (!checked.ok) await this.invalid(dataset, { newRow: i + 1 }, column, checked.reason);
        values[String(column.id)] = checked.ok ? checked.value : null;
      }
      const pos = hi === null ? lo + i + 1 : lo + ((hi - lo) * (i + 1)) / (rows.length + 1);
      stored.push({ rowId: first + i, pos, values });
    }
    if (rows.length)
      await this.db.run(`UPDATE _datasets SET next_rid = ? WHERE id = ?`, [first + rows.length, dataset.id]);
    const op: RowOp = { kind: 'insert', datasetId: dataset.id, rows: stored };
    return { op, undo: invert(op, []), rowIds: stored.map((r) => r.rowId) };
  }

  private async commitStep(label: string, datasetId: number, forward: RowOp, backward: RowOp) {
    await applyOp(this.db, forward);
    await this.record(label, datasetId, forward, backward);
    return { dataset: await datasetById(this.db, datasetId), info: await this.infoNow() };
  }

  /**
   * A pasted block: cell edits plus new rows at the end, checked whole and stored as one undo
   * step. A refused cell refuses the whole paste.
   */
  paste(
    name: string,
    edits: CellEdit[],
    newRows: Record<string, CellValue>[],
  ): Promise<{ dataset: DatasetMeta; info: WorkbookInfo; cells: number; added: number }> {
    return this.write(async () => {
      const dataset = await findDataset(this.db, name);
      const update = await this.cellsOp(dataset, edits);
      const insert = await this.insertOp(dataset, newRows);
      const count = edits.length + newRows.reduce((n, r) => n + Object.keys(r).length, 0);
      const done = await this.commitStep(
        `Paste ${count} cell${count === 1 ? '' : 's'} into ${dataset.name}`,
        dataset.id,
        { kind: 'batch', ops: [insert.op, update.op] },
        { kind: 'batch', ops: [update.undo, insert.undo] },
      );
      return { ...done, cells: edits.length, added: newRows.length };
    });
  }

  updateCells(
    name: string,
    edits: CellEdit[],
  ): Promise<{ dataset: DatasetMeta; info: WorkbookInfo; cells: CellEdit[] }> {
    return this.write(async () => {
      const dataset = await findDataset(this.db, name);
      const update = await this.cellsOp(dataset, edits);
      const n = edits.length;
      const done = await this.commitStep(
        `Edit ${n} cell${n === 1 ? '' : 's'} in ${dataset.name}`,
        dataset.id,
        update.op,
        update.undo,
      );
      return { ...done, cells: update.stored };
    });
  }

  insertRows(
    name: string,
    rows: Record<string, CellValue>[],
    before?: number,
  ): Promise<{ dataset: DatasetMeta; info: WorkbookInfo; rowIds: number[] }> {
    return this.write(async () => {
      const dataset = await findDataset(this.db, name);
      const insert = await this.insertOp(dataset, rows, before);
      const n = rows.length;
      const done = await this.commitStep(
        `Add ${n} row${n === 1 ? '' : 's'} to ${dataset.name}`,
        dataset.id,
        insert.op,
        insert.undo,
      );
      return { ...done, rowIds: insert.rowIds };
    });
  }

  /** The open interval of positions new rows go into: before `before`, or after the last row. */
  private async positionGap(datasetId: number, before: number | undefined): Promise<[number, number | null]> {
    const table = tableName(datasetId);
    if (before === undefined) {
      const max = await this.db.all(`SELECT coalesce(max(_pos), 0) FROM ${table}`);
      return [Number(max[0]?.[0] ?? 0), null];
    }
    const at = await this.db.all(`SELECT _pos FROM ${table} WHERE _rid = ?`, [before]);
    if (at.length === 0) throw new AppError('NOT_FOUND', `No row with id ${before} to insert before.`);
    const hi = Number(at[0]?.[0]);
    const prev = await this.db.all(`SELECT coalesce(max(_pos), ?) FROM ${table} WHERE _pos < ?`, [hi - 1, hi]);
    return [Number(prev[0]?.[0]), hi];
  }

  deleteRows(name: string, rowIds: number[]): Promise<{ dataset: DatasetMeta; info: WorkbookInfo }> {
    return this.write(async () => {
      const dataset = await findDataset(this.db, name);
      const table = tableName(dataset.id);
      const stored: StoredRow[] = [];
      const select = ['_rid', '_pos', ...dataset.columns.map(selectExpr)].join(', ');
      for (const id of new Set(rowIds)) {
        const found = await this.db.all(`SELECT ${select} FROM ${table} WHERE _rid = ?`, [id]);
        const r = found[0];
        if (!r) throw new AppError('NOT_FOUND', `${dataset.name} has no row with id ${id}.`, { rowId: id });
        const values: Record<string, CellValue> = {};
        dataset.columns.forEach((c, i) => {
          values[String(c.id)] = r[i + 2] ?? null;
        });
        stored.push({ rowId: id, pos: Number(r[1]), values });
      }
      const forward: RowOp = { kind: 'delete', datasetId: dataset.id, rows: stored };
      const n = stored.length;
      return this.commitStep(
        `Delete ${n} row${n === 1 ? '' : 's'} from ${dataset.name}`,
        dataset.id,
        forward,
        invert(forward, []),
      );
    });
  }

  // ---- history ----------------------------------------------------------------------

  /** Every table in the workbook file, for tests that check nothing is left behind. */
  async tableNames(): Promise<string[]> {
    return (await this.db.all(`SELECT table_name FROM information_schema.tables ORDER BY 1`)).map((r) => String(r[0]));
  }

  /**
   * A whole, consistent copy of the workbook in a new file (before an upgrade changes it): one
   * DuckDB statement while this workbook's queue is held, so no edit is half in it.
   */
  backupTo(path: string): Promise<void> {
    return this.run(async () => {
      const name = String((await this.db.all(`SELECT current_database()`))[0]?.[0] ?? '');
      const quoted = (id: string) => `"${id.replace(/"/g, '""')}"`;
      await this.db.run(`ATTACH '${path.replace(/'/g, "''")}' AS cgw_backup`);
      try {
        await this.db.run(`COPY FROM DATABASE ${quoted(name)} TO cgw_backup`);
      } finally {
        await this.db.run(`DETACH cgw_backup`);
      }
    });
  }

  /** Forgets every undo step, e.g. after the template has been loaded. */
  clearHistory(): Promise<void> {
    return this.write(() => this.forget(`true`));
  }

  undo(): Promise<HistoryStep> {
    return this.step('undo');
  }
  redo(): Promise<HistoryStep> {
    return this.step('redo');
  }

  private step(direction: 'undo' | 'redo'): Promise<HistoryStep> {
    return this.write(async () => {
      const rows =
        direction === 'undo'
          ? await this.db.all(
              `SELECT seq, label, dataset_id, backward FROM _history WHERE NOT undone ORDER BY seq DESC LIMIT 1`,
            )
          : await this.db.all(
              `SELECT seq, label, dataset_id, forward FROM _history WHERE undone ORDER BY seq ASC LIMIT 1`,
            );
      const row = rows[0];
      if (!row) {
        throw direction === 'undo'
          ? new AppError('NOTHING_TO_UNDO', 'There is nothing to undo.')
          : new AppError('NOTHING_TO_REDO', 'There is nothing to redo.');
      }
      await applyOp(this.db, JSON.parse(String(row[3])) as RowOp);
      await this.db.run(`UPDATE _history SET undone = ? WHERE seq = ?`, [direction === 'undo', Number(row[0])]);
      return {
        label: String(row[1]),
        datasetId: row[2] === null ? null : Number(row[2]),
        info: await this.infoNow(),
      };
    });
  }
}
