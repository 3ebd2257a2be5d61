import iconv from 'iconv-lite';
import { expect, test } from './fixtures.js';
import { chineseLeaks, untranslatedWords } from './untranslated.js';

const shots = (name: string) => `e2e/artifacts/${name}.png`;

test.describe('the interface in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('follows a Chinese browser: tabs, sidebar, cards, assumptions and status bar in Chinese; the switch changes it and is kept', async ({
    page,
    host,
  }) => {
    await page.goto(host.entry);
    const sidebar = page.getByRole('navigation', { name: '数据集' });
    await expect(sidebar.getByRole('button').first()).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    const tabs = page.getByRole('tablist', { name: '视图' }).getByRole('tab');
    await expect(tabs).toHaveText(['假设分析', '数据', '输出与解释', '情景', '分析', '模型']);
    await expect(page.getByRole('heading', { name: '数据集' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '工作簿' })).toBeVisible();
    await expect(page.getByTestId('save-state')).toHaveText('所有修改已保存');
    await expect(page.getByTestId('card-gap_h100e')).toContainText('算力缺口');
    await expect(page.getByTestId('card-coverage')).toContainText('需求覆盖率');
    await expect(page.getByRole('complementary', { name: '假设' }).getByRole('heading', { level: 2 })).toHaveText(
      '假设',
    );
    await expect(page.getByRole('button', { name: '撤销' })).toBeVisible();

    // The What-if view, the sidebar, the top bar and the status bar hold no untranslated word
    // (brand names, units and what the analyst or the workbook wrote aside).
    await expect(page.getByTestId('chart-supply')).toBeVisible();
    for (const part of ['.sidebar', '.topbar', '.statusbar', '.view']) {
      expect(await untranslatedWords(page.locator(part)), part).toEqual([]);
    }
    // An assumption's controls, opened, in Chinese too.
    await page.getByRole('button', { name: '关于 汇率' }).click();
    expect(await untranslatedWords(page.getByTestId('assumption-fx_cny_per_usd'))).toEqual([]);
    await expect(page.getByRole('slider', { name: '良率' })).toBeVisible();

    // Years keep no thousands separator; row counts are grouped.
    await expect(page.getByRole('radiogroup', { name: '年份' }).getByRole('radio').first()).toHaveText(/^20\d\d$/);
    await page.screenshot({ path: shots('zh-01-whatif'), fullPage: true });

    // Outputs and explain: headers, units, labels, the explain panel of a number.
    await tabs.nth(2).click();
    const outputs = page.getByTestId('outputs-grid');
    await expect(outputs.getByRole('columnheader', { name: '变量' })).toBeVisible();
    await expect(outputs.getByRole('gridcell', { name: '算力缺口', exact: true })).toBeVisible();
    await outputs.locator('.ag-row[row-index="0"] [col-id="2026"]').click();
    const explain = page.getByRole('complementary', { name: '解释' });
    await expect(explain.getByRole('heading', { name: '公式' })).toBeVisible();
    // Members, data rows and source links are the workbook's own text (buyer and chip names, rows, hosts).
    const memberCells = ['.ag-cell[col-id="label"]', '.data-rows td', '.terms td', '.source-link'];
    expect(await untranslatedWords(page.locator('.view'), memberCells)).toEqual([]);
    await page.screenshot({ path: shots('zh-02-outputs'), fullPage: true });

    // Scenarios: the list, the side-by-side comparison and what moved an output between two of them.
    await tabs.nth(3).click();
    await expect(page.getByRole('region', { name: '情景列表' }).getByRole('heading', { name: '情景' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '并列比较' })).toBeVisible();
    await expect(page.getByTestId('scenario-Import ban')).toContainText('进口禁令');
    // What moved it: the form, a run between two built-in scenarios, its summary and table.
    const moved = page.getByRole('region', { name: '变化归因' });
    await moved.getByRole('combobox', { name: '起始情景' }).selectOption('Base');
    await moved.getByRole('combobox', { name: '目标情景' }).selectOption('Import ban');
    await moved.getByRole('button', { name: '解释变化' }).click();
    await expect(moved.getByTestId('attribution-summary')).toContainText('基准 → 进口禁令');
    for (const part of ['.scenario-list', '.compare', '.what-moved']) {
      expect(await untranslatedWords(page.locator(part)), part).toEqual([]);
    }
    await page.screenshot({ path: shots('zh-03-scenarios'), fullPage: true });

    // Data: the toolbar, the built-in dataset's own Chinese labels and units in the grid's
    // header, the sidebar's dataset labels, and the right-click menu.
    await tabs.nth(1).click();
    const toolbar = page.getByRole('toolbar', { name: '行' });
    await expect(toolbar.getByRole('button', { name: '添加行' })).toBeVisible();
    expect(await untranslatedWords(toolbar)).toEqual([]);
    const header = page.getByTestId('dataset-grid').locator('.ag-header');
    await expect(header).toContainText('资本开支 (十亿元)');
    await expect(header).toContainText('买方');
    expect(await untranslatedWords(header)).toEqual([]);
    await expect(sidebar.getByRole('button', { name: /^买方资本开支/ })).toBeVisible();
    await expect(sidebar.getByRole('button', { name: /^芯片供应/ })).toBeVisible();
    await page
      .getByTestId('dataset-grid')
      .locator('.ag-row[row-index="0"] [col-id="capex_cny_bn"]')
      .click({ button: 'right' });
    const menu = page.getByRole('menu', { name: '单元格命令' });
    await expect(menu.getByRole('menuitem', { name: /^复制/ }).first()).toBeVisible();
    // "按 资本开支 (十亿元) 升序排序": the column's Chinese label and unit.
    await expect(menu).toContainText('资本开支 (十亿元)');
    expect(await untranslatedWords(menu)).toEqual([]);
    await page.screenshot({ path: shots('zh-04-data'), fullPage: true });
    await page.keyboard.press('Escape');

    // The import wizard, with the file a Chinese analyst sends: GB18030, Chinese headers and name.
    await toolbar.getByRole('button', { name: '导入…' }).click();
    const wizard = page.getByRole('dialog', { name: '导入数据' });
    expect(await untranslatedWords(wizard)).toEqual([]);
    await wizard.getByLabel('要导入的文件').setInputFiles({
      name: '资本开支_gb18030.csv',
      mimeType: 'text/csv',
      buffer: iconv.encode('公司,年份,资本开支\n腾讯,2025,1000.5\n阿里巴巴,2025,1200\n', 'gb18030'),
    });
    await expect(wizard.getByTestId('import-summary')).toHaveText('共 2 行、3 列。前几行：');
    await expect(wizard.getByTestId('import-preview')).toContainText('阿里巴巴');
    await expect(wizard.getByRole('textbox', { name: '新数据集名称' })).toHaveValue('data_gb18030');
    await expect(wizard.getByRole('radio', { name: '新数据集' })).toBeChecked();
    // The file's name is shown as it is; identifiers and encodings are the same in every language.
    expect(await untranslatedWords(wizard, ['.import-options strong', '.preview .muted'])).toEqual([]);
    await page.screenshot({ path: shots('zh-06-import') });
    await wizard.getByRole('button', { name: '导入', exact: true }).click();
    await expect(wizard).toBeHidden();
    await expect(
      page.getByRole('navigation', { name: '数据集' }).getByRole('button', { name: /^资本开支_gb18030/ }),
    ).toBeVisible();
    await expect(page.getByTestId('notice').first()).toContainText('已导入 2 行到 资本开支_gb18030。');
    // A file that cannot be read: the main process sends the reason as data, worded here in Chinese.
    await page.getByRole('toolbar', { name: '行' }).getByRole('button', { name: '导入…' }).click();
    await wizard.getByLabel('要导入的文件').setInputFiles({
      name: 'ragged.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('a,b,c\n1,2,3\n4,5\n'),
    });
    await expect(wizard.getByRole('alert')).toHaveText(
      'ragged.csv 第 3 行：应有 3 个字段，实际为 2 个。请检查分隔符和引号。',
    );
    await wizard.getByRole('button', { name: '关闭' }).click();
    await expect(wizard).toBeHidden();

    // Analyses: tornado, a Monte Carlo run with its table and charts, goal seek and its answer.
    await tabs.nth(4).click();
    await expect(page.getByRole('heading', { name: '哪个假设影响最大？' })).toBeVisible();
    await expect(page.getByTestId('tornado-top')).toHaveText('资本开支倍数(全部买家)');
    await page.getByRole('spinbutton', { name: '抽样次数' }).fill('2000');
    await page.getByRole('button', { name: '运行蒙特卡洛模拟' }).click();
    await expect(page.getByTestId('mc-summary')).toContainText('2,000 次抽样', { timeout: 60_000 });
    await page.getByRole('button', { name: '求解' }).click();
    await expect(page.getByTestId('goalseek-answer')).toBeVisible();
    expect(await untranslatedWords(page.locator('.view'))).toEqual([]);
    await page.screenshot({ path: shots('zh-05-analyses'), fullPage: true });

    // The Model view: the items by their Chinese labels, a variable's page and its formula
    // (formulas are the model's language, the same in every window).
    await tabs.nth(5).click();
    const items = page.getByRole('navigation', { name: '模型条目' });
    await items.getByRole('button', { name: /supply_h100e/ }).click();
    await expect(page.getByRole('heading', { name: /交付算力/ })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'supply_h100e 的公式' })).toContainText('chip.tflops');
    expect(await untranslatedWords(page.locator('.view'), ['.formula-editor'])).toEqual([]);
    await page.screenshot({ path: shots('zh-07-model'), fullPage: true });
    // An assumption's fields (range, distribution, sources) and the rename dialog, in Chinese.
    await items.getByRole('button', { name: /capex_scale/ }).click();
    await expect(page.getByRole('combobox', { name: '蒙特卡洛分布' })).toBeVisible();
    expect(await untranslatedWords(page.locator('.view'), ['.formula-editor'])).toEqual([]);
    await page.getByRole('button', { name: '重命名…' }).click();
    const dialog = page.getByTestId('app-dialog');
    await expect(dialog).toContainText('重命名 capex_scale');
    await dialog.getByRole('textbox').fill('capex_growth');
    await expect(dialog).toContainText('名称 capex_growth 已被某个假设使用。');
    expect(await untranslatedWords(dialog, [])).toEqual([]);
    await page.screenshot({ path: shots('zh-08-model-rename'), fullPage: true });
    await dialog.getByRole('button', { name: '取消' }).click();

    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('tablist', { name: 'Views' }).getByRole('tab').first()).toHaveText('What-if');
    await page.reload();
    await expect(page.getByRole('tablist', { name: 'Views' }).getByRole('tab').first()).toHaveText('What-if');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('system');
    await expect(tabs.first()).toHaveText('假设分析');
  });
});

