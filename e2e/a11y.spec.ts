import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { WorkbenchPage } from './pages/workbench.js';
import { WhatIfPage } from './pages/whatif.js';

/** Critical and serious axe-core findings on what is on screen now, with where they are. */
async function serious(page: Page, name: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  const lines = found.map(
    (v) => `${name}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`,
  );
  console.log(`axe ${name}: ${found.length} critical or serious, ${result.violations.length - found.length} other`);
  return lines;
}

test('axe-core finds nothing critical or serious on any view or dialog', async ({ page, host }) => {
  test.setTimeout(120_000);
  const app = new WorkbenchPage(page);
  const w = new WhatIfPage(page);
  await app.open(host.entry);
  await expect(w.card('gap_h100e')).toBeVisible();
  const found: string[] = [];
  found.push(...(await serious(page, 'What-if')));

  await app.openDataset('Buyer capex');
  found.push(...(await serious(page, 'Data')));

  await page.getByRole('button', { name: 'Import…' }).click();
  await expect(page.getByRole('dialog', { name: 'Import data' })).toBeVisible();
  found.push(...(await serious(page, 'Import dialog')));
  await page.keyboard.press('Escape');

  await w.show('Outputs & explain');
  await page
    .getByTestId('outputs-grid')
    .getByRole('row')
    .filter({ hasText: 'Compute gap' })
    .first()
    .locator('[col-id="2026"]')
    .click();
  await expect(page.getByRole('complementary', { name: 'Explain' })).toBeVisible();
  found.push(...(await serious(page, 'Outputs & explain')));

  await w.show('Scenarios');
  found.push(...(await serious(page, 'Scenarios')));
  await page.getByRole('button', { name: 'New from current values…' }).click();
  await expect(app.appDialog()).toBeVisible();
  found.push(...(await serious(page, 'Name dialog')));
  await page.keyboard.press('Escape');

  await w.show('Analyses');
  found.push(...(await serious(page, 'Analyses')));

  await page.getByText('Export model…').click();
  found.push(...(await serious(page, 'Export menu')));

  expect(found).toEqual([]);
});

test('keyboard: years move with arrows, a skip link passes the sliders, the import dialog keeps and returns focus', async ({
  page,
  host,
}) => {
  const app = new WorkbenchPage(page);
  const w = new WhatIfPage(page);
  await app.open(host.entry);
  await expect(w.card('gap_h100e')).toBeVisible();
  await w.year(2025);
  await page.getByRole('radio', { name: '2025' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: '2026' })).toBeFocused();
  await expect(page.getByRole('radio', { name: '2026' })).toHaveAttribute('aria-checked', 'true');
  await expect(w.card('gap_h100e')).toContainText('2026');

  const skip = page.getByRole('link', { name: 'Skip the assumptions, to the results' });
  await skip.focus();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('#whatif-main')).toBeFocused();

  await app.openDataset('Buyer capex');
  const opener = page.getByRole('button', { name: 'Import…' });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Import data' });
  await expect(dialog).toBeVisible();
  // The file picker is reached with Tab, and Tab never leaves the dialog.
  let reached = false;
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    if (await dialog.getByLabel('File to import').evaluate((el) => el === document.activeElement)) reached = true;
  }
  expect(reached).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});
