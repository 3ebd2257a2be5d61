import { join } from 'node:path';
import { expect, test } from './fixtures.js';
import { makeCsv } from '../bench/make-csv.js';
import { WorkbenchPage } from './pages/workbench.js';

const ROWS = 1_000_000;

test.describe('a million rows', () => {
  test('a 1,000,000 x 20 CSV imports through the dialog and scrolls, sorts and filters in the store', async ({
    page,
    host,
  }) => {
    test.setTimeout(300_000);
    const csv = join(host.dataDir, 'million.csv');
    await makeCsv(csv, ROWS);
    const app = new WorkbenchPage(page);
    await app.open(host.entry);
    await app.openDataset('Chips');
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import data' });
    await dialog.getByLabel('File to import').setInputFiles(csv);
    await expect(dialog.getByTestId('import-summary')).toHaveText('1,000,000 rows, 20 columns. First rows:', {
      timeout: 120_000,
    });
    // Stop an import part way: nothing of it stays, and the same file can be imported again.
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByRole('button', { name: 'Stop import' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(
      'Import cancelled; nothing was imported. The workbook is unchanged.',
      {
        timeout: 120_000,
      },
    );
    await page.screenshot({ path: 'e2e/artifacts/29-import-stopped.png' });
    await expect(app.dataset('million')).toHaveCount(0);
    // The window stays responsive while the main process works.
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('status')).toContainText('Importing 1,000,000 rows');
    expect(
      await page.evaluate(
        () =>
          new Promise<number>((r) => {
            const t = performance.now();
            requestAnimationFrame(() => r(performance.now() - t));
          }),
      ),
    ).toBeLessThan(1000);
    await expect(dialog).toBeHidden({ timeout: 180_000 });
    await expect(app.rowCount).toHaveText('million: 1,000,000 rows');
    await expect(app.row('0')).toContainText('region 0');

    // Scroll deep: only the pages in view are fetched from the store.
    await page.evaluate(() => {
      const viewport = document.querySelector('[data-testid="dataset-grid"] .ag-body-vertical-scroll-viewport');
      if (viewport) viewport.scrollTop = viewport.scrollHeight / 2;
    });
    const deep = app.grid
      .locator('[role="row"][row-index^="49"], [role="row"][row-index^="50"]')
      .filter({ hasText: 'region' });
    await expect(deep.first()).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: 'e2e/artifacts/30-million-scrolled.png' });

    // Sort by a column: the store sorts a million rows, the grid shows the first page.
    const idHeader = app.grid.locator('.ag-header-cell[col-id="id"] .ag-header-cell-text');
    await idHeader.click(); // ascending
    await idHeader.click(); // descending
    await expect(app.row('0').locator('[col-id="id"]')).toHaveText('999,999', { timeout: 30_000 });
    await page.screenshot({ path: 'e2e/artifacts/31-million-sorted.png' });
  });
});
