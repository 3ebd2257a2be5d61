import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, Results } from '../../../shared/model/index.js';
import { Session } from '../session.js';
import { tempDir } from '../../testing/temp-dir.js';
import { loadEngine } from './load.js';

const tmp = tempDir();
const session = new Session();
let engine: Engine;
let earlier: Engine;

beforeAll(async () => {
  const store = await session.openDefault(tmp.dir);
  engine = await loadEngine(store);
  earlier = await loadEngine(store, { vintage: '2025-11' });
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

describe('the built-in model (version 2), checked by hand against docs/model.md', () => {
  const base = () => engine.run(engine.assumptions());
  const cell = (r: Results, id: string, dim: string, member: string, year: number) =>
    r.get(id)?.[at(dim, member) * (engine.data.members.get('year')?.length ?? 0) + Y(year)];

  it('2025 demand: (130+79.1+150+12+12+150) bn CNY x 0.5 x (1-0.2) = 213.24 bn CNY; x1000 / 7.07 / 27 thousand H100e', () => {
    const r = base();
    expect(r.get('total_budget')?.[Y(2025)]).toBeCloseTo(213.24, 10);
    expect(r.get('demand_h100e')?.[Y(2025)]).toBeCloseTo(213240 / 7.07 / 27, 9);
  });

  it('2025 supply: imports 450x148 + 1750x100 + 160x300, domestic (500x320 + 312x780 + 116x256 + 265x148 + 116x200 + 90x192 + 100x150) x 0.8, over 989; no limit binds', () => {
    const r = base();
    // HBM: 500x4 + 312x8 + 116x4 + 265x4 + 116x4 + 90x4 + 100x2 = 7044 thousand stacks from a stock of 13000.
    // Wafers: (500 + 624 + 116 + 265 + 116 + 90 + 100) / (78 x 0.35) = 66.3 thousand < 15 x 12 = 180.
    expect(r.get('hbm_limit')?.[Y(2025)]).toBe(1);
    expect(r.get('wafer_limit')?.[Y(2025)]).toBe(1);
    const supply = (289600 + 527756 * 0.8) / 989;
    expect(r.get('total_supply')?.[Y(2025)]).toBeCloseTo(supply, 9);
    expect(r.get('coverage')?.[Y(2025)]).toBeCloseTo(supply / (213240 / 7.07 / 27), 12);
  });

  it('HBM is a stock: 13000 at the start of 2025, 13000 - 7044 = 5956 left after 2025; 2026 has 5956 + 2000 made for 11360 needed', () => {
    const r = base();
    expect(r.get('hbm_left')?.[Y(2024)]).toBe(13000);
    expect(r.get('hbm_left')?.[Y(2025)]).toBeCloseTo(5956, 9);
    // 2026 need: 200x4 + 600x8 + 300x4 + 300x4 + 400x4 + 200x4 + 150x4 + 180x2 = 11360.
    expect(r.get('hbm_needed')?.[Y(2026)]).toBeCloseTo(11360, 9);
    expect(r.get('hbm_limit')?.[Y(2026)]).toBeCloseTo(7956 / 11360, 14);
    expect(r.get('hbm_left')?.[Y(2026)]).toBe(0);
    // From 2027 only what China makes: 2000 x 2^(year - 2026).
    expect(r.get('hbm_made')?.[Y(2028)]).toBeCloseTo(8000, 9);
  });

  it('2024 coverage: supply (193000 + 101220 x 0.8) / 989 against demand 344.7 x 0.4 x 1000 / 7.07 / 27', () => {
    const r = base();
    expect(r.get('coverage')?.[Y(2024)]).toBeCloseTo(
      (193000 + 101220 * 0.8) / 989 / ((344.7 * 0.4 * 1000) / 7.07 / 27),
      12,
    );
  });

  it('licence-gated H200s: none before 2026, then h200_k_per_year, with the levy in their cost', () => {
    const r = base();
    expect(cell(r, 'supply_units', 'chip', 'Nvidia H200', 2025)).toBe(0);
    expect(cell(r, 'supply_units', 'chip', 'Nvidia H200', 2026)).toBe(25);
    // Read before the next run: a run may reuse the arrays of the one before.
    const withLevy = r.get('supply_cost')?.[Y(2026)] ?? 0;
    // The allowance governs unlicensed imports only.
    const flows = engine.run(engine.assumptions({ h200_k_per_year: 400, import_allowance: 0 }));
    expect(cell(flows, 'supply_units', 'chip', 'Nvidia H200', 2027)).toBe(400);
    const noLevy = engine.run(engine.assumptions({ import_tariff: 0 })).get('supply_cost')?.[Y(2026)] ?? 0;
    expect(withLevy - noLevy).toBeCloseTo((25 * 27 * 0.25 * 7.07) / 1000, 12);
  });

  it('2025 budget used: (450x11 + 1750x4 + 160x12 + 500x7 + 312x12 + 116x8 + 265x10 + 116x10 + 90x8 + 100x6) x 7.07 / 1000 / 213.24, about 0.90', () => {
    const r = base();
    expect(r.get('supply_cost')?.[Y(2025)]).toBeCloseTo((27172 * 7.07) / 1000, 10);
    expect(r.get('budget_used')?.[Y(2025)]).toBeCloseTo((27172 * 7.07) / 1000 / 213.24, 12);
  });

  it('extrapolates after the last data year: Alibaba 2027 capex 160 x 1.15; Ascend 910B planned 2027 200 x 1.4', () => {
    const r = base();
    expect(cell(r, 'base_capex', 'buyer', 'Alibaba', 2027)).toBeCloseTo(184, 12);
    expect(cell(r, 'planned', 'chip', 'Huawei Ascend 910B', 2027)).toBeCloseTo(280, 12);
  });

  it('Import ban removes every imported unit, licensed or not', () => {
    const ban = engine.model.def.scenarios.find((s) => s.name === 'Import ban');
    const r = engine.run(engine.assumptions(ban?.overrides));
    expect(cell(r, 'supply_units', 'chip', 'Nvidia H20', 2025)).toBe(0);
    expect(cell(r, 'supply_units', 'chip', 'Nvidia H200', 2026)).toBe(0);
    expect(r.get('domestic_share')?.[Y(2025)]).toBe(1);
  });

  it('the 2025-11 vintage: 2.2 M H20s in 2025 and 400k H200s a year put 2026 coverage near 0.709, and 2025 budget used near 1.52', () => {
    const r = earlier.run(earlier.assumptions());
    expect(r.get('coverage')?.[Y(2026)]).toBeCloseTo(0.709, 3);
    expect(r.get('budget_used')?.[Y(2025)]).toBeCloseTo(1.5216, 4);
    expect(r.get('budget_fits')?.[Y(2025)]).toBe(0);
  });

  it('budget_fits holds in 2024-2029 and fails narrowly in 2030 in 2026-06; fails in 2025, 2029 and 2030 in 2025-11', () => {
    const failing = (e: Engine) => {
      const r = e.run(e.assumptions());
      return (e.data.members.get('year') ?? []).filter((_, i) => r.get('budget_fits')?.[i] === 0);
    };
    expect(failing(engine)).toEqual([2030]);
    expect(failing(earlier)).toEqual([2025, 2029, 2030]);
  });
});

/** Values the engine computes for every built-in scenario (12 significant digits), after the checks above. */
const PINNED: Record<string, Record<string, number[]>> = {
  Base: {
    gap_h100e: [
      445.277545695, 397.361397755, 867.510609426, 1344.94106233, 1337.69492836, 1108.13115325, 401.671369827,
    ],
    coverage: [
      0.383528933147, 0.644286638448, 0.408574642024, 0.202683852831, 0.310417000071, 0.503267254882, 0.843431402044,
    ],
    hbm_limit: [1, 1, 0.700352112676, 0.251509054326, 0.359298649037, 0.513283784339, 0.733262549055],
    hbm_left: [13000, 5956, 0, 0, 0, 0, 0],
    wafer_limit: [1, 1, 1, 1, 1, 1, 1],
    budget_used: [
      0.820936321439, 0.900891202401, 0.498387611796, 0.25155563763, 0.378611175085, 0.607256921574, 1.01157960625,
    ],
    shortfall_value: [
      84.9990306977, 75.8523172174, 165.599100233, 256.735799388, 255.352584874, 211.531155845, 76.6750477862,
    ],
  },
  'H200 flows': {
    gap_h100e: [
      445.277545695, 397.361397755, 492.510609426, 969.941062331, 962.694928355, 733.131153254, 26.6713698267,
    ],
    coverage: [
      0.383528933147, 0.644286638448, 0.664230892024, 0.42499363544, 0.503729854513, 0.67136538918, 0.989603692737,
    ],
    hbm_limit: [1, 1, 0.700352112676, 0.251509054326, 0.359298649037, 0.513283784339, 0.733262549055],
    hbm_left: [13000, 5956, 0, 0, 0, 0, 0],
    wafer_limit: [1, 1, 1, 1, 1, 1, 1],
    budget_used: [
      0.820936321439, 0.900891202401, 0.817957924296, 0.529442865891, 0.620252243137, 0.817379589446, 1.19429496961,
    ],
    shortfall_value: [
      84.9990306977, 75.8523172174, 94.0153502334, 185.152049388, 183.768834874, 139.947405845, 5.09129778621,
    ],
  },
  'Import ban': {
    gap_h100e: [640.424158435, 690.182429099, 949.133460791, 1426.5639137, 1419.31777972, 1189.75400462, 483.294221192],
    coverage: [
      0.113355326344, 0.38215661278, 0.352928263105, 0.15429569725, 0.268340343044, 0.466678857468, 0.811615404292,
    ],
    hbm_limit: [1, 1, 0.700352112676, 0.251509054326, 0.359298649037, 0.513283784339, 0.733262549055],
    hbm_left: [13000, 5956, 0, 0, 0, 0, 0],
    wafer_limit: [1, 1, 1, 1, 1, 1, 1],
    budget_used: [
      0.164597476066, 0.441029544176, 0.420522924296, 0.183847213717, 0.319734284725, 0.556059625609, 0.967060218451,
    ],
    shortfall_value: [
      122.250567604, 131.748923891, 181.18008633, 272.316785485, 270.933570971, 227.112141942, 92.2560338833,
    ],
  },
  'Domestic ramp': {
    gap_h100e: [
      363.400902621, 36.3987890705, 1059.851201, 954.533907572, 556.880618838, -453.497465781, -2721.58586824,
    ],
    coverage: [
      0.496884259491, 0.967416221883, 0.277446443715, 0.434127398707, 0.712927514637, 1.20328554108, 2.06085450848,
    ],
    hbm_limit: [1, 0.922771152754, 0.220070422535, 0.314386317907, 0.449123311296, 0.641604730423, 0.916578186319],
    hbm_left: [13000, 0, 0, 0, 0, 0, 0],
    wafer_limit: [1, 1, 1, 1, 1, 1, 1],
    budget_used: [
      0.985533797505, 1.27380033998, 0.342145057218, 0.527326458206, 0.858212602173, 1.44134635999, 2.46216993392,
    ],
    shortfall_value: [69.3695983013, 6.94816484567, 202.31499576, 182.210977616, 106.30294133, 0, 0],
  },
  'Capex surge': {
    gap_h100e: [
      734.197866298, 844.194652509, 1454.23594863, 2327.70600549, 2868.31465699, 3388.91589839, 3701.31750111,
    ],
    coverage: [
      0.273949237962, 0.460204741748, 0.291839030017, 0.128069467448, 0.173510770327, 0.248847970047, 0.368926356525,
    ],
    hbm_limit: [1, 1, 0.700352112676, 0.251509054326, 0.359298649037, 0.513283784339, 0.733262549055],
    hbm_left: [13000, 5956, 0, 0, 0, 0, 0],
    wafer_limit: [1, 1, 1, 1, 1, 1, 1],
    budget_used: [
      0.586383086742, 0.643493716001, 0.355991151283, 0.15894999081, 0.211628604839, 0.300267205475, 0.442476267262,
    ],
    shortfall_value: [
      140.151030698, 161.148317217, 277.599100233, 444.335799388, 547.532584874, 646.910155845, 706.544497786,
    ],
  },
  'HBM squeeze': {
    gap_h100e: [
      445.277545695, 397.361397755, 1290.45169375, 1540.14463971, 1728.10208311, 1888.94546277, 1963.29998886,
    ],
    coverage: [
      0.383528933147, 0.644286638448, 0.120234557787, 0.0869620798935, 0.109161742788, 0.153258111782, 0.234719848825,
    ],
    hbm_limit: [1, 1, 0.128169014085, 0.0628772635815, 0.0898246622593, 0.128320946085, 0.183315637264],
    hbm_left: [8000, 956, 0, 0, 0, 0, 0],
    wafer_limit: [1, 1, 1, 1, 1, 1, 1],
    budget_used: [
      0.820936321439, 0.900891202401, 0.154823131162, 0.113670227342, 0.138810461541, 0.190212202367, 0.286284442408,
    ],
    shortfall_value: [
      84.9990306977, 75.8523172174, 246.33432382, 293.998210274, 329.877406646, 360.580799388, 374.774334874,
    ],
  },
};

/** Every built-in scenario on the 2025-11 vintage, the same way. */
const PINNED_2025_11: Record<string, Record<string, number[]>> = {
  Base: {
    gap_h100e: [
      454.110710508, 188.052962916, 408.491398008, 884.24862456, 826.469873866, 505.058215634, -374.497381202,
    ],
    coverage: [
      0.371299727815, 0.83194087036, 0.709041332217, 0.45232245314, 0.554877312241, 0.763464514898, 1.15251262905,
    ],
    hbm_limit: [1, 1, 0.691376146789, 0.262123197903, 0.37446171129, 0.534945301843, 0.764207574061],
    hbm_left: [13000, 5536, 0, 0, 0, 0, 0],
    wafer_limit: [1, 1, 1, 1, 1, 1, 0.913139133708],
    budget_used: [
      0.737253118654, 1.52163876404, 0.996878712858, 0.589275402009, 0.785456529634, 1.15786330678, 1.83267701258,
    ],
    shortfall_value: [86.6851935288, 35.897430091, 77.9769229658, 168.794219942, 157.764834222, 96.4105627823, 0],
  },
  'H200 flows': {
    gap_h100e: [
      454.110710508, 188.052962916, 408.491398008, 884.24862456, 826.469873866, 505.058215634, -374.497381202,
    ],
    coverage: [
      0.371299727815, 0.83194087036, 0.709041332217, 0.45232245314, 0.554877312241, 0.763464514898, 1.15251262905,
    ],
    hbm_limit: [1, 1, 0.691376146789, 0.262123197903, 0.37446171129, 0.534945301843, 0.764207574061],
    hbm_left: [13000, 5536, 0, 0, 0, 0, 0],
    wafer_limit: [1, 1, 1, 1, 1, 1, 0.913139133708],
    budget_used: [
      0.737253118654, 1.52163876404, 0.996878712858, 0.589275402009, 0.785456529634, 1.15786330678, 1.83267701258,
    ],
    shortfall_value: [86.6851935288, 35.897430091, 77.9769229658, 168.794219942, 157.764834222, 96.4105627823, 0],
  },
  'Import ban': {
    gap_h100e: [
      618.923652874, 565.808271308, 838.825068383, 1314.58229493, 1256.80354424, 935.391886008, 55.8362891724,
    ],
    coverage: [
      0.143122018443, 0.494348591245, 0.402524935435, 0.185786455938, 0.323106879892, 0.561925008507, 0.97726088436,
    ],
    hbm_limit: [1, 1, 0.691376146789, 0.262123197903, 0.37446171129, 0.534945301843, 0.764207574061],
    hbm_left: [13000, 5536, 0, 0, 0, 0, 0],
    wafer_limit: [1, 1, 1, 1, 1, 1, 0.913139133708],
    budget_used: [
      0.296275456919, 0.875541385768, 0.680311548679, 0.31399960707, 0.546086273166, 0.94971525768, 1.65167870901,
    ],
    shortfall_value: [
      118.146336097, 108.00714091, 160.123317304, 250.94061428, 239.91122856, 178.55695712, 10.6585892401,
    ],
  },
  'Domestic ramp': {
    gap_h100e: [
      350.733561873, -222.222762453, 598.666108818, 434.308457029, -73.4104611956, -1294.70245449, -3974.01872145,
    ],
    coverage: [
      0.514421746258, 1.19859598841, 0.573584427193, 0.731002137046, 1.03953763208, 1.60635202766, 2.61840395559,
    ],
    hbm_limit: [1, 0.870846730975, 0.229357798165, 0.327653997379, 0.468077139113, 0.668681627304, 0.955259467577],
    hbm_left: [13000, 0, 0, 0, 0, 0, 0],
    wafer_limit: [1, 1, 1, 1, 1, 1, 1],
    budget_used: [
      1.03352857557, 2.17102208554, 0.767941599343, 1.06027481261, 1.60458593938, 2.5824361933, 4.31019507609,
    ],
    shortfall_value: [66.9515296259, 0, 114.279373512, 82.9051413623, 0, 0, 0],
  },
  'Capex surge': {
    gap_h100e: [743.031031111, 635.64057882, 970.071365529, 1824.89507016, 2291.49161414, 2688.09504313, 2783.73534445],
    coverage: [
      0.265214091297, 0.594243478829, 0.506458094441, 0.285808143467, 0.310154372544, 0.377506370406, 0.504121952365,
    ],
    hbm_limit: [1, 1, 0.691376146789, 0.262123197903, 0.37446171129, 0.534945301843, 0.764207574061],
    hbm_left: [13000, 5536, 0, 0, 0, 0, 0],
    wafer_limit: [1, 1, 1, 1, 1, 1, 0.913139133708],
    budget_used: [
      0.526609370467, 1.08688483146, 0.71205622347, 0.372344347423, 0.439038994269, 0.572522711718, 0.801633483528,
    ],
    shortfall_value: [
      141.837193529, 121.337430091, 185.176922966, 348.354219942, 437.422834222, 513.130462782, 531.387239902,
    ],
  },
  'HBM squeeze': {
    gap_h100e: [454.110710508, 188.052962916, 895.9265795, 1109.21870833, 1276.4100414, 1404.9385507, 1425.26328892],
    coverage: [
      0.371299727815, 0.83194087036, 0.361852892684, 0.312982611187, 0.312547152323, 0.342020758518, 0.419566965778,
    ],
    hbm_limit: [1, 1, 0.0950458715596, 0.0655307994758, 0.0936154278225, 0.133736325461, 0.191051893515],
    hbm_left: [8000, 536, 0, 0, 0, 0, 0],
    wafer_limit: [1, 1, 1, 1, 1, 1, 0.913139133708],
    budget_used: [
      0.737253118654, 1.52163876404, 0.410091947145, 0.353775696706, 0.37589182476, 0.445576863523, 0.59391798082,
    ],
    shortfall_value: [
      86.6851935288, 35.897430091, 171.023424761, 211.738759232, 243.653912802, 268.188719942, 272.068509222,
    ],
  },
};

function expectPinned(got: Results, expected: Record<string, number[]>, what: string) {
  for (const [id, values] of Object.entries(expected)) {
    const row = [...(got.get(id) ?? [])];
    expect(row.length, `${what} ${id}`).toBe(values.length);
    values.forEach((e, i) => {
      const tolerance = Math.max(Math.abs(e), 1e-12) * 1e-10;
      expect(Math.abs((row[i] ?? NaN) - e), `${what} ${id}[${i}]`).toBeLessThanOrEqual(tolerance);
    });
  }
}

describe('pinned outputs for every built-in scenario and vintage', () => {
  it('matches to a relative 1e-10', () => {
    for (const scenario of engine.model.def.scenarios)
      expectPinned(engine.run(engine.assumptions(scenario.overrides)), PINNED[scenario.name] ?? {}, scenario.name);
    expect(Object.keys(PINNED)).toEqual(engine.model.def.scenarios.map((s) => s.name));
    expect(Object.keys(PINNED)).toEqual([
      'Base',
      'H200 flows',
      'Import ban',
      'Domestic ramp',
      'Capex surge',
      'HBM squeeze',
    ]);
    for (const scenario of earlier.model.def.scenarios)
      expectPinned(
        earlier.run(earlier.assumptions(scenario.overrides)),
        PINNED_2025_11[scenario.name] ?? {},
        `2025-11 ${scenario.name}`,
      );
    expect(Object.keys(PINNED_2025_11)).toEqual(Object.keys(PINNED));
  });
});
