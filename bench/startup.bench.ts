/**
 * Start-up: `compute --json` through the bundled CLI (scripts/cli.mjs, as `npm run cli` runs it)
 * against Node starting and exiting with nothing to do, median of 7 runs each, on a built-in
 * workbook made before timing. Run: npm run bench:startup
 */
import { execFileSync } from 'node:child_process';
import { tempDir } from '../main/testing/temp-dir.js';
import { record } from './record.js';

const RUNS = 7;
const tmp = tempDir();
const env = { ...process.env, CGW_DATA_DIR: tmp.dir };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const time = (args: string[]) => {
  const start = performance.now();
  execFileSync(process.execPath, args, { env, stdio: 'pipe' });
  return performance.now() - start;
};
try {
  // The first run makes the workbook and, if the sources changed, the bundle: not timed.
  const first = JSON.parse(
    execFileSync(process.execPath, ['scripts/cli.mjs', 'compute', '--json'], { env }).toString(),
  ) as {
    outputs: object;
  };
  if (!first.outputs) throw new Error('compute --json gave no outputs');
  const ours = median(Array.from({ length: RUNS }, () => time(['scripts/cli.mjs', 'compute', '--json'])));
  const floor = median(Array.from({ length: RUNS }, () => time(['-e', '0'])));
  console.log(
    `CLI start-up, median of ${RUNS}: compute --json ${ours.toFixed(0)} ms, bare node ${floor.toFixed(0)} ms`,
  );
  record({
    measure: 'CLI compute --json, start to exit',
    ours: `${(ours / 1000).toFixed(2)} s`,
    peer: `node doing nothing ${(floor / 1000).toFixed(2)} s`,
    ratio: ours / floor,
    target: '<= 0.6 s',
    met: ours <= 600,
  });
} finally {
  tmp.remove();
}
