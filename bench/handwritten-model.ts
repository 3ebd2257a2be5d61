import type { DatasetTable } from '../shared/model/index.js';

type Member = string | number;

/** NaN wins, and the first argument wins a tie, as the engine's min and max have it. */
const min = (a: number, b: number): number => (a !== a || b !== b ? Number.NaN : a < b ? a : b);
const max = (a: number, b: number): number => (a !== a || b !== b ? Number.NaN : a > b ? a : b);

/**
 * The built-in model (data/model.json, version 2) written out by hand as plain loops over years:
 * the peer the engine is measured against (about the fastest a person could make this one model
 * in JavaScript), and a second, independent implementation the benchmark checks every cell of
 * every variable against. Each expression keeps the formula's order of operations, so the
 * numbers are the engine's to the last bit.
 *
 * `members` are the model's dimension members in the engine's order (data order, not a
 * computation); `assumptionIds` the order of the assumption vector.
 */
export function handwritten(
  tables: Record<string, DatasetTable>,
  members: { buyer: readonly Member[]; chip: readonly Member[]; year: readonly Member[] },
  assumptionIds: readonly string[],
) {
  const years = members.year.map(Number);
  const buyers = members.buyer.map(String);
  const chips = members.chip.map(String);
  const T = years.length;
  const B = buyers.length;
  const C = chips.length;
  const chipRow = (c: string) => tables.chips?.rows.find((r) => r.chip === c);
  const attr = (name: string) => chips.map((c) => Number(chipRow(c)?.[name] ?? Number.NaN));
  const domestic = chips.map((c) => chipRow(c)?.origin === 'domestic');
  const gated = attr('licence_gated').map((g) => g === 1);
  const [tflops, hbmStacks, dies, gross, price] = [
    'tflops',
    'hbm_stacks',
    'dies_per_package',
    'gross_dies_per_wafer',
    'price_k_usd',
  ].map(attr) as [number[], number[], number[], number[], number[]];
  const given = (table: string, key: string, column: string, list: string[]) => {
    const out = new Float64Array(list.length * T).fill(Number.NaN);
    for (const row of tables[table]?.rows ?? []) {
      const k = list.indexOf(String(row[key]));
      const t = years.indexOf(Number(row.year));
      const v = row[column];
      if (k >= 0 && t >= 0 && typeof v === 'number') out[k * T + t] = v;
    }
    return out;
  };
  const capexIn = given('buyer_capex', 'buyer', 'capex_cny_bn', buyers);
  const supplyIn = given('chip_supply', 'chip', 'units_k', chips);

  const byBuyer = () => new Float64Array(B * T);
  const byChip = () => new Float64Array(C * T);
  const byYear = () => new Float64Array(T);
  const v = {
    base_capex: byBuyer(),
    capex: byBuyer(),
    onshore_budget: byBuyer(),
    total_budget: byYear(),
    demand_h100e: byYear(),
    planned: byChip(),
    wanted: byChip(),
    wafers_needed: byChip(),
    wafer_capacity: byYear(),
    wafer_limit: byYear(),
    hbm_needed: byYear(),
    hbm_made: byYear(),
    hbm_left: byYear(),
    hbm_available: byYear(),
    hbm_limit: byYear(),
    domestic_limit: byYear(),
    supply_units: byChip(),
    supply_h100e: byChip(),
    total_supply: byYear(),
    gap_h100e: byYear(),
    coverage: byYear(),
    shortfall_value: byYear(),
    domestic_share: byYear(),
    buyer_shortfall: byBuyer(),
    supply_cost: byYear(),
    budget_used: byYear(),
    budget_fits: byYear(),
  };
  const at = (id: string): number => {
    const k = assumptionIds.indexOf(id);
    if (k < 0) throw new Error(`hand-written model: no assumption ${id}`);
    return k;
  };
  const ix = {
    fx: at('fx_cny_per_usd'),
    capexScale: at('capex_scale'),
    capexGrowth: at('capex_growth'),
    accel: at('accelerator_share'),
    overseas: at('overseas_share'),
    price: at('h100e_price_k_usd'),
    allowance: at('import_allowance'),
    h200: at('h200_k_per_year'),
    tariff: at('import_tariff'),
    importGrowth: at('imported_supply_growth'),
    domScale: at('domestic_output_scale'),
    domGrowth: at('domestic_supply_growth'),
    domEff: at('domestic_efficiency'),
    wafers: at('smic_ai_wafers_k_per_month'),
    waferGrowth: at('wafer_growth'),
    yield: at('foundry_yield'),
    hbmStock: at('hbm_stock_m'),
    hbm2026: at('hbm_domestic_m_2026'),
    hbmGrowth: at('hbm_domestic_growth'),
  };

  /** a: the assumption vector in the model's order. */
  return (a: Float64Array) => {
    const fx = a[ix.fx] as number;
    const capexScale = a[ix.capexScale] as number;
    const capexGrowth = 1 + (a[ix.capexGrowth] as number);
    const accel = a[ix.accel] as number;
    const onshoreShare = 1 - (a[ix.overseas] as number);
    const price100 = a[ix.price] as number;
    const allowance = a[ix.allowance] as number;
    const h200 = a[ix.h200] as number;
    const tariffed = 1 + (a[ix.tariff] as number);
    const importGrowth = a[ix.importGrowth] as number;
    const domScale = a[ix.domScale] as number;
    const domGrowth = a[ix.domGrowth] as number;
    const domEff = a[ix.domEff] as number;
    const wafers = a[ix.wafers] as number;
    const waferGrowth = 1 + (a[ix.waferGrowth] as number);
    const yieldShare = a[ix.yield] as number;
    const hbmStock = a[ix.hbmStock] as number;
    const hbm2026 = a[ix.hbm2026] as number;
    const hbmGrowth = 1 + (a[ix.hbmGrowth] as number);
    let hbmLeftBefore = 0;
    for (let t = 0; t < T; t++) {
      const year = years[t] as number;
      let totalBudget = 0;
      for (let b = 0; b < B; b++) {
        const k = b * T + t;
        const g = capexIn[k] as number;
        const base = g !== g ? (t > 0 ? (v.base_capex[k - 1] as number) : Number.NaN) * capexGrowth : g;
        v.base_capex[k] = base;
        const capex = base * capexScale;
        v.capex[k] = capex;
        const onshore = capex * accel * onshoreShare;
        v.onshore_budget[k] = onshore;
        totalBudget += onshore;
      }
      v.total_budget[t] = totalBudget;
      const demand = (totalBudget * 1000) / fx / price100;
      v.demand_h100e[t] = demand;

      let wafersNeeded = 0;
      let hbmNeeded = 0;
      for (let c = 0; c < C; c++) {
        const k = c * T + t;
        let planned: number;
        if (gated[c]) planned = year >= 2026 ? h200 : 0;
        else {
          const g = supplyIn[k] as number;
          const last = t > 0 ? (v.planned[k - 1] as number) : Number.NaN;
          planned = g !== g ? last * (1 + (domestic[c] ? domGrowth : importGrowth)) : g;
        }
        v.planned[k] = planned;
        const wanted = planned * (domestic[c] ? domScale : gated[c] ? 1 : allowance);
        v.wanted[k] = wanted;
        const wn = domestic[c] ? (wanted * (dies[c] as number)) / ((gross[c] as number) * yieldShare) : 0;
        v.wafers_needed[k] = wn;
        wafersNeeded += wn;
        hbmNeeded += domestic[c] ? wanted * (hbmStacks[c] as number) : 0;
      }
      const waferCapacity = wafers * 12 * waferGrowth ** max(0, year - 2025);
      v.wafer_capacity[t] = waferCapacity;
      const waferLimit = min(1, waferCapacity / max(wafersNeeded, 1e-9));
      v.wafer_limit[t] = waferLimit;
      v.hbm_needed[t] = hbmNeeded;
      const hbmMade = year < 2026 ? 0 : hbm2026 * 1000 * hbmGrowth ** (year - 2026);
      v.hbm_made[t] = hbmMade;
      const hbmLeft = year < 2025 ? hbmStock * 1000 : max(0, hbmLeftBefore + hbmMade - hbmNeeded * waferLimit);
      const hbmAvailable = year < 2025 ? hbmNeeded : hbmLeftBefore + hbmMade;
      v.hbm_left[t] = hbmLeft;
      v.hbm_available[t] = hbmAvailable;
      hbmLeftBefore = hbmLeft;
      const hbmLimit = min(1, hbmAvailable / max(hbmNeeded, 1e-9));
      v.hbm_limit[t] = hbmLimit;
      const domesticLimit = min(waferLimit, hbmLimit);
      v.domestic_limit[t] = domesticLimit;

      let totalSupply = 0;
      let domesticSupply = 0;
      let supplyCost = 0;
      for (let c = 0; c < C; c++) {
        const k = c * T + t;
        const units = (v.wanted[k] as number) * (domestic[c] ? domesticLimit : 1);
        v.supply_units[k] = units;
        const h100e = ((units * (tflops[c] as number)) / 989) * (domestic[c] ? domEff : 1);
        v.supply_h100e[k] = h100e;
        totalSupply += h100e;
        domesticSupply += domestic[c] ? h100e : 0;
        supplyCost += units * (price[c] as number) * (gated[c] ? tariffed : 1);
      }
      v.total_supply[t] = totalSupply;
      const gap = demand - totalSupply;
      v.gap_h100e[t] = gap;
      const coverage = totalSupply / demand;
      v.coverage[t] = coverage;
      v.shortfall_value[t] = (max(0, gap) * price100 * fx) / 1000;
      v.domestic_share[t] = domesticSupply / totalSupply;
      const uncovered = max(0, 1 - coverage);
      for (let b = 0; b < B; b++) v.buyer_shortfall[b * T + t] = (v.onshore_budget[b * T + t] as number) * uncovered;
      const cost = (supplyCost * fx) / 1000;
      v.supply_cost[t] = cost;
      const used = cost / totalBudget;
      v.budget_used[t] = used;
      v.budget_fits[t] = used <= 1 ? 1 : 0;
    }
    return v;
  };
}
