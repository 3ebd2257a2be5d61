import { describe, expect, it } from 'vitest';
import { checkModel } from './check.js';
import { bindData } from './data.js';
import type { ModelDefinition } from './definition.js';
import { ModelError } from './errors.js';
import { compileEngine } from './evaluate.js';
import { CALLABLE, FUNCTION_SPECS, functionSpec } from './functions.js';

/** x[year] = FORMULA over years 1..3, with `a` (default 2) and `b[year]` = year - 2 (−1, 0, 1). */
function model(formula: string): ModelDefinition {
  return {
    name: 'functions',
    description: '',
    dimensions: [{ id: 'year', label: 'Year', members: [1, 2, 3] }],
    inputs: [],
    groups: [{ id: 'g', label: 'G' }],
    assumptions: [
      {
        id: 'a',
        label: 'A',
        description: '',
        group: 'g',
        default: 2,
        min: 0,
        max: 10,
        step: 1,
        unit: 'x',
        sources: [],
        basis: 'assumption',
        distribution: { kind: 'triangular' },
      },
    ],
    variables: [
      { id: 'b', label: 'B', unit: 'x', dimensions: ['year'], formula: 'year - 2' },
      { id: 'x', label: 'X', unit: 'x', dimensions: ['year'], formula },
    ],
    outputs: ['x'],
    scenarios: [{ name: 'Base', description: '', overrides: {} }],
  };
}

function run(formula: string): number[] {
  const engine = compileEngine(checkModel(model(formula)), bindData(model(formula), {}));
  return [...(engine.run(engine.assumptions()).get('x') ?? [])];
}

/** One worked case per function of the table: a function added without one fails the last test. */
const CASES: Record<string, { formula: string; values: number[]; sheet: [string[], string] }> = {
  if: { formula: 'if(b > 0, a, -a)', values: [-2, -2, 2], sheet: [['B2>0', 'A', '-A'], 'IF(B2>0,A,-A)'] },
  min: { formula: 'min(b, a, 0)', values: [-1, 0, 0], sheet: [['1', '2'], 'MIN(1,2)'] },
  max: { formula: 'max(b, 0)', values: [0, 0, 1], sheet: [['1', '2', '3'], 'MAX(1,2,3)'] },
  abs: { formula: 'abs(b) * a', values: [2, 0, 2], sheet: [['B2'], 'ABS(B2)'] },
  coalesce: {
    // b / b is missing (0/0) in year 2, where the fallback reads the year before.
    formula: 'coalesce(b / b, prev(b) * a)',
    values: [1, -2, 1],
    sheet: [['B2', 'C2'], 'IF(ISNUMBER(B2),B2,C2)'],
  },
};

describe('the formula function table', () => {
  it.each(Object.entries(CASES))(
    '%s: checked, evaluated and written for a spreadsheet from its one entry',
    (name, c) => {
      expect(run(c.formula)).toEqual(c.values);
      expect(functionSpec(name).sheet(c.sheet[0])).toBe(c.sheet[1]);
    },
  );

  it('refuses a wrong number of arguments, naming the function and the position', () => {
    for (const [formula, message] of [
      ['abs(a, a)', 'abs takes 1 argument, not 2'],
      ['if(a, a)', 'if takes 3 arguments, not 2'],
      ['min()', 'min needs at least one argument'],
      ['round(a)', 'unknown function "round"'],
    ] as const) {
      try {
        checkModel(model(`1 + ${formula}`));
        expect.unreachable(formula);
      } catch (error) {
        expect(error).toBeInstanceOf(ModelError);
        expect((error as ModelError).message).toContain(message);
        expect((error as ModelError).message).toContain('at 5:');
      }
    }
  });

  it('refuses mixed units and text where a number is needed', () => {
    expect(() => checkModel(model('min(a, "text")'))).toThrow(/must be a number, not text/);
  });

  it('has a worked case for every function, and the language lists them with its forms', () => {
    expect(Object.keys(CASES).sort()).toEqual(FUNCTION_SPECS.map((f) => f.name).sort());
    expect([...CALLABLE].sort()).toEqual([...FUNCTION_SPECS.map((f) => f.name), 'prev', 'sum'].sort());
  });
});