test.describe('the interface in English', () => {
  test.use({ locale: 'en-GB' });

  test('follows an English browser', async ({ page, host }) => {
    await page.goto(host.entry);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('tablist', { name: 'Views' }).getByRole('tab')).toHaveText([
      'What-if',
      'Data',
      'Outputs & explain',
      'Scenarios',
      'Analyses',
      'Model',
    ]);
    await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
    await expect(page.getByTestId('card-gap_h100e')).toContainText('Compute gap');
    const whole = page.locator('#root');
    // Deliberately Chinese: each language named in its own (option[lang]) and the 亿元 unit,
    // which is its own name in both languages ("亿元 (100m CNY)").
    const own = ['option[lang]', 'option[value="100m CNY"]'];
    expect(await chineseLeaks(whole, own)).toEqual([]);

    // Every view, in English only: no Chinese from the catalogue, the model or the datasets.
    const tabs = page.getByRole('tablist', { name: 'Views' }).getByRole('tab');
    await tabs.nth(1).click();
    const header = page.getByTestId('dataset-grid').locator('.ag-header');
    await expect(header).toContainText('Capex (bn CNY)');
    expect(await chineseLeaks(whole, own)).toEqual([]);
    await page.getByRole('toolbar', { name: 'Rows' }).getByRole('button', { name: 'Import…' }).click();
    const wizard = page.getByRole('dialog', { name: 'Import data' });
    await expect(wizard).toBeVisible();
    expect(await chineseLeaks(wizard)).toEqual([]);
    await wizard.getByRole('button', { name: 'Close' }).click();
    await tabs.nth(2).click();
    const outputs = page.getByTestId('outputs-grid');
    await expect(outputs.getByRole('gridcell', { name: 'Compute gap', exact: true })).toBeVisible();
    await outputs.locator('.ag-row[row-index="0"] [col-id="2026"]').click();
    await expect(
      page.getByRole('complementary', { name: 'Explain' }).getByRole('heading', { name: 'Formula' }),
    ).toBeVisible();
    expect(await chineseLeaks(whole, own)).toEqual([]);
    await tabs.nth(3).click();
    await expect(page.getByRole('heading', { name: 'Side by side' })).toBeVisible();
    expect(await chineseLeaks(whole, own)).toEqual([]);
    await tabs.nth(4).click();
    await expect(page.getByRole('heading', { name: 'Which assumption matters most?' })).toBeVisible();
    expect(await chineseLeaks(whole, own)).toEqual([]);
  });
});
