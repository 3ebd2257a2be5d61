import { describe, expect, it } from 'vitest';
import { parseDefinition } from './definition.js';
import { newNameProblem, renameInFormula, renameItem } from './rename.js';

import builtIn from '../../data/model.json' with { type: 'json' };

const def = parseDefinition(JSON.stringify(builtIn));

describe('renaming a model item', () => {
  it('rewrites names only, leaving strings, functions, attributes and spacing alone', () => {
    const formula = 'max(x,  "x") * chip.x + sum(x)\n  - x_2 + xx + if(x > 1, x, 0)';
    expect(renameInFormula(formula, 'x', 'scale', 'variable v')).toBe(
      'max(scale,  "x") * chip.x + sum(scale)\n  - x_2 + xx + if(scale > 1, scale, 0)',
    );
    expect(renameInFormula('max(a, b)', 'max', 'top', 'variable v')).toBe('max(a, b)');
  });

  it('renames capex_scale in its formulas and the built-in scenario that sets it', () => {
    const renamed = renameItem(def, 'capex_scale', 'buyer_capex_scale');
    expect(renamed.assumptions.map((a) => a.id)).toContain('buyer_capex_scale');
    expect(renamed.assumptions.map((a) => a.id)).not.toContain('capex_scale');
    const users = renamed.variables.filter((v) => /\bbuyer_capex_scale\b/.test(v.formula));
    expect(users.map((v) => v.id)).toEqual(
      def.variables.filter((v) => /\bcapex_scale\b/.test(v.formula)).map((v) => v.id),
    );
    expect(JSON.stringify(renamed)).not.toMatch(/"capex_scale"|\bcapex_scale\b(?!")/);
    const surge = renamed.scenarios.find((s) => s.name === 'Capex surge');
    expect(Object.keys(surge?.overrides ?? {})).toEqual(['buyer_capex_scale', 'capex_growth']);
  });

  it('renames a variable in the outputs too', () => {
    const renamed = renameItem(def, 'coverage', 'coverage_ratio');
    expect(renamed.outputs).toContain('coverage_ratio');
    expect(renamed.outputs).not.toContain('coverage');
  });

  it('refuses a name that is taken, not a name, or a word of the language', () => {
    expect(newNameProblem(def, 'capex_growth')).toBe(
      'the name "capex_growth" is already used by assumption capex_growth',
    );
    expect(newNameProblem(def, 'year')).toMatch(/dimension year/);
    expect(newNameProblem(def, '2x')).toMatch(/not a name/);
    expect(newNameProblem(def, 'sum')).toMatch(/word of the formula language/);
    expect(newNameProblem(def, 'AND')).toMatch(/word of the formula language/);
    expect(newNameProblem(def, '__proto__')).toMatch(/reserved/);
    expect(newNameProblem(def, 'constructor')).toMatch(/reserved/);
    expect(newNameProblem(def, 'fresh_name')).toBeNull();
    expect(() => renameItem(def, 'nothing_here', 'x')).toThrow(/not an assumption, variable or check/);
    expect(() => renameItem(def, 'capex_scale', 'sum')).toThrow(/rename capex_scale: "sum" is a word/);
  });
});
