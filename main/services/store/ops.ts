import type { CellValue } from '../../../shared/contract/index.js';
import { columnSql, tableName } from './catalog.js';
import type { Db, SqlValue } from './db.js';

/**
 * A change to rows, stored in the history as JSON. Ops name datasets and columns by id so a
 * rename does not break undo. Every op has an exact inverse, which is what undo applies.
 */
export interface StoredRow {
  rowId: number;
  pos: number;
  values: Record<string, CellValue>; // keyed by column id
}
export type RowOp =
  | { kind: 'cells'; datasetId: number; cells: { rowId: number; columnId: number; value: CellValue }[] }
  | { kind: 'insert'; datasetId: number; rows: StoredRow[] }
  | { kind: 'delete'; datasetId: number; rows: StoredRow[] }
  /** A whole document (scenarios and the current what-if state) before or after a change. */
  | { kind: 'doc'; name: string; body: string | null }
  /** Several ops as one undo step (a paste that also adds rows). */
  | { kind: 'batch'; ops: RowOp[] };

export async function applyOp(db: Db, op: RowOp): Promise<void> {
  if (op.kind === 'batch') {
    for (const inner of op.ops) await applyOp(db, inner);
    return;
  }
  if (op.kind === 'doc') {
    if (op.body === null) await db.run(`DELETE FROM _documents WHERE name = ?`, [op.name]);
    else await db.run(`INSERT OR REPLACE INTO _documents VALUES (?, ?)`, [op.name, op.body]);
    return;
  }
  const table = tableName(op.datasetId);
  switch (op.kind) {
    case 'cells':
      for (const cell of op.cells) {
        await db.run(`UPDATE ${table} SET ${columnSql(cell.columnId)} = ? WHERE _rid = ?`, [cell.value, cell.rowId]);
      }
      return;
    case 'insert':
      for (const row of op.rows) {
        const ids = Object.keys(row.values).map(Number);
        const names = ['_rid', '_pos', ...ids.map(columnSql)].join(', ');
        const marks = ids.map(() => '?').join(', ');
        const params: SqlValue[] = [row.rowId, row.pos, ...ids.map((id) => row.values[String(id)] ?? null)];
        await db.run(`INSERT INTO ${table} (${names}) VALUES (?, ?${marks ? ', ' + marks : ''})`, params);
      }
      return;
    case 'delete':
      for (let i = 0; i < op.rows.length; i += 1000) {
        const chunk = op.rows.slice(i, i + 1000).map((r) => r.rowId);
        await db.run(`DELETE FROM ${table} WHERE _rid IN (${chunk.map(() => '?').join(', ')})`, chunk);
      }
      return;
  }
}

export function invert(op: RowOp, previous: CellValue[]): RowOp {
  switch (op.kind) {
    case 'doc':
      return { kind: 'doc', name: op.name, body: typeof previous[0] === 'string' ? previous[0] : null };
    case 'batch':
      throw new Error('a batch is inverted by its maker');
    case 'cells':
      return {
        kind: 'cells',
        datasetId: op.datasetId,
        cells: op.cells.map((c, i) => ({ ...c, value: previous[i] ?? null })).reverse(),
      };
    case 'insert':
      return { kind: 'delete', datasetId: op.datasetId, rows: op.rows };
    case 'delete':
      return { kind: 'insert', datasetId: op.datasetId, rows: op.rows };
  }
}
