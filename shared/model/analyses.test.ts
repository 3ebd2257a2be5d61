import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MonteCarloRun,
  chunksOf,
  goalSeek,
  mergeChunks,
  monteCarloResult,
  runMonteCarlo,
  summarise,
  summariseSorted,
  targetOf,
  tornado,
} from './analyses.js';
import { checkModel } from './check.js';
import { bindData } from './data.js';
import type { AssumptionDef, ModelDefinition } from './definition.js';
import { compileEngine } from './evaluate.js';
import { triangular } from './random.js';

function assumption(
  id: string,
  kind: AssumptionDef['distribution']['kind'],
  min: number,
  def: number,
  max: number,
): AssumptionDef {
  return {
    id,
    label: id.toUpperCase(),
    description: '',
    group: 'g',
    default: def,
    min,
    max,
    step: 0.01,
    unit: '',
    sources: [],
    basis: 'assumption',
    distribution: { kind },
  };
}

/** out[year] = x * 10 + y (y matters less), gap[year] = x - 0.5. */
const def: ModelDefinition = {
  name: 'toy',
  description: '',
  dimensions: [{ id: 'year', label: 'Year', members: [2025, 2026] }],
  inputs: [],
  groups: [{ id: 'g', label: 'G' }],
  assumptions: [assumption('x', 'uniform', 0, 0.5, 1), assumption('y', 'triangular', 0, 0.2, 1)],
  variables: [
    { id: 'out', label: 'Out', unit: '', dimensions: ['year'], formula: 'x * 10 + y + (year - 2025)' },
    { id: 'gap', label: 'Gap', unit: '', dimensions: ['year'], formula: 'x - 0.5 + 0 * year' },
    { id: 'flat', label: 'Flat', unit: '', dimensions: ['year'], formula: 'max(1, x * 0) + 0 * year' },
  ],
  outputs: ['out', 'gap'],
  scenarios: [{ name: 'Base', description: '', overrides: {} }],
};
const engine = compileEngine(checkModel(def), bindData(def, {}));
const base = engine.assumptions();

describe('Monte Carlo', () => {
  it('gives the same numbers for the same seed, other numbers for another', () => {
    const a = runMonteCarlo(engine, { draws: 2000, seed: 7, base });
    const b = runMonteCarlo(engine, { draws: 2000, seed: 7, base });
    const c = runMonteCarlo(engine, { draws: 2000, seed: 8, base });
    expect(a.summaries.get('out')).toEqual(b.summaries.get('out'));
    expect(a.summaries.get('out')?.[0]?.p50).not.toBe(c.summaries.get('out')?.[0]?.p50);
  });

  it('recovers the percentiles of the distributions it samples', () => {
    const r = runMonteCarlo(engine, { draws: 100_000, seed: 42, base, outputs: ['gap', 'out'] });
    // gap = x - 0.5 with x uniform on [0, 1]: P10 = -0.4, P50 = 0, P90 = 0.4, P(gap > 0) = 0.5.
    const gap = r.summaries.get('gap')?.[0];
    expect(gap?.p10).toBeCloseTo(-0.4, 2);
    expect(gap?.p50).toBeCloseTo(0, 2);
    expect(gap?.p90).toBeCloseTo(0.4, 2);
    expect(gap?.pPositive).toBeCloseTo(0.5, 2);
    // y is triangular(0, 0.2, 1): its mean is 0.4, so out's mean is 10 * 0.5 + 0.4 (+1 in 2026).
    expect(r.summaries.get('out')?.[1]?.mean).toBeCloseTo(6.4, 1);
  });

  it('samples the triangular distribution by its inverse CDF', () => {
    expect(triangular(0, 0, 0.2, 1)).toBe(0);
    expect(triangular(1, 0, 0.2, 1)).toBe(1);
    expect(triangular(0.2, 0, 0.2, 1)).toBeCloseTo(0.2, 12); // F(mode) = (mode - min) / (max - min)
  });
});

