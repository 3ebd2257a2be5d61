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

/**
 * One DuckDB file with one connection. Every call goes through a queue so that a
 * transaction never interleaves with another request's statements.
 */
export class Db {
  private tail: Promise<unknown> = Promise.resolve();
  private closing: Promise<void> | null = null;
  private closed = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(path: string, readOnly: boolean): Promise<Db> {
    const options: Record<string, string> = readOnly ? { access_mode: 'READ_ONLY' } : {};
    const instance = await DuckDBInstance.create(path, options);
    try {
      const connection = await instance.connect();
      return new Db(instance, connection);
    } catch (error) {
      instance.closeSync();
      throw error;
    }
  }

  /** Runs `work` alone: nothing else touches the connection until it settles. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(closedError());
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
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

  /** A transaction: committed when `work` resolves, rolled back when it throws. */
  async tx<T>(work: () => Promise<T>): Promise<T> {
    await this.run('BEGIN TRANSACTION');
    try {
      const result = await work();
      await this.run('COMMIT');
      return result;
    } catch (error) {
      await this.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** Stops the statement running now (it fails); used to cancel a long import. */
  interrupt(): void {
    if (!this.closed) this.connection.interrupt();
  }

  /**
   * Closes once the work already queued has settled; work offered after this is refused.
   * Closing the native connection under a running statement hangs or kills the process (the
   * host died switching workbooks while the window was still reading rows), so it never does.
   */
  close(): Promise<void> {
    this.closing ??= this.tail.then(() => {
      this.closed = true;
      this.connection.closeSync();
      this.instance.closeSync();
    });
    return this.closing;
  }

  private assertOpen(): void {
    if (this.closed) throw closedError();
  }
}

function closedError(): AppError {
  return new AppError('NO_WORKBOOK', 'That workbook was closed (another one was opened); try again.');
}
