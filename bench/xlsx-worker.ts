/** One XLSX export in its own process, reporting time and peak memory (RSS, sampled). */
import ExcelJS from 'exceljs';
import { exportDatasetXlsx } from '../main/services/export/dataset-export.js';
import { WorkbookStore } from '../main/services/store/workbook-store.js';

const [mode = 'ours', workbook = '', out = ''] = process.argv.slice(2);
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
const store = await WorkbookStore.open(workbook, { readOnly: true });
const start = performance.now();
if (mode === 'ours') {
  await exportDatasetXlsx(store, 'bench', out);
} else {
  // The peer: ExcelJS's in-memory workbook, every row held until the file is written.
  const meta = await store.getDataset('bench');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('bench');
  ws.addRow(meta.columns.map((c) => c.name));
  for (let offset = 0; ; offset += 10_000) {
    const page = await store.readRows({ dataset: 'bench', offset, limit: 10_000 });
    for (const r of page.rows) ws.addRow(meta.columns.map((c) => r.values[c.name] ?? null));
    if (page.rows.length < 10_000) break;
  }
  await wb.xlsx.writeFile(out);
}
const ms = performance.now() - start;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
await store.close();
console.log(JSON.stringify({ mode, ms, peakMb: peak / 1024 / 1024 }));
