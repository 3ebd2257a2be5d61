import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bindData } from './data.js';
import { checkModel } from './check.js';
import type { ModelDefinition } from './definition.js';
import { ModelError } from './errors.js';
import { compileEngine } from './evaluate.js';
import { FUNCTION_SPECS } from './functions.js';
import { FUNCTION_OPS } from './program-ops.js';
import { parseFormula } from './parser.js';
import { variableTable } from './tables.js';
import { checkOutcomes, describeCheckCell } from './model-checks.js';

/**
 * A shop model worked by hand.
 * Data: sales (units) for apple 2024 = 10, 2025 = 12; pear 2024 = 5, 2025 missing.
 * Attributes: apple price 2 (fruit), pear price 3 (fruit).
 * Assumptions: growth = 0.5, tax = 0.1.
 *   units[item,year] = coalesce(sales.units, prev(units) * (1 + growth))
 *     apple: 10, 12, 18          pear: 5, 7.5, 11.25
 *   revenue[item,year] = units * item.price
 *     apple: 20, 24, 36          pear: 15, 22.5, 33.75
 *   total[year] = sum(item, revenue) * (1 - tax)
 *     2024: 35 * 0.9 = 31.5;  2025: 46.5 * 0.9 = 41.85;  2026: 69.75 * 0.9 = 62.775
 *   late[year] = if(year >= 2025 and total > 40, 1, 0)      -> 0, 1, 1
 *   growth_seen[year] = total - prev(total, total)           -> 0, 10.35, 20.925
 */
function shop(overrides: Partial<Record<string, string>> = {}): ModelDefinition {
  const formula = (id: string, f: string) => overrides[id] ?? f;
  return {
    name: 'shop',
    description: '',
    dimensions: [
      {
        id: 'item',
        label: 'Item',
        from: 'items.item',
        attributes: [
          { name: 'price', column: 'items.price', unit: 'USD' },
          { name: 'kind', column: 'items.kind', unit: '' },
        ],
      },
      { id: 'year', label: 'Year', members: [2024, 2025, 2026] },
    ],
    inputs: [
      {
        id: 'sales.units',
        dataset: 'sales',
        column: 'units',
        dimensions: { item: 'item', year: 'year' },
        unit: 'units',
      },
    ],
    groups: [{ id: 'g', label: 'G' }],
    assumptions: [
      {
        id: 'growth',
        label: 'Growth',
        description: '',
        group: 'g',
        default: 0.5,
        min: 0,
        max: 1,
        step: 0.1,
        unit: 'per year',
        sources: [],
        basis: 'assumption',
        distribution: { kind: 'triangular' },
      },
      {
        id: 'tax',
        label: 'Tax',
        description: '',
        group: 'g',
        default: 0.1,
        min: 0,
        max: 0.5,
        step: 0.01,
        unit: 'share',
        sources: [],
        basis: 'assumption',
        distribution: { kind: 'triangular' },
      },
    ],
    variables: [
      {
        id: 'units',
        label: 'Units',
        unit: 'units',
        dimensions: ['item', 'year'],
        formula: formula('units', 'coalesce(sales.units, prev(units) * (1 + growth))'),
      },
      {
        id: 'revenue',
        label: 'Revenue',
        unit: 'USD',
        dimensions: ['item', 'year'],
        formula: formula('revenue', 'units * item.price'),
      },
      {
        id: 'total',
        label: 'Total',
        unit: 'USD',
        dimensions: ['year'],
        formula: formula('total', 'sum(item, revenue) * (1 - tax)'),
      },
      {
        id: 'late',
        label: 'Late',
        unit: 'x',
        dimensions: ['year'],
        formula: formula('late', 'if(year >= 2025 and total > 40, 1, 0)'),
      },
      {
        id: 'growth_seen',
        label: 'Growth seen',
        unit: 'USD',
        dimensions: ['year'],
        formula: formula('growth_seen', 'total - prev(total, total)'),
      },
    ],
    outputs: ['total'],
    scenarios: [{ name: 'Base', description: '', overrides: {} }],
  };
}

