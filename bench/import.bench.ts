/**
 * 1M x 20 CSV import: the workbench's import (checks, types, all or nothing) against DuckDB's
 * bare read_csv into a table, in the same run on the same file. Run: npm run bench:import
 */
import { importFile } from '../main/services/import/import-file.js';
import { Db } from '../main/services/store/db.js';
import { WorkbookStore } from '../main/services/store/workbook-store.js';
import { tempDir } from '../main/testing/temp-dir.js';
import { makeCsv } from './make-csv.js';
import { record } from './record.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const tmp = tempDir();
try {
  const csv = tmp.file('bench.csv');
  await makeCsv(csv, ROWS);

  let start = performance.now();
  const bare = await Db.open(tmp.file('bare.duckdb'), false);
  await bare.run(`CREATE TABLE t AS SELECT * FROM read_csv(?)`, [csv]);
  const bareMs = performance.now() - start;
  await bare.close();

  start = performance.now();
  const store = await WorkbookStore.create(tmp.file('bench.cgw'));
  const done = await importFile(store, csv, { dataset: 'bench', mode: 'new' });
  const oursMs = performance.now() - start;
  await store.close();

  console.log(
    `CSV import, ${ROWS.toLocaleString('en-US')} rows x 20 columns (${done.imported.toLocaleString('en-US')} imported)`,
  );
  console.log(`  DuckDB read_csv into a table:           ${(bareMs / 1000).toFixed(2)} s`);
  console.log(`  workbench import (checked, all or none): ${(oursMs / 1000).toFixed(2)} s`);
  console.log(`  ratio: ${(oursMs / bareMs).toFixed(1)}x`);
  record({
    measure: `import a ${ROWS.toLocaleString('en-US')} x 20 CSV`,
    ours: `${(oursMs / 1000).toFixed(2)} s`,
    peer: `DuckDB read_csv ${(bareMs / 1000).toFixed(2)} s`,
    ratio: oursMs / bareMs,
    target: '<= 1.3x',
    met: oursMs / bareMs <= 1.3,
  });
} finally {
  tmp.remove();
}