describe('Monte Carlo in chunks', () => {
  // Every distribution, including normal and lognormal (two random numbers a draw) and a
  // lognormal centred at 0 (none): a chunk must find its place in the random stream for each.
  const mixed: ModelDefinition = {
    ...def,
    assumptions: [
      assumption('x', 'uniform', 0, 0.5, 1),
      assumption('y', 'triangular', 0, 0.2, 1),
      assumption('n', 'normal', -1, 0, 1),
      assumption('l', 'lognormal', 0.1, 1, 5),
      assumption('z', 'lognormal', 0, 0, 1),
    ],
    variables: [
      ...(def.variables ?? []),
      { id: 'mix', label: 'Mix', unit: '', dimensions: ['year'], formula: 'n + l * x - z + y * year' },
    ],
    outputs: ['out', 'gap', 'mix'],
  };
  const mixedEngine = compileEngine(checkModel(mixed), bindData(mixed, {}));
  const mixedBase = mixedEngine.assumptions();

  it('merged in order, give exactly what one run of every draw gives, for any number of chunks', () => {
    const draws = 1001;
    const whole = runMonteCarlo(mixedEngine, { draws, seed: 42, base: mixedBase });
    for (const workers of [1, 2, 3, 7]) {
      const chunks = chunksOf(draws, workers);
      expect(chunks.reduce((n, c) => n + c.count, 0)).toBe(draws);
      const parts = chunks.map((chunk) => {
        const run = new MonteCarloRun(mixedEngine, { draws, seed: 42, base: mixedBase, chunk });
        run.step(chunk.count);
        return run.chunkSamples();
      });
      const merged = monteCarloResult(mergeChunks(parts), 42);
      expect(merged.draws).toBe(draws);
      for (const id of ['out', 'gap', 'mix']) {
        expect(merged.summaries.get(id), `${id} with ${workers} chunks`).toEqual(whole.summaries.get(id));
        merged.samples
          .get(id)
          ?.forEach((cell, c) => expect([...cell]).toEqual([...(whole.samples.get(id)?.[c] ?? [])]));
      }
    }
  });

  it('refuses a chunk outside the draws', () => {
    expect(
      () => new MonteCarloRun(mixedEngine, { draws: 10, seed: 1, base: mixedBase, chunk: { first: 8, count: 3 } }),
    ).toThrow(/outside 10 draws/);
  });
});

describe('tornado', () => {
  it('ranks assumptions by the swing they cause, with the values at min and max', () => {
    const t = tornado(engine, base, targetOf(engine, 'out', 2026));
    expect(t.base).toBeCloseTo(5 + 0.2 + 1, 12);
    expect(t.bars.map((b) => b.assumption)).toEqual(['x', 'y']);
    expect(t.bars[0]).toMatchObject({ atMin: 1.2, atMax: 11.2, swing: 10 });
    expect(t.bars[1]?.swing).toBeCloseTo(1, 12);
  });
});

describe('goal seek', () => {
  it('finds the value that hits the target, and recomputing with it hits the target', () => {
    const target = targetOf(engine, 'out', 2025);
    const r = goalSeek(engine, base, 'x', target, 7.7);
    expect(r.found).toBe(true);
    if (!r.found) return;
    expect(r.value).toBeCloseTo(0.75, 10);
    const check = engine.assumptions({ x: r.value });
    expect(engine.run(check).get('out')?.[target.index]).toBeCloseTo(7.7, 10);
  });

  it('says clearly when the target cannot be reached within the range', () => {
    const r = goalSeek(engine, base, 'x', targetOf(engine, 'out', 2025), 50);
    expect(r).toMatchObject({ found: false, lowest: 0.2, highest: 10.2 });
    if (!r.found) expect(r.reason).toBe('no value of X between 0 and 1 reaches 50');
    expect(goalSeek(engine, base, 'x', targetOf(engine, 'flat', 2025), 2).found).toBe(false);
  });
});

describe('Monte Carlo summaries by selection', () => {
  it('give the percentiles a full sort gives, exactly, for any draws', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.constantFrom(0, 1, -1, 2.5)), {
          minLength: 1,
          maxLength: 400,
        }),
        fc.boolean(),
        (list, sorted) => {
          const values = Float64Array.from(sorted ? [...list].sort((a, b) => a - b) : list);
          const fast = summarise(values);
          const reference = summariseSorted(Float64Array.from(values).sort());
          expect([fast.p10, fast.p50, fast.p90, fast.pPositive]).toEqual([
            reference.p10,
            reference.p50,
            reference.p90,
            reference.pPositive,
          ]);
          // The mean is summed in draw order rather than sorted order: equal to the last digits.
          expect(Math.abs(fast.mean - reference.mean)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(reference.mean)));
        },
      ),
      { numRuns: 300 },
    );
    // Draws with NaN in them sort it last, as before.
    expect(summarise(Float64Array.from([3, Number.NaN, 1, 2]))).toEqual(
      summariseSorted(Float64Array.from([3, Number.NaN, 1, 2]).sort()),
    );
  });
});
