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

/**
 * Microseconds per call of each function, timed in alternating rounds and the fastest round
 * kept: on a shared two-core machine a single long timing of one then the other mostly
 * measures which of them the neighbours disturbed.
 */
function timeTogether(
  fs: Record<string, (i: number) => void>,
  perRound: number,
  rounds: number,
): Record<string, number> {
  const best: Record<string, number> = {};
  for (const f of Object.values(fs)) for (let i = 0; i < 20_000; i++) f(i); // warm up the JIT
  for (let round = 0; round < rounds; round++) {
    for (const [label, f] of Object.entries(fs)) {
      const start = performance.now();
      for (let i = 0; i < perRound; i++) f(i);
      best[label] = Math.min(best[label] ?? Number.POSITIVE_INFINITY, ((performance.now() - start) * 1000) / perRound);
    }
  }
  for (const [label, perCall] of Object.entries(best))
    console.log(`${label.padEnd(44)} ${perCall.toFixed(2).padStart(9)} µs`);
  return best;
}

const tmp = tempDir();
const session = new Session();
const store = await session.openDefault(tmp.dir);
const engine = await loadEngine(store);
const members = (dim: string) => engine.data.members.get(dim) ?? [];
const peer = handwritten(
  await readTables(store, engine.model.def),
  { buyer: members('buyer'), chip: members('chip'), year: members('year') },
  engine.assumptionIds,
);
const base = engine.assumptions();

// The two implementations must agree, every cell of every variable to the last bit, on every
// scenario and on vectors across the assumptions' ranges, before their speed means anything.
let seed = 5;
const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const vectors = [
  ...engine.model.def.scenarios.map((s) => engine.assumptions(s.overrides)),
  ...Array.from({ length: 200 }, () =>
    Float64Array.from(engine.model.def.assumptions, (x) => x.min + (x.max - x.min) * next()),
  ),
];
let compared = 0;
for (const a of vectors) {
  const ours = engine.run(a);
  const theirs: Record<string, Float64Array> = peer(a);
  for (const id of [...engine.model.order.map((v) => v.id), ...engine.model.checks.map((c) => c.id)]) {
    const x = ours.get(id) as Float64Array;
    const y = theirs[id];
    if (!y || y.length !== x.length) throw new Error(`hand-written model has no ${id} of ${x.length} cells`);
    x.forEach((value, i) => {
      if (!Object.is(value, y[i])) throw new Error(`disagree on ${id}[${i}]: engine ${value}, hand-written ${y[i]}`);
      compared++;
    });
  }
}
console.log(`engine and hand-written model agree on ${compared.toLocaleString('en-US')} cells`);

const vary = new Float64Array(base);
const ENGINE = 'engine: full recompute of the built-in model';
const PEER = 'hand-written loops: the same model';
const timed = timeTogether(
  {
    [ENGINE]: (i) => {
      vary[1] = 1 + (i % 20) / 100;
      engine.run(vary);
    },
    [PEER]: (i) => {
      vary[1] = 1 + (i % 20) / 100;
      peer(vary);
    },
  },
  5_000,
  20,
);
const ours = timed[ENGINE] as number;
const theirs = timed[PEER] as number;

const DRAWS = 100_000;
let start = performance.now();
const run = new MonteCarloRun(engine, { draws: DRAWS, seed: 1, base });
run.step(DRAWS);
run.result();
const mcOurs = performance.now() - start;
start = performance.now();
const random = seededRandom(1);
const samplers = engine.model.def.assumptions.map((a, i) => sampler(a, base[i] ?? a.default));
// The peer keeps what the engine keeps: every cell of every model output, each sorted.
const kept = engine.model.def.outputs.map((id) => id as keyof ReturnType<typeof peer>);
const first = peer(vary);
const cells: Float64Array[] = kept.flatMap((id) => Array.from(first[id], () => new Float64Array(DRAWS)));
for (let d = 0; d < DRAWS; d++) {
  for (let k = 0; k < samplers.length; k++) vary[k] = samplers[k]!(random);
  const r = peer(vary);
  let c = 0;
  for (const id of kept) for (const value of r[id]) cells[c++]![d] = value;
}
for (const c of cells) c.sort();
const mcTheirs = performance.now() - start;

console.log(`\nMonte Carlo, ${DRAWS.toLocaleString('en-US')} draws (both keep every cell of the model's outputs)`);
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
