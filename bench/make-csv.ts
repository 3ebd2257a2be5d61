/** Writes a synthetic CSV of N rows x 20 columns (an id, a text column, 18 numbers) for import tests and benchmarks. */
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

export async function makeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const head = ['id', 'region', ...Array.from({ length: 18 }, (_, i) => `metric_${i + 1}`)];
  out.write(`${head.join(',')}\n`);
  let chunk = '';
  for (let r = 0; r < rows; r++) {
    const cells = [String(r), `region ${r % 97}`];
    for (let c = 0; c < 18; c++) cells.push(((r * 31 + c * 17) % 100000) / 100 + '');
    chunk += `${cells.join(',')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r2) => out.once('drain', () => r2()));
      chunk = '';
    }
  }
  out.end(chunk);
  await finished(out);
}

if (process.argv[1]?.endsWith('make-csv.ts')) {
  await makeCsv(process.argv[2] ?? 'big.csv', Number(process.argv[3] ?? 1_000_000));
}
