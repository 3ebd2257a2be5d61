import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/temp-dir.js';
import { Db } from './db.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe('readers beside the writer', () => {
  it('answer a read while a write transaction is open, with what was committed before it', async () => {
    const db = await Db.open(tmp.file('r.duckdb'), false);
    await db.exclusive(() => db.run(`CREATE TABLE t AS SELECT range AS x FROM range(1000)`));
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const order: string[] = [];
    const write = db.exclusive(() =>
      db.tx(async () => {
        await db.run(`INSERT INTO t SELECT range FROM range(500)`);
        await held; // an import still running
        order.push('write committed');
      }),
    );
    // Reads started during the write: they do not wait for it and do not see its rows.
    const during = await Promise.all([1, 2, 3].map(() => db.read(() => db.scalar(`SELECT count(*) FROM t`))));
    order.push('reads answered');
    expect(during).toEqual([1000, 1000, 1000]);
    release();
    await write;
    expect(order).toEqual(['reads answered', 'write committed']);
    // After the commit every reader sees it.
    const after = await Promise.all([1, 2, 3].map(() => db.read(() => db.scalar(`SELECT count(*) FROM t`))));
    expect(after).toEqual([1500, 1500, 1500]);
    await db.close();
  });

  it('joins a transaction begun inside another, and a read inside it sees its uncommitted rows', async () => {
    const db = await Db.open(tmp.file('n.duckdb'), false);
    await db.exclusive(() => db.run(`CREATE TABLE t (x INTEGER)`));
    const inner = await db
      .exclusive(() =>
        db.tx(async () => {
          await db.tx(() => db.run(`INSERT INTO t VALUES (1)`));
          const seen = await db.read(() => db.scalar(`SELECT count(*) FROM t`));
          throw new Error(`seen ${String(seen)}`);
        }),
      )
      .catch((e: Error) => e.message);
    expect(inner).toBe('seen 1');
    // The outer one failed: the inner insert went with it.
    expect(await db.read(() => db.scalar(`SELECT count(*) FROM t`))).toBe(0);
    await db.close();
  });

  it('closes only after queued reads and writes have settled, and refuses work after', async () => {
    const db = await Db.open(tmp.file('c.duckdb'), false);
    await db.exclusive(() => db.run(`CREATE TABLE t (x INTEGER)`));
    const reads = [1, 2, 3, 4].map(() => db.read(() => db.scalar(`SELECT count(*) FROM t`)));
    const closed = db.close();
    expect(await Promise.all(reads)).toEqual([0, 0, 0, 0]);
    await closed;
    await expect(db.read(() => db.scalar('SELECT 1'))).rejects.toMatchObject({ code: 'NO_WORKBOOK' });
  });
});
