import { expect, test } from './fixtures.js';
import { WorkbenchPage } from './pages/workbench.js';

const shots = (name: string) => `e2e/artifacts/${name}.png`;

// The page reads the clipboard as a user's paste would: the browser host's origin may.
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test.describe('spreadsheet habits in the grid', () => {
  test('Shift+click and Shift+arrows select a range that copies as TSV; the right-click menu copies with headers', async ({
    page,
    host,
  }) => {
    const app = new WorkbenchPage(page);
    await app.open(host.entry);
    await app.openDataset('Buyer capex');
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    // Cells drawn as part of the range (the style rule marks them with --in-range).
    const inRange = () =>
      page.evaluate(
        () =>
          [...document.querySelectorAll('[data-testid="dataset-grid"] [role="gridcell"]')].filter(
            (c) => getComputedStyle(c).getPropertyValue('--in-range').trim() === '1',
          ).length,
      );
    await app.cellAt('0', 'buyer').click();
    await app.cellAt('2', 'capex_cny_bn').click({ modifiers: ['Shift'] });
    await expect.poll(inRange).toBe(9);
    await page.keyboard.press('Control+c');
    expect(await clipboard()).toBe('Alibaba\t2024\t70\r\nAlibaba\t2025\t130\r\nAlibaba\t2026\t160\r\n');
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(inRange).toBe(12);
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(inRange).toBe(8);
    await page.keyboard.press('Control+c');
    expect(await clipboard()).toBe('Alibaba\t2024\r\nAlibaba\t2025\r\nAlibaba\t2026\r\nTencent\t2024\r\n');
    // Right-click inside the range keeps it; the menu is the app's own here (the system's on the desktop).
    await app.cellAt('1', 'year').click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Cell commands' });
    await expect(menu).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: /^Cut/ })).toBeFocused();
    await page.screenshot({ path: shots('40-context-menu') });
    await menu.getByRole('menuitem', { name: 'Copy with headers' }).click();
    await expect(menu).toBeHidden();
    expect(await clipboard()).toBe(
      'Buyer\tYear\r\nAlibaba\t2024\r\nAlibaba\t2025\r\nAlibaba\t2026\r\nTencent\t2024\r\n',
    );
    // A plain click starts again from one cell; Escape closes the menu without doing anything.
    await app.cellAt('3', 'capex_cny_bn').click();
    await expect.poll(inRange).toBe(0);
    await app.cellAt('3', 'capex_cny_bn').click({ button: 'right' });
    await expect(menu).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: /^Copy\b/ }).first()).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(app.rowCount).toHaveText('buyer_capex: 18 rows');
    // Ctrl+X cuts the range: on the clipboard, and the cells emptied.
    await app.cellAt('0', 'capex_cny_bn').click();
    await app.cellAt('1', 'capex_cny_bn').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+x');
    await expect(app.cellAt('1', 'capex_cny_bn')).toHaveText('');
    await expect(app.cellAt('0', 'capex_cny_bn')).toHaveText('');
    expect(await clipboard()).toBe('70\r\n130\r\n');
  });

  test('the right-click menu sorts, filters, inserts, deletes, cuts and pastes, each undoable', async ({
    page,
    host,
  }) => {
    const app = new WorkbenchPage(page);
    await app.open(host.entry);
    await app.openDataset('Buyer capex');
    const menu = page.getByRole('menu', { name: 'Cell commands' });
    const command = async (cell: ReturnType<WorkbenchPage['cellAt']>, name: string | RegExp) => {
      await cell.click({ button: 'right' });
      await menu.getByRole('menuitem', { name }).click();
      await expect(menu).toBeHidden();
    };
    await command(app.cellAt('0', 'capex_cny_bn'), 'Sort descending by Capex (bn CNY)');
    await expect(app.cellAt('0', 'capex_cny_bn')).toHaveText('200');
    await command(app.cellAt('0', 'capex_cny_bn'), 'Clear sort');
    await expect(app.cellAt('0', 'capex_cny_bn')).toHaveText('70');
    await command(app.cellAt('3', 'buyer'), 'Show only Tencent');
    await expect(app.rowCount).toHaveText('buyer_capex: 3 of 18 rows shown (filtered)');
    await command(app.cellAt('0', 'buyer'), 'Clear filters');
    await expect(app.rowCount).toHaveText('buyer_capex: 18 rows');

    await command(app.cellAt('1', 'buyer'), 'Insert row above');
    await expect(app.rowCount).toHaveText('buyer_capex: 19 rows');
    await expect(app.cellAt('1', 'buyer')).toHaveText('');
    await expect(app.cellAt('2', 'year')).toHaveText('2025');
    await command(app.cellAt('1', 'buyer'), 'Delete row');
    await expect(app.rowCount).toHaveText('buyer_capex: 18 rows');
    await expect(app.cellAt('1', 'year')).toHaveText('2025');

    // Cut empties the cells into the clipboard; Paste puts them back; one undo step each.
    await app.cellAt('0', 'capex_cny_bn').click();
    await app.cellAt('1', 'capex_cny_bn').click({ modifiers: ['Shift'] });
    await command(app.cellAt('0', 'capex_cny_bn'), /^Cut/);
    await expect(app.cellAt('0', 'capex_cny_bn')).toHaveText('');
    await expect(app.cellAt('1', 'capex_cny_bn')).toHaveText('');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('70\r\n130\r\n');
    await app.cellAt('6', 'note').click();
    await command(app.cellAt('0', 'capex_cny_bn'), /^Paste/);
    await expect(app.cellAt('0', 'capex_cny_bn')).toHaveText('70');
    await expect(app.cellAt('1', 'capex_cny_bn')).toHaveText('130');
    await app.undo();
    await expect(app.cellAt('0', 'capex_cny_bn')).toHaveText('');
    await app.undo();
    await expect(app.cellAt('0', 'capex_cny_bn')).toHaveText('70');
  });

  test("typing over a sourced figure makes it the analyst's: basis analyst, the old value and source in its note", async ({
    page,
    host,
  }) => {
    const app = new WorkbenchPage(page);
    await app.open(host.entry);
    await app.openDataset('Buyer capex');
    await expect(app.cellAt('3', 'basis')).toHaveText('reported');
    await expect(app.cellAt('3', 'source')).toContainText(/\S/);
    await app.editCell(app.cellAt('3', 'capex_cny_bn'), '85');
    await expect(app.cellAt('3', 'capex_cny_bn')).toHaveText('85');
    await expect(app.cellAt('3', 'basis')).toHaveText('analyst');
    await expect(app.cellAt('3', 'note')).toContainText(
      /Edited \d{4}-\d{2}-\d{2}: Capex \(bn CNY\) was 76\.7 \(reported, source https:\/\//,
    );
    await expect(app.cellAt('3', 'source')).toHaveText('');
    await app.undo();
    await expect(app.cellAt('3', 'basis')).toHaveText('reported');
    await expect(app.cellAt('3', 'capex_cny_bn')).toHaveText('76.7');
  });
});
