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
    return this.core.write(async () => {
      const old = (await this.db.named(SQL.body, [name]))[0];
      const before = old ? String(old['body']) : null;
      if (before === body) return this.history.infoNow();
      const forward: RowOp = { kind: 'doc', name, body };
      await applyOp(this.db, forward);
      await this.history.record(label, null, forward, invert(forward, [before]));
      this.core.touch({ documents: [name] });
      return this.history.infoNow();
    });
  }
}
