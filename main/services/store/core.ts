import { type Changes, isNoChange, mergeChanges } from '../../../shared/contract/index.js';
import { loadDatasets } from './catalog.js';
import type { Db } from './db.js';
import type { RowOp } from './ops.js';

export type ChangeListener = (changes: Changes) => void;

/**
 * What every part of the store shares: the workbook file's one connection, the queue that
 * keeps a transaction's statements together, and the record of what a write changed. Each
 * write says what it touched; when its transaction commits, the listeners hear it once (the
 * session turns that into the `changed` event and the reply's `changed`).
 */
export class StoreCore {
  private pending: Changes = {};
  private readonly listeners = new Set<ChangeListener>();

  constructor(
    readonly path: string,
    readonly db: Db,
  ) {}

  /** A read, on a reader connection beside the writer: it sees every write committed before it began. */
  run<T>(work: () => Promise<T>): Promise<T> {
    return this.db.read(work);
  }

  /** Work that must hold the writer without a transaction of its own (a backup of the whole file). */
  hold<T>(work: () => Promise<T>): Promise<T> {
    return this.db.exclusive(work);
  }

  /**
   * A write: one transaction, all or nothing; what it touched is told once it has committed.
   * A write inside another write is part of it: nothing is told until the outer one commits.
   */
  write<T>(work: () => Promise<T>): Promise<T> {
    if (this.db.holdsWriter() && this.db.inTransaction()) return work();
    return this.db.exclusive(async () => {
      this.pending = {};
      try {
        const result = await this.db.tx(work);
        const done = this.pending;
        if (!isNoChange(done)) for (const listener of this.listeners) listener(done);
        return result;
      } finally {
        this.pending = {};
      }
    });
  }

  /** Called inside a write: what it changes. A rolled-back write tells nobody. */
  touch(changes: Changes): void {
    this.pending = mergeChanges(this.pending, changes);
  }

  /** What an undo step, redo step or recorded edit touches, by dataset name and document. */
  async touchOp(op: RowOp): Promise<void> {
    const ids = new Set<number>();
    const documents: string[] = [];
    const walk = (o: RowOp): void => {
      if (o.kind === 'batch') o.ops.forEach(walk);
      else if (o.kind === 'doc') documents.push(o.name);
      else ids.add(o.datasetId);
    };
    walk(op);
    const rows: string[] = [];
    for (const id of ids) rows.push(...(await loadDatasets(this.db, { id })).map((d) => d.name));
    this.touch({ rows, documents });
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
