import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, compareScenarios, explainCell, sourceRows, targetOf } from '../../../shared/model/index.js';
import { Session } from '../session.js';
import { tempDir } from '../../testing/temp-dir.js';
import { loadEngine, readTables } from './load.js';
import type { DatasetTable } from '../../../shared/model/index.js';

const tmp = tempDir();
const session = new Session();
let engine: Engine;
let tables: Record<string, DatasetTable>;

beforeAll(async () => {
  const store = await session.openDefault(tmp.dir);
  engine = await loadEngine(store);
  tables = await readTables(store, engine.model.def);
});
afterAll(async () => {
  await session.close();
  tmp.remove();
});

describe('explain a number', () => {
  it('shows the formula, what it reads for this cell, and everything upstream', () => {
    const a = engine.assumptions();
    const results = engine.run(a);
    const target = targetOf(engine, 'demand_h100e', 2025);
    const e = explainCell(engine, results, a, 'demand_h100e', target.index);
    expect(e.formula).toBe('total_budget * 1000 / fx_cny_per_usd / h100e_price_k_usd');
    expect(e.cell).toEqual({ year: 2025 });
    expect(e.value).toBeCloseTo(213240 / 7.07 / 27, 9);
    const budget = e.terms.find((t) => t.id === 'total_budget');
    expect(budget?.values).toEqual([{ at: 'this cell', value: expect.closeTo(213.24, 10) as number }]);
    expect(e.terms.find((t) => t.id === 'fx_cny_per_usd')?.values[0]?.value).toBe(7.07);
    expect(e.assumptions).toEqual([
      'fx_cny_per_usd',
      'capex_scale',
      'capex_growth',
      'accelerator_share',
      'overseas_share',
      'h100e_price_k_usd',
    ]);
    expect(e.upstream).toEqual(['base_capex', 'capex', 'onshore_budget', 'total_budget']);
    expect(e.data).toEqual([{ dataset: 'buyer_capex', column: 'capex_cny_bn' }]);
    // Rows behind it: every buyer's capex up to 2025, each with basis and source.
    const rows = sourceRows(engine, tables, e);
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => typeof r.row.basis === 'string')).toBe(true);
  });

  it('lists the values a sum reads, member by member, and attributes as text', () => {
    const a = engine.assumptions();
    const results = engine.run(a);
    const e = explainCell(engine, results, a, 'domestic_share', targetOf(engine, 'domestic_share', 2026).index);
    const supply = e.terms.find((t) => t.id === 'supply_h100e');
    expect(supply?.values.map((v) => v.at)).toContain('Huawei Ascend 910C');
    const origin = e.terms.find((t) => t.id === 'chip.origin');
    expect(origin?.values.find((v) => v.at === 'Nvidia H200')?.value).toBe('imported');
    const cell = explainCell(
      engine,
      results,
      a,
      'base_capex',
      targetOf(engine, 'base_capex', 2027, { buyer: 'Alibaba' }).index,
    );
    expect(cell.terms.find((t) => t.id === 'prev(base_capex)')?.values).toEqual([{ at: '2026', value: 160 }]);
    expect(cell.terms.find((t) => t.id === 'buyer_capex.capex_cny_bn')?.values[0]?.value).toBeNaN();
  });
});

describe('compare scenarios', () => {
  it('puts scenarios side by side with deltas against the first', () => {
    const scenarios = engine.model.def.scenarios
      .filter((s) => s.name === 'Base' || s.name === 'Import ban')
      .map((s) => ({ name: s.name, values: engine.assumptions(s.overrides) }));
    const table = compareScenarios(engine, scenarios);
    expect(table.scenarios).toEqual(['Base', 'Import ban']);
    expect(table.assumptions.filter((x) => x.differs)).toMatchObject([
      { id: 'import_allowance', values: [1, 0], differs: true },
      { id: 'h200_k_per_year', values: [25, 0], differs: true },
    ]);
    const gap = table.outputs.find((o) => o.id === 'gap_h100e');
    expect(gap?.byScenario[0]?.delta).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(gap?.byScenario[1]?.values[2]).toBeCloseTo(949.133460791, 6);
    expect(gap?.byScenario[1]?.delta[2]).toBeCloseTo(949.133460791 - 867.510609426, 6);
    const buyers = table.outputs.find((o) => o.id === 'buyer_shortfall');
    expect(buyers?.byScenario[0]?.values).toHaveLength(7); // totalled over buyers
  });
});
