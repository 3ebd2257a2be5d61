/**
 * Engine speed, as ratios against a hand-written version of the same model in the same run.
 * Run: npm run bench:engine
 */
import { MonteCarloRun, sampler, seededRandom } from '../shared/model/index.js';
import { loadEngine, readTables } from '../main/services/model/load.js';
import { Session } from '../main/services/session.js';
import { tempDir } from '../main/testing/temp-dir.js';
import { handwritten } from './handwritten-model.js';
import { record } from './record.js';

function time(label: string, repeat: number, f: (i: number) => void): number {
  for (let i = 0; i < Math.min(2000, repeat); i++) f(i); // warm up the JIT
  const start = performance.now();
  for (let i = 0; i < repeat; i++) f(i);
  const perCall = ((performance.now() - start) * 1000) / repeat;
  console.log(`${label.padEnd(44)} ${perCall.toFixed(2).padStart(9)} µs`);
  return perCall;
}

const tmp = tempDir();
const session = new Session();
const store = await session.openDefault(tmp.dir);
const engine = await loadEngine(store);
const peer = handwritten(await readTables(store, engine.model.def));
const base = engine.assumptions();

// The two implementations must agree before their speed means anything.
for (const scenario of engine.model.def.scenarios) {
  const a = engine.assumptions(scenario.overrides);
  const ours = engine.run(a).get('coverage') as Float64Array;
  const theirs = peer(a).coverage;
  ours.forEach((v, i) => {
    if (Math.abs(v - (theirs[i] as number)) > 1e-12 * Math.abs(v)) throw new Error(`disagree: ${scenario.name} ${i}`);
  });
}

const vary = new Float64Array(base);
const N = 50_000;
const ours = time('engine: full recompute of the built-in model', N, (i) => {
  vary[1] = 1 + (i % 20) / 100;
  engine.run(vary);
});
const theirs = time('hand-written loops: the same model', N, (i) => {
  vary[1] = 1 + (i % 20) / 100;
  peer(vary);
});

const DRAWS = 100_000;
let start = performance.now();
const run = new MonteCarloRun(engine, { draws: DRAWS, seed: 1, base });
run.step(DRAWS);
run.result();
const mcOurs = performance.now() - start;
start = performance.now();
const random = seededRandom(1);
const samplers = engine.model.def.assumptions.map((a, i) => sampler(a, base[i] ?? a.default));
const cells: Float64Array[] = Array.from({ length: 10 }, () => new Float64Array(DRAWS));
for (let d = 0; d < DRAWS; d++) {
  for (let k = 0; k < samplers.length; k++) vary[k] = samplers[k]!(random);
  const r = peer(vary);
  for (let y = 0; y < 5; y++) {
    cells[y]![d] = r.gap[y]!;
    cells[5 + y]![d] = r.coverage[y]!;
  }
}
for (const c of cells) c.sort();
const mcTheirs = performance.now() - start;

console.log(`\nMonte Carlo, ${DRAWS.toLocaleString('en-US')} draws (engine keeps all 9 outputs, peer 2)`);
console.log(`${'engine (MonteCarloRun)'.padEnd(44)} ${mcOurs.toFixed(0).padStart(9)} ms`);
console.log(`${'hand-written loops'.padEnd(44)} ${mcTheirs.toFixed(0).padStart(9)} ms`);
console.log(
  `\nRatios (engine / hand-written): recompute ${(ours / theirs).toFixed(1)}x, Monte Carlo ${(mcOurs / mcTheirs).toFixed(1)}x`,
);
record({
  measure: 'one full recompute of the built-in model',
  ours: `${ours.toFixed(1)} µs`,
  peer: `hand-written loops ${theirs.toFixed(2)} µs`,
  ratio: ours / theirs,
  target: '<= 4x',
  met: ours / theirs <= 4,
});
record({
  measure: 'Monte Carlo, 100,000 draws, in process',
  ours: `${(mcOurs / 1000).toFixed(2)} s`,
  peer: `hand-written loops ${(mcTheirs / 1000).toFixed(2)} s`,
  ratio: mcOurs / mcTheirs,
  target: '<= 1 s',
  met: mcOurs <= 1000,
});
await session.close();
tmp.remove();
