import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CellRef,
  type CheckedModel,
  type DatasetTable,
  type ModelState,
  attribute,
  checkModel,
  datasetChanges,
} from '../../../shared/model/index.js';
import { Session } from '../session.js';
import { tempDir } from '../../testing/temp-dir.js';
import { readDefinition, readTables } from './load.js';

/**
 * Attribution on the built-in model and its real data, read from a workbook made from the
 * template. The properties are the ones that make Shapley values the right split: they add up
 * to the change, a factor that changes nothing gets nothing, and symmetric factors share equally.
 */
const tmp = tempDir();
const session = new Session();
let model: CheckedModel;
let tables: Record<string, DatasetTable>;
let base: Record<string, number>;

beforeAll(async () => {
  const store = await session.openDefault(tmp.dir);
  const def = await readDefinition(store);
  model = checkModel(def);
  tables = await readTables(store, def);
  base = Object.fromEntries(def.assumptions.map((a) => [a.id, a.default]));
});
afterAll(async () => {
  await session.close();
  tmp.remove();
});

const coverage2026: CellRef = { variable: 'coverage', year: 2026 };
const state = (assumptions: Record<string, number>, t = tables): ModelState => ({ assumptions, tables: t });
/** The capex table with one buyer-year's capex scaled. */
function scaledCapex(row: number, by: number): Record<string, DatasetTable> {
  const capex = tables['buyer_capex'];
  if (!capex) throw new Error('no buyer_capex');
  const rows = capex.rows.map((r, i) => (i === row ? { ...r, capex_cny_bn: Number(r.capex_cny_bn) * by } : r));
  return { ...tables, buyer_capex: { rows } };
}

describe('attribution of an output change (exact Shapley values)', () => {
  it('adds up to the change for random pairs of assumption sets and datasets', () => {
    const ids = model.def.assumptions.map((a) => a.id);
    const vector = fc.record(
      Object.fromEntries(
        model.def.assumptions.map((a) => [
          a.id,
          fc.oneof(fc.constant(a.default), fc.double({ min: a.min, max: a.max, noNaN: true })),
        ]),
      ),
    );
    fc.assert(
      fc.property(
        vector,
        vector,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(1, 1.3, 0.6),
        fc.constantFrom<CellRef>(
          coverage2026,
          { variable: 'gap_h100e', year: 2025 },
          {
            variable: 'buyer_shortfall',
            year: 2026,
            members: { buyer: 'Tencent' },
          },
        ),
        (a, b, row, by, cell) => {
          // At most 10 factors per case keeps a run to 2^10 model evaluations.
          const keep = new Set(ids.slice(0, 9));
          const to = Object.fromEntries(ids.map((id) => [id, keep.has(id) ? (b[id] ?? 0) : (a[id] ?? 0)]));
          const r = attribute(model, state(a), state(to, scaledCapex(row, by)), cell);
          const sum = r.contributions.reduce((s, c) => s + c.contribution, 0);
          expect(Math.abs(sum - r.change)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(r.change)));
          expect(r.evaluations).toBe(2 ** r.contributions.length);
        },
      ),
      { numRuns: 40, seed: 20261201 },
    );
  });

  it('gives nothing to a factor that cannot move the output, and all of it to the only one that does', () => {
    const to = { ...base, capex_scale: 1.7, foundry_yield: 0.5 };
    const supply = attribute(model, state(base), state(to), { variable: 'total_supply', year: 2025 });
    expect(supply.contributions.find((c) => c.factor === 'capex_scale')?.contribution).toBe(0);
    const capexOnly = attribute(model, state(base), state(base, scaledCapex(3, 1.5)), {
      variable: 'demand_h100e',
      year: 2024,
    });
    expect(capexOnly.contributions).toHaveLength(1);
    expect(capexOnly.contributions[0]).toMatchObject({ factor: 'buyer_capex', kind: 'dataset' });
    expect(capexOnly.contributions[0]?.contribution).toBeCloseTo(capexOnly.change, 12);
    expect(capexOnly.change).toBeGreaterThan(0);
  });

  it('splits evenly between two factors that act the same way (doubling capex, doubling its accelerator share)', () => {
    const to = { ...base, capex_scale: 2, accelerator_share: (base['accelerator_share'] ?? 0) * 2 };
    const r = attribute(model, state(base), state(to), { variable: 'demand_h100e', year: 2026 });
    const [x, y] = r.contributions;
    expect(r.contributions).toHaveLength(2);
    expect(x?.contribution).toBeCloseTo(y?.contribution ?? Number.NaN, 9);
    expect(r.change).toBeCloseTo(r.from * 3, 9);
  });

  it('names what makes a mixed state impossible to compute instead of returning a number', () => {
    const blank = scaledCapex(3, Number.NaN); // Tencent 2024 left without capex
    expect(() => attribute(model, state(base), state(base, blank), { variable: 'coverage', year: 2024 })).toThrow(
      /attribution of coverage 2024: it has no value with buyer_capex switched to the second state/,
    );
  });
});

describe('the cells behind a dataset factor', () => {
  it('lists the values the model reads that differ, by row key; a changed note is not a factor', () => {
    const capex = tables['buyer_capex'];
    if (!capex) throw new Error('no buyer_capex');
    const moved = scaledCapex(4, 2)['buyer_capex'];
    const changes = datasetChanges(model.def, 'buyer_capex', capex, moved);
    expect(changes.total).toBe(1);
    expect(changes.changes).toEqual([{ row: 'Tencent, 2025', column: 'capex_cny_bn', from: 79.1, to: 158.2 }]);
    // A row on one side only.
    const fewer = { rows: capex.rows.slice(1) };
    expect(datasetChanges(model.def, 'buyer_capex', capex, fewer).changes).toEqual([
      { row: 'Alibaba, 2024', column: '(row)', from: 'present', to: 'absent' },
    ]);
    // Notes and sources move no number: no factor, no listed cell.
    const noted = { rows: capex.rows.map((r) => ({ ...r, note: `${String(r.note)} (checked)` })) };
    expect(datasetChanges(model.def, 'buyer_capex', capex, noted).total).toBe(0);
    const r = attribute(model, state(base), state(base, { ...tables, buyer_capex: noted }), coverage2026);
    expect(r.contributions).toEqual([]);
  });
});
