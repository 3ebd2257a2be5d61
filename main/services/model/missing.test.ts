import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type DatasetTable, bindData } from '../../../shared/model/data.js';
import { parseDefinition } from '../../../shared/model/definition.js';
import { checkModel } from '../../../shared/model/check.js';
import { compileEngine } from '../../../shared/model/evaluate.js';
import { whyMissing } from '../../../shared/model/missing.js';

const def = parseDefinition(readFileSync('data/model.json', 'utf8'));
const dataset = (name: string): DatasetTable =>
  JSON.parse(readFileSync(`data/datasets/${name}.json`, 'utf8')) as DatasetTable;

/** The built-in model over its own data, with `change` applied to a copy of the tables first. */
function engineWith(change: (t: Record<string, DatasetTable>) => void) {
  const tables: Record<string, DatasetTable> = {
    buyer_capex: dataset('buyer_capex'),
    chip_supply: dataset('chip_supply'),
    chips: dataset('chips'),
  };
  change(tables);
  const engine = compileEngine(checkModel(def), bindData(def, tables));
  const values = engine.assumptions();
  return { engine, values, results: engine.run(values), tables };
}

const yearIndex = (engine: ReturnType<typeof engineWith>['engine'], year: number) =>
  engine.data.members.get('year')?.indexOf(year) ?? -1;

describe('why an output has no value', () => {
  it('the built-in data computes every output cell, so there is nothing to explain', () => {
    const { engine, results } = engineWith(() => {});
    for (const id of engine.model.def.outputs) expect([...(results.get(id) ?? [])].some(Number.isNaN)).toBe(false);
    expect(engine.data.issues).toEqual([]);
  });

  it('a blank capex cell in the first year is named by dataset, row, column and key', () => {
    const { engine, values, results, tables } = engineWith((t) => {
      const row = t.buyer_capex!.rows.findIndex((r) => r.buyer === 'Tencent' && r.year === 2024);
      t.buyer_capex!.rows[row]!.capex_cny_bn = null;
    });
    const row = tables.buyer_capex!.rows.findIndex((r) => r.buyer === 'Tencent' && r.year === 2024);
    const y = yearIndex(engine, 2024);
    expect(results.get('gap_h100e')?.[y]).toBeNaN();
    const causes = whyMissing(engine, results, values, 'gap_h100e', y);
    expect(causes).toContainEqual({
      kind: 'blank',
      dataset: 'buyer_capex',
      column: 'capex_cny_bn',
      row,
      keys: { buyer: 'Tencent', year: 2024 },
    });
    // Tencent's 2025 figure is there, so 2025 is computed: only the cells that read the blank are missing.
    expect(results.get('gap_h100e')?.[yearIndex(engine, 2025)]).not.toBeNaN();
    expect(causes).toHaveLength(1);
  });

  it('a buyer with no rows at all (a new member from a bad import) is named as missing rows', () => {
    const { engine, values, results } = engineWith((t) => {
      t.buyer_capex!.rows.push({ buyer: 'NewCo', year: 2025, capex_cny_bn: null, basis: 'analyst', source: '' });
    });
    const y = yearIndex(engine, 2026);
    const causes = whyMissing(engine, results, values, 'coverage', y);
    expect(causes).toContainEqual({
      kind: 'no-row',
      dataset: 'buyer_capex',
      column: 'capex_cny_bn',
      keys: { buyer: 'NewCo', year: 2024 },
    });
    // How it spread (no year before 2024 to extrapolate from) is not listed beside the data to fix.
    expect(causes.some((c) => c.kind === 'before-first')).toBe(false);
  });

  it('a chip without tflops is named as an attribute gap', () => {
    const { engine, values, results } = engineWith((t) => {
      const chip = t.chips!.rows.find((r) => r.chip === 'Huawei Ascend 910C')!;
      chip.tflops = null;
    });
    const causes = whyMissing(engine, results, values, 'total_supply', yearIndex(engine, 2025));
    expect(causes).toContainEqual({
      kind: 'attribute',
      dataset: 'chips',
      column: 'tflops',
      member: 'Huawei Ascend 910C',
    });
  });

  it('duplicate keys are listed with both rows whatever their values, and the first row is used', () => {
    const { engine, results } = engineWith((t) => {
      t.buyer_capex!.rows.push({ buyer: 'Alibaba', year: 2025, capex_cny_bn: 999, basis: 'analyst', source: '' });
    });
    const original = engineWith(() => {});
    const issue = engine.data.issues.find((i) => i.kind === 'duplicate');
    expect(issue).toMatchObject({ dataset: 'buyer_capex', keys: { buyer: 'Alibaba', year: 2025 } });
    expect(issue?.rows.length).toBe(2);
    expect(results.get('gap_h100e')).toEqual(original.results.get('gap_h100e'));
  });
});
