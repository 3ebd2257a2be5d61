/**
 * 100k x 20 XLSX import: the workbench's import (zip guard, streaming read, checks, types, all
 * or nothing) against ExcelJS's streaming reader merely walking every cell of the same file,
 * in the same run. Run: npm run bench:xlsx-import
 */
import ExcelJS from 'exceljs';
import { exportDatasetXlsx } from '../main/services/export/dataset-export.js';
import { importFile } from '../main/services/import/import-file.js';
import { WorkbookStore } from '../main/services/store/workbook-store.js';
import { tempDir } from '../main/testing/temp-dir.js';
import { record } from './record.js';
import { makeCsv } from './make-csv.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const tmp = tempDir();
try {
  // The test file: the generated CSV, imported and written out as a typed XLSX.
  const csv = tmp.file('bench.csv');
  await makeCsv(csv, ROWS);
  const source = await WorkbookStore.create(tmp.file('source.cgw'));
  await importFile(source, csv, { dataset: 'bench', mode: 'new' });
  const xlsx = tmp.file('bench.xlsx');
  await exportDatasetXlsx(source, 'bench', xlsx);
  await source.close();

  let start = performance.now();
  let cells = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(xlsx, { sharedStrings: 'cache', styles: 'cache' });
  for await (const sheet of reader) {
    for await (const row of sheet) cells += (row.values as unknown[]).length - 1;
  }
  const bareMs = performance.now() - start;

  start = performance.now();
  const store = await WorkbookStore.create(tmp.file('bench.cgw'));
  const done = await importFile(store, xlsx, { dataset: 'bench', mode: 'new' });
  const oursMs = performance.now() - start;
  await store.close();

  console.log(
    `XLSX import, ${ROWS.toLocaleString('en-US')} rows x 20 columns (${done.imported.toLocaleString('en-US')} imported, ${cells.toLocaleString('en-US')} cells walked by the peer)`,
  );
  console.log(`  ExcelJS streaming reader, every cell:    ${(bareMs / 1000).toFixed(2)} s`);
  console.log(`  workbench import (guarded, checked):      ${(oursMs / 1000).toFixed(2)} s`);
  console.log(`  ratio: ${(oursMs / bareMs).toFixed(2)}x`);
  record({
    measure: `import a ${ROWS.toLocaleString('en-US')} x 20 XLSX`,
    ours: `${(oursMs / 1000).toFixed(2)} s`,
    peer: `ExcelJS streaming reader ${(bareMs / 1000).toFixed(2)} s`,
    ratio: oursMs / bareMs,
    target: '<= 1.2x',
    met: oursMs / bareMs <= 1.2,
  });
} finally {
  tmp.remove();
}
