import { join } from 'node:path';
import { makeV1Workbook } from '../main/testing/v1-workbook.js';
import { cliJson } from './cli.js';
import { expect, test } from './fixtures.js';
import { WhatIfPage } from './pages/whatif.js';
import { WorkbenchPage } from './pages/workbench.js';

interface AttributeJson {
  from: number;
  to: number;
  change: number;
  contributions: { factor: string; contribution: number }[];
}

test('what moved it: a waterfall of the change between two scenarios, the same split the CLI gives', async ({
  page,
  host,
}) => {
  const w = new WhatIfPage(page);
  await page.goto(host.entry);
  await expect(w.card('gap_h100e')).toBeVisible();
  await w.show('Scenarios');
  const panel = page.getByRole('region', { name: 'What moved it' });
  await panel.getByRole('combobox', { name: 'From scenario' }).selectOption('Base');
  await panel.getByRole('combobox', { name: 'To scenario' }).selectOption('Domestic ramp');
  await panel.getByRole('combobox', { name: 'Output to explain' }).selectOption('coverage');
  await panel.getByRole('combobox', { name: 'Year to explain' }).selectOption('2026');
  await panel.getByRole('button', { name: 'Explain the change' }).click();
  const cli = await cliJson<AttributeJson>(
    'attribute',
    '--output',
    'coverage',
    '--year',
    '2026',
    '--from-scenario',
    'Base',
    '--to-scenario',
    'Domestic ramp',
  );
  const pct = (v: number) => `${(Math.abs(v) * 100).toFixed(1)}%`;
  await expect(panel.getByTestId('attribution-summary')).toContainText(
    `Coverage, 2026: Base → Domestic ramp: ${pct(cli.from)} → ${pct(cli.to)}, change ${cli.change >= 0 ? '+' : '−'}${pct(cli.change)} (points). 4 factors, 16 model runs`,
  );
  // One row per factor, in the CLI's order and with its numbers.
  const rows = panel.getByTestId('attribution-table').locator('tbody tr');
  await expect(rows).toHaveCount(cli.contributions.length);
  for (const [i, c] of cli.contributions.entries()) {
    await expect(rows.nth(i)).toContainText(c.factor);
    await expect(rows.nth(i).locator('td.num')).toHaveText(`${c.contribution >= 0 ? '+' : '−'}${pct(c.contribution)}`);
  }
  const chart = panel.getByTestId('chart-waterfall');
  await expect(chart.getByRole('img')).toHaveAttribute('aria-label', /Rises, Falls/);
  await chart.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/artifacts/43-what-moved-it.png', fullPage: false });
  await panel.screenshot({ path: 'e2e/artifacts/44-waterfall.png' });
});

test('model checks: a badge over the cards of a failing year, the failing cells listed, the explain panel of a cell involved', async ({
  page,
  host,
}) => {
  const w = new WhatIfPage(page);
  await page.goto(host.entry);
  await expect(w.card('gap_h100e')).toBeVisible();
  const message = 'Delivered chips cost more than the onshore accelerator budget';
  // docs/model.md: at 2026-06 the budget holds until 2030, where it fails narrowly.
  const checks = page.getByRole('region', { name: 'Model checks' });
  await expect(checks.getByRole('heading')).toHaveText('1 model check fails');
  await expect(checks.getByTestId('check')).toContainText(`${message}: 2030`);
  await expect(checks.getByTestId('check')).toContainText('budget_used <= 1');
  await expect(page.getByTestId('check-badge')).toBeHidden(); // the cards show 2026, where it holds
  await w.year(2030);
  await expect(page.getByTestId('check-badge')).toHaveText(
    `⚠ 1 model check fails in 2030: ${message} (see Model checks below)`,
  );
  // Twice the capex: the budget covers the chips every year, and the badge goes.
  const scale = page.getByRole('spinbutton', { name: 'Capex multiplier, all buyers value' });
  await scale.fill('2');
  await scale.press('Enter');
  await expect(checks.getByRole('heading')).toHaveText('Model checks: the one check holds');
  await expect(page.getByTestId('check-badge')).toBeHidden();
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByTestId('check-badge')).toBeVisible();
  // The explain panel of budget used in 2030 says the check fails there.
  await w.show('Outputs & explain');
  await page
    .getByTestId('outputs-grid')
    .getByRole('row')
    .filter({ hasText: 'Share of the onshore budget' })
    .first()
    .locator('[col-id="2030"]')
    .click();
  await expect(page.getByTestId('explain-checks')).toContainText(message);
  await expect(page.getByTestId('explain-value')).toHaveText('101.2%');
});

