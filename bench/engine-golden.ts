/**
 * A fingerprint of everything the engine computes on the built-in model: every cell of every
 * variable and check for 300 assumption vectors spread over their ranges, a 20,000-draw Monte
 * Carlo, a tornado and a goal seek. Run it in two checkouts (e.g. a `git worktree` of the
 * commit before an engine change) and compare the hashes: equal means bit-identical results.
 * Run: npx tsx bench/engine-golden.ts
 */
import { createHash } from 'node:crypto';
import { MonteCarloRun, goalSeek, targetOf, tornado } from '../shared/model/index.js';
import { loadEngine } from '../main/services/model/load.js';
import { Session } from '../main/services/session.js';
import { tempDir } from '../main/testing/temp-dir.js';

const tmp = tempDir();
const session = new Session();
const store = await session.openDefault(tmp.dir);
const engine = await loadEngine(store);
const def = engine.model.def;
const hash = createHash('sha256');
const part = (name: string, values: ArrayLike<number>) => {
  hash.update(name);
  hash.update(new Uint8Array(Float64Array.from(values).buffer));
};

let seed = 7;
const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const ids = [...engine.model.order.map((v) => v.id), ...engine.model.checks.map((c) => c.id)];
for (let k = 0; k < 300; k++) {
  // Every fifth vector pushes one assumption past its range: kinks, negatives and NaN paths.
  const a = Float64Array.from(
    def.assumptions,
    (x) => x.min + (x.max - x.min) * (k % 5 === 0 ? 2 * next() - 0.5 : next()),
  );
  const results = engine.run(a);
  for (const id of ids) part(`${k}:${id}`, results.get(id) ?? []);
}
const base = engine.assumptions();
const mc = new MonteCarloRun(engine, { draws: 20_000, seed: 3, base });
mc.step(20_000);
hash.update(JSON.stringify(mc.result()));
const target = targetOf(engine, 'coverage', 2027);
hash.update(JSON.stringify(tornado(engine, base, target)));
hash.update(JSON.stringify(goalSeek(engine, base, 'capex_scale', target, 0.5)));
console.log(hash.digest('hex'));
await session.close();
tmp.remove();
