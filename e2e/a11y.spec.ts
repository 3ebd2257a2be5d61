import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

for (const theme of ['light', 'dark'] as const) {
  test(`axe-core finds nothing critical or serious on any view or dialog (${theme} system theme)`, async ({
    page,
    host,
  }) => {
    test.setTimeout(150_000);
    // The window follows the system's colour scheme, as the desktop app follows the OS.
    await page.emulateMedia({ colorScheme: theme });
    const app = new WorkbenchPage(page);
    const w = new WhatIfPage(page);
    await app.open(host.entry);
    await expect(w.card('gap_h100e')).toBeVisible();
    const found: string[] = [];
    found.push(...(await serious(page, `${theme} What-if`)));
    if (theme === 'dark') await page.screenshot({ path: 'e2e/artifacts/42-dark-whatif.png' });

    await app.openDataset('Buyer capex');
    found.push(...(await serious(page, `${theme} Data`)));

    await page.getByRole('button', { name: 'Import…' }).click();
    await expect(page.getByRole('dialog', { name: 'Import data' })).toBeVisible();
    found.push(...(await serious(page, `${theme} Import dialog`)));
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
    found.push(...(await serious(page, `${theme} Outputs & explain`)));

    await w.show('Scenarios');
    found.push(...(await serious(page, `${theme} Scenarios`)));
    await page.getByRole('button', { name: 'New from current values…' }).click();
    await expect(app.appDialog()).toBeVisible();
    found.push(...(await serious(page, `${theme} Name dialog`)));
    await page.keyboard.press('Escape');

    await w.show('Analyses');
    found.push(...(await serious(page, `${theme} Analyses`)));

    // The Model view: a variable in the formula editor, then the diff against the built-in model.
    await w.show('Model');
    await page
      .getByRole('navigation', { name: 'Model items' })
      .getByRole('button', { name: /supply_h100e/ })
      .click();
    await expect(page.getByRole('textbox', { name: 'Formula of supply_h100e' })).toBeVisible();
    found.push(...(await serious(page, `${theme} Model`)));
    await page.getByRole('button', { name: 'Changes against the built-in model' }).click();
    await expect(page.getByTestId('model-diff-none')).toBeVisible();
    found.push(...(await serious(page, `${theme} Model diff`)));

    await app.openDataset('Buyer capex');
    await app.cellAt('0', 'year').click({ button: 'right' });
    await expect(page.getByRole('menu', { name: 'Cell commands' })).toBeVisible();
    found.push(...(await serious(page, `${theme} Context menu`)));
    await page.keyboard.press('Escape');

    await page.getByText('Export model…').click();
    found.push(...(await serious(page, `${theme} Export menu`)));
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    if (theme === 'dark') await page.screenshot({ path: 'e2e/artifacts/41-dark-data.png' });

    expect(found).toEqual([]);
  });
}

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

test('the theme follows the system unless the analyst picks one; the choice stays after a reload; charts redraw dark', async ({
  page,
  host,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  const app = new WorkbenchPage(page);
  const w = new WhatIfPage(page);
  await app.open(host.entry);
  await expect(w.card('gap_h100e')).toBeVisible();
  const html = page.locator('html');
  const supply = page.getByTestId('chart-supply').getByRole('img');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await expect(supply).toHaveAttribute('data-theme', 'light');
  const surface = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const light = await surface();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(supply).toHaveAttribute('data-theme', 'dark');
  expect(await surface()).not.toBe(light);
  // An explicit choice wins over the system and is kept.
  const choice = page.getByRole('combobox', { name: 'Theme' });
  await choice.selectOption('light');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(w.card('gap_h100e')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('light');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  // A saved picture is for reports: drawn light whatever the window's theme.
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page
      .getByTestId('chart-supply')
      .getByRole('button', { name: /Save .* as PNG/ })
      .click(),
  ]);
  const file = join(host.dataDir, 'dark.png');
  await png.saveAs(file);
  const [corner, inked] = await page.evaluate(
    async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d');
      g?.drawImage(img, 0, 0);
      const all = g?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
      // Pixels in near-black ink (title, demand line): the dark theme draws none.
      let ink = 0;
      for (let i = 0; i < all.length; i += 4) {
        if (Math.max(all[i] ?? 255, all[i + 1] ?? 255, all[i + 2] ?? 255) < 40) ink++;
      }
      return [[...(g?.getImageData(4, 4, 1, 1).data ?? [])], ink] as const;
    },
    `data:image/png;base64,${readFileSync(file).toString('base64')}`,
  );
  expect(corner).toEqual([255, 255, 255, 255]);
  // About 3,300 near-black pixels drawn light; none when the picture took the dark theme.
  expect(inked).toBeGreaterThan(1000);
  // The grid draws with the page's colours: its cells are on the dark surface too.
  await app.openDataset('Buyer capex');
  const cell = await app
    .cellAt('0', 'buyer')
    .evaluate((c) => getComputedStyle(c.closest('.ag-root-wrapper') ?? c).backgroundColor);
  expect(cell).toBe(await surface());
});
