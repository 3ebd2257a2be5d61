import { AsyncLocalStorage } from 'node:async_hooks';
import { DOUBLE, type DuckDBConnection, DuckDBInstance, type DuckDBType } from '@duckdb/node-api';
import { AppError } from '../../../shared/contract/index.js';

export type SqlValue = string | number | boolean | null;
export type SqlRow = SqlValue[];

/**
 * The binding guesses a type from each JS value and takes a whole number for a BIGINT, which
 * fails for whole doubles beyond int64 (-9.2e18 in a number column). Those go in as DOUBLE;
 * every other value keeps the binding's own guess.
 */
function bindTypes(params: SqlValue[]): DuckDBType[] | undefined {
  if (!params.some((v) => typeof v === 'number' && !Number.isSafeInteger(v))) return undefined;
  return params.map((v) => (typeof v === 'number' && !Number.isSafeInteger(v) ? DOUBLE : undefined)) as DuckDBType[];
}

/** DuckDB hands back bigint, Date and other objects; the store only speaks plain JSON values. */
function plain(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return JSON.stringify(value) ?? null;
}

/** Connections that serve reads beside the writer: paged reads, model loads, exports. */
const READERS = 4;

/** A connection with its own queue, so one request's statements never interleave with another's. */
class Lane {
  tail: Promise<unknown> = Promise.resolve();
  /** A transaction is open on this connection: a transaction begun inside it joins it. */
  inTx = false;
  constructor(readonly connection: DuckDBConnection) {}

  queue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/**
 * One DuckDB file: one writer connection, whose queue keeps each transaction whole, and a few
 * reader connections beside it. DuckDB's MVCC gives a reader the last committed state, so a
 * page read never waits behind an import or an edit and never sees half of one. Statements
 * run on the connection of the lane whose work is running (found through the async context).
 */
export class Db {
  private readonly writer: Lane;
  private readonly readers: Lane[];
  private next = 0;
  private readonly lane = new AsyncLocalStorage<Lane>();
  private closing: Promise<void> | null = null;
  private closed = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    connection: DuckDBConnection,
    readers: DuckDBConnection[],
  ) {
    this.writer = new Lane(connection);
    this.readers = readers.map((c) => new Lane(c));
  }

  static async open(path: string, readOnly: boolean, options: { readers?: number } = {}): Promise<Db> {
    const settings: Record<string, string> = readOnly ? { access_mode: 'READ_ONLY' } : {};
    const instance = await DuckDBInstance.create(path, settings);
    const opened: DuckDBConnection[] = [];
    try {
      const connection = await instance.connect();
      opened.push(connection);
      for (let i = 0; i < (options.readers ?? READERS); i++) opened.push(await instance.connect());
      return new Db(instance, connection, opened.slice(1));
    } catch (error) {
      for (const c of opened) c.closeSync();
      instance.closeSync();
      throw error;
    }
  }

  private get connection(): DuckDBConnection {
    return (this.lane.getStore() ?? this.writer).connection;
  }

  /** True inside work that holds the writer (an `exclusive` section and what it awaits). */
  holdsWriter(): boolean {
    return this.lane.getStore() === this.writer;
  }

  /**
   * Runs `work` alone on the writer: nothing else writes until it settles. Work that already
   * holds the writer runs at once (queueing behind itself would never start).
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.holdsWriter()) return work();
    if (this.closing) return Promise.reject(closedError());
    return this.writer.queue(() => this.lane.run(this.writer, work));
  }

  /**
   * Runs a read on a reader connection, beside the writer: it sees what was committed when it
   * starts. Without readers (an in-memory scratch database) it queues on the writer.
   */
  read<T>(work: () => Promise<T>): Promise<T> {
    // A read inside a write sees that write's own changes: it runs in its transaction.
    if (this.holdsWriter()) return work();
    if (this.closing) return Promise.reject(closedError());
    const lane = this.readers[this.next++ % Math.max(1, this.readers.length)];
    if (!lane) return this.exclusive(work);
    return lane.queue(() => this.lane.run(lane, work));
  }

  async all(sql: string, params: SqlValue[] = []): Promise<SqlRow[]> {
    this.assertOpen();
    const reader = await this.connection.runAndReadAll(sql, params, bindTypes(params));
    return reader.getRowsJS().map((row) => row.map(plain));
  }

  /** Rows as objects keyed by the names the SELECT gives its columns: read by name, not position. */
  async named(sql: string, params: SqlValue[] = []): Promise<Record<string, SqlValue>[]> {
    this.assertOpen();
    const reader = await this.connection.runAndReadAll(sql, params, bindTypes(params));
    return reader.getRowObjectsJS().map((row) => {
      const out: Record<string, SqlValue> = {};
      for (const [key, value] of Object.entries(row)) out[key] = plain(value);
      return out;
    });
  }

  /** The first column of the first row (a count, a max), or null when there is no row. */
  async scalar(sql: string, params: SqlValue[] = []): Promise<SqlValue> {
    return (await this.all(sql, params))[0]?.[0] ?? null;
  }

  async run(sql: string, params: SqlValue[] = []): Promise<void> {
    this.assertOpen();
    await this.connection.run(sql, params, bindTypes(params));
  }

  /**
   * A transaction: committed when `work` resolves, rolled back when it throws. One begun inside
   * another joins it, so several writes make one all-or-nothing step (an upgrade).
   */
  async tx<T>(work: () => Promise<T>): Promise<T> {
    const lane = this.lane.getStore() ?? this.writer;
    if (lane.inTx) return work();
    await this.run('BEGIN TRANSACTION');
    lane.inTx = true;
    try {
      const result = await work();
      lane.inTx = false;
      await this.run('COMMIT');
      return result;
    } catch (error) {
      lane.inTx = false;
      await this.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** True inside a transaction of the current connection. */
  inTransaction(): boolean {
    return (this.lane.getStore() ?? this.writer).inTx;
  }

  /** Stops the writer's statement running now (it fails); used to cancel a long import. */
  interrupt(): void {
    if (!this.closed) this.writer.connection.interrupt();
  }

  /**
   * Closes once the work already queued has settled; work offered after this is refused.
   * Closing the native connection under a running statement hangs or kills the process (the
   * host died switching workbooks while the window was still reading rows), so it never does.
   */
  close(): Promise<void> {
    this.closing ??= Promise.all([this.writer, ...this.readers].map((l) => l.tail)).then(() => {
      this.closed = true;
      for (const l of [...this.readers, this.writer]) l.connection.closeSync();
      this.instance.closeSync();
    });
    return this.closing;
  }

  private assertOpen(): void {
    if (this.closed) throw closedError();
  }
}

function closedError(): AppError {
  return AppError.of('NO_WORKBOOK', { key: 'mainError.closed' });
}
