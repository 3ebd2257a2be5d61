import { basename } from 'node:path';
import { AppError, type HistoryStep, type WorkbookInfo } from '../../../shared/contract/index.js';
import { type Text, isText } from '../../../shared/i18n/index.js';
import { nextId } from './catalog.js';
import type { StoreCore } from './core.js';
import type { SqlValue } from './db.js';
import { CURRENT_SCHEMA_VERSION } from './migrations.js';
import { type RowOp, applyOp, stashesOf } from './ops.js';

/** Undo keeps this many steps; older ones are dropped. */
const HISTORY_LIMIT = 500;
/** Imports Ctrl+Z can reach back over; each keeps the dataset's earlier rows in a stash table. */
export const IMPORT_UNDO_LIMIT = 3;

/**
 * A step's label as data (a catalogue key and parameters, stored as JSON), so Ctrl+Z reads in
 * the window's language. Workbooks written before kept English sentences: shown as they are.
 */
function storedLabel(value: SqlValue | undefined): Text {
  const stored = String(value ?? '');
  try {
    const parsed: unknown = JSON.parse(stored);
    if (isText(parsed)) return parsed;
  } catch {
    // an English sentence from an older workbook
  }
  return { key: 'undo.plain', params: { text: stored } };
}

const SQL = {
  newestDone: `SELECT label FROM _history WHERE NOT undone ORDER BY seq DESC LIMIT 1`,
  oldestUndone: `SELECT label FROM _history WHERE undone ORDER BY seq ASC LIMIT 1`,
  stepToUndo: `SELECT seq, label, dataset_id, backward AS op FROM _history WHERE NOT undone ORDER BY seq DESC LIMIT 1`,
  stepToRedo: `SELECT seq, label, dataset_id, forward AS op FROM _history WHERE undone ORDER BY seq ASC LIMIT 1`,
  markStep: `UPDATE _history SET undone = ? WHERE seq = ?`,
  insertStep: `INSERT INTO _history VALUES (?, ?, ?, ?, ?, false, now())`,
  stashedSteps: (where: string) => `SELECT forward FROM _history WHERE (${where}) AND forward LIKE '%"kind":"swap"%'`,
  deleteSteps: (where: string) => `DELETE FROM _history WHERE ${where}`,
  importSteps: `SELECT seq FROM _history WHERE forward LIKE '%"kind":"swap"%' ORDER BY seq DESC LIMIT 1 OFFSET ?`,
} as const;

/**
 * The undo history, kept in the workbook file: each step holds its forward and backward ops,
 * so undo works across restarts. Steps are written in the same transaction as their edit.
 */
export class History {
  constructor(private readonly core: StoreCore) {}

  private get db() {
    return this.core.db;
  }

  /** The workbook's name and what Ctrl+Z and Ctrl+Y would do; call inside a queued read or write. */
  async infoNow(): Promise<WorkbookInfo> {
    const undo = (await this.db.named(SQL.newestDone))[0];
    const redo = (await this.db.named(SQL.oldestUndone))[0];
    return {
      path: this.core.path,
      name: basename(this.core.path).replace(/\.cgw$/i, ''),
      schemaVersion: CURRENT_SCHEMA_VERSION,
      canUndo: undo !== undefined,
      canRedo: redo !== undefined,
      undoLabel: undo ? storedLabel(undo['label']) : null,
      redoLabel: redo ? storedLabel(redo['label']) : null,
    };
  }

  /**
   * Deletes history steps, dropping the stash tables they keep. Every deletion of steps goes
   * through here, so a stash never outlives the step that can swap it back.
   */
  async forget(where: string, params: SqlValue[] = []): Promise<void> {
    // Only import steps keep a stash: other steps (a large paste) are not read back and parsed.
    for (const row of await this.db.named(SQL.stashedSteps(where), params)) {
      for (const stash of stashesOf(JSON.parse(String(row['forward'])) as RowOp)) {
        await this.db.run(`DROP TABLE IF EXISTS ${stash}`);
      }
    }
    await this.db.run(SQL.deleteSteps(where), params);
  }

  /** Keeps the newest imports undoable; older steps go with the oldest stash (undo is in order). */
  async limitImportUndo(): Promise<void> {
    const oldest = (await this.db.named(SQL.importSteps, [IMPORT_UNDO_LIMIT]))[0];
    if (oldest) await this.forget(`seq <= ?`, [Number(oldest['seq'])]);
  }

  /** A new step after an edit; the steps it makes unreachable (undone ones) are dropped. */
  async record(label: Text, datasetId: number | null, forward: RowOp, backward: RowOp): Promise<void> {
    await this.forget(`undone`);
    const seq = await nextId(this.db, '_history', 'seq');
    await this.db.run(SQL.insertStep, [
      seq,
      JSON.stringify(label),
      datasetId,
      JSON.stringify(forward),
      JSON.stringify(backward),
    ]);
    await this.forget(`seq <= ?`, [seq - HISTORY_LIMIT]);
  }

  /** Forgets every undo step, e.g. after the template has been loaded. */
  clear(): Promise<void> {
    return this.core.write(() => this.forget(`true`));
  }

  step(direction: 'undo' | 'redo'): Promise<HistoryStep> {
    return this.core.write(async () => {
      const row = (await this.db.named(direction === 'undo' ? SQL.stepToUndo : SQL.stepToRedo))[0];
      if (!row) {
        throw direction === 'undo'
          ? AppError.of('NOTHING_TO_UNDO', { key: 'mainError.nothingToUndo' })
          : AppError.of('NOTHING_TO_REDO', { key: 'mainError.nothingToRedo' });
      }
      const op = JSON.parse(String(row['op'])) as RowOp;
      await applyOp(this.db, op);
      await this.core.touchOp(op);
      await this.db.run(SQL.markStep, [direction === 'undo', Number(row['seq'])]);
      return {
        label: storedLabel(row['label']),
        datasetId: row['dataset_id'] === null ? null : Number(row['dataset_id']),
        info: await this.infoNow(),
      };
    });
  }
}
