import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './testing/temp-dir.js';
import { makeV1Workbook } from './testing/v1-workbook.js';
import { withClusterEfficiency } from './testing/edited-model.js';
import { parseDefinition, runMonteCarlo } from '../shared/model/index.js';
import { THREADED_FROM } from './services/model/montecarlo-pool.js';
import { Session } from './services/session.js';
import { loadEngine } from './services/model/load.js';

const run = promisify(execFile);
const tmp = tempDir();
afterAll(() => tmp.remove());

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in a child process on a fresh data folder. */
async function cli(...args: string[]): Promise<Outcome> {
  return cliIn(tmp.dir, ...args);
}

async function cliIn(dataDir: string, ...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['scripts/cli.mjs', ...args], {
      env: { ...process.env, CGW_DATA_DIR: dataDir },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

interface ComputeJson {
  scenario: string;
  outputs: Record<string, { columns: number[]; rows: { labels: string[]; values: number[] }[] }>;
}

describe('the CLI', () => {
  it('computes every headline output by year, as JSON, on the built-in workbook', async () => {
    const out = await cli('compute', '--json');
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as ComputeJson;
    expect(Object.keys(json.outputs)).toEqual([
      'gap_h100e',
      'coverage',
      'shortfall_value',
      'domestic_share',
      'demand_h100e',
      'total_supply',
      'wafer_limit',
      'hbm_limit',
      'hbm_left',
      'budget_used',
      'buyer_shortfall',
    ]);
    expect(json.outputs.coverage?.columns).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    expect(json.outputs.coverage?.rows[0]?.values[1]).toBeCloseTo(0.644286638448, 10);
    expect(json.outputs.buyer_shortfall?.rows.map((r) => r.labels[0])).toContain('ByteDance');
  }, 120_000);

  it('applies a scenario by its display name and --set on top', async () => {
    const ban = JSON.parse((await cli('compute', '--json', '--scenario', 'Import ban')).stdout) as ComputeJson;
    expect(ban.scenario).toBe('Import ban');
    expect(ban.outputs.coverage?.rows[0]?.values[1]).toBeCloseTo(0.38215661278, 10);
    const set = JSON.parse(
      (await cli('compute', '--json', '--set', 'import_allowance=0', '--set', 'h200_k_per_year=0')).stdout,
    ) as ComputeJson;
    expect(set.outputs.coverage?.rows[0]?.values).toEqual(ban.outputs.coverage?.rows[0]?.values);
  }, 120_000);

  it('finds a goal-seek answer that compute confirms', async () => {
    const seek = await cli(
      'goalseek',
      '--assumption',
      'capex_scale',
      '--output',
      'coverage',
      '--year',
      '2026',
      '--target',
      '0.5',
      '--json',
    );
    expect(seek.code).toBe(0);
    const answer = JSON.parse(seek.stdout) as { found: boolean; value: number };
    expect(answer.found).toBe(true);
    const check = JSON.parse(
      (await cli('compute', '--json', '--set', `capex_scale=${answer.value}`)).stdout,
    ) as ComputeJson;
    expect(check.outputs.coverage?.rows[0]?.values[2]).toBeCloseTo(0.5, 9);
  }, 120_000);

  it('compute --json lists the model checks and the cells where they fail', async () => {
    const out = JSON.parse((await cli('compute', '--json')).stdout) as {
      checks: { id: string; level: string; message: string; failing: { year: number }[] }[];
    };
    // docs/model.md: at 2026-06 the budget holds until 2030, where it fails narrowly (about 1.01).
    expect(out.checks).toEqual([
      {
        id: 'budget_fits',
        level: 'warning',
        message: 'Delivered chips cost more than the onshore accelerator budget',
        failing: [{ year: 2030 }],
      },
    ]);
    const text = await cli('compute');
    expect(text.stdout).toContain(
      'warning: Delivered chips cost more than the onshore accelerator budget (budget_fits) in 2030',
    );
    // At 2025-11 it fails in 2025 (about 1.52), 2029 and 2030.
    const earlier = JSON.parse((await cli('compute', '--json', '--vintage', '2025-11')).stdout) as typeof out;
    expect(earlier.checks[0]?.failing).toEqual([{ year: 2025 }, { year: 2029 }, { year: 2030 }]);
    // A scenario where the budget is ample passes every year.
    const surge = JSON.parse((await cli('compute', '--json', '--set', 'capex_scale=2')).stdout) as typeof out;
    expect(surge.checks[0]?.failing).toEqual([]);
  }, 120_000);

  it('attributes the change of an output between two scenarios to the assumptions that differ', async () => {
    const out = await cli(
      'attribute',
      '--output',
      'coverage',
      '--year',
      '2026',
      '--from-scenario',
      'Base',
      '--to-scenario',
      'Domestic ramp',
      '--json',
    );
    expect(out.code).toBe(0);
    const r = JSON.parse(out.stdout) as {
      from: number;
      to: number;
      change: number;
      year: number;
      contributions: { factor: string; kind: string; contribution: number }[];
    };
    expect(r.year).toBe(2026);
    const sum = r.contributions.reduce((s, c) => s + c.contribution, 0);
    expect(Math.abs(sum - r.change)).toBeLessThan(1e-12);
    // The same numbers compute gives for the two scenarios.
    const base = JSON.parse((await cli('compute', '--json')).stdout) as ComputeJson;
    const ramp = JSON.parse((await cli('compute', '--json', '--scenario', 'Domestic ramp')).stdout) as ComputeJson;
    expect(r.from).toBe(base.outputs.coverage?.rows[0]?.values[2]);
    expect(r.to).toBe(ramp.outputs.coverage?.rows[0]?.values[2]);
    // Every assumption the scenario sets is a factor, largest first.
    expect(r.contributions.map((c) => c.factor).sort()).toEqual(
      ['domestic_output_scale', 'foundry_yield', 'hbm_domestic_m_2026', 'smic_ai_wafers_k_per_month'].sort(),
    );
    expect(Math.abs(r.contributions[0]?.contribution ?? 0)).toBeGreaterThanOrEqual(
      Math.abs(r.contributions[1]?.contribution ?? 0),
    );
    const unknown = await cli(
      'attribute',
      '--output',
      'coverage',
      '--year',
      '2026',
      '--from-scenario',
      'Base',
      '--to-scenario',
      'Nope',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No scenario named "Nope"');
  }, 120_000);

  it('lists the shipped vintages, computes on one, takes a snapshot, and attributes the 2026 coverage change between vintages', async () => {
    const list = JSON.parse((await cli('vintages', '--json')).stdout) as {
      vintages: { name: string; date: string; rows: number; modelVersion: number }[];
    };
    expect(list.vintages.map((v) => [v.name, v.date, v.modelVersion])).toEqual([
      ['2026-06', '2026-06-30', 2],
      ['2025-11', '2025-11-30', 2],
    ]);
    // 18 capex rows + 12 chips + 33 supply rows.
    expect(list.vintages[0]?.rows).toBe(63);
    // docs/model.md: the 2025-11 vintage gives 2026 coverage about 0.709; 2026-06 about 0.409.
    const earlier = JSON.parse((await cli('compute', '--json', '--vintage', '2025-11')).stdout) as ComputeJson & {
      vintage: string;
    };
    expect(earlier.vintage).toBe('2025-11');
    expect(earlier.outputs.coverage?.rows[0]?.values[2]).toBeCloseTo(0.709041332217, 10);
    const current = JSON.parse((await cli('compute', '--json', '--vintage', '2026-06')).stdout) as ComputeJson;
    const working = JSON.parse((await cli('compute', '--json')).stdout) as ComputeJson;
    expect(current.outputs).toEqual(working.outputs);
    // Scenarios apply on top of the vintage.
    const flows = JSON.parse(
      (await cli('compute', '--json', '--vintage', '2025-11', '--scenario', 'Import ban')).stdout,
    ) as ComputeJson;
    expect(flows.outputs.coverage?.rows[0]?.values[2]).toBeLessThan(0.709);

    const out = await cli(
      'attribute',
      '--from-vintage',
      '2025-11',
      '--to-vintage',
      '2026-06',
      '--output',
      'coverage',
      '--year',
      '2026',
      '--json',
    );
    expect(out.code).toBe(0);
    const r = JSON.parse(out.stdout) as {
      from: number;
      to: number;
      change: number;
      contributions: { factor: string; kind: string; contribution: number }[];
    };
    expect(r.from).toBeCloseTo(0.709041332217, 10);
    expect(r.to).toBeCloseTo(0.408574642024, 10);
    expect(Math.abs(r.contributions.reduce((x, c) => x + c.contribution, 0) - r.change)).toBeLessThan(1e-9);
    expect(r.contributions[0]).toMatchObject({ factor: 'h200_k_per_year', kind: 'assumption' });
    expect(
      r.contributions
        .filter((c) => c.kind === 'dataset')
        .map((c) => c.factor)
        .sort(),
    ).toEqual(['buyer_capex', 'chip_supply', 'chips']);

    // A snapshot of the working data, then refused a second time under the same name.
    const snap = await cli('snapshot', '--name', 'Q4 review', '--note', 'before the board', '--date', '2026-11-30');
    expect(snap.code).toBe(0);
    expect(snap.stdout).toContain('Took vintage Q4 review (2026-11-30, 63 rows)');
    const again = await cli('snapshot', '--name', 'Q4 review');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('"Q4 review" is already taken');
    const after = JSON.parse((await cli('vintages', '--json')).stdout) as typeof list;
    expect(after.vintages.map((v) => v.name)).toEqual(['Q4 review', '2026-06', '2025-11']);
    const missing = await cli('compute', '--vintage', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no vintage named "nope"');
  }, 180_000);

  it('upgrades a version-1 workbook on request, and only once', async () => {
    const file = tmp.file('v1.cgw');
    await (await makeV1Workbook(file)).close();
    const before = JSON.parse((await cli('compute', '--json', '--workbook', file)).stdout) as ComputeJson;
    expect(before.outputs.coverage?.columns).toEqual([2024, 2025, 2026, 2027, 2028]);
    const up = await cli('upgrade', '--workbook', file);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('from model version 1 to 2');
    expect(up.stdout).toContain('Scenario "More HBM": kept; dropped hbm_stacks_m_per_year');
    const after = JSON.parse((await cli('compute', '--json', '--workbook', file)).stdout) as ComputeJson;
    expect(after.outputs.coverage?.columns).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    expect((await cli('upgrade', '--workbook', file)).stdout).toContain('already uses model version 2');
  }, 120_000);

  it('runs a reproducible Monte Carlo and a tornado', async () => {
    const a = await cli('montecarlo', '--draws', '2000', '--seed', '9', '--json');
    const b = await cli('montecarlo', '--draws', '2000', '--seed', '9', '--json');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);

    // Enough draws for threads: the bundled thread code runs them, and the numbers are exactly
    // those of one thread in process on the same workbook.
    const many = await cli('montecarlo', '--draws', String(THREADED_FROM + 501), '--seed', '9', '--json');
    expect(many.code, many.stderr).toBe(0);
    const printed = JSON.parse(many.stdout) as { summaries: Record<string, { cells: unknown[] }> };
    const session = new Session();
    const engine = await loadEngine(await session.openDefault(tmp.dir));
    const one = runMonteCarlo(engine, { draws: THREADED_FROM + 501, seed: 9, base: engine.assumptions() });
    await session.close();
    expect(Object.keys(printed.summaries)).toEqual([...one.summaries.keys()]);
    for (const [id, cells] of one.summaries) expect(printed.summaries[id]?.cells, id).toEqual(cells);

    const t = JSON.parse((await cli('tornado', '--output', 'gap_h100e', '--year', '2026', '--json')).stdout) as {
      bars: { assumption: string; swing: number }[];
    };
    expect(t.bars[0]?.assumption).toBe('capex_scale');
    expect(t.bars.map((x) => x.swing)).toEqual([...t.bars.map((x) => x.swing)].sort((x, y) => y - x));
  }, 120_000);

  it('imports a sheet of an XLSX file into a new workbook file, and refuses a bad file leaving it unchanged', async () => {
    const xlsx = tmp.file('vendor.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['ignore me']);
    const ws = wb.addWorksheet('Supply');
    ws.addRow(['Shipments compiled from vendor reports']);
    ws.addRow(['Chip', 'Units (k)']);
    ws.addRow(['Ascend 910C', 600]);
    ws.addRow(['MLU590', 116]);
    await wb.xlsx.writeFile(xlsx);
    const book = tmp.file('mine.cgw');
    const done = await cli(
      'import',
      xlsx,
      '--dataset',
      'supply',
      '--workbook',
      book,
      '--sheet',
      'Supply',
      '--header-row',
      '2',
    );
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Imported 2 rows into supply');
    expect(done.stdout).toContain('Units (k) -> units_k (integer)');
    const before = readFileSync(book);
    writeFileSync(tmp.file('ragged.csv'), 'chip,units_k\nA,1\nB\n');
    const refused = await cli(
      'import',
      tmp.file('ragged.csv'),
      '--dataset',
      'supply',
      '--mode',
      'append',
      '--workbook',
      book,
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('ragged.csv, line 3: expected 2 fields, found 1');
    // The same refusal in Chinese with --lang, worded from the same catalogue as the window.
    const zh = await cli(
      'import',
      tmp.file('ragged.csv'),
      '--dataset',
      'supply',
      '--mode',
      'append',
      '--workbook',
      book,
      '--lang',
      'zh-CN',
    );
    expect(zh.stderr).toContain('ragged.csv 第 3 行：应有 2 个字段，实际为 1 个。');
    expect(readFileSync(book).equals(before)).toBe(true);
  }, 120_000);

  it('reports bad input on stderr with a non-zero exit', async () => {
    const noScenario = await cli('compute', '--scenario', 'Moon landing');
    expect(noScenario.code).toBe(1);
    expect(noScenario.stderr).toContain('No scenario named "Moon landing"');
    const badDraws = await cli('montecarlo', '--draws', 'lots', '--seed', '1');
    expect(badDraws.code).toBe(2);
    expect(badDraws.stderr).toContain('--draws must be a whole number');
    const tooMany = await cli('montecarlo', '--draws', '5000000', '--seed', '1');
    expect(tooMany.stderr).toContain('at most 1,000,000');
    const badSet = await cli('compute', '--set', 'warp_speed=9');
    expect(badSet.stderr).toContain('warp_speed: no such assumption');
    const unreachable = await cli(
      'goalseek',
      '--assumption',
      'fx_cny_per_usd',
      '--output',
      'coverage',
      '--year',
      '2026',
      '--target',
      '1',
    );
    expect(unreachable.code).toBe(3);
    expect(unreachable.stdout).toContain('Not reachable');
    const noFile = await cli('compute', '--workbook', tmp.file('missing.cgw'));
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toContain('No workbook at');
    expect((await cli('fly')).stderr).toContain('unknown command "fly"');
  }, 120_000);

  it('refuses an import that repeats a buyer and year the model reads, unless asked, leaving the workbook as it was', async () => {
    const csv = tmp.file('repeat.csv');
    writeFileSync(csv, 'buyer,year,capex_cny_bn\nTencent,2026,999\n');
    const before = await cli('compute', '--json');
    const refused = await cli('import', csv, '--dataset', 'buyer_capex', '--mode', 'append');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('row 1: Buyer capex would have two rows for buyer Tencent, year 2026');
    expect((await cli('compute', '--json')).stdout).toBe(before.stdout);
    const allowed = await cli('import', csv, '--dataset', 'buyer_capex', '--mode', 'append', '--allow-duplicate-keys');
    expect(allowed.code).toBe(0);
    // The model keeps using the first row and says so.
    expect((await cli('compute', '--json')).stderr).toContain('share Tencent / 2026; the first is used');
  }, 180_000);

  it('model show, check and apply: a reviewed model applied all or nothing gives the numbers the engine gives', async () => {
    const own = tempDir();
    try {
      const shown = await cliIn(own.dir, 'model', 'show');
      expect(shown.code).toBe(0);
      expect(shown.stdout).toContain('supply_h100e[chip, year] (thousand H100e) = supply_units * chip.tflops / 989');
      const json = await cliIn(own.dir, 'model', 'show', '--json');
      const def = parseDefinition(json.stdout);
      // Half typed: refused with the checker's position, and nothing changes.
      const half = own.file('half.json');
      writeFileSync(half, JSON.stringify(withClusterEfficiency(def, 'supply_units * chip.tflops / 989 * clus')));
      const checked = await cliIn(own.dir, 'model', 'check', half);
      expect(checked.code).toBe(1);
      expect(checked.stdout).toMatch(/^error: variable supply_h100e, at 36: .*clus/);
      const refused = await cliIn(own.dir, 'model', 'apply', half);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/The model was not changed: variable supply_h100e, at 36/);
      const before = JSON.parse((await cliIn(own.dir, 'compute', '--json')).stdout) as ComputeJson;
      // The finished edit: applied, then compute runs on it.
      const edited = own.file('edited.json');
      writeFileSync(edited, JSON.stringify(withClusterEfficiency(def), null, 2));
      expect((await cliIn(own.dir, 'model', 'check', edited)).code).toBe(0);
      expect((await cliIn(own.dir, 'model', 'apply', edited)).code).toBe(0);
      const after = JSON.parse((await cliIn(own.dir, 'compute', '--json')).stdout) as ComputeJson;
      const cov = (j: ComputeJson) => j.outputs.coverage?.rows[0]?.values[2] ?? Number.NaN;
      expect(cov(after)).toBeLessThan(cov(before));
      // The same model in process, on the same data: the same number, to the last digit.
      const session = new Session();
      const store = await session.openDefault(own.dir);
      const engine = await loadEngine(store);
      const years = engine.data.members.get('year') ?? [];
      const inProcess = new Map(engine.run(engine.assumptions({}))).get('coverage')?.[years.indexOf(2026)];
      await session.close();
      expect(cov(after)).toBe(inProcess);
      expect(engine.model.def.assumptions.some((a) => a.id === 'cluster_efficiency')).toBe(true);

      // A rename: the same numbers under the new name, the old name now unknown.
      const scaled = JSON.parse(
        (await cliIn(own.dir, 'compute', '--json', '--set', 'capex_scale=1.2')).stdout,
      ) as ComputeJson;
      const rename = await cliIn(own.dir, 'model', 'rename', 'capex_scale', 'buyer_capex_scale');
      expect(rename.code).toBe(0);
      expect(rename.stdout).toMatch(/^Renamed capex_scale to buyer_capex_scale in .*\(one undo step\)/);
      const renamed = await cliIn(own.dir, 'compute', '--json', '--set', 'buyer_capex_scale=1.2');
      expect((JSON.parse(renamed.stdout) as ComputeJson).outputs).toEqual(scaled.outputs);
      expect((await cliIn(own.dir, 'compute', '--json', '--set', 'capex_scale=1.2')).code).not.toBe(0);
    } finally {
      own.remove();
    }
  }, 240_000);
});
