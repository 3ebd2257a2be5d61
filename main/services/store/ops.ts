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
  | { kind: 'batch'; ops: RowOp[] }
  /**
   * An import: the dataset's rows before it are kept whole in a stash table, and undo and redo
   * swap the two tables' contents. A million rows cost two renames, not a JSON step.
   */
  | { kind: 'swap'; datasetId: number; stash: string };

/** Stash tables are named by the store only; a name read back from the history is checked again. */
const STASH = /^_undo_[0-9]+_[0-9a-z]+$/;

export function stashName(datasetId: number): string {
  return `_undo_${datasetId}_${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

/** The stash tables an op keeps alive (dropped when its history step is forgotten). */
export function stashesOf(op: RowOp): string[] {
  if (op.kind === 'swap') return STASH.test(op.stash) ? [op.stash] : [];
  if (op.kind === 'batch') return op.ops.flatMap(stashesOf);
  return [];
}

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
    case 'swap': {
      if (!STASH.test(op.stash)) throw new Error(`not a stash table: ${op.stash}`);
      const spare = `${op.stash}_x`;
      await db.run(`ALTER TABLE ${table} RENAME TO ${spare}`);
      await db.run(`ALTER TABLE ${op.stash} RENAME TO ${table}`);
      await db.run(`ALTER TABLE ${spare} RENAME TO ${op.stash}`);
      return;
    }
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
    case 'swap':
      return op;
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
