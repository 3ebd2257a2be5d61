import { describe, expect, it } from 'vitest';
import { loadEngine, loadModelState } from '../../main/services/model/load.js';
import { builtInWorkbook } from '../../main/testing/built-in-workbook.js';
import { underline } from './components/model/FormulaEditor.js';
import { type ModelDefinition, problemItem } from '../../shared/model/index.js';
import { nameCard } from './components/model/name-card.js';
import { translate } from '../../shared/i18n/index.js';
import {
  type ModelDraft,
  checkDraft,
  dependentsOf,
  itemOf,
  modelDiff,
  namesInScope,
  newItem,
  revertItem,
  valueSummary,
  withItem,
  withoutItem,
  withoutItems,
} from './model-draft.js';

const { session } = builtInWorkbook();

/** The model with one variable's or check's formula replaced, as the editor's draft makes it. */
function withFormula(def: ModelDefinition, id: string, formula: string): ModelDefinition {
  const draft = itemOf(def, id);
  if (!draft || draft.kind === 'assumption') throw new Error(`${id} has no formula`);
  return withItem(def, { ...draft, item: { ...draft.item, formula } } as ModelDraft);
}

/** The model with a new assumption (cluster efficiency, 0.5 to 1, default 0.9) under the id given. */
const withClusterAssumption = (def: ModelDefinition, id: string, patch: object = {}): ModelDefinition => {
  const blank = newItem(def, 'assumption');
  if (blank.kind !== 'assumption') throw new Error('a new assumption');
  const item = { ...blank.item, id, label: 'Cluster efficiency', default: 0.9, min: 0.5, max: 1, ...patch };
  return withItem(def, { ...blank, item });
};

