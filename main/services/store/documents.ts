import type { Text } from '../../../shared/i18n/index.js';
import { AppError, type CellValue, type WorkbookInfo } from '../../../shared/contract/index.js';
import { loadDatasets, namedSelect, tableName, valuesByName } from './catalog.js';
import type { StoreCore } from './core.js';
import type { History } from './history.js';
import { type RowOp, applyOp, invert } from './ops.js';

const SQL = {
  body: `SELECT body FROM _documents WHERE name = ?`,
  exists: `SELECT 1 AS found FROM _documents WHERE name = ?`,
  put: `INSERT OR REPLACE INTO _documents VALUES (?, ?)`,
  insert: `INSERT INTO _documents VALUES (?, ?)`,
  remove: `DELETE FROM _documents WHERE name = ?`,
  namesFrom: `SELECT name FROM _documents WHERE starts_with(name, ?) ORDER BY name`,
} as const;

/** Named JSON documents in the workbook: the model, scenarios, the what-if state, vintages. */
export class Documents {
  constructor(
    private readonly core: StoreCore,
    private readonly history: History,
  ) {}

  private get db() {
    return this.core.db;
  }

  get(name: string): Promise<string | null> {
    return this.core.run(async () => {
      const row = (await this.db.named(SQL.body, [name]))[0];
      return row ? String(row['body']) : null;
    });
  }

  put(name: string, body: string): Promise<void> {
    return this.core.write(async () => {
      await this.db.run(SQL.put, [name, body]);
      this.core.touch({ documents: [name] });
    });
  }

  /** Names of the documents that start with `prefix`, sorted. */
  names(prefix: string): Promise<string[]> {
    return this.core.run(async () => (await this.db.named(SQL.namesFrom, [prefix])).map((r) => String(r['name'])));
  }

  /** Removes a document outside the undo history (a vintage the user chose to delete, after asking). */
  delete(name: string): Promise<boolean> {
    return this.core.write(async () => {
      const had = (await this.db.named(SQL.exists, [name])).length > 0;
      await this.db.run(SQL.remove, [name]);
      if (had) this.core.touch({ documents: [name] });
      return had;
    });
  }

  /**
   * Writes a new document made from every dataset's rows as they are at this moment: the rows
   * are read and the document stored in one transaction, so no edit can land between the
   * reading and the writing. A document of that name already there is refused, never replaced.
   */
  snapshot(name: string, make: (datasets: Record<string, Record<string, CellValue>[]>) => string): Promise<void> {
    return this.core.write(async () => {
      if ((await this.db.named(SQL.exists, [name])).length > 0)
        throw AppError.of('CONFLICT', { key: 'mainError.taken', params: { name: name.replace(/^[^:]*:/, '') } });
      const datasets: Record<string, Record<string, CellValue>[]> = {};
      for (const dataset of await loadDatasets(this.db)) {
        const select = namedSelect(dataset.columns);
        const rows = select
          ? await this.db.named(`SELECT ${select} FROM ${tableName(dataset.id)} ORDER BY _pos, _rid`)
          : [];
        datasets[dataset.name] = rows.map((r) => valuesByName(r, dataset.columns));
      }
      await this.db.run(SQL.insert, [name, make(datasets)]);
      this.core.touch({ documents: [name] });
    });
  }

  /** Replaces a document as one undoable step (scenario edits, assumption moves). */
  edit(name: string, body: string, label: Text): Promise<WorkbookInfo> {
    return this.editMany([{ name, body }], label);
  }

  /**
   * Replaces several documents as one undoable step (a rename that rewrites the model, the
   * scenarios and the vintages): all are written in one transaction and undone together.
   * Documents whose body would not change are left out; no change at all records no step.
   */
  editMany(changes: { name: string; body: string }[], label: Text): Promise<WorkbookInfo> {
    return this.core.write(async () => {
      const forward: RowOp[] = [];
      const backward: RowOp[] = [];
      for (const { name, body } of changes) {
        const old = (await this.db.named(SQL.body, [name]))[0];
        const before = old ? String(old['body']) : null;
        if (before === body) continue;
        const op: RowOp = { kind: 'doc', name, body };
        forward.push(op);
        backward.unshift(invert(op, [before]));
      }
      const [one] = forward;
      if (!one) return this.history.infoNow();
      for (const op of forward) await applyOp(this.db, op);
      if (forward.length === 1) await this.history.record(label, null, one, backward[0] ?? one);
      else await this.history.record(label, null, { kind: 'batch', ops: forward }, { kind: 'batch', ops: backward });
      this.core.touch({ documents: forward.map((op) => (op.kind === 'doc' ? op.name : '')) });
      return this.history.infoNow();
    });
  }
}
