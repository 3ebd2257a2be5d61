import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { WorkbenchPage } from './pages/workbench.js';
import { WhatIfPage } from './pages/whatif.js';

/** "1,234.5" or "1,234.5 亿元" as a number. */
const numberIn = (text: string) => Number(text.replace(/[^\d.-]/g, ''));

/** The 2026 shortfall value as each place shows it: card, Outputs grid, the exported Outputs sheet. */
async function shortfallEverywhere(page: Page, dataDir: string, name: string) {
  const w = new WhatIfPage(page);
  await w.show('What-if');
  const card = w.card('shortfall_value');
  const model = await w.cardValue('shortfall_value'); // bn CNY, as the model computes it
  const cardShown = numberIn((await card.locator('.card-value').textContent()) ?? '');
  const cardUnit = (await card.locator('.card-unit').textContent()) ?? '';
  await w.show('Outputs & explain');
  const row = page.getByTestId('outputs-grid').getByRole('row').filter({ hasText: 'Shortfall value' }).first();
  const gridShown = numberIn((await row.locator('[col-id="2026"]').textContent()) ?? '');
  const gridUnit = (await row.locator('[col-id="unit"]').textContent()) ?? '';
  await page.getByText('Export model…').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: /Live formulas/ }).click(),
  ]);
  const file = join(dataDir, `${name}.xlsx`);
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const outputs = wb.getWorksheet('Outputs')!;
  let labelRow = 0;
  outputs.eachRow((r, n) => {
    if (r.getCell(1).text.startsWith('Shortfall value (')) labelRow = n;
  });
  const col = [2, 3, 4, 5, 6, 7, 8].find((c) => Number(outputs.getCell(labelRow, c).value) === 2026)!;
  const cell = outputs.getCell(labelRow + 1, col);
  const v = cell.value as { result?: number; formula?: string } | number;
  return {
    model,
    card: { value: cardShown, unit: cardUnit },
    grid: { value: gridShown, unit: gridUnit },
    file: {
      value: typeof v === 'number' ? v : Number(v.result),
      formula: typeof v === 'number' ? '' : (v.formula ?? ''),
      heading: outputs.getCell(labelRow, 1).text,
    },
  };
}

test('money in bn CNY, 亿元 or bn USD: cards, outputs and the exported sheet agree, and stored values do not move', async ({
  page,
  host,
}) => {
  const app = new WorkbenchPage(page);
  await app.open(host.entry);
  const money = page.getByRole('combobox', { name: 'Money shown in' });
  await expect(money).toHaveValue('auto'); // English: bn CNY

  const cny = await shortfallEverywhere(page, host.dataDir, 'cny');
  expect(cny.model).toBeGreaterThan(0);
  expect(cny.card).toEqual({ value: Number(cny.model.toFixed(1)), unit: 'bn CNY' });
  expect(cny.grid).toEqual(cny.card);
  expect(cny.file.heading).toBe('Shortfall value (bn CNY)');
  expect(cny.file.value).toBeCloseTo(cny.model, 9);

  await money.selectOption('100m CNY');
  const yi = await shortfallEverywhere(page, host.dataDir, 'yi');
  expect(yi.model).toBe(cny.model); // the model's number is the same; only the display moved
  expect(yi.card).toEqual({ value: Number((cny.model * 10).toFixed(1)), unit: '100m CNY' });
  expect(yi.grid).toEqual(yi.card);
  expect(yi.file.heading).toBe('Shortfall value (100m CNY)');
  expect(yi.file.value).toBeCloseTo(cny.model * 10, 9);
  expect(yi.file.formula).toMatch(/\*10$/); // still a live formula over the Model sheet

  await money.selectOption('bn USD');
  await new WhatIfPage(page).show('What-if');
  const fx = Number(await page.getByTestId('assumption-fx_cny_per_usd').getByRole('slider').inputValue());
  expect(fx).toBeCloseTo(7.07, 9);
  const usd = await shortfallEverywhere(page, host.dataDir, 'usd');
  expect(usd.card).toEqual({ value: Number((cny.model / fx).toFixed(1)), unit: 'bn USD' });
  expect(usd.grid).toEqual(usd.card);
  expect(usd.file.heading).toBe('Shortfall value (bn USD)');
  expect(usd.file.value).toBeCloseTo(cny.model / fx, 9);
  expect(usd.file.formula).toMatch(/\/fx_cny_per_usd$/);

  // Shares and H100-equivalents are not money: they do not move with the unit.
  const w = new WhatIfPage(page);
  await w.show('What-if');
  await expect(w.card('coverage').locator('.card-unit')).toHaveText('share');
  await expect(w.card('gap_h100e').locator('.card-unit')).toHaveText('thousand H100e');
  // Kept for this computer, like the language.
  await page.reload();
  await expect(money).toHaveValue('bn USD');
  await expect(w.card('shortfall_value').locator('.card-unit')).toHaveText('bn USD');
  await page.screenshot({ path: 'e2e/artifacts/60-money-usd.png' });
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });
  test('money is shown in 亿元 by default, as Chinese filings and research write capex', async ({ page, host }) => {
    await page.goto(host.entry);
    const card = page.getByTestId('card-shortfall_value');
    await expect(card.locator('.card-unit')).toHaveText('亿元');
    const model = Number(await card.getAttribute('data-value'));
    const shown = numberIn((await card.locator('.card-value').textContent()) ?? '');
    expect(shown).toBe(Number((model * 10).toFixed(1)));
    await page.getByRole('combobox', { name: '金额单位' }).selectOption('bn CNY');
    await expect(card.locator('.card-unit')).toHaveText('十亿元');
  });
});
