import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { makeV1Workbook } from '../testing/v1-workbook.js';
import { loadEngine, readDefinition } from './model/load.js';
import { ScenarioService } from './scenarios.js';
import { WorkbookStore } from './store/workbook-store.js';
import { tempDir } from '../testing/temp-dir.js';
import { modelVersions, upgradeWorkbook } from './upgrade.js';
import { VintageService } from './vintages.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe('a version-1 workbook adopting model version 2', () => {
  it('keeps its data as a vintage, a whole backup, and its scenarios where their assumptions still exist', async () => {
    const store = await makeV1Workbook(tmp.file('old.cgw'));
    try {
      expect(await modelVersions(store)).toEqual({ workbook: 1, builtIn: 2 });
      // Version 1 runs on its own data before anything is changed.
      const before = await loadEngine(store);
      const oldCoverage = before.run(before.assumptions()).get('coverage')?.[1];
      expect(oldCoverage).toBeCloseTo(0.83194087036, 10);

      const backup = tmp.file('old (model v1 backup).cgw');
      // One step: windows hear one change when it is whole, never a model without its datasets.
      const heard: unknown[] = [];
      const unwatch = store.onChange((c) => heard.push(c));
      const report = await upgradeWorkbook(store, backup);
      unwatch();
      expect(heard).toHaveLength(1);
      expect(report.from).toBe(1);
      expect(report.to).toBe(2);
      expect(report.scenarios).toEqual([
        { name: 'Cheap yuan', dropped: [] },
        { name: 'More HBM', dropped: ['hbm_stacks_m_per_year'] },
      ]);

      // The model is version 2 on the version-2 data.
      expect((await readDefinition(store)).version).toBe(2);
      const after = await loadEngine(store);
      expect(after.run(after.assumptions()).get('coverage')?.[2]).toBeCloseTo(0.408574642024, 10);

      // The scenarios: kept, with what they lost said in their description; the screen on "More HBM".
      const state = await new ScenarioService(store).get();
      const mine = state.scenarios.filter((s) => !s.builtIn);
      expect(mine.map((s) => [s.name, s.overrides])).toEqual([
        ['Cheap yuan', { fx_cny_per_usd: 6.9 }],
        ['More HBM', { foundry_yield: 0.5 }],
      ]);
      expect(mine[1]?.description).toContain('hbm_stacks_m_per_year = 16 no longer exists and was dropped');
      expect(state.current.name).toBe('More HBM');
      expect(state.current.values.foundry_yield).toBe(0.5);
      expect(state.current.values.h200_k_per_year).toBe(25);

      // Its old data: a vintage of model version 1, next to the shipped ones.
      const vintages = new VintageService(store);
      const list = await vintages.list();
      expect(list.map((v) => v.name).sort()).toEqual(['2025-11', '2026-06', report.vintage].sort());
      const old = await vintages.get(report.vintage);
      expect(old.modelVersion).toBe(1);
      expect(old.datasets['chip_supply']?.rows).toHaveLength(30);
      expect(old.assumptions['hbm_stacks_m_per_year']).toBe(8);
      expect((await store.info()).canUndo).toBe(false);
      await expect(upgradeWorkbook(store, tmp.file('again.cgw'))).rejects.toThrow(/already uses model version 2/);
    } finally {
      await store.close();
    }

    // The backup is the version-1 workbook, whole.
    await expectVersion1(tmp.file('old (model v1 backup).cgw'));
  });

  it('is all or nothing: refused half way, the workbook is version 1 as it was and nobody is told', async () => {
    const path = tmp.file('half.cgw');
    const store = await makeV1Workbook(path);
    const heard: unknown[] = [];
    store.onChange((c) => heard.push(c));
    // The scenarios are written after the datasets and the model were replaced: fail there.
    const put = store.putDocument.bind(store);
    let calls = 0;
    vi.spyOn(store, 'putDocument').mockImplementation((name, body) => {
      if (name !== 'scenarios') return put(name, body);
      calls++;
      return Promise.reject(new Error('disk full (test)'));
    });
    try {
      await expect(upgradeWorkbook(store, tmp.file('half (backup).cgw'))).rejects.toThrow('disk full (test)');
    } finally {
      await store.close();
    }
    expect(calls).toBe(1);
    expect(heard).toEqual([]);
    await expectVersion1(path);
  });
});

async function expectVersion1(path: string): Promise<void> {
  expect(existsSync(path)).toBe(true);
  const copy = await WorkbookStore.open(path, { readOnly: true });
  try {
    expect((await readDefinition(copy)).version).toBeUndefined();
    expect((await copy.listDatasets()).map((d) => [d.name, d.rowCount])).toEqual([
      ['buyer_capex', 18],
      ['chips', 10],
      ['chip_supply', 30],
    ]);
    expect((await new ScenarioService(copy).get()).current.name).toBe('More HBM');
  } finally {
    await copy.close();
  }
}
