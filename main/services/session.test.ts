import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract/index.js';
import { Session } from './session.js';
import { tempDir } from '../testing/temp-dir.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe('switching workbooks', () => {
  // The browser host died here in CI: the window was still reading rows from one workbook when
  // it asked to open another, and the old DuckDB connection was closed under the running read.
  it('answers the reads already running on the old workbook, then closes it, 12 times over', async () => {
    const session = new Session();
    await session.openDefault(tmp.dir);
    const a = session.current().path;
    const b = tmp.file('second.cgw');
    await session.newFromTemplate(b);
    let answered = 0;
    for (let i = 0; i < 12; i++) {
      const old = session.current();
      const reads = Array.from({ length: 30 }, () =>
        old.readRows({ dataset: 'chip_supply', offset: 0, limit: 10_000 }),
      );
      const opened = await session.open(i % 2 ? b : a);
      expect(session.current()).toBe(opened);
      const pages = await Promise.all(reads);
      answered += pages.filter((p) => p.rows.length === 33).length; // every chip_supply row
      // Work offered to the closed workbook is refused with a typed error, not run on a dead connection.
      const late = await old.info().then(
        () => null,
        (error: unknown) => error,
      );
      expect(late).toBeInstanceOf(AppError);
      expect((late as AppError).code).toBe('NO_WORKBOOK');
    }
    expect(answered).toBe(12 * 30);
    await session.close();
  });
});
