import { defineConfig } from 'vitest/config';

const ALL = ['main/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.ts', 'scripts/**/*.test.ts'];

/**
 * Tests that take minutes on two cores (kill and load tests, LibreOffice, child-process CLI runs,
 * fuzzing): the `slow` project. `npm run test:fast` is the inner loop without them; the README
 * test command runs both.
 */
const SLOW = [
  'main/handlers/hostile.test.ts',
  'main/web/crash.test.ts',
  'main/services/create-crash.test.ts',
  'main/services/export/kill.test.ts',
  'main/services/model/oracle.test.ts',
  'main/cli.test.ts',
  'main/services/import/import.test.ts',
  'main/electron/audit.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Each DuckDB file test opens real files; files run in parallel workers, tests in a file in order.
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'fast', include: ALL, exclude: SLOW } },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
  },
});