const tables = {
  items: {
    rows: [
      { item: 'apple', price: 2, kind: 'fruit' },
      { item: 'pear', price: 3, kind: 'fruit' },
    ],
  },
  sales: {
    rows: [
      { item: 'apple', year: 2024, units: 10 },
      { item: 'apple', year: 2025, units: 12 },
      { item: 'pear', year: 2024, units: 5 },
    ],
  },
};

function run(def: ModelDefinition, overrides: Record<string, number> = {}) {
  const engine = compileEngine(checkModel(def), bindData(def, tables));
  const results = engine.run(engine.assumptions(overrides));
  return (id: string) => [...(results.get(id) ?? [])];
}

function errorOf(f: () => unknown): ModelError {
  try {
    f();
  } catch (error) {
    if (error instanceof ModelError) return error;
    throw error;
  }
  throw new Error('expected a ModelError');
}

describe('the engine on a model worked by hand', () => {
  it('computes every cell as worked out above', () => {
    const get = run(shop());
    expect(get('units')).toEqual([10, 12, 18, 5, 7.5, 11.25]);
    expect(get('revenue')).toEqual([20, 24, 36, 15, 22.5, 33.75]);
    const total = get('total');
    [31.5, 41.85, 62.775].forEach((v, i) => expect(total[i]).toBeCloseTo(v, 12));
    expect(get('late')).toEqual([0, 1, 1]);
    [0, 10.35, 20.925].forEach((v, i) => expect(get('growth_seen')[i]).toBeCloseTo(v, 12));
  });

  it('recomputes with other assumptions', () => {
    const get = run(shop(), { growth: 0, tax: 0 });
    expect(get('units')).toEqual([10, 12, 12, 5, 5, 5]);
    expect(get('total')).toEqual([35, 39, 39]);
  });

  it('compares text attributes and lays results out by year', () => {
    const def = shop({ late: 'if(item.kind = "fruit", 1, 0) * 0 + if(year = 2026, 1, 0)' });
    const bad = errorOf(() => checkModel(def));
    expect(bad.kind).toBe('dimension'); // late is [year] but the formula varies by item
    const fixed = shop({ late: 'sum(item, if(item.kind = "fruit", 1, 0))' });
    expect(run(fixed)('late')).toEqual([2, 2, 2]);
    const engine = compileEngine(checkModel(fixed), bindData(fixed, tables));
    const table = variableTable(engine, engine.run(engine.assumptions()), 'revenue');
    expect(table.columns).toEqual([2024, 2025, 2026]);
    expect(table.rows).toEqual([
      { labels: ['apple'], values: [20, 24, 36] },
      { labels: ['pear'], values: [15, 22.5, 33.75] },
    ]);
  });
});

describe('the flat program', () => {
  it('has an op for every formula function', () => {
    for (const spec of FUNCTION_SPECS) expect(FUNCTION_OPS[spec.name], spec.name).toBeDefined();
  });

  it('evaluates a variable that reads its last year one year at a time, its other parts once', () => {
    const def = shop({
      units:
        'coalesce(sales.units, if(prev(units) > 6, prev(units) * (1 + growth), prev(units) * (1 + growth * item.price)))',
      late: 'sum(item, if(prev(units, 0) > 6, units * (1 + growth), -units))',
    });
    def.variables = def.variables.map((v) => (v.id === 'late' ? { ...v, unit: 'units' } : v));
    const engine = compileEngine(checkModel(def), bindData(def, tables));
    for (const growth of [0, 0.25, 0.9]) {
      // The same formulas worked year by year in plain code (items apple 2, pear 3).
      const next = (last: number, price: number) => (last > 6 ? last * (1 + growth) : last * (1 + growth * price));
      const apple = [10, 12, next(12, 2)];
      const pear = [5, next(5, 3), next(next(5, 3), 3)];
      const late = [0, 1, 2].map((y) =>
        [apple, pear].reduce(
          (acc, u) =>
            acc + ((y > 0 ? (u[y - 1] as number) : 0) > 6 ? (u[y] as number) * (1 + growth) : -(u[y] as number)),
          0,
        ),
      );
      const results = engine.run(engine.assumptions({ growth }));
      expect([...(results.get('units') ?? [])]).toEqual([...apple, ...pear]);
      expect([...(results.get('late') ?? [])]).toEqual(late);
    }
  });
});

