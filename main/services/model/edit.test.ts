import { describe, expect, it } from 'vitest';
import { MODEL_DOCUMENT, type ModelProblem, type WorkbookInfo } from '../../../shared/contract/index.js';
import { parseDefinition } from '../../../shared/model/index.js';
import { createRouter } from '../../handlers/index.js';
import { builtInWorkbook } from '../../testing/built-in-workbook.js';
import { withClusterEfficiency } from '../../testing/edited-model.js';
import { ScenarioService } from '../scenarios.js';
import { VintageService } from '../vintages.js';
import { loadEngine } from './load.js';

const { session } = builtInWorkbook();
const ctx = { transport: 'direct' } as const;

/** model.check through the router, as a window calls it. */
async function check(json: string): Promise<ModelProblem | null> {
  const reply = await createRouter(session).router.call('model.check', { json }, ctx);
  if (!reply.ok) throw new Error(reply.error.message);
  return (reply.value as { problem: ModelProblem | null }).problem;
}

async function coverage(year: number): Promise<number> {
  const engine = await loadEngine(session.current());
  const years = engine.data.members.get('year') ?? [];
  const values = new Map(engine.run(engine.assumptions({}))).get('coverage');
  return values?.[years.indexOf(year)] ?? Number.NaN;
}

describe('editing the model', () => {
  it('checks a half-typed formula with its position, applies the finished one as one undo step, and undoes it', async () => {
    const { router } = createRouter(session);
    const store = session.current();
    const before = await store.getDocument(MODEL_DOCUMENT);
    const def = parseDefinition(before ?? '');
    const old = await coverage(2026);

    // Half typed: "domestic_efficiency * clus" names nothing yet; the checker says where.
    const typing = 'supply_units * chip.tflops / 989 * if(chip.origin = "domestic", domestic_efficiency * clus, 1)';
    const half = withClusterEfficiency(def, typing);
    expect(await check(JSON.stringify(half))).toMatchObject({
      kind: 'unknown-name',
      where: 'variable supply_h100e',
      position: typing.indexOf('clus') + 1, // 1-based, at the name
    });
    // Applying it is refused with the same words, and nothing is written.
    const refused = await router.call('model.apply', { json: JSON.stringify(half) }, ctx);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('INVALID_VALUE');
      expect(refused.error.message).toMatch(/^The model was not changed: variable supply_h100e, at 87: .*clus/);
    }
    expect(await store.getDocument(MODEL_DOCUMENT)).toBe(before);

    // A syntax error half way through a formula: its kind and position.
    const broken = withClusterEfficiency(def, 'supply_units * chip.tflops / (989 *');
    expect((await check(JSON.stringify(broken)))?.kind).toBe('syntax');

    // The finished formula: domestic chips deliver 90% as much, so 2026 coverage falls.
    const done = withClusterEfficiency(def);
    expect(await check(JSON.stringify(done))).toBeNull();
    const applied = await router.call('model.apply', { json: JSON.stringify(done) }, ctx);
    expect(applied.ok).toBe(true);
    if (applied.ok) expect((applied.value as { info: WorkbookInfo }).info.canUndo).toBe(true);
    const now = await coverage(2026);
    expect(now).toBeLessThan(old);
    expect(now).toBeGreaterThan(old * 0.5);
    expect((await store.info()).undoLabel).toEqual({ key: 'undo.editModel' });

    // Undo puts the old model back, byte for byte.
    await store.undo();
    expect(await store.getDocument(MODEL_DOCUMENT)).toBe(before);
    expect(await coverage(2026)).toBeCloseTo(old, 12);
  });

  it('renames capex_scale everywhere as one undo step, with every number unchanged, and refuses a taken name', async () => {
    const { router } = createRouter(session);
    const store = session.current();
    const scenarios = new ScenarioService(store);
    const vintages = new VintageService(store);
    await scenarios.create('Big spenders', { capex_scale: 1.6 });
    const names = [MODEL_DOCUMENT, 'scenarios', ...(await store.documentNames('vintage:'))];
    expect(names.length).toBeGreaterThan(2); // the shipped vintages
    const before = await Promise.all(names.map((n) => store.getDocument(n)));
    const old = await coverage(2026);

    const taken = await router.call('model.rename', { from: 'capex_scale', to: 'capex_growth' }, ctx);
    expect(taken.ok).toBe(false);
    if (!taken.ok)
      expect(taken.error.message).toBe(
        'The model was not changed: rename capex_scale: the name "capex_growth" is already used by assumption capex_growth.',
      );

    const renamed = await router.call('model.rename', { from: 'capex_scale', to: 'buyer_capex_scale' }, ctx);
    expect(renamed.ok).toBe(true);
    const def = parseDefinition((await store.getDocument(MODEL_DOCUMENT)) ?? '');
    expect(def.variables.find((v) => v.id === 'capex')?.formula).toBe('base_capex * buyer_capex_scale');
    expect(def.scenarios.find((s) => s.name === 'Capex surge')?.overrides).toEqual({
      buyer_capex_scale: 1.4,
      capex_growth: 0.3,
    });
    const state = await scenarios.get();
    expect(state.scenarios.find((s) => s.name === 'Big spenders')?.overrides).toEqual({ buyer_capex_scale: 1.6 });
    expect(state.current.values['buyer_capex_scale']).toBe(1.6);
    expect(state.current.values).not.toHaveProperty('capex_scale');
    for (const v of await vintages.list()) {
      const assumptions = (await vintages.get(v.name)).assumptions;
      expect(assumptions).toHaveProperty('buyer_capex_scale');
      expect(assumptions).not.toHaveProperty('capex_scale');
    }
    expect(await coverage(2026)).toBe(old);
    expect((await store.info()).undoLabel).toEqual({
      key: 'undo.renameItem',
      params: { from: 'capex_scale', to: 'buyer_capex_scale' },
    });

    // One undo puts every document back as it was, byte for byte.
    await store.undo();
    expect(await Promise.all(names.map((n) => store.getDocument(n)))).toEqual(before);
    await store.undo(); // the scenario made for this test
  });

  it('lists every broken formula of a model file, each at its item and position, not just the first', async () => {
    const def = parseDefinition((await session.current().getDocument(MODEL_DOCUMENT)) ?? '');
    const broken = {
      ...def,
      variables: def.variables.map((v) =>
        v.id === 'capex'
          ? { ...v, formula: 'base_capex * capex_scal' }
          : v.id === 'coverage'
            ? { ...v, formula: 'total_supply / (demand_h100e' }
            : v,
      ),
      checks: def.checks?.map((c, i) => (i === 0 ? { ...c, formula: 'nothing_here > 0' } : c)),
    };
    const reply = await createRouter(session).router.call('model.check', { json: JSON.stringify(broken) }, ctx);
    if (!reply.ok) throw new Error(reply.error.message);
    const { problem, problems } = reply.value as { problem: ModelProblem; problems: ModelProblem[] };
    expect(problems.map((p) => [p.where, p.kind])).toEqual(
      expect.arrayContaining([
        ['variable capex', 'unknown-name'],
        ['variable coverage', 'syntax'],
        [`check ${def.checks?.[0]?.id}`, 'unknown-name'],
      ]),
    );
    expect(problems).toHaveLength(3);
    expect(problem).toEqual(problems[0]);
    expect(problems.find((p) => p.where === 'variable capex')?.position).toBe('base_capex * '.length + 1);
    // Applying it is refused, and the details carry all three.
    const refused = await createRouter(session).router.call('model.apply', { json: JSON.stringify(broken) }, ctx);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect((refused.error.details as { problems: unknown[] }).problems).toHaveLength(3);
  });

  it('refuses a model that reads a dataset column this workbook does not have', async () => {
    const def = parseDefinition((await session.current().getDocument(MODEL_DOCUMENT)) ?? '');
    const wrong = withClusterEfficiency(def, 'supply_units * chip.tflops_typo / 989');
    expect((await check(JSON.stringify(wrong)))?.where).toBe('variable supply_h100e');
    expect((await check('{"name": '))?.kind).toBe('definition');
  });
});
