import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures.js';
import ExcelJS from 'exceljs';
import { WorkbenchPage } from './pages/workbench.js';

const shots = (name: string) => `e2e/artifacts/${name}.png`;

test.describe('import and export', () => {
  test('imports a CSV through the dialog: preview, types, rows in a new dataset', async ({ page, host }) => {
    const app = new WorkbenchPage(page);
    const csv = join(host.dataDir, 'hbm supply.csv');
    writeFileSync(
      csv,
      'Vendor,Stacks (m),Year,Note\nSK hynix,12.5,2025,"big, and ""quoted"""\nSamsung,8,2025,\nCXMT,1.5,2026,domestic\n',
    );
    await app.open(host.entry);
    await app.openDataset('Chips');
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import data' });
    await dialog.getByLabel('File to import').setInputFiles(csv);
    await expect(dialog.getByTestId('import-summary')).toHaveText('3 rows, 4 columns. First rows:');
    await expect(dialog.getByTestId('import-preview')).toContainText('big, and "quoted"');
    await expect(dialog.getByRole('combobox', { name: 'Type of Stacks (m)' })).toHaveValue('number');
    await dialog.getByRole('combobox', { name: 'Type of Year' }).selectOption('text');
    await expect(dialog.getByRole('textbox', { name: 'New dataset name' })).toHaveValue('hbm_supply');
    await page.screenshot({ path: shots('20-import-preview') });
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog).toBeHidden();
    // The sidebar shows the file's name as the label; the id is what formulas and the status bar use.
    await expect(app.dataset('hbm supply')).toContainText('3');
    await expect(app.rowCount).toHaveText('hbm_supply: 3 rows');
    await expect(app.row('0')).toContainText('SK hynix');
    await expect(app.notice()).toContainText('Imported 3 rows into hbm supply');
  });

  test('a file dropped on the window opens the wizard; a broken file is refused and nothing changes', async ({
    page,
    host,
  }) => {
    const app = new WorkbenchPage(page);
    await app.open(host.entry);
    await expect(app.dataset('Chips')).toBeVisible();
    const drop = async (name: string, content: string) => {
      await page.evaluate(
        ([n, c]) => {
          const dt = new DataTransfer();
          dt.items.add(new File([c ?? ''], n ?? 'x.csv', { type: 'text/csv' }));
          window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        },
        [name, content],
      );
    };
    await drop('ragged.csv', 'a,b,c\n1,2,3\n4,5\n');
    const dialog = page.getByRole('dialog', { name: 'Import data' });
    await expect(dialog.getByRole('alert')).toContainText('ragged.csv, line 3: expected 3 fields, found 2');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await drop('extra.json', JSON.stringify([{ chip: 'Test chip', units_k: 5 }]));
    await expect(dialog.getByTestId('import-summary')).toHaveText('1 rows, 2 columns. First rows:');
    await dialog.getByRole('radio', { name: 'Append to' }).check();
    await dialog.getByRole('combobox', { name: 'Target dataset' }).selectOption('chip_supply');
    // The file has no year, which the model reads: the wizard names it and waits for a decision.
    await expect(dialog.getByTestId('import-warnings')).toContainText('Chip supply: Year gets no file column');
    await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
    await dialog.getByRole('checkbox', { name: 'Import anyway' }).check();
    await expect(dialog.getByRole('checkbox', { name: /keep a copy/ })).not.toBeChecked();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(app.dataset('Chip supply')).toContainText('34');
    // Datasets, one workbook, "New from template…" (rename and delete buttons aside).
    await expect(app.sidebar.getByRole('button', { name: /^(?!Rename|Delete)/ })).toHaveCount(3 + 1 + 1);
  });

  test('exports a dataset as CSV and the model as a live workbook, as downloads', async ({ page, host }) => {
    const app = new WorkbenchPage(page);
    await app.open(host.entry);
    await app.openDataset('Buyer capex');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe('Buyer capex.csv');
    const csvPath = join(host.dataDir, 'out.csv');
    await csv.saveAs(csvPath);
    const text = readFileSync(csvPath, 'utf8');
    // Headed as the grid heads them (label and unit), so the file reads the same and imports back by label.
    expect(text.split('\r\n')[0]).toBe('\uFEFFBuyer,Year,Capex (bn CNY),Note,Basis,Source');
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(19);

    await page.getByText('Export model…').click();
    const [model] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: /Live formulas/ }).click(),
    ]);
    expect(model.suggestedFilename()).toBe('China AI compute - Base.xlsx');
    const xlsx = join(host.dataDir, 'model.xlsx');
    await model.saveAs(xlsx);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toContain('Model');
    let formulas = 0;
    wb.getWorksheet('Model')?.eachRow((row) => row.eachCell((cell) => void (cell.formula && formulas++)));
    expect(formulas).toBeGreaterThan(400); // every Model cell of every variable block

    await page.getByText('Export model…').click();
    await page.screenshot({ path: shots('23-export-menu') });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menuitem', { name: /Values only/ })).toBeHidden();
    await page.getByText('Export model…').click();
    const [values] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: /Values only/ }).click(),
    ]);
    const valuesPath = join(host.dataDir, 'values.xlsx');
    await values.saveAs(valuesPath);
    const vb = new ExcelJS.Workbook();
    await vb.xlsx.readFile(valuesPath);
    let left = 0;
    let numbers = 0;
    vb.getWorksheet('Model')?.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.formula) left++;
        if (typeof cell.value === 'number') numbers++;
      }),
    );
    expect(left).toBe(0);
    expect(numbers).toBeGreaterThan(400);
  });

  test('imports a sheet of an Excel file: sheet picker, header row below a title, columns mapped onto a dataset', async ({
    page,
    host,
  }) => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Readme').addRow(['Compiled from vendor statements']);
    const ws = wb.addWorksheet('Supply');
    ws.addRow(['Accelerator shipments, thousand units']);
    ws.addRow(['Accelerator', 'Year', 'Thousand units', 'Analyst']);
    ws.addRow(['Test accelerator', 2026, 42, 'me']);
    const xlsx = join(host.dataDir, 'vendor supply.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const app = new WorkbenchPage(page);
    await app.open(host.entry);
    await app.openDataset('Chip supply');
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import data' });
    await dialog.getByLabel('File to import').setInputFiles(xlsx);
    await expect(dialog.getByRole('combobox', { name: 'Sheet' })).toHaveValue('Readme');
    await dialog.getByRole('combobox', { name: 'Sheet' }).selectOption('Supply');
    // The title row is found on the new sheet. (Typing before the detection landed raced it:
    // the field changed under the keystrokes.) Then an explicit wrong choice, and back.
    const headerRow = dialog.getByRole('spinbutton', { name: 'Header row' });
    await expect(dialog.getByTestId('header-found')).toBeVisible();
    await expect(headerRow).toHaveValue('2');
    await headerRow.fill('1');
    await expect(dialog.getByRole('alert')).toContainText('column 2 has no name in the header');
    await headerRow.fill('2');
    await expect(dialog.getByTestId('header-found')).toBeHidden();
    await expect(dialog.getByTestId('import-summary')).toHaveText('1 rows, 4 columns. First rows:');
    await dialog.getByRole('radio', { name: 'Append to' }).check();
    await dialog.getByRole('combobox', { name: 'Target dataset' }).selectOption('chip_supply');
    await dialog.getByRole('combobox', { name: 'Dataset column for Accelerator' }).selectOption('chip');
    await expect(dialog.getByRole('combobox', { name: 'Dataset column for Year' })).toHaveValue('year');
    await dialog.getByRole('combobox', { name: 'Dataset column for Thousand units' }).selectOption('units_k');
    await dialog.getByRole('combobox', { name: 'Dataset column for Analyst' }).selectOption('');
    await page.screenshot({ path: shots('22-xlsx-mapping') });
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(app.rowCount).toHaveText('chip_supply: 34 rows');
    await app.scrollToEnd();
    await expect(app.cellAt('33', 'units_k')).toHaveText('42');
    await expect(app.cellAt('33', 'chip')).toHaveText('Test accelerator');
  });
});

