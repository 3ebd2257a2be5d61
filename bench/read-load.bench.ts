/**
 * Page reads under load: 8 clients on one workbook (2 writing: a 50,000-row import replacing a
 * dataset over and over, and cell edits; 6 reading pages of a 200,000-row dataset), with reads
 * served beside the writer (reader connections) against reads queued behind it (one
 * connection, as before), in the same run. Run: npm run bench:read-load
 */
import { importFile } from '../main/services/import/import-file.js';
import { WorkbookStore } from '../main/services/store/workbook-store.js';
import { tempDir } from '../main/testing/temp-dir.js';
import { makeCsv } from './make-csv.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const tmp = tempDir();

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

async function pageRead(store: WorkbookStore): Promise<number> {
  const start = performance.now();
  await store.readRows({ dataset: 'big', offset: Math.floor(Math.random() * (ROWS - 100)), limit: 100 });
  return performance.now() - start;
}

async function measure(path: string, readers: number, churn: string) {
  const store = await WorkbookStore.open(path, { readers });
  const idle: number[] = [];
  for (let i = 0; i < 200; i++) idle.push(await pageRead(store));
  // The same six readers with nothing writing: what sharing two cores among readers costs,
  // so the load figure can be read as what the writers add on top.
  const readsOnly: number[] = [];
  const readsUntil = performance.now() + (SECONDS * 1000) / 2;
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (performance.now() < readsUntil) readsOnly.push(await pageRead(store));
    }),
  );
  const loaded: number[] = [];
  let imports = 0;
  let edits = 0;
  const until = performance.now() + SECONDS * 1000;
  const edited = (await store.readRows({ dataset: 'small', offset: 0, limit: 1 })).rows[0]?.id ?? 0;
  await Promise.all([
    (async () => {
      while (performance.now() < until) {
        await importFile(store, churn, { dataset: 'churn', mode: 'replace' });
        imports++;
      }
    })(),
    (async () => {
      while (performance.now() < until) {
        await store.updateCells('small', [{ rowId: edited, column: 'metric_1', value: edits++ }]);
      }
    })(),
    ...Array.from({ length: 6 }, async () => {
      while (performance.now() < until) loaded.push(await pageRead(store));
    }),
  ]);
  await store.close();
  return { idle, readsOnly, loaded, imports, edits };
}

try {
  const big = tmp.file('big.csv');
  const small = tmp.file('small.csv');
  const churn = tmp.file('churn.csv');
  await makeCsv(big, ROWS);
  await makeCsv(small, 100);
  await makeCsv(churn, 50_000);
  const path = tmp.file('load.cgw');
  const store = await WorkbookStore.create(path);
  await importFile(store, big, { dataset: 'big', mode: 'new' });
  await importFile(store, small, { dataset: 'small', mode: 'new' });
  await importFile(store, churn, { dataset: 'churn', mode: 'new' });
  await store.close();

  console.log(`Page reads (100 rows of ${ROWS.toLocaleString('en-US')}) under 8 clients for ${SECONDS} s`);
  for (const [name, readers] of [
    ['one connection (reads queue behind writes)', 0],
    ['reader connections beside the writer', Number(process.env.BENCH_READERS ?? 4)],
  ] as const) {
    const r = await measure(path, readers, churn);
    const idle99 = pct(r.idle, 99);
    console.log(`  ${name}:`);
    console.log(`    idle:       p50 ${pct(r.idle, 50).toFixed(1)} ms, p99 ${idle99.toFixed(1)} ms`);
    console.log(
      `    6 readers, no writes: p50 ${pct(r.readsOnly, 50).toFixed(1)} ms, p99 ${pct(r.readsOnly, 99).toFixed(1)} ms (${r.readsOnly.length} reads)`,
    );
    console.log(
      `    under load: p50 ${pct(r.loaded, 50).toFixed(1)} ms, p99 ${pct(r.loaded, 99).toFixed(1)} ms (${r.loaded.length} reads, ${r.imports} imports, ${r.edits} edits)`,
    );
    console.log(`    p99 under load / p99 idle: ${(pct(r.loaded, 99) / idle99).toFixed(1)}x`);
    console.log(
      `    p99 under load / p99 of the same readers with no writes: ${(pct(r.loaded, 99) / pct(r.readsOnly, 99)).toFixed(1)}x`,
    );
  }
} finally {
  tmp.remove();
}
