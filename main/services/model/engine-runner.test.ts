import { describe, expect, it } from 'vitest';
import { bindData, checkModel, compileEngine } from '../../../shared/model/index.js';
import { builtInWorkbook } from '../../testing/built-in-workbook.js';
import { handwritten } from '../../../bench/handwritten-model.js';
import { loadModelState } from './load.js';

const { session } = builtInWorkbook();

/** Assumption vectors spread over every range, the same on every run of the test. */
function vectors(def: { assumptions: { min: number; max: number }[] }, count: number): Float64Array[] {
  let seed = 11;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  return Array.from({ length: count }, () =>
    Float64Array.from(def.assumptions, (a) => a.min + (a.max - a.min) * next()),
  );
}

describe('the engine on the built-in model', () => {
  it('gives the same numbers from a runner of a few outputs as from a full run, run after run', async () => {
    const { def, tables } = await loadModelState(session.current());
    const fresh = () => compileEngine(checkModel(def), bindData(def, tables));
    const engine = fresh();
    const only = engine.runner(['coverage', 'hbm_left']);
    for (const a of vectors(def, 40)) {
      // A new engine per vector: no state carried from an earlier run (the hoisted parts of
      // base_capex, planned and hbm_left must follow each new vector, not the first).
      const expected = fresh().run(a);
      const got = only(a);
      for (const id of ['coverage', 'hbm_left', 'planned', 'base_capex', 'total_supply'])
        expect([...(got.get(id) ?? [])], id).toEqual([...(expected.get(id) ?? [])]);
      const all = engine.run(a);
      for (const [id, values] of expected) expect([...(all.get(id) ?? [])], id).toEqual([...values]);
    }
  });

  it('computes only what the asked outputs need: others keep their last values', async () => {
    const { def, tables } = await loadModelState(session.current());
    const engine = compileEngine(checkModel(def), bindData(def, tables));
    const [first, second] = vectors(def, 2) as [Float64Array, Float64Array];
    const results = engine.run(first);
    const budgetBefore = [...(results.get('budget_used') ?? [])];
    const demandBefore = [...(results.get('demand_h100e') ?? [])];
    const after = engine.runner(['demand_h100e'])(second);
    expect([...(after.get('demand_h100e') ?? [])]).not.toEqual(demandBefore);
    expect([...(after.get('budget_used') ?? [])]).toEqual(budgetBefore); // not needed, not run
  });

  it('gives every cell of every variable, to the last bit, as the model written out by hand', async () => {
    const { def, tables } = await loadModelState(session.current());
    const engine = compileEngine(checkModel(def), bindData(def, tables));
    const members = (dim: string) => engine.data.members.get(dim) ?? [];
    const peer = handwritten(
      tables,
      { buyer: members('buyer'), chip: members('chip'), year: members('year') },
      engine.assumptionIds,
    );
    const ids = [...engine.model.order, ...engine.model.checks].map((v) => v.id);
    expect(ids).toHaveLength(27);
    for (const a of [engine.assumptions(), ...vectors(def, 60)]) {
      const ours = engine.run(a);
      const theirs: Record<string, Float64Array> = peer(a);
      for (const id of ids) expect([...(ours.get(id) ?? [])], id).toEqual([...(theirs[id] ?? [])]);
    }
  });
});