describe('checks: conditions every cell should meet, listed where they fail', () => {
  const withChecks = (formula: string, dimensions = ['item', 'year']): ModelDefinition => ({
    ...shop(),
    checks: [
      { id: 'small', label: 'Revenue small', level: 'warning', message: 'Revenue over 30', dimensions, formula },
    ],
  });

  it('lists the failing cells by their members, and those it cannot tell', () => {
    const def = withChecks('revenue <= 30');
    const engine = compileEngine(checkModel(def), bindData(def, tables));
    const results = engine.run(engine.assumptions());
    const [small] = checkOutcomes(engine, results);
    // revenue: apple 20, 24, 36; pear 15, 22.5, 33.75
    expect(small?.failing).toEqual([
      { item: 'apple', year: 2026 },
      { item: 'pear', year: 2026 },
    ]);
    expect(small?.unknown).toEqual([]);
    expect(describeCheckCell({ item: 'pear', year: 2026 }, 'year')).toBe('2026, pear');
    // With growth 0 nothing is over 30: the same engine, another run.
    expect(checkOutcomes(engine, engine.run(engine.assumptions({ growth: 0 })))[0]?.failing).toEqual([]);
  });

  it('refuse a formula that is not true or false, an unknown name, and a variable reading a check', () => {
    expect(errorOf(() => checkModel(withChecks('revenue * 2'))).message).toContain(
      'check small, at 1: the formula must be true or false',
    );
    expect(errorOf(() => checkModel(withChecks('nothing <= 1'))).message).toContain('check small');
    expect(errorOf(() => checkModel(withChecks('revenue <= 30', ['year']))).kind).toBe('dimension');
    const reads = withChecks('revenue <= 30');
    reads.variables = reads.variables.map((v) => (v.id === 'late' ? { ...v, formula: 'small' } : v));
    expect(errorOf(() => checkModel(reads)).kind).toBe('unknown-name');
  });
});

