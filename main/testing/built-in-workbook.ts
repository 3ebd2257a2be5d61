import { afterAll, beforeAll } from 'vitest';
import { Session } from '../services/session.js';
import { tempDir } from './temp-dir.js';

/**
 * For a test file: a session on the built-in workbook, made fresh in its own folder before the
 * tests and removed after them.
 */
export function builtInWorkbook(): { session: Session; tmp: ReturnType<typeof tempDir> } {
  const tmp = tempDir();
  const session = new Session();
  beforeAll(() => session.openDefault(tmp.dir));
  afterAll(async () => {
    await session.close();
    tmp.remove();
  });
  return { session, tmp };
}
