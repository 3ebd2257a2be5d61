import type { Locale, Text } from '../../../shared/i18n/index.js';
import { datasetWords, headingWords } from '../../../shared/text/column-heading.js';
import {
  AppError,
  type CellEdit,
  type CellValue,
  type ColumnMeta,
  type DatasetMeta,
  type RowFilter,
  type RowPage,
  type WorkbookInfo,
  coerceCell,
} from '../../../shared/contract/index.js';
import {
  columnSql,
  datasetById,
  findColumn,
  findDataset,
  namedSelect,
  selectExpr,
  tableName,
  valuesById,
  valuesByName,
} from './catalog.js';
import type { StoreCore } from './core.js';
import { whereClause } from './filter-sql.js';
import type { History } from './history.js';
import { type RowOp, type StoredRow, applyOp, invert } from './ops.js';
import { type RowBefore, provenanceEdits } from './provenance-edits.js';

/** Today in the machine's time zone, as the analyst would date a note. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const SQL = {
  nextRid: `SELECT next_rid FROM _datasets WHERE id = ?`,
  setNextRid: `UPDATE _datasets SET next_rid = ? WHERE id = ?`,
} as const;

export interface ReadRowsArgs {
  dataset: string;
  offset: number;
  limit: number;
  sort?: { column: string; direction: 'asc' | 'desc' }[] | undefined;
  filter?: RowFilter[] | undefined;
}

/** A dataset's rows: paged reads, and cell edits, pastes, inserts and deletes as undo steps. */
export class Rows {
  constructor(
    private readonly core: StoreCore,
    private readonly history: History,
  ) {}

  private get db() {
    return this.core.db;
  }

  read(args: ReadRowsArgs): Promise<RowPage> {
    return this.core.run(async () => {
      const dataset = await findDataset(this.db, args.dataset);
      const order = (args.sort ?? []).map((s) => {
        const column = findColumn(dataset, s.column);
        return `${columnSql(column.id)} ${s.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`;
      });
      order.push('_pos', '_rid');
      const where = whereClause(dataset, args.filter ?? []);
      const select = ['_rid', namedSelect(dataset.columns)].filter(Boolean).join(', ');
      // The page's row ids are found first, sorting only the sort columns, and then only those
      // rows are read whole: sorting every column of a 200,000-row table to keep 100 took 32 ms
      // a page, this takes 7 (and the order is total, _pos then _rid, so both agree).
      const table = tableName(dataset.id);
      const rows = await this.db.named(
        `SELECT ${select} FROM ${table} WHERE _rid IN (SELECT _rid FROM ${table} ${where.sql} ORDER BY ${order.join(', ')} LIMIT ? OFFSET ?) ORDER BY ${order.join(', ')}`,
        [...where.params, args.limit, args.offset],
      );
      const total = where.sql
        ? Number(
            (await this.db.scalar(`SELECT count(*) FROM ${tableName(dataset.id)} ${where.sql}`, where.params)) ?? 0,
          )
        : dataset.rowCount;
      return {
        total,
        offset: args.offset,
        rows: rows.map((r) => ({ id: Number(r['_rid']), values: valuesByName(r, dataset.columns) })),
      };
    });
  }

  /** Names a row the way a person finds it: its position and its first text value. */
  private async describeRow(dataset: DatasetMeta, rowId: number): Promise<Text> {
    const table = tableName(dataset.id);
    const label = dataset.columns.find((c) => c.type === 'text' && c.role === 'data');
    const row = (
      await this.db.named(
        `SELECT (SELECT count(*) FROM ${table} b WHERE b._pos < a._pos OR (b._pos = a._pos AND b._rid <= a._rid)) AS place${
          label ? `, ${columnSql(label.id)} AS label` : ''
        } FROM ${table} a WHERE _rid = ?`,
        [rowId],
      )
    )[0];
    if (!row) return { key: 'error.rowId', params: { id: String(rowId) } };
    const text = row['label'];
    const place = String(Number(row['place']));
    return label && text !== null && text !== undefined
      ? { key: 'error.rowLabelled', params: { place, label: String(text) } }
      : { key: 'error.row', params: { place } };
  }

  private async invalid(
    dataset: DatasetMeta,
    row: number | { newRow: number },
    column: ColumnMeta,
    reason: Text,
  ): Promise<never> {
    const where: Text =
      typeof row === 'number'
        ? await this.describeRow(dataset, row)
        : { key: 'error.newRow', params: { n: String(row.newRow) } };
    const rowId = typeof row === 'number' ? row : null;
    // Labels, as the analyst sees them in the grid's headers; the ids travel in the details.
    throw AppError.of(
      'INVALID_VALUE',
      {
        key: 'error.cell',
        params: { dataset: datasetWords(dataset), where, column: headingWords(column), reason },
      },
      { dataset: dataset.name, rowId, column: column.name },
    );
  }

