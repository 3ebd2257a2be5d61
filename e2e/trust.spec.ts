import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test } from './fixtures.js';
import { WorkbenchPage } from './pages/workbench.js';
import { WhatIfPage } from './pages/whatif.js';

const shots = (name: string) => `e2e/artifacts/${name}.png`;

test.describe('nothing an analyst does silently corrupts a number', () => {
  test('a number cell refuses "abc" as a paste would, naming the value and the column, and keeps its value', async ({
    page,
    host,
  }) => {
    const app = new WorkbenchPage(page);
    const w = new WhatIfPage(page);
    await app.open(host.entry);
    await w.year(2024);
    const gap = await w.cardValue('gap_h100e');
    await app.openDataset('Buyer capex');
    const index = (await app.rowIndexOf('Tencent'))!;
    const cell = app.cellAt(index, 'capex_cny_bn');
    const before = await cell.textContent();
    await app.editCell(cell, 'abc');
    await expect(app.notice()).toContainText(
      'Buyer capex, row 4 (Tencent), column Capex (bn CNY): "abc" is not a number',
    );
    await expect(cell).toHaveText(before ?? '');
    await w.show('What-if');
    expect(await w.cardValue('gap_h100e')).toBe(gap);
  });

  test('a blank capex cell is an error named by dataset, row and column, never a "surplus"', async ({ page, host }) => {
    const app = new WorkbenchPage(page);
    const w = new WhatIfPage(page);
    await app.open(host.entry);
    await app.openDataset('Buyer capex');
    const index = (await app.rowIndexOf('Tencent'))!;
    await expect(app.cellAt(index, 'year')).toHaveText('2024');
    await app.editCell(app.cellAt(index, 'capex_cny_bn'), '');
    await expect(app.cellAt(index, 'capex_cny_bn')).toHaveText('');
    const cause = `Buyer capex, row ${Number(index) + 1} (Tencent, 2024): Capex (bn CNY) is empty`;

    await w.show('What-if');
    await w.year(2024);
    const card = w.card('gap_h100e');
    await expect(card).toContainText('Cannot compute');
    await expect(card.getByTestId('card-cause')).toContainText(cause);
    await expect(card).not.toContainText('surplus');
    await expect(w.card('coverage')).toContainText('Cannot compute');
    const problems = page.getByRole('region', { name: 'Problems' });
    await expect(problems.getByTestId('problem').first()).toContainText(cause);
    await expect(problems).toContainText('no value for Compute gap 2024');
    // 2025 reads Tencent's own 2025 figure, so it is still computed.
    await w.year(2025);
    expect(Number.isNaN(await w.cardValue('gap_h100e'))).toBe(false);
    await w.year(2024);
    await page.screenshot({ path: shots('30-missing-input'), fullPage: true });

    // The explain panel of the empty cell says why.
    await w.show('Outputs & explain');
    const grid = page.getByTestId('outputs-grid');
    await grid.getByRole('row').filter({ hasText: 'Compute gap' }).first().locator('[col-id="2024"]').click();
    await expect(page.getByTestId('explain-missing')).toContainText(cause);

    // "Open the dataset" goes to where it can be fixed; typing the figure back clears the problem.
    await w.show('What-if');
    await problems.getByRole('button', { name: 'Open the dataset' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Buyer capex' })).toBeVisible();
    await app.undo();
    await w.show('What-if');
    await expect(problems).toBeHidden();
    await expect(w.card('gap_h100e')).not.toContainText('Cannot compute');
  });

  test('scenarios are named through an in-app dialog: focus, refusal of a taken name, Escape, Enter', async ({
    page,
    host,
  }) => {
    const app = new WorkbenchPage(page);
    const w = new WhatIfPage(page);
    await app.open(host.entry);
    await expect(w.card('gap_h100e')).toBeVisible();
    const open = page.getByRole('button', { name: 'Save as new scenario…' });
    await open.click();
    const dialog = page.getByRole('dialog', { name: 'Save as new scenario' });
    await expect(dialog).toBeVisible();
    const name = dialog.getByRole('textbox', { name: 'Name of the new scenario' });
    await expect(name).toBeFocused();
    await name.fill('base');
    await expect(dialog).toContainText('There is already a scenario called “base”.');
    await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
    // Tab stays in the dialog.
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(open).toBeFocused();
    await expect(w.scenarioSelect()).toHaveValue('Base');

    await open.click();
    await name.fill('My view');
    await page.screenshot({ path: shots('31-name-dialog') });
    await name.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(w.scenarioSelect()).toHaveValue('My view');
  });

  test('Export model… after a goal seek writes what is on screen, named so, cell by cell', async ({ page, host }) => {
    const app = new WorkbenchPage(page);
    const w = new WhatIfPage(page);
    await app.open(host.entry);
    await w.show('Analyses');
    const goal = page.getByRole('region', { name: 'Goal seek' });
    await goal.getByRole('combobox', { name: 'Assumption to change' }).selectOption('capex_scale');
    await goal.getByRole('spinbutton', { name: 'Target' }).fill('0.6');
    await goal.getByRole('button', { name: 'Find' }).click();
    await goal.getByRole('button', { name: 'Apply' }).click();
    await w.show('What-if');
    await w.year(2026);
    await expect(w.card('coverage')).toContainText('60.0%');
    const onScreen: number[] = [];
    for (const year of [2024, 2025, 2026, 2027, 2028, 2029, 2030]) {
      await w.year(year);
      onScreen.push(await w.cardValue('coverage'));
    }

    await page.getByText('Export model…').click();
    await expect(page.getByRole('menu')).toContainText('On screen: Base, changed');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: /Live formulas/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('China AI compute - Base (changed).xlsx');
    const file = join(host.dataDir, 'on-screen.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const outputs = wb.getWorksheet('Outputs')!;
    expect(outputs.getCell(1, 1).text).toContain('(Base, changed)');
    // The coverage block: its label row holds the years, the row under it the values.
    let labelRow = 0;
    outputs.eachRow((row, n) => {
      if (row.getCell(1).text.startsWith('Coverage (share)')) labelRow = n;
    });
    expect(labelRow).toBeGreaterThan(0);
    const columns = [2, 3, 4, 5, 6, 7, 8];
    const years = columns.map((c) => Number(outputs.getCell(labelRow, c).value));
    expect(years).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    const inFile = columns.map((c) => {
      const v = outputs.getCell(labelRow + 1, c).value as { result?: number } | number;
      return typeof v === 'number' ? v : Number(v.result);
    });
    inFile.forEach((v, i) => expect(v).toBeCloseTo(onScreen[i]!, 12));
    expect(outputs.pageSetup.orientation).toBe('landscape');
    expect(outputs.pageSetup.fitToWidth).toBe(1);

    // The saved scenario is still one choice away, as saved.
    await page.getByText('Export model…').click();
    const [saved] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Base (as saved)' }).click(),
    ]);
    expect(saved.suggestedFilename()).toBe('China AI compute - Base.xlsx');
  });

  test('charts: the supply legend shows every series, on screen and in the PNG, which carries its title', async ({
    page,
    host,
  }) => {
    const w = new WhatIfPage(page);
    await page.goto(host.entry);
    await expect(w.card('gap_h100e')).toBeVisible();
    const chart = page.getByTestId('chart-supply');
    const canvas = chart.getByRole('img');
    await expect(canvas).toHaveAttribute('data-legend', 'plain');
    // Every chip of the model and the demand line, by name, for screen readers too.
    const chips = [
      'Nvidia H20',
      'Nvidia other China cards',
      'Huawei Ascend 950',
      'Huawei Ascend 910C',
      'Cambricon MLU590/690',
      'Other domestic',
      'Demand',
    ];
    for (const name of chips) await expect(canvas).toHaveAttribute('aria-label', new RegExp(name));
    await chart.screenshot({ path: shots('32-supply-legend') });
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      chart.getByRole('button', { name: /Save .* as PNG/ }).click(),
    ]);
    expect(png.suggestedFilename()).toBe('Supply by chip against demand thousand H100e.png');
    const file = join(host.dataDir, 'supply.png');
    await png.saveAs(file);
    // A PNG at twice the chart's size, with room above the plot for the title.
    const bytes = readFileSync(file);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.readUInt32BE(20)).toBeGreaterThan(700); // height in pixels (400 px drawn at 2x)
  });

  test('a Monte Carlo result survives a tab switch and a cancelled run, and says when its inputs changed', async ({
    page,
    host,
  }) => {
    const w = new WhatIfPage(page);
    await page.goto(host.entry);
    await w.show('Analyses');
    const mc = page.getByRole('region', { name: 'Monte Carlo' });
    await mc.getByRole('spinbutton', { name: 'Draws' }).fill('20000');
    await mc.getByRole('spinbutton', { name: 'Seed' }).fill('3');
    await mc.getByRole('button', { name: 'Run Monte Carlo' }).click();
    await expect(page.getByTestId('mc-summary')).toContainText('20,000 draws, seed 3', { timeout: 60_000 });
    await expect(page.getByTestId('mc-summary')).toContainText('Run on scenario Base.');
    const p2026 = await page.getByTestId('p-shortage-2026').textContent();

    await w.show('What-if');
    await w.show('Analyses');
    await expect(page.getByTestId('mc-summary')).toContainText('20,000 draws, seed 3');
    await expect(page.getByTestId('p-shortage-2026')).toHaveText(p2026 ?? '');

    // A new, larger run cancelled halfway leaves the last result as it was.
    await mc.getByRole('spinbutton', { name: 'Draws' }).fill('400000');
    await mc.getByRole('button', { name: 'Run Monte Carlo' }).click();
    await expect(mc.getByRole('progressbar', { name: 'Monte Carlo progress' })).toBeVisible();
    await mc.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('mc-summary')).toContainText('20,000 draws, seed 3');
    await expect(page.getByTestId('p-shortage-2026')).toHaveText(p2026 ?? '');
    await expect(page.getByTestId('mc-stale')).toBeHidden();

    // Moving an assumption marks it as made on other inputs.
    await w.show('What-if');
    await w.slider('Capex multiplier, all buyers').focus();
    await page.keyboard.press('ArrowRight');
    await w.show('Analyses');
    await expect(page.getByTestId('mc-stale')).toBeVisible();
    await page.getByRole('region', { name: 'Monte Carlo' }).screenshot({ path: shots('36-mc-stale') });
    await expect(page.getByTestId('p-shortage-2026')).toHaveText(p2026 ?? '');
  });

  test('notices: at most three, gone when their cause is fixed, and none carried to another view', async ({
    page,
    host,
  }) => {
    const app = new WorkbenchPage(page);
    const w = new WhatIfPage(page);
    await app.open(host.entry);
    await app.openDataset('Buyer capex');
    for (const buyer of ['Alibaba', 'Tencent', 'ByteDance', 'Baidu']) {
      const index = (await app.rowIndexOf(buyer))!;
      await app.editCell(app.cellAt(index, 'capex_cny_bn'), `lots for ${buyer}`);
      await expect(app.notice().last()).toContainText(`"lots for ${buyer}" is not a number`);
    }
    await expect(app.notice()).toHaveCount(3);
    // Typing a number into the last refused cell clears its notice.
    const baidu = (await app.rowIndexOf('Baidu'))!;
    await app.editCell(app.cellAt(baidu, 'capex_cny_bn'), '12');
    await expect(app.notice().filter({ hasText: 'lots for Baidu' })).toHaveCount(0);
    await expect(app.notice()).toHaveCount(2);
    await w.show('What-if');
    await expect(app.notice()).toHaveCount(0);
  });

  test('explain keeps the year and member it was following, with Back and Forward; label columns stay pinned', async ({
    page,
    host,
  }) => {
    const w = new WhatIfPage(page);
    await page.goto(host.entry);
    await w.show('Outputs & explain');
    const grid = page.getByTestId('outputs-grid');
    const explain = page.getByRole('complementary', { name: 'Explain' });
    // The label columns are pinned: they stay beside the years whatever the scroll.
    await expect(grid.locator('.ag-root')).toHaveClass(/ag-has-left-pinned-cols/);
    await expect(grid.locator('.ag-header-cell-last-left-pinned')).toContainText('Unit');
    // Units in full: a unit cell is not cut ("thousand H100e", not "thousand H1…").
    const unit = grid.locator('[col-id="unit"]').filter({ hasText: 'thousand H100e' }).first();
    await expect(unit).toBeVisible();
    // The laid-out text (an ellipsis is only painted) fits inside the cell.
    const fits = () =>
      unit.evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return range.getBoundingClientRect().width <= el.clientWidth;
      });
    await expect.poll(fits).toBe(true);

    await grid.getByRole('row').filter({ hasText: 'Compute gap' }).first().locator('[col-id="2026"]').click();
    await expect(explain).toContainText('Year 2026');
    await explain.getByRole('button', { name: 'Demand', exact: true }).first().click();
    await expect(explain.getByRole('heading', { level: 2 })).toContainText('Demand');
    await expect(explain).toContainText('Year 2026');
    await expect(page.getByTestId('explain-trail')).toHaveText('Compute gap 2026 › Demand 2026');
    await page.getByRole('button', { name: '← Back' }).click();
    await expect(explain.getByRole('heading', { level: 2 })).toContainText('Compute gap');
    await page.keyboard.press('Alt+ArrowRight');
    await expect(explain.getByRole('heading', { level: 2 })).toContainText('Demand');
    await page.keyboard.press('Alt+ArrowLeft');
    await expect(explain.getByRole('heading', { level: 2 })).toContainText('Compute gap');

    // A member is kept too: Tencent's shortfall in 2025 leads to Tencent's budget in 2025.
    await grid
      .getByRole('row')
      .filter({ hasText: 'Tencent' })
      .filter({ hasText: 'Shortfall by buyer' })
      .locator('[col-id="2025"]')
      .click();
    await explain.getByRole('button', { name: 'Onshore accelerator budget', exact: true }).first().click();
    await expect(explain).toContainText('Buyer Tencent, Year 2025');
    await page.screenshot({ path: shots('33-explain-trail'), fullPage: true });
  });

  test('import protects the model: title row found, "Capex" matched, unmapped model columns and repeated keys stopped before writing', async ({
    page,
    host,
  }) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Capex');
    ws.addRow(['Capex by buyer, bn CNY (company filings)']);
    ws.addRow(['Buyer', 'Year', 'Capex']);
    ws.addRow(['Tencent', 2026, 200]);
    ws.addRow(['NewCo', 2026, 10]);
    const xlsx = join(host.dataDir, 'capex update.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const app = new WorkbenchPage(page);
    await app.open(host.entry);
    await app.openDataset('Buyer capex');
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import data' });
    await dialog.getByLabel('File to import').setInputFiles(xlsx);
    // The title row is found: no guessing "Header row 2".
    await expect(dialog.getByRole('spinbutton', { name: 'Header row' })).toHaveValue('2');
    await expect(dialog.getByTestId('header-found')).toBeVisible();
    await expect(dialog.getByTestId('import-summary')).toHaveText('2 rows, 3 columns. First rows:');
    await dialog.getByRole('radio', { name: 'Append to' }).check();
    await dialog.getByRole('combobox', { name: 'Target dataset' }).selectOption('buyer_capex');
    const capex = dialog.getByRole('combobox', { name: 'Dataset column for Capex' });
    await expect(capex).toHaveValue('capex_cny_bn');
    await expect(dialog.getByTestId('import-warnings')).toBeHidden();

    // Left out, the model's column is named and Import waits for a decision.
    await capex.selectOption('');
    await expect(dialog.getByTestId('import-warnings')).toContainText(
      'Buyer capex: Capex (bn CNY) gets no file column',
    );
    await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
    await page.screenshot({ path: shots('34-import-warnings') });
    await capex.selectOption('capex_cny_bn');

    // Tencent 2026 is already there: refused before anything is written.
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText(
      'row 1: Buyer capex would have two rows for buyer Tencent, year 2026. Nothing was imported.',
    );
    await expect(app.dataset('Buyer capex')).toContainText('18');
    await expect(app.sidebar.getByRole('button', { name: /^buyer_capex_before_import/ })).toHaveCount(0);
    // Knowingly: in they go, with a copy of the rows before, and the model lists the repeat as a problem.
    await dialog.getByRole('checkbox', { name: /keep a copy/ }).check();
    await dialog.getByRole('button', { name: 'Import them anyway' }).click();
    await expect(dialog).toBeHidden();
    await expect(app.dataset('Buyer capex')).toContainText('20');
    await expect(app.dataset('buyer_capex_before_import')).toContainText('18');
    await new WhatIfPage(page).show('What-if');
    await expect(page.getByRole('region', { name: 'Problems' })).toContainText('are both Tencent, 2026');
    // One undo step takes the whole import back, and the problem with it.
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    await expect(undo).toHaveAttribute('title', 'Undo: Import into buyer_capex (2 rows)');
    await undo.click();
    await expect(app.dataset('Buyer capex')).toContainText('18');
    await expect(page.getByRole('region', { name: 'Problems' })).toBeHidden();
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect(app.dataset('Buyer capex')).toContainText('20');
  });

  test('Ctrl+F finds in the current dataset and the status bar counts the rows shown', async ({ page, host }) => {
    const app = new WorkbenchPage(page);
    await app.open(host.entry);
    await app.openDataset('Buyer capex');
    await app.cellAt('0', 'year').click();
    await page.keyboard.press('Control+f');
    const find = page.getByRole('searchbox', { name: 'Find in Buyer capex' });
    await expect(find).toBeFocused();
    await find.fill('Tencent');
    await expect(app.rowCount).toHaveText('buyer_capex: 3 of 18 rows shown (filtered)');
    await expect(app.grid.locator('[role="row"][row-index]')).toHaveCount(3);
    await page.screenshot({ path: shots('35-find') });
    await find.press('Escape');
    await expect(app.rowCount).toHaveText('buyer_capex: 18 rows');
    // From another view, Ctrl+F brings the Data view and its Find field.
    await new WhatIfPage(page).show('What-if');
    await page.keyboard.press('Control+f');
    await expect(find).toBeFocused();
  });
});
