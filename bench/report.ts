/**
 * The table `npm run bench` ends with: every measure of this run, ours against its peer in the
 * same run, the ratio and the target. Run after the benches (they append to build/bench).
 */
import { existsSync, readFileSync } from 'node:fs';
import { type BenchLine, RESULTS } from './record.js';

const lines: BenchLine[] = existsSync(RESULTS)
  ? readFileSync(RESULTS, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as BenchLine)
  : [];
const rows = [
  ['measure', 'ours', 'peer in the same run', 'ratio', 'target', 'met'],
  ...lines.map((l) => [l.measure, l.ours, l.peer, `${l.ratio.toFixed(2)}x`, l.target, l.met ? 'yes' : 'no']),
];
const widths = rows[0]!.map((_, c) => Math.max(3, ...rows.map((r) => r[c]!.length)));
const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
// A Markdown table: the README's speed table is pasted from it.
console.log(['', line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n'));
