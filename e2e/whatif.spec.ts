import { expect, test } from './fixtures.js';
import { type ComputeJson, cliJson, yearValue } from './cli.js';
import { WorkbenchPage } from './pages/workbench.js';
import { WhatIfPage } from './pages/whatif.js';

const shots = (name: string) => `e2e/artifacts/${name}.png`;

test.describe('the what-if workbench', () => {
  test('a slider moved with the keyboard gives exactly what the CLI computes', async ({ page, host }) => {
    const w = new WhatIfPage(page);
    await page.goto(host.entry);
    await expect(w.card('gap_h100e')).toBeVisible();
    await w.year(2026);
    const slider = w.slider('Share of planned unlicensed imports that clear US and Chinese controls');
    await slider.focus();
    await page.keyboard.press('Home'); // 0
    await page.keyboard.press('ArrowRight'); // 0.01
    await page.keyboard.press('ArrowRight'); // 0.02
    await expect(slider).toHaveValue('0.02');
    await expect(
      page.getByRole('spinbutton', {
        name: 'Share of planned unlicensed imports that clear US and Chinese controls value',
      }),
    ).toHaveValue('0.02');
    const cli = await cliJson<ComputeJson>('compute', '--set', 'import_allowance=0.02');
    await expect.poll(() => w.cardValue('gap_h100e')).toBe(yearValue(cli, 'gap_h100e', 2026));
    expect(await w.cardValue('coverage')).toBe(yearValue(cli, 'coverage', 2026));
    expect(await w.cardValue('shortfall_value')).toBe(yearValue(cli, 'shortfall_value', 2026));
    await expect(page.getByTestId('assumption-import_allowance')).toHaveClass(/changed/);
    // PageUp, PageDown and End work too.
    await page.keyboard.press('End');
    await expect(slider).toHaveValue('1');
    await page.keyboard.press('PageDown');
    expect(Number(await slider.inputValue())).toBeLessThan(1);
    await page.screenshot({ path: shots('10-whatif'), fullPage: true });
    // The stockpile and budget charts of model version 2, each with its series named.
    await expect(page.getByTestId('chart-hbm').getByRole('img')).toHaveAttribute(
      'aria-label',
      /Stock left \(year end\)/,
    );
    await expect(page.getByTestId('chart-budget').getByRole('img')).toHaveAttribute('aria-label', /Budget used/);
    await page.getByTestId('chart-budget').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shots('11-hbm-budget') });

    // The move is saved in the workbook and comes back on reload.
    await page.keyboard.press('Home');
    await expect(page.getByTestId('save-state')).toHaveText('Saving…');
    await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
    await expect
      .poll(async () => (await page.getByRole('button', { name: 'Undo' }).getAttribute('title')) ?? '')
      .toContain('Set Share of planned unlicensed imports');
    await page.reload();
    await expect(w.card('gap_h100e')).toBeVisible();
    await expect(w.slider('Share of planned unlicensed imports that clear US and Chinese controls')).toHaveValue('0');
    // Undo takes the assumption move back.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(w.slider('Share of planned unlicensed imports that clear US and Chinese controls')).not.toHaveValue(
      '0',
    );
  });

  test('editing a dataset cell changes the outputs', async ({ page, host }) => {
    const w = new WhatIfPage(page);
    const app = new WorkbenchPage(page);
    await page.goto(host.entry);
    await expect(w.card('domestic_share')).toBeVisible();
    const before = await w.cardValue('domestic_share');
    await app.openDataset('Chips');
    const index = (await app.rowIndexOf('Huawei Ascend 910C'))!;
    await app.editCell(app.cellAt(index, 'tflops'), '1200');
    await expect(app.cellAt(index, 'tflops')).toHaveText('1,200');
    await w.show('What-if');
    await expect.poll(() => w.cardValue('domestic_share')).toBeGreaterThan(before);
  });

  test('scenarios: create, rename, switch, compare, and all still there after a reload', async ({ page, host }) => {
    const w = new WhatIfPage(page);
    await page.goto(host.entry);
    await expect(w.card('gap_h100e')).toBeVisible();
    await w.slider('HBM stacks stockpiled in China at the start of 2025').focus();
    await page.keyboard.press('End'); // 20 million stacks
    await page.getByRole('button', { name: 'Save as new scenario…' }).click();
    await new WorkbenchPage(page).answer('More HBM');
    await expect(w.scenarioSelect()).toHaveValue('More HBM');

    await w.show('Scenarios');
    await expect(page.getByTestId('scenario-More HBM')).toContainText(
      'HBM stacks stockpiled in China at the start of 2025 = 20',
    );
    await page.getByTestId('scenario-More HBM').getByRole('button', { name: 'Rename' }).click();
    await new WorkbenchPage(page).answer('Plenty of HBM');
    await expect(page.getByTestId('scenario-Plenty of HBM')).toBeVisible();
    await page.getByTestId('scenario-Import ban').getByRole('button', { name: 'Switch to' }).click();
    await expect(page.getByTestId('scenario-Import ban')).toContainText('current');
    await page.getByRole('checkbox', { name: 'Compare Plenty of HBM' }).check();
    const table = page.getByTestId('compare-table');
    await expect(table.locator('thead')).toContainText('Plenty of HBM');
    await expect(page.getByTestId('chart-compare')).toBeVisible();
    await page.screenshot({ path: shots('11-scenarios'), fullPage: true });
    await page.getByRole('region', { name: 'Compare' }).screenshot({ path: shots('11b-compare') });

    await page.reload();
    await w.show('Scenarios');
    await expect(page.getByTestId('scenario-Plenty of HBM')).toBeVisible();
    await expect(page.getByTestId('scenario-Import ban')).toContainText('current');
    await w.show('What-if');
    await expect(w.scenarioSelect()).toHaveValue('Import ban');
    await expect(w.slider('Share of planned unlicensed imports that clear US and Chinese controls')).toHaveValue('0');
  });

  test('explain a number: formula, inputs, assumptions and the sources behind it', async ({ page, host }) => {
    const w = new WhatIfPage(page);
    await page.goto(host.entry);
    await w.show('Outputs & explain');
    const grid = page.getByTestId('outputs-grid');
    await grid.getByRole('row').filter({ hasText: 'Demand' }).first().locator('[col-id="2025"]').click();
    const explain = page.getByRole('complementary', { name: 'Explain' });
    await expect(explain).toContainText('total_budget * 1000 / fx_cny_per_usd / h100e_price_k_usd');
    await expect(explain.getByTestId('explain-value')).toHaveText('1,117.1');
    await expect(explain).toContainText('Exchange rate: 7.07 CNY per USD');
    await expect(explain.getByRole('link').first()).toHaveAttribute('href', /^https?:\/\//);
    await expect(explain.locator('table.data-rows tbody tr')).toHaveCount(12);
    await explain.getByRole('button', { name: 'Total onshore accelerator budget' }).first().click();
    await expect(explain).toContainText('sum(buyer, onshore_budget)');
    await page.screenshot({ path: shots('12-explain'), fullPage: true });
  });

  test('Monte Carlo shows progress and a result; tornado ranks; goal seek agrees with the CLI', async ({
    page,
    host,
  }) => {
    const w = new WhatIfPage(page);
    await page.goto(host.entry);
    await w.show('Analyses');
    await expect(page.getByTestId('tornado-top')).toHaveText('Capex multiplier, all buyers');
    // The window keeps every draw for its charts, so it caps draws (the CLI goes to 1,000,000).
    await page.getByRole('spinbutton', { name: 'Draws' }).fill('600000');
    await page.getByRole('button', { name: 'Run Monte Carlo' }).click();
    await expect(page.getByRole('alert')).toHaveText('Draws must be a whole number from 100 to 500,000.');
    await page.getByRole('spinbutton', { name: 'Draws' }).fill('200000');
    await page.getByRole('spinbutton', { name: 'Seed' }).fill('7');
    await page.getByRole('button', { name: 'Run Monte Carlo' }).click();
    await expect(page.getByRole('progressbar', { name: 'Monte Carlo progress' })).toBeVisible();
    await expect(page.getByTestId('mc-summary')).toContainText('200,000 draws, seed 7', { timeout: 60_000 });
    const p2026 = await page.getByTestId('p-shortage-2026').textContent();
    expect(Number(p2026?.replace('%', ''))).toBeGreaterThan(50);
    // Shared among helper workers (200,000 draws), the window's numbers are exactly the command
    // line's for the same seed: each chunk starts at its place in the one random stream.
    const printed = await cliJson<{ years: number[]; summaries: Record<string, { cells: { p50: number }[] }> }>(
      'montecarlo',
      '--draws',
      '200000',
      '--seed',
      '7',
    );
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    await expect(page.getByTestId('mc-summary')).toHaveAttribute('data-workers', String(Math.min(cores, 8)));
    const at2026 = printed.years.indexOf(2026);
    const median = Number(await page.getByTestId('gap-p50-2026').getAttribute('data-value'));
    expect(median).toBe(printed.summaries.gap_h100e?.cells[at2026]?.p50);
    await expect(page.getByTestId('chart-fan')).toBeVisible();
    await expect(page.getByTestId('chart-histogram')).toBeVisible();
    await page.screenshot({ path: shots('13-analyses'), fullPage: true });
    await page.getByRole('region', { name: 'Monte Carlo' }).screenshot({ path: shots('14-monte-carlo') });

    // A run can be cancelled.
    await page.getByRole('button', { name: 'Run Monte Carlo' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('button', { name: 'Run Monte Carlo' })).toBeVisible();

    await page.getByRole('combobox', { name: 'Assumption to change' }).selectOption('capex_scale');
    await page.getByRole('spinbutton', { name: 'Target' }).fill('0.6');
    await page.getByRole('button', { name: 'Find' }).click();
    const answer = page.getByTestId('goalseek-answer');
    await expect(answer).toContainText('Capex multiplier, all buyers =');
    const value = Number(await answer.locator('strong').getAttribute('data-value'));
    const cli = await cliJson<ComputeJson>('compute', '--set', `capex_scale=${value}`);
    expect(yearValue(cli, 'coverage', 2026)).toBeCloseTo(0.6, 9);

    await page.getByRole('combobox', { name: 'Assumption to change' }).selectOption('fx_cny_per_usd');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect(answer).toContainText('Not reachable within the range');
  });
});