  /**
   * Checks edits against their columns and reads the values they replace (for undo). A data
   * cell typed over a sourced figure also marks its row as the analyst's (provenance-edits.ts),
   * in the same undo step.
   */
  private async cellsOp(dataset: DatasetMeta, edits: CellEdit[], language: Locale = 'en') {
    const table = tableName(dataset.id);
    const cells: { rowId: number; columnId: number; value: CellValue }[] = [];
    const previous: CellValue[] = [];
    const stored: CellEdit[] = [];
    const check = async (edit: CellEdit) => {
      const column = findColumn(dataset, edit.column);
      const old = await this.db.named(`SELECT ${selectExpr(column)} AS old FROM ${table} WHERE _rid = ?`, [edit.rowId]);
      if (old.length === 0) {
        throw AppError.of(
          'NOT_FOUND',
          { key: 'mainError.noRow', params: { dataset: dataset.name, id: String(edit.rowId) } },
          {
            dataset: dataset.name,
            rowId: edit.rowId,
          },
        );
      }
      const checked = coerceCell(column, edit.value);
      if (!checked.ok) await this.invalid(dataset, edit.rowId, column, checked.why);
      const value = checked.ok ? checked.value : null;
      cells.push({ rowId: edit.rowId, columnId: column.id, value });
      previous.push(old[0]?.['old'] ?? null);
      stored.push({ rowId: edit.rowId, column: column.name, value });
    };
    for (const edit of edits) await check(edit);
    const before = await this.rowsBefore(dataset, stored, previous);
    for (const edit of provenanceEdits(dataset, edits, before, today(), language)) await check(edit);
    const op: RowOp = { kind: 'cells', datasetId: dataset.id, cells };
    return { op, undo: invert(op, previous), stored };
  }

