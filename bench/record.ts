import { appendFileSync, mkdirSync } from 'node:fs';

/** One line of the table `npm run bench` prints at the end (bench/report.ts). */
export interface BenchLine {
  measure: string;
  ours: string;
  peer: string;
  /** ours / peer, as a number (the table prints it with an x). */
  ratio: number;
  /** The target for the ratio, in words ("<= 1.1x"), and whether this run met it. */
  target: string;
  met: boolean;
}

export const RESULTS = 'build/bench/results.jsonl';

/** Adds a measured line to this run's results. */
export function record(line: BenchLine): void {
  mkdirSync('build/bench', { recursive: true });
  appendFileSync(RESULTS, `${JSON.stringify(line)}\n`);
}
