/**
 * 1M x 20 CSV import: the workbench's import (checks, types, all or nothing) against DuckDB's
 * bare read_csv into a table, on the same file, each in its own process (time to a closed
 * file, and peak memory), in alternating rounds keeping each side's fastest: single runs on
 * this two-core machine swung the ratio from 1.2x to 1.7x. Run: npm run bench:import
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tempDir } from '../main/testing/temp-dir.js';
import { makeCsv } from './make-csv.js';
import { record } from './record.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
interface Run {
  ms: number;
  imported: number;
  peakMb: number;
}
const tmp = tempDir();
try {
  const csv = tmp.file('bench.csv');
  await makeCsv(csv, ROWS);
  const run = (mode: 'bare' | 'ours'): Run => {
    const out = tmp.file(`${mode}.duckdb`);
    rmSync(out, { force: true });
    rmSync(`${out}.wal`, { force: true });
    const line = execFileSync(process.execPath, ['--import', 'tsx', 'bench/import-worker.ts', mode, csv, out], {
      encoding: 'utf8',
    });
    const result = JSON.parse(line.trim().split('\n').at(-1) ?? '{}') as Run;
    if (result.imported !== ROWS) throw new Error(`${mode} imported ${result.imported} rows, not ${ROWS}`);
    return result;
  };
  const bare: Run[] = [];
  const ours: Run[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    bare.push(run('bare'));
    ours.push(run('ours'));
  }
  const best = (runs: Run[]) => Math.min(...runs.map((x) => x.ms));
  const peak = (runs: Run[]) => Math.max(...runs.map((x) => x.peakMb));
  const [bareMs, oursMs] = [best(bare), best(ours)];
  const memory = peak(ours) / peak(bare);
  console.log(`CSV import, ${ROWS.toLocaleString('en-US')} rows x 20 columns, ${ROUNDS} rounds`);
  console.log(
    `  DuckDB read_csv into a table:            ${bare.map((x) => (x.ms / 1000).toFixed(2)).join(' / ')} s, peak ${peak(bare).toFixed(0)} MB`,
  );
  console.log(
    `  workbench import (checked, all or none): ${ours.map((x) => (x.ms / 1000).toFixed(2)).join(' / ')} s, peak ${peak(ours).toFixed(0)} MB`,
  );
  console.log(`  ratio (fastest of each): time ${(oursMs / bareMs).toFixed(2)}x, peak memory ${memory.toFixed(2)}x`);
  record({
    measure: `import a ${ROWS.toLocaleString('en-US')} x 20 CSV`,
    ours: `${(oursMs / 1000).toFixed(2)} s`,
    peer: `DuckDB read_csv ${(bareMs / 1000).toFixed(2)} s`,
    ratio: oursMs / bareMs,
    target: '<= 1.3x',
    met: oursMs / bareMs <= 1.3,
  });
  record({
    measure: `import a ${ROWS.toLocaleString('en-US')} x 20 CSV, peak memory`,
    ours: `${peak(ours).toFixed(0)} MB`,
    peer: `DuckDB read_csv ${peak(bare).toFixed(0)} MB`,
    ratio: memory,
    target: '<= 1.5x',
    met: memory <= 1.5,
  });
} finally {
  tmp.remove();
}
