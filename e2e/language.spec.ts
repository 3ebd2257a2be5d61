import { expect, test } from './fixtures.js';

const shots = (name: string) => `e2e/artifacts/${name}.png`;
const han = /\p{Script=Han}/u;

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
    await expect(tabs).toHaveText(['假设分析', '数据', '输出与解释', '情景', '分析']);
    await expect(page.getByRole('heading', { name: '数据集' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '工作簿' })).toBeVisible();
    await expect(page.getByTestId('save-state')).toHaveText('所有修改已保存');
    await expect(page.getByTestId('card-gap_h100e')).toContainText('算力缺口');
    await expect(page.getByTestId('card-coverage')).toContainText('需求覆盖率');
    await expect(page.getByRole('complementary', { name: '假设' }).getByRole('heading', { level: 2 })).toHaveText(
      '假设',
    );
    await expect(page.getByRole('button', { name: '撤销' })).toBeVisible();

    // Every piece of text in the chrome this issue step covers is Chinese (brand, numbers, units aside).
    const chrome = await page
      .locator('.topbar button, .topbar [role=tab], .sidebar h2, .statusbar span:not(.path), .card-title, .card-note')
      .allInnerTexts();
    const english = chrome
      .map((text) => text.trim())
      .filter(
        (text) => text !== '' && /[A-Za-z]{3,}/.test(text.replace(/H100|HBM|CNY|USD|\d+/g, '')) && !han.test(text),
      );
    expect(english).toEqual([]);
    // Years keep no thousands separator; row counts are grouped.
    await expect(page.getByRole('radiogroup', { name: '年份' }).getByRole('radio').first()).toHaveText(/^20\d\d$/);
    await page.screenshot({ path: shots('zh-01-whatif'), fullPage: true });

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
    ]);
    await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
    await expect(page.getByTestId('card-gap_h100e')).toContainText('Compute gap');
  });
});
