import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tempDataDir } from './host.js';

const run = promisify(execFile);

/**
 * Runs `npm run cli -- compute ... --json` (the same entry, without npm's banner) on a fresh
 * built-in workbook: the host holds its own workbook open, so the CLI gets its own copy of
 * the same template.
 */
export async function cliJson<T>(...args: string[]): Promise<T> {
  const data = tempDataDir();
  try {
    const { stdout } = await run(process.execPath, ['scripts/cli.mjs', ...args, '--json'], {
      env: { ...process.env, CGW_DATA_DIR: data.dir },
      timeout: 120_000,
    });
    return JSON.parse(stdout) as T;
  } finally {
    data.remove();
  }
}

export interface ComputeJson {
  outputs: Record<string, { columns: number[]; rows: { labels: string[]; values: number[] }[] }>;
}

export function yearValue(json: ComputeJson, output: string, year: number): number {
  const o = json.outputs[output];
  const i = o?.columns.indexOf(year) ?? -1;
  return o?.rows[0]?.values[i] ?? Number.NaN;
}