  /** Each edited row's basis, source and note, and which of its cells the edit changes. */
  private async rowsBefore(dataset: DatasetMeta, stored: CellEdit[], previous: CellValue[]): Promise<RowBefore[]> {
    const provenance = ['basis', 'source', 'note'].map((n) => dataset.columns.find((c) => c.name === n));
    const select = ['basis', 'source', 'note']
      .map((n, i) => {
        const c = provenance[i];
        return `${c ? selectExpr(c) : 'NULL'} AS ${n}`;
      })
      .join(', ');
    const rows = new Map<number, RowBefore>();
    for (const [i, edit] of stored.entries()) {
      const before = previous[i] ?? null;
      if (before === edit.value) continue; // cells are stored values: never NaN
      let row = rows.get(edit.rowId);
      if (!row) {
        const r = (
          await this.db.named(`SELECT ${select} FROM ${tableName(dataset.id)} WHERE _rid = ?`, [edit.rowId])
        )[0];
        row = {
          rowId: edit.rowId,
          basis: r?.['basis'] ?? null,
          source: r?.['source'] ?? null,
          note: r?.['note'] ?? null,
          changed: new Map(),
        };
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
    const first = Number(await this.db.scalar(SQL.nextRid, [dataset.id]));
    const stored: StoredRow[] = [];
    for (const [i, row] of rows.entries()) {
      const values: Record<string, CellValue> = {};
      for (const [key, raw] of Object.entries(row)) {
        const column = byName.get(key);
        if (!column) {
          throw AppError.of(
            'NOT_FOUND',
            { key: 'mainError.noColumn', params: { dataset: dataset.name, column: key } },
            { column: key },
          );
        }
        const checked = coerceCell(column, raw);
        if (!checked.ok) await this.invalid(dataset, { newRow: i + 1 }, column, checked.why);
        values[String(column.id)] = checked.ok ? checked.value : null;
      }
      const pos = hi === null ? lo + i + 1 : lo + ((hi - lo) * (i + 1)) / (rows.length + 1);
      stored.push({ rowId: first + i, pos, values });
    }
    if (rows.length) await this.db.run(SQL.setNextRid, [first + rows.length, dataset.id]);
    const op: RowOp = { kind: 'insert', datasetId: dataset.id, rows: stored };
    return { op, undo: invert(op, []), rowIds: stored.map((r) => r.rowId) };
  }

  /** The open interval of positions new rows go into: before `before`, or after the last row. */
  private async positionGap(datasetId: number, before: number | undefined): Promise<[number, number | null]> {
    const table = tableName(datasetId);
    if (before === undefined)
      return [Number((await this.db.scalar(`SELECT coalesce(max(_pos), 0) FROM ${table}`)) ?? 0), null];
    const at = await this.db.named(`SELECT _pos FROM ${table} WHERE _rid = ?`, [before]);
    if (at.length === 0)
      throw AppError.of('NOT_FOUND', { key: 'mainError.noRowBefore', params: { id: String(before) } });
    const hi = Number(at[0]?.['_pos']);
    const lo = await this.db.scalar(`SELECT coalesce(max(_pos), ?) FROM ${table} WHERE _pos < ?`, [hi - 1, hi]);
    return [Number(lo), hi];
  }

  private async commitStep(label: Text, dataset: DatasetMeta, forward: RowOp, backward: RowOp) {
    await applyOp(this.db, forward);
    await this.history.record(label, dataset.id, forward, backward);
    this.core.touch({ rows: [dataset.name] });
    return { dataset: await datasetById(this.db, dataset.id), info: await this.history.infoNow() };
  }

  /**
   * A pasted block: cell edits plus new rows at the end, checked whole and stored as one undo
   * step. A refused cell refuses the whole paste.
   */
  paste(
    name: string,
    edits: CellEdit[],
    newRows: Record<string, CellValue>[],
    language: Locale = 'en',
  ): Promise<{ dataset: DatasetMeta; info: WorkbookInfo; cells: number; added: number }> {
    return this.core.write(async () => {
      const dataset = await findDataset(this.db, name);
      const update = await this.cellsOp(dataset, edits, language);
      const insert = await this.insertOp(dataset, newRows);
      const count = edits.length + newRows.reduce((n, r) => n + Object.keys(r).length, 0);
      const done = await this.commitStep(
        { key: 'undo.paste', params: { count, dataset: dataset.name } },
        dataset,
        { kind: 'batch', ops: [insert.op, update.op] },
        { kind: 'batch', ops: [update.undo, insert.undo] },
      );
      return { ...done, cells: edits.length, added: newRows.length };
    });
  }

  update(
    name: string,
    edits: CellEdit[],
    language: Locale = 'en',
  ): Promise<{ dataset: DatasetMeta; info: WorkbookInfo; cells: CellEdit[] }> {
    return this.core.write(async () => {
      const dataset = await findDataset(this.db, name);
      const update = await this.cellsOp(dataset, edits, language);
      const done = await this.commitStep(
        { key: 'undo.edit', params: { count: edits.length, dataset: dataset.name } },
        dataset,
        update.op,
        update.undo,
      );
      return { ...done, cells: update.stored };
    });
  }

  insert(
    name: string,
    rows: Record<string, CellValue>[],
    before?: number,
  ): Promise<{ dataset: DatasetMeta; info: WorkbookInfo; rowIds: number[] }> {
    return this.core.write(async () => {
      const dataset = await findDataset(this.db, name);
      const insert = await this.insertOp(dataset, rows, before);
      const done = await this.commitStep(
        { key: 'undo.add', params: { count: rows.length, dataset: dataset.name } },
        dataset,
        insert.op,
        insert.undo,
      );
      return { ...done, rowIds: insert.rowIds };
    });
  }

  delete(name: string, rowIds: number[]): Promise<{ dataset: DatasetMeta; info: WorkbookInfo }> {
    return this.core.write(async () => {
      const dataset = await findDataset(this.db, name);
      const table = tableName(dataset.id);
      const stored: StoredRow[] = [];
      const select = ['_rid', '_pos', namedSelect(dataset.columns)].filter(Boolean).join(', ');
      for (const id of new Set(rowIds)) {
        const r = (await this.db.named(`SELECT ${select} FROM ${table} WHERE _rid = ?`, [id]))[0];
        if (!r)
          throw AppError.of(
            'NOT_FOUND',
            { key: 'mainError.noRow', params: { dataset: dataset.name, id: String(id) } },
            { rowId: id },
          );
        stored.push({ rowId: id, pos: Number(r['_pos']), values: valuesById(r, dataset.columns) });
      }
      const forward: RowOp = { kind: 'delete', datasetId: dataset.id, rows: stored };
      return this.commitStep(
        { key: 'undo.delete', params: { count: stored.length, dataset: dataset.name } },
        dataset,
        forward,
        invert(forward, []),
      );
    });
  }
}
