/**
 * One CSV import in its own process, so its peak memory is its own: the workbench's import
 * into a new workbook, or DuckDB's bare read_csv into a table. Prints time and peak RSS.
 */
import { importFile } from '../main/services/import/import-file.js';
import { Db } from '../main/services/store/db.js';
import { WorkbookStore } from '../main/services/store/workbook-store.js';

const [mode = 'ours', csv = '', out = ''] = process.argv.slice(2);
const start = performance.now();
let imported: number;
if (mode === 'bare') {
  const bare = await Db.open(out, false);
  await bare.run(`CREATE TABLE t AS SELECT * FROM read_csv(?)`, [csv]);
  imported = Number(await bare.scalar(`SELECT count(*) FROM t`));
  await bare.close();
} else {
  const store = await WorkbookStore.create(out);
  imported = (await importFile(store, csv, { dataset: 'bench', mode: 'new' })).imported;
  await store.close();
}
const ms = performance.now() - start;
if (mode === 'ours') {
  // Not timed: the rows are where the file had them (the id column counts from 0 in file order).
  const store = await WorkbookStore.open(out, { readOnly: true });
  for (const offset of [0, 1, Math.floor(imported / 2), imported - 1]) {
    const [row] = (await store.readRows({ dataset: 'bench', offset, limit: 1 })).rows;
    if (row?.values['id'] !== offset) throw new Error(`row ${offset} holds id ${String(row?.values['id'])}`);
  }
  await store.close();
}
// maxRSS is the process's true peak (in kB), not a sample of it.
console.log(JSON.stringify({ mode, ms, imported, peakMb: process.resourceUsage().maxRSS / 1024 }));