describe('model errors name the variable, the position and what was expected', () => {
  it('syntax', () => {
    const e = errorOf(() => checkModel(shop({ revenue: 'units * (item.price' })));
    expect(e.kind).toBe('syntax');
    expect(e.message).toBe('variable revenue, at 20: expected ")" but found the end of the formula');
    expect(errorOf(() => parseFormula('1 + * 2', 'x')).message).toBe('x, at 5: expected a value but found "*"');
    expect(errorOf(() => parseFormula('"open', 'x')).message).toBe('x, at 1: unterminated string');
    expect(errorOf(() => parseFormula('a < b < c', 'x')).message).toContain('cannot be chained');
  });
  it('unknown names and functions', () => {
    expect(errorOf(() => checkModel(shop({ revenue: 'unitz * item.price' }))).message).toBe(
      'variable revenue, at 1: unknown name "unitz"',
    );
    expect(errorOf(() => checkModel(shop({ revenue: 'units * item.colour' }))).message).toContain(
      'unknown name "item.colour"',
    );
    expect(errorOf(() => checkModel(shop({ revenue: 'sqrt(units)' }))).message).toBe(
      'variable revenue, at 1: unknown function "sqrt"',
    );
  });
  it('cycles, naming every variable on them', () => {
    const e = errorOf(() => checkModel(shop({ units: 'revenue / item.price' })));
    expect(e.kind).toBe('cycle');
    expect(e.message).toContain('circular reference: units -> revenue -> units');
    expect(errorOf(() => checkModel(shop({ total: 'total + 1' }))).message).toContain('use prev(total)');
  });
  it('dimensions', () => {
    const e = errorOf(() => checkModel(shop({ total: 'revenue * (1 - tax)' })));
    expect(e.kind).toBe('dimension');
    expect(e.message).toContain('varies by item but total is declared over [year]');
    expect(errorOf(() => checkModel(shop({ units: 'sum(item, sales.units)' }))).message).toContain(
      'sum over item inside',
    );
  });
  it('units', () => {
    const e = errorOf(() => checkModel(shop({ growth_seen: 'total - units' })));
    expect(e.kind).toBe('unit');
    // units varies by item too, but the unit error is found first, at the operator's left operand.
    expect(e.message).toBe('variable growth_seen, at 1: cannot subtract units from USD');
    expect(errorOf(() => checkModel(shop({ late: 'if(total > sales.units, 1, 0)' }))).kind).toBe('unit');
    expect(errorOf(() => checkModel(shop({ revenue: 'units + 1' }))).message).toContain('declared in USD');
  });
  it('prev without a value in the first year', () => {
    const e = errorOf(() => checkModel(shop({ growth_seen: 'total - prev(total)' })));
    expect(e.kind).toBe('prev');
    expect(e.message).toContain('use prev(total, default)');
  });
  it('types', () => {
    expect(errorOf(() => checkModel(shop({ late: 'if("a" < "b", 1, 0)' }))).kind).toBe('type');
    expect(errorOf(() => checkModel(shop({ late: '"a" + 1' }))).kind).toBe('type');
  });
  it('data: a missing dataset is named', () => {
    const def = shop();
    expect(errorOf(() => bindData(def, { items: tables.items })).message).toBe(
      'input sales.units: the workbook has no dataset "sales"',
    );
  });
});

describe('the parser and checker on random input', () => {
  it('never throw anything but a ModelError', () => {
    const alphabet = fc.constantFrom(
      ...'abcxyz_0123456789.+-*/^()<>=," '.split(''),
      'and',
      'or',
      'not',
      'sum(',
      'prev(',
      'if(',
      'units',
      'item.price',
      'year',
      '__proto__',
      'constructor',
      'toString',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        for (const f of [() => parseFormula(text, 'p'), () => checkModel(shop({ revenue: text || '1' }))]) {
          try {
            f();
          } catch (error) {
            if (!(error instanceof ModelError)) throw error;
          }
        }
      }),
      { numRuns: 2000, seed: 20261129 },
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('price');
    const deep = '('.repeat(3000) + '1' + ')'.repeat(3000);
    expect(errorOf(() => parseFormula(deep, 'p')).message).toContain('nested too deeply');
  });
});

describe('definition errors', () => {
  it('name the field and what is wrong', async () => {
    const { parseDefinition } = await import('./definition.js');
    expect(errorOf(() => parseDefinition('{')).message).toMatch(/^model definition: not valid JSON/);
    const def = shop();
    const broken = { ...def, assumptions: [{ ...def.assumptions[0], default: 5 }] };
    const e = errorOf(() => parseDefinition(JSON.stringify(broken)));
    expect(e.kind).toBe('definition');
    expect(e.message).toBe('assumption growth: default 5 is outside 0..1');
    const missing = { ...def, variables: [{ id: 'x', label: 'X', unit: '', dimensions: [] }] };
    expect(errorOf(() => parseDefinition(JSON.stringify(missing))).message).toMatch(
      /^model definition variables\.0\.formula: /,
    );
    const twice = { ...def, variables: [...def.variables, { ...def.variables[0]! }] };
    expect(errorOf(() => checkModel(twice)).message).toBe(
      'variable units: the name "units" is already used by variable units',
    );
  });
});
