import { describe, expect, it } from 'vitest';
import { loadModelState } from '../../main/services/model/load.js';
import { builtInWorkbook } from '../../main/testing/built-in-workbook.js';
import { underline } from './components/model/FormulaEditor.js';
import type { ModelDefinition } from '../../shared/model/index.js';
import {
  type NewAssumption,
  checkDraft,
  modelDiff,
  namesInScope,
  problemItem,
  revertItem,
  withAssumption,
  withFormula,
  withoutItem,
} from './model-draft.js';

const { session } = builtInWorkbook();

/** The assumption the tests add, under the id given. */
const clusterEfficiency = (def: ModelDefinition, id: string): NewAssumption => ({
  id,
  label: 'Cluster efficiency',
  unit: 'share',
  default: 0.9,
  min: 0.5,
  max: 1,
  step: 0.01,
  group: def.assumptions[0]?.group ?? '',
});

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
    const added = withAssumption(def, clusterEfficiency(def, 'cluster_eff'));
    expect(checkDraft(withFormula(added, 'supply_h100e', typing), tables)).toBeNull();
    const clash = checkDraft(withFormula(added, 'supply_h100e', 'supply_units + demand_h100e'), tables);
    expect(clash?.kind).toMatch(/unit|dimension/);
    // An assumption outside its own range is refused before anything is saved.
    const outside = withAssumption(def, { ...added.assumptions.at(-1)!, id: 'bad_one', default: 2 });
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
      withAssumption(def, clusterEfficiency(def, 'cluster_efficiency')),
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
});
