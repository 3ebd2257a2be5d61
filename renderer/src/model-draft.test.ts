import { describe, expect, it } from 'vitest';
import { loadModelState } from '../../main/services/model/load.js';
import { builtInWorkbook } from '../../main/testing/built-in-workbook.js';
import { underline } from './components/model/FormulaEditor.js';
import { checkDraft, namesInScope, problemItem, withAssumption, withFormula } from './model-draft.js';

const { session } = builtInWorkbook();

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
    const added = withAssumption(def, {
      id: 'cluster_eff',
      label: 'Cluster efficiency',
      unit: 'share',
      default: 0.9,
      min: 0.5,
      max: 1,
      step: 0.01,
      group: def.assumptions[0]?.group ?? '',
    });
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
});
