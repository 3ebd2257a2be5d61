import { describe, expect, it } from 'vitest';
import { runMonteCarlo } from '../../../shared/model/index.js';
import { builtInWorkbook } from '../../testing/built-in-workbook.js';
import { engineOver, loadModelState } from './load.js';
import { THREADED_FROM, runMonteCarloThreaded } from './montecarlo-pool.js';

const { session } = builtInWorkbook();

describe('Monte Carlo on threads', () => {
  it('gives exactly the numbers one thread gives, whatever the number of threads', async () => {
    const { def, tables } = await loadModelState(session.current());
    const engine = engineOver(def, tables);
    const base = engine.assumptions({ capex_scale: 1.2 });
    const draws = THREADED_FROM + 1_001; // chunks of unequal size
    const one = runMonteCarlo(engine, { draws, seed: 9, base });
    for (const threads of [2, 3]) {
      const progress: number[] = [];
      const many = await runMonteCarloThreaded(
        { definition: def, tables, base, draws, seed: 9 },
        { threads, onProgress: (done) => progress.push(done) },
      );
      expect(many.draws).toBe(draws);
      expect([...many.summaries.keys()]).toEqual([...one.summaries.keys()]);
      for (const [id, cells] of one.summaries)
        expect(many.summaries.get(id), `${id}, ${threads} threads`).toEqual(cells);
      const gap = many.samples.get('gap_h100e') ?? [];
      expect(gap).toHaveLength(7);
      gap.forEach((cell, c) => expect(cell).toEqual(one.samples.get('gap_h100e')?.[c]));
      expect(progress.at(-1)).toBe(draws);
    }
  });

  it('says what went wrong in a thread', async () => {
    const { def, tables } = await loadModelState(session.current());
    const engine = engineOver(def, tables);
    const broken = { ...def, outputs: ['no_such_output'] };
    await expect(
      runMonteCarloThreaded(
        {
          definition: broken,
          tables,
          base: engine.assumptions(),
          draws: THREADED_FROM,
          seed: 1,
          outputs: ['no_such_output'],
        },
        { threads: 2 },
      ),
    ).rejects.toThrow(/no_such_output/);
  });
});
