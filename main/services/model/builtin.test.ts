import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../shared/model/index.js';
import { Session } from '../session.js';
import { tempDir } from '../testing.js';
import { loadEngine } from './load.js';

const tmp = tempDir();
const session = new Session();
let engine: Engine;

beforeAll(async () => {
  engine = await loadEngine(await session.openDefault(tmp.dir));
});
afterAll(async () => {
  await session.close();
  tmp.remove();
});

/** Index of a member along a dimension, for reading one cell. */
function at(dim: string, member: string | number): number {
  const i = engine.data.members.get(dim)?.indexOf(member) ?? -1;
  if (i < 0) throw new Error(`no member ${member} in ${dim}`);
  return i;
}
const Y = (year: number) => at('year', year);

describe('the built-in model, checked by hand against MODEL.md', () => {
  it('2025 demand: (130+80+150+12+12+150) bn CNY x 0.5 x (1-0.2) = 213.6 bn CNY; x1000 / 7.07 / 27 = 1118.969 thousand H100e', () => {
    const r = engine.run(engine.assumptions());
    expect(r.get('total_budget')?.[Y(2025)]).toBeCloseTo(213.6, 10);
    expect(r.get('demand_h100e')?.[Y(2025)]).toBeCloseTo(213600 / 7.07 / 27, 9);
  });

  it('2025 coverage: supply = (2200x148 + 160x300 + 500x320 + 312x780 + 116x256 + 265x148 + 116x200 + 150x192 + 190x120) / 989 = 920676/989; no limit binds', () => {
    const r = engine.run(engine.assumptions());
    // HBM: 500x4 + 312x8 + 116x4 + 265x4 + 116x4 + 150x4 + 190x2 = 7464 thousand stacks < 8000.
    // Wafers: (500 + 624 + 116 + 265 + 116 + 150 + 190) / (78 x 0.35) = 71.83 thousand < 120.
    expect(r.get('hbm_limit')?.[Y(2025)]).toBe(1);
    expect(r.get('wafer_limit')?.[Y(2025)]).toBe(1);
    expect(r.get('total_supply')?.[Y(2025)]).toBeCloseTo(920676 / 989, 9);
    expect(r.get('coverage')?.[Y(2025)]).toBeCloseTo(920676 / 989 / (213600 / 7.07 / 27), 12);
  });

  it('2026 HBM limit: capacity 8000 x 1.25 = 10000 against 300x4 + 600x8 + 300x4 + 400x4 + 200x4 + 200x4 + 250x2 = 10900', () => {
    const r = engine.run(engine.assumptions());
    expect(r.get('hbm_limit')?.[Y(2026)]).toBeCloseTo(10000 / 10900, 14);
  });

  it('2024 coverage: supply 265240/989 against demand 344.7 x 0.4 x 1000 / 7.07 / 27', () => {
    const r = engine.run(engine.assumptions());
    expect(r.get('coverage')?.[Y(2024)]).toBeCloseTo(265240 / 989 / ((344.7 * 0.4 * 1000) / 7.07 / 27), 12);
  });

  it('extrapolates after the last data year: Alibaba 2027 capex 160 x 1.15; Ascend 910B planned 2027 300 x 1.4', () => {
    const r = engine.run(engine.assumptions());
    const capex = r.get('base_capex');
    const years = engine.data.members.get('year')?.length ?? 0;
    expect(capex?.[at('buyer', 'Alibaba') * years + Y(2027)]).toBeCloseTo(184, 12);
    const planned = r.get('planned');
    expect(planned?.[at('chip', 'Huawei Ascend 910B') * years + Y(2027)]).toBeCloseTo(420, 12);
  });

  it('Import ban removes every imported unit', () => {
    const r = engine.run(engine.assumptions({ import_allowance: 0 }));
    const years = engine.data.members.get('year')?.length ?? 0;
    expect(r.get('supply_units')?.[at('chip', 'Nvidia H20 and China SKUs') * years + Y(2025)]).toBe(0);
    expect(r.get('domestic_share')?.[Y(2025)]).toBe(1);
  });
});