describe('a model edited in the window', () => {
  it('is checked on the loaded data as typed: the problem, its item and where to underline it', async () => {
    const { def, tables } = await loadModelState(session.current());
    expect(checkDraft(def, tables)).toBeNull();
    const typing = 'supply_units * chip.tflops / 989 * cluster_eff';
    const problem = checkDraft(withFormula(def, 'supply_h100e', typing), tables);
    expect(problem).toMatchObject({ kind: 'unknown-name', where: 'variable supply_h100e' });
    expect(problemItem(problem!)).toBe('supply_h100e');
    expect(underline(typing, problem!.position!)).toEqual({ from: typing.indexOf('cluster_eff'), to: typing.length });
    // With the assumption added, the same formula is sound; a unit clash is not.
    const added = withClusterAssumption(def, 'cluster_eff');
    expect(checkDraft(withFormula(added, 'supply_h100e', typing), tables)).toBeNull();
    const clash = checkDraft(withFormula(added, 'supply_h100e', 'supply_units + demand_h100e'), tables);
    expect(clash?.kind).toMatch(/unit|dimension/);
    // An assumption outside its own range is refused before anything is saved.
    const outside = withClusterAssumption(def, 'bad_one', { default: 2 });
    expect(checkDraft(outside, tables)?.kind).toBe('definition');
  });

  it('completes variables, assumptions, dimension attributes and functions with what they are', async () => {
    const { def } = await loadModelState(session.current());
    const names = namesInScope(def, (item) => item.label ?? '');
    expect(names.find((n) => n.label === 'supply_h100e')).toMatchObject({ type: 'variable' });
    expect(names.find((n) => n.label === 'fx_cny_per_usd')).toMatchObject({
      type: 'assumption',
      detail: 'Exchange rate (CNY per USD)',
    });
    expect(names.find((n) => n.label === 'chip.tflops')?.type).toBe('attribute');
    expect(names.find((n) => n.label === 'if')?.type).toBe('function');
    // A position at the very end still underlines a character.
    expect(underline('a +', 4)).toEqual({ from: 2, to: 3 });
  });

  it('refuses to delete what formulas use, naming them; lists and reverts the edits against the built-in model', async () => {
    const { def, tables } = await loadModelState(session.current());
    expect(withoutItem(def, 'domestic_efficiency').usedBy).toEqual(['supply_h100e']);
    // An output nobody else reads goes, and leaves the outputs list with it.
    const gone = withoutItem(def, 'budget_fits');
    expect(gone.usedBy).toEqual([]);
    expect(checkDraft(gone.def, tables)).toBeNull();
    // An assumption a built-in scenario sets: the scenario drops it too.
    const h200 = withoutItem(withFormula(def, 'supply_units', '0'), 'h200_k_per_year');
    expect(h200.def.scenarios.every((sc) => !('h200_k_per_year' in sc.overrides))).toBe(true);

    const edited = withFormula(
      withClusterAssumption(def, 'cluster_efficiency'),
      'coverage',
      'total_supply / demand_h100e * cluster_efficiency',
    );
    const diff = modelDiff(def, edited);
    expect(diff.map((d) => [d.kind, d.id, d.change])).toEqual([
      ['assumption', 'cluster_efficiency', 'added'],
      ['variable', 'coverage', 'changed'],
    ]);
    expect(diff[1]).toMatchObject({
      before: 'total_supply / demand_h100e',
      after: 'total_supply / demand_h100e * cluster_efficiency',
    });
    // Reverting the formula keeps the added assumption; reverting that too gives the built-in model.
    const formulaBack = revertItem(def, edited, diff[1]!);
    expect(modelDiff(def, formulaBack).map((d) => d.id)).toEqual(['cluster_efficiency']);
    expect(modelDiff(def, revertItem(def, formulaBack, diff[0]!))).toEqual([]);
    // A removed item comes back in its place.
    const removed = withoutItem(def, 'budget_fits').def;
    const back = revertItem(def, removed, modelDiff(def, removed)[0]!);
    expect(back.checks?.map((c) => c.id)).toEqual(def.checks?.map((c) => c.id));
  });

  it('edits an item in place or adds a new one; new variables and checks start sound; deletes with dependents', async () => {
    const { def, tables } = await loadModelState(session.current());
    // An existing item edited: its fields change in place, the lists keep their order.
    const coverage = itemOf(def, 'coverage');
    if (coverage?.kind !== 'variable') throw new Error('coverage is a variable');
    const relabelled = withItem(def, { ...coverage, item: { ...coverage.item, unit: 'share', label: 'Cover' } });
    expect(relabelled.variables.map((v) => v.id)).toEqual(def.variables.map((v) => v.id));
    expect(relabelled.variables.find((v) => v.id === 'coverage')?.label).toBe('Cover');
    // New items, named: a variable (scalar 0) and a check (always true) both pass the checker.
    for (const kind of ['variable', 'check'] as const) {
      const blank = newItem(def, kind);
      const named = { ...blank, item: { ...blank.item, id: `new_${kind}`, label: 'New' } } as typeof blank;
      const added = withItem(def, named);
      expect(checkDraft(added, tables)).toBeNull();
      expect(itemOf(added, `new_${kind}`)?.kind).toBe(kind);
    }
    // A new item under a taken name is refused by the checker, naming the clash.
    const clash = newItem(def, 'variable');
    const taken = withItem(def, { ...clash, item: { ...clash.item, id: 'coverage' } } as typeof clash);
    expect(checkDraft(taken, tables)?.message).toMatch(/already used by variable coverage/);

    // Everything that uses total_supply, through others too, in model order; all of it can go at once.
    const direct = withoutItem(def, 'total_supply').usedBy;
    const all = dependentsOf(def, 'total_supply');
    expect(all).toEqual(expect.arrayContaining(direct));
    expect(all.length).toBeGreaterThan(direct.length);
    expect(all).toContain('shortfall_value'); // through gap_h100e
    const without = withoutItems(def, ['total_supply', ...all]);
    expect(checkDraft(without, tables)).toBeNull();
    expect(without.outputs.some((o) => o === 'total_supply' || all.includes(o))).toBe(false);
  });

  it('shows what a hovered name is and its value now', async () => {
    const store = session.current();
    const { def } = await loadModelState(store);
    const engine = await loadEngine(store);
    const values = engine.assumptions({});
    const results = new Map([...engine.run(values)].map(([k, v]) => [k, Float64Array.from(v)]));
    const now = {
      assumption: (id: string) => values[engine.assumptionIds.indexOf(id)] ?? null,
      variable: (id: string) => valueSummary(engine, results, id, 2026),
      format: (x: number) => x.toFixed(3),
    };
    const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
      translate('en', key, params);
    expect(nameCard(def, 'fx_cny_per_usd', now, t, 'en')?.title).toBe('Exchange rate (assumption)');
    const coverage = nameCard(def, 'coverage', now, t, 'en');
    expect(coverage?.lines.join(' | ')).toMatch(/^Unit: share \| Dimensions: Year \| In 2026: 0\.\d{3} share$/);
    const [coverage2026] = [...(results.get('coverage') ?? [])].filter((_, i) => i === 2);
    expect(coverage?.lines[2]).toBe(`In 2026: ${(coverage2026 ?? Number.NaN).toFixed(3)} share`);
    // A [buyer, year] variable: the spread across buyers that year.
    expect(nameCard(def, 'capex', now, t, 'en')?.lines[2]).toMatch(/^In 2026: [\d.]+ to [\d.]+ bn CNY$/);
    expect(nameCard(def, 'chip.tflops', now, t, 'en')?.lines[1]).toBe('From column chips.tflops');
    expect(nameCard(def, 'nothing_here', now, t, 'en')).toBeNull();
  });
});
