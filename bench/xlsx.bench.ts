/**
 * 100k x 20 XLSX export: the workbench's streaming exporter against ExcelJS's in-memory
 * writer, each in its own process (time and peak memory). Run: npm run bench:xlsx
 */
import { execFileSync } from 'node:child_process';
import { importFile } from '../main/services/import/import-file.js';
import { WorkbookStore } from '../main/services/store/workbook-store.js';
import { tempDir } from '../main/testing/temp-dir.js';
import { makeCsv } from './make-csv.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const tmp = tempDir();
try {
  await makeCsv(tmp.file('x.csv'), ROWS);
  const store = await WorkbookStore.create(tmp.file('x.cgw'));
  await importFile(store, tmp.file('x.csv'), { dataset: 'bench', mode: 'new' });
  await store.close();
  const run = (mode: string) =>
    JSON.parse(
      execFileSync(
        process.execPath,
        ['--import', 'tsx', 'bench/xlsx-worker.ts', mode, tmp.file('x.cgw'), tmp.file(`${mode}.xlsx`)],
        {
          encoding: 'utf8',
        },
      ),
    ) as { ms: number; peakMb: number };
  const peer = run('peer');
  const ours = run('ours');
  console.log(`XLSX export, ${ROWS.toLocaleString('en-US')} rows x 20 columns`);
  console.log(`  ExcelJS in-memory writer: ${(peer.ms / 1000).toFixed(2)} s, peak ${peer.peakMb.toFixed(0)} MB`);
  console.log(`  workbench (streaming):    ${(ours.ms / 1000).toFixed(2)} s, peak ${ours.peakMb.toFixed(0)} MB`);
  console.log(
    `  ratios (workbench / ExcelJS): time ${(ours.ms / peer.ms).toFixed(2)}x, peak memory ${(ours.peakMb / peer.peakMb).toFixed(2)}x`,
  );
} finally {
  tmp.remove();
}