test.describe('clipboard', () => {
  test('pastes a 3x4 block from a spreadsheet at the focused cell, adding a row, as one undo step', async ({
    page,
    host,
  }) => {
    const app = new WorkbenchPage(page);
    await app.open(host.entry);
    await app.openDataset('Chip supply');
    await app.scrollToEnd();
    await app.cellAt('31', 'year').click(); // third row from the end: the block runs one row past it
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData(
        'text/plain',
        '2026\t111\t"pasted, ""quoted"""\tmedia\r\n2026\t222\tsecond\tanalyst\r\n2027\t333\tnew row\tassumption\r\n',
      );
      document.activeElement?.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
      );
    });
    await app.confirm('Add the row');
    await expect(app.rowCount).toHaveText('chip_supply: 34 rows');
    await app.scrollToEnd();
    await expect(app.cellAt('31', 'units_k')).toHaveText('111');
    await expect(app.cellAt('31', 'note')).toHaveText('pasted, "quoted"');
    await expect(app.cellAt('33', 'units_k')).toHaveText('333');
    await expect(app.cellAt('33', 'basis')).toHaveText('assumption');
    await page.screenshot({ path: shots('21-pasted') });
    await app.undo();
    await expect(app.rowCount).toHaveText('chip_supply: 33 rows');
    await app.scrollToEnd();
    await expect(app.cellAt('31', 'units_k')).toHaveText('100'); // Other domestic, 2025, as before
  });
});
