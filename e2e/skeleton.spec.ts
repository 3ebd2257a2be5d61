import { expect, test } from './fixtures.js';
import { WorkbenchPage } from './pages/workbench.js';

const shots = (name: string) => `e2e/artifacts/${name}.png`;

test.describe('the workbench through the browser host', () => {
  test('lists the built-in datasets and shows values with basis and source', async ({ page, host }) => {
    const app = new WorkbenchPage(page);
    await app.open(host.entry);
    await expect(app.dataset('Buyer capex')).toContainText('18');
    await expect(app.dataset('Chips')).toContainText('12');
    await expect(app.dataset('Chip supply')).toContainText('33');
    await expect(app.rowCount).toHaveText('buyer_capex: 18 rows');
    await app.openDataset('Buyer capex');
    const index = await app.rowIndexOf('Tencent');
    expect(index).not.toBeNull();
    await expect(app.cellAt(index!, 'capex_cny_bn')).toHaveText('76.7');
    await expect(app.cellAt(index!, 'basis')).toHaveText('reported');
    await expect(app.cellAt(index!, 'source').getByRole('link')).toHaveAttribute('href', /^https:\/\//);
    // The address bar no longer shows the token.
    expect(page.url()).not.toContain('token');
    await page.screenshot({ path: shots('01-buyer-capex'), fullPage: true });
    await app.openDataset('Chips');
    await expect(app.rowCount).toHaveText('chips: 12 rows');
    await page.screenshot({ path: shots('02-chips'), fullPage: true });
  });

  test('edits a number, refuses a bad value, keeps the edit across reload and restart, and undoes it', async ({
    page,
    host,
  }) => {
    const app = new WorkbenchPage(page);
    await app.open(host.entry);
    await app.openDataset('Chips');
    const index = (await app.rowIndexOf('Huawei Ascend 910B'))!;

    await app.editCell(app.cellAt(index, 'tflops'), '333.5');
    await expect(app.cellAt(index, 'tflops')).toHaveText('333.5');
    await expect(app.saveState).toHaveText('All changes saved');

    // A whole-number column refuses 2.5 with a message naming dataset, row and column.
    await app.editCell(app.cellAt(index, 'hbm_stacks'), '2.5');
    await expect(app.notice()).toContainText(
      'Chips, row 5 (Huawei Ascend 910B), column HBM stacks (stacks per package): 2.5 is not a whole number',
    );
    await expect(app.cellAt(index, 'hbm_stacks')).toHaveText('4');
    await page.screenshot({ path: shots('03-refused-value'), fullPage: true });

    await page.reload();
    await app.openDataset('Chips');
    await expect(app.cellAt(index, 'tflops')).toHaveText('333.5');
    await expect(app.cellAt(index, 'hbm_stacks')).toHaveText('4');

    await host.restart(); // a new process, port and token on the same workbook file
    await app.open(host.entry);
    await app.openDataset('Chips');
    await expect(app.cellAt(index, 'tflops')).toHaveText('333.5');

    // Ctrl+Z outside an editor undoes in the store: the old value comes back and stays back.
    await app.cellAt(index, 'vendor').click(); // focus a cell, not a checkbox: Ctrl+Z in a field edits the field
    await page.keyboard.press('Control+z');
    await expect(app.cellAt(index, 'tflops')).toHaveText('320');
    await page.reload();
    await app.openDataset('Chips');
    await expect(app.cellAt(index, 'tflops')).toHaveText('320');
    await page.keyboard.press('Control+y');
    await expect(app.cellAt(index, 'tflops')).toHaveText('333.5');
  });

  test('adds and deletes rows, with undo', async ({ page, host }) => {
    const app = new WorkbenchPage(page);
    await app.open(host.entry);
    await app.openDataset('Chip supply');
    await page.getByRole('button', { name: 'Add row' }).click();
    await expect(app.rowCount).toHaveText('chip_supply: 34 rows');
    await expect(app.dataset('Chip supply')).toContainText('34');
    await app.undo();
    await expect(app.rowCount).toHaveText('chip_supply: 33 rows');
    const first = app.row('0');
    await expect(first).toContainText('Nvidia H20');
    await first.locator('.ag-selection-checkbox input').check();
    await page
      .getByRole('toolbar', { name: 'Rows' })
      .getByRole('button', { name: /^Delete/ })
      .click();
    await expect(app.rowCount).toHaveText('chip_supply: 32 rows');
    await app.undo();
    await expect(app.rowCount).toHaveText('chip_supply: 33 rows');
    await expect(first).toContainText('Nvidia H20');
  });

  test('makes a new workbook from the template and switches between workbooks', async ({ page, host }) => {
    const app = new WorkbenchPage(page);
    await app.open(host.entry);
    const workbooks = page.getByRole('list', { name: 'Workbooks' });
    const opens = workbooks.getByRole('button', { name: /^(?!Rename|Delete)/ });
    await expect(opens).toHaveText(['China AI compute']);
    // New from template asks for the name in the window's own dialog.
    await page.getByRole('button', { name: 'New from template…' }).click();
    await expect(app.appDialog().getByRole('textbox')).toHaveValue('China AI compute 2');
    await app.answer('Tenders 2026');
    await expect(workbooks.getByRole('button', { name: 'Tenders 2026', exact: true })).toHaveAttribute(
      'aria-current',
      'true',
    );
    await expect(app.status).toContainText('Tenders 2026.cgw');
    await expect(app.dataset('Chips')).toContainText('12');
    await workbooks.getByRole('button', { name: 'China AI compute', exact: true }).click();
    await expect(workbooks.getByRole('button', { name: 'China AI compute', exact: true })).toHaveAttribute(
      'aria-current',
      'true',
    );
    // Back on the first workbook with its own rows, not the other one's.
    await expect(app.status).toContainText('China AI compute.cgw');
    await expect(app.rowCount).toHaveText('buyer_capex: 18 rows');

    // Rename the other workbook, then delete it (it goes to "Deleted workbooks", not away).
    await workbooks.getByRole('button', { name: 'Rename workbook Tenders 2026' }).click();
    await app.answer('Tenders 2026 draft');
    await expect(opens).toHaveText(['China AI compute', 'Tenders 2026 draft']);
    await workbooks.getByRole('button', { name: 'Delete workbook Tenders 2026 draft' }).click();
    await app.confirm('Delete');
    await expect(opens).toHaveText(['China AI compute']);
    // The open workbook offers no delete; a dataset is renamed by the name it shows.
    await expect(workbooks.getByRole('button', { name: /^Delete workbook/ })).toHaveCount(0);
    await app.sidebar.getByRole('button', { name: 'Rename Chips' }).click();
    await app.answer('芯片 Chips');
    await expect(app.dataset('芯片 Chips')).toContainText('12');
    // A dataset the model reads is not deleted: the refusal names what reads it.
    await app.sidebar.getByRole('button', { name: 'Delete Buyer capex' }).click();
    await app.confirm('Delete');
    await expect(app.notice().filter({ hasText: 'The model reads dataset "buyer_capex"' })).toBeVisible();
    await expect(app.dataset('Buyer capex')).toContainText('18');
    await page.screenshot({ path: shots('04-workbooks'), fullPage: true });
  });
});