test('vintages: run on 2025-11, snapshot now, edit a cell, compare the two vintages and read the waterfall and the cells behind a dataset', async ({
  page,
  host,
}) => {
  const w = new WhatIfPage(page);
  const app = new WorkbenchPage(page);
  await app.open(host.entry);
  await expect(w.card('coverage')).toBeVisible();
  const vintage = page.getByRole('combobox', { name: 'Vintage' });
  await expect(vintage).toHaveValue(''); // the working data
  // The shipped 2025-11 vintage: docs/model.md's 2026 coverage about 0.709; the working data 0.409.
  await expect(w.card('coverage')).toContainText('40.9%');
  await vintage.selectOption('2025-11');
  await expect(w.card('coverage')).toContainText('70.9%');
  await expect(page.getByTestId('vintage-bar')).toContainText('read-only');
  await expect(page.getByTestId('vintage-note')).toContainText('The first release');
  await page.screenshot({ path: 'e2e/artifacts/45-vintage-2025-11.png' });
  await vintage.selectOption('');
  await expect(w.card('coverage')).toContainText('40.9%');

  // Snapshot now: a name already taken is refused in the dialog.
  await page.getByRole('button', { name: 'Snapshot now…' }).click();
  const dialog = page.getByTestId('snapshot-dialog');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('2026-06');
  await expect(dialog.getByText('There is already a vintage called “2026-06”.')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Before the Tencent revision');
  await dialog.getByRole('textbox', { name: 'Note' }).fill('As sent to clients');
  await dialog.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(dialog).toBeHidden();
  await expect(vintage.locator('option')).toHaveCount(4);

  // Tencent doubles its 2026 capex in the working data.
  await w.show('Data');
  await app.openDataset('Buyer capex');
  const tencent2026 = app.cellAt('5', 'capex_cny_bn');
  await expect(tencent2026).toHaveText('130');
  await app.editCell(tencent2026, '260');
  await expect(tencent2026).toHaveText('260');

  // Compare the snapshot with the working data: one factor, the dataset, and its one cell.
  await w.show('Scenarios');
  const panel = page.getByRole('region', { name: 'What moved it' });
  await panel.getByRole('combobox', { name: 'Compare' }).selectOption('vintages');
  await panel.getByRole('combobox', { name: 'From vintage' }).selectOption('Before the Tencent revision');
  await panel.getByRole('combobox', { name: 'To vintage' }).selectOption('');
  await panel.getByRole('combobox', { name: 'Output to explain' }).selectOption('coverage');
  await panel.getByRole('combobox', { name: 'Year to explain' }).selectOption('2026');
  await panel.getByRole('button', { name: 'Explain the change' }).click();
  await expect(panel.getByTestId('attribution-summary')).toContainText(
    'Coverage, 2026: Vintage Before the Tencent revision → Working data: 40.9% →',
  );
  await expect(panel.getByTestId('attribution-summary')).toContainText('1 factor, 2 model runs');
  const rows = panel.getByTestId('attribution-table').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('buyer_capex');
  await rows.first().getByRole('button', { name: 'dataset: cells…' }).click();
  const cells = panel.getByTestId('changed-cells');
  await expect(cells.getByRole('heading')).toHaveText('buyer_capex: 1 cell the model reads differ');
  await expect(cells.locator('tbody tr')).toHaveText(['Tencent, 2026capex_cny_bn130260']);
  // Side by side: the budget moved, the supply did not.
  const side = panel.getByTestId('vintage-compare');
  await expect(side.locator('tr[data-output="total_supply"][data-row="change"] td[data-year="2026"]')).toHaveText(
    '+0.0',
  );
  await expect(side.locator('tr[data-output="demand_h100e"][data-row="change"] td[data-year="2026"]')).not.toHaveText(
    '+0.0',
  );

  // The shipped vintages against each other: h200_k_per_year moved 2026 coverage most (docs/model.md).
  const cli = await cliJson<AttributeJson>(
    'attribute',
    '--output',
    'coverage',
    '--year',
    '2026',
    '--from-vintage',
    '2025-11',
    '--to-vintage',
    '2026-06',
  );
  await panel.getByRole('combobox', { name: 'From vintage' }).selectOption('2025-11');
  await panel.getByRole('combobox', { name: 'To vintage' }).selectOption('2026-06');
  await panel.getByRole('button', { name: 'Explain the change' }).click();
  await expect(panel.getByTestId('attribution-summary')).toContainText(
    'Vintage 2025-11 → Vintage 2026-06: 70.9% → 40.9%',
  );
  await expect(rows.first()).toContainText('h200_k_per_year');
  await expect(rows).toHaveCount(cli.contributions.length);
  await panel.getByTestId('chart-waterfall').scrollIntoViewIfNeeded();
  await panel.getByTestId('chart-waterfall').screenshot({ path: 'e2e/artifacts/46-vintage-waterfall.png' });
  await side.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/artifacts/48-vintages-side-by-side.png' });

  // Deleting a vintage asks first.
  await w.show('What-if');
  await vintage.selectOption('Before the Tencent revision');
  await page.getByRole('button', { name: 'Delete vintage…' }).click();
  await app.confirm('Delete vintage');
  await expect(vintage).toHaveValue('');
  await expect(vintage.locator('option')).toHaveCount(3);
});

test('a version-1 workbook: offered version 2, kept as it is until the yes, then upgraded with its scenarios', async ({
  page,
  host,
}) => {
  await (await makeV1Workbook(join(host.dataDir, 'Old model.cgw'))).close();
  const app = new WorkbenchPage(page);
  const w = new WhatIfPage(page);
  await app.open(host.entry);
  const offer = page.getByTestId('upgrade-offer');
  await expect(w.card('coverage')).toBeVisible();
  await expect(offer).toBeHidden(); // the built-in workbook is version 2
  const workbooks = page.getByRole('list', { name: 'Workbooks' });
  await workbooks.getByRole('button', { name: 'Old model', exact: true }).click();
  await expect(app.status).toContainText('Old model.cgw');
  await expect(offer).toContainText('This workbook was made with model version 1');
  // Version 1 runs on its own data meanwhile: five years, its own coverage.
  await expect(page.getByRole('radio', { name: '2030' })).toHaveCount(0);
  await page.screenshot({ path: 'e2e/artifacts/47-upgrade-offer.png' });
  // Cancelling the confirmation changes nothing.
  await offer.getByRole('button', { name: 'Adopt version 2…' }).click();
  await app.confirm('Cancel');
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Adopt version 2…' }).click();
  await app.confirm('Adopt version 2');
  await expect(offer).toBeHidden();
  await expect(app.notice().first()).toContainText('Adopted the new model');
  await expect(app.notice().first()).toContainText('More HBM (hbm_stacks_m_per_year)');
  await expect(page.getByRole('radio', { name: '2030' })).toBeVisible();
  await expect(w.scenarioSelect()).toHaveValue('More HBM');
  const vintage = page.getByRole('combobox', { name: 'Vintage' });
  await expect(vintage.locator('option')).toHaveCount(4); // working data, 2026-06, 2025-11 and its old inputs
  await expect(workbooks.getByRole('button', { name: 'Old model (model v1 backup)', exact: true })).toBeVisible();
});