/** Values the engine computes today for every built-in scenario (12 significant digits), after the checks above. */
const PINNED: Record<string, Record<string, number[]>> = {
  Base: {
    gap_h100e: [454.110710508, 188.052962916, 223.715969209, 246.833387225, 254.670910962],
    coverage: [0.371299727815, 0.83194087036, 0.840652457603, 0.847118672007, 0.862838557138],
    hbm_limit: [1, 1, 0.917431192661, 0.819134993447, 0.731370529863],
    wafer_limit: [1, 1, 1, 1, 1],
    shortfall_value: [86.6851935288, 35.897430091, 42.7051413623, 47.1180252873, 48.6141301936],
  },
  'Import ban': {
    gap_h100e: [618.923652874, 565.808271308, 654.049639583, 677.167057599, 685.004581336],
    coverage: [0.143122018443, 0.494348591245, 0.534136060821, 0.580582674805, 0.631068124788],
    hbm_limit: [1, 1, 0.917431192661, 0.819134993447, 0.731370529863],
    wafer_limit: [1, 1, 1, 1, 1],
    shortfall_value: [118.146336097, 108.00714091, 124.8515357, 129.264419625, 130.760524531],
  },
  'Domestic ramp': {
    gap_h100e: [350.733561873, -148.112262929, -151.2341704, -221.854287287, -331.188682177],
    coverage: [0.514421746258, 1.13236493385, 1.10772048801, 1.13741000941, 1.17837261953],
    hbm_limit: [1, 0.8038585209, 0.688073394495, 0.614351245085, 0.548527897397],
    wafer_limit: [1, 1, 1, 1, 1],
    shortfall_value: [66.9515296259, 0, 0, 0, 0],
  },
  'Capex surge': {
    gap_h100e: [743.031031111, 635.64057882, 785.29593673, 1187.47983282, 1719.69265123],
    coverage: [0.265214091297, 0.594243478829, 0.600466041145, 0.535267292752, 0.482292473295],
    hbm_limit: [1, 1, 0.917431192661, 0.819134993447, 0.731370529863],
    wafer_limit: [1, 1, 1, 1, 1],
    shortfall_value: [141.837193529, 121.337430091, 149.905141362, 226.678025287, 328.272130194],
  },
  'HBM squeeze': {
    gap_h100e: [454.110710508, 444.77173327, 598.666108818, 715.521061736, 840.530504102],
    coverage: [0.371299727815, 0.60251649736, 0.573584427193, 0.556827334605, 0.547304494744],
    hbm_limit: [1, 0.5359056806, 0.45871559633, 0.409567496723, 0.365685264932],
    wafer_limit: [1, 1, 1, 1, 1],
    shortfall_value: [86.6851935288, 84.9024761638, 114.279373512, 136.585815475, 160.448867928],
  },
};

describe('pinned outputs for every built-in scenario', () => {
  it('matches to a relative 1e-10', () => {
    for (const scenario of engine.model.def.scenarios) {
      const r = engine.run(engine.assumptions(scenario.overrides));
      for (const [id, expected] of Object.entries(PINNED[scenario.name] ?? {})) {
        const got = [...(r.get(id) ?? [])];
        expect(got.length, `${scenario.name} ${id}`).toBe(expected.length);
        expected.forEach((e, i) => {
          const tolerance = Math.max(Math.abs(e), 1e-12) * 1e-10;
          expect(Math.abs((got[i] ?? NaN) - e), `${scenario.name} ${id}[${i}]`).toBeLessThanOrEqual(tolerance);
        });
      }
    }
    expect(Object.keys(PINNED)).toEqual(['Base', 'Import ban', 'Domestic ramp', 'Capex surge', 'HBM squeeze']);
  });

  it('2025 budget used: the value of delivered chips over the onshore budget, about 1.52 as MODEL.md says for these figures', () => {
    const r = engine.run(engine.assumptions());
    const used = r.get('budget_used')?.[Y(2025)] ?? Number.NaN;
    expect(used).toBeCloseTo((r.get('supply_value')?.[Y(2025)] ?? 0) / 213.6, 12);
    expect(used).toBeCloseTo(1.5216, 4);
    expect(r.get('budget_fits')?.[Y(2025)]).toBe(0);
  });
});
