import { cliJson } from './cli.js';
import { expect, test } from './fixtures.js';
import { WhatIfPage } from './pages/whatif.js';

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
    `Coverage, 2026: Base → Domestic ramp: ${pct(cli.from)} → ${pct(cli.to)}, change +${pct(cli.change)} (points). 4 factors, 16 model runs`,
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
  await expect(page.getByTestId('check-badge')).toHaveText(
    `⚠ 1 model check fails in 2026: ${message} (see Model checks below)`,
  );
  const checks = page.getByRole('region', { name: 'Model checks' });
  await expect(checks.getByRole('heading')).toHaveText('1 model check fails');
  await expect(checks.getByTestId('check')).toContainText(`${message}: 2025; 2026; 2027; 2028`);
  await expect(checks.getByTestId('check')).toContainText('budget_used <= 1');
  // Twice the capex: the budget covers the chips every year, and the badge goes.
  const scale = page.getByRole('spinbutton', { name: 'Capex multiplier, all buyers value' });
  await scale.fill('2');
  await scale.press('Enter');
  await expect(checks.getByRole('heading')).toHaveText('Model checks: all 1 hold');
  await expect(page.getByTestId('check-badge')).toBeHidden();
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByTestId('check-badge')).toBeVisible();
  // The explain panel of budget used in 2025 says the check fails there.
  await w.show('Outputs & explain');
  await page
    .getByTestId('outputs-grid')
    .getByRole('row')
    .filter({ hasText: 'Share of the onshore budget' })
    .first()
    .locator('[col-id="2025"]')
    .click();
  await expect(page.getByTestId('explain-checks')).toContainText(message);
  await expect(page.getByTestId('explain-value')).toHaveText('152.2%');
});
