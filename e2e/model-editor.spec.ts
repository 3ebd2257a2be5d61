import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { WhatIfPage } from './pages/whatif.js';

/** Moves the mouse onto a word of the formula editor's text, as a user points at a name. */
async function hoverWord(page: Page, word: string): Promise<void> {
  const at = await page.locator('.cm-content').evaluate((el, w) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent?.indexOf(w) ?? -1;
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + w.length);
      const box = range.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    }
    return null;
  }, word);
  if (!at) throw new Error(`"${word}" is not in the formula`);
  await page.mouse.move(at.x, at.y);
}

test('the analyst owns the model: adds cluster_efficiency, edits supply_h100e with the error underlined while half typed, applies, undoes', async ({
  page,
  host,
}) => {
  const w = new WhatIfPage(page);
  await page.goto(host.entry);
  await expect(w.card('coverage')).toBeVisible();
  await w.year(2026);
  const before = await w.cardValue('coverage');

  // A new assumption, checked like any model change: a slider at once.
  await w.show('Model');
  await page.getByRole('button', { name: 'Add assumption…' }).click();
  const form = page.locator('form.item-editor');
  await form.getByLabel('Identifier').fill('cluster_efficiency');
  await form.getByLabel('Label').fill('Cluster efficiency');
  await form.getByLabel('Default').fill('0.9');
  await form.getByLabel('Minimum').fill('0.5');
  await form.getByLabel('Maximum').fill('1');
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('notice').first()).toContainText('Added cluster_efficiency to the model.');
  await expect(page.getByRole('heading', { name: /Cluster efficiency/ })).toBeVisible();

  // The formula of supply_h100e, half typed: the unknown name underlined where it is.
  await page.getByRole('searchbox', { name: 'Search the model' }).fill('supply_h100e');
  await page
    .getByRole('navigation', { name: 'Model items' })
    .getByRole('button', { name: /supply_h100e/ })
    .click();
  const editor = page.getByRole('textbox', { name: 'Formula of supply_h100e' });
  await expect(editor).toContainText('domestic_efficiency, 1)');
  await editor.click();
  await page.keyboard.press('Control+End');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft'); // before ", 1)"
  await page.keyboard.type(' * clus', { delay: 20 });
  await page.keyboard.press('Escape'); // close the completion list
  await expect(page.locator('.cm-lintRange-error')).toHaveText('clus');
  await expect(page.getByTestId('model-problem')).toContainText('variable supply_h100e, at ');
  await expect(page.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await page.screenshot({ path: 'e2e/artifacts/model-editor-error.png', fullPage: true });

  // The last valid model keeps running: the numbers on screen have not moved.
  await w.show('What-if');
  expect(await w.cardValue('coverage')).toBe(before);
  await expect(w.slider('Cluster efficiency')).toBeVisible();

  // Back in the editor, the half-typed formula is where it was; complete it and apply.
  await w.show('Model');
  await expect(editor).toContainText('domestic_efficiency * clus, 1)');
  await editor.click();
  await page.keyboard.press('Control+End');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('ter_efficiency', { delay: 20 });
  await page.keyboard.press('Escape');
  await expect(page.locator('.cm-lintRange-error')).toHaveCount(0);
  await expect(page.getByTestId('model-sound')).toBeVisible();
  // Hovering a name shows what it is, its unit and its value now.
  await hoverWord(page, 'cluster_efficiency');
  const card = page.getByRole('tooltip');
  await expect(card).toContainText('Cluster efficiency (assumption)');
  await expect(card).toContainText('Now: 0.9');
  await page.mouse.move(0, 0);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('notice').first()).toContainText('The model was changed: supply_h100e.');
  await page.screenshot({ path: 'e2e/artifacts/model-editor.png', fullPage: true });

  await w.show('What-if');
  await expect.poll(() => w.cardValue('coverage')).toBeLessThan(before);
  const after = await w.cardValue('coverage');
  expect(after).toBeGreaterThan(before * 0.5);

  // The diff against the built-in model lists exactly the two edits, side by side.
  await w.show('Model');
  await page.getByRole('button', { name: 'Changes against the built-in model' }).click();
  const diff = page.getByTestId('model-diff');
  await expect(diff.locator('tbody tr')).toHaveCount(2);
  await expect(diff.locator('tbody tr').nth(0)).toContainText('cluster_efficiency');
  await expect(diff.locator('tbody tr').nth(0)).toContainText('added');
  await expect(diff.locator('tbody tr').nth(1)).toContainText('supply_h100e');
  await expect(diff.locator('tbody tr').nth(1)).toContainText('domestic_efficiency * cluster_efficiency');
  await page.screenshot({ path: 'e2e/artifacts/model-diff.png', fullPage: true });

  // Deleting what a formula uses is refused, naming the user.
  await page.getByRole('searchbox', { name: 'Search the model' }).fill('cluster_efficiency');
  await page
    .getByRole('navigation', { name: 'Model items' })
    .getByRole('button', { name: /^Cluster efficiency/ })
    .click();
  await page.getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByTestId('app-dialog');
  await expect(dialog).toContainText('cluster_efficiency is used by supply_h100e: change those formulas first.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Undo reverts the formula edit: the numbers come back, and the diff keeps only the assumption.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Changes against the built-in model' }).click();
  await expect(diff.locator('tbody tr')).toHaveCount(1);
  await w.show('What-if');
  await expect.poll(() => w.cardValue('coverage')).toBe(before);

  // Revert all: the built-in model again, and nothing left to list.
  await w.show('Model');
  await page.getByRole('button', { name: 'Changes against the built-in model' }).click();
  await page.getByRole('button', { name: 'Revert all to the built-in model' }).click();
  await expect(page.getByTestId('model-diff-none')).toBeVisible();
  await expect(w.slider('Cluster efficiency')).toHaveCount(0);
});

test('renaming capex_scale rewrites formulas and scenarios; a used variable is not deleted alone; a model file round-trips', async ({
  page,
  host,
}, testInfo) => {
  const w = new WhatIfPage(page);
  await page.goto(host.entry);
  await expect(w.card('coverage')).toBeVisible();
  const items = page.getByRole('navigation', { name: 'Model items' });
  const dialog = page.getByTestId('app-dialog');

  // A dimension, read only: its members as the data gives them and what varies over it.
  await w.show('Model');
  await items.getByRole('button', { name: /^Chip\s+chip$/ }).click();
  await expect(page.locator('.dimension-panel')).toContainText('12 members: Nvidia H20');
  await expect(page.locator('.dimension-panel')).toContainText('Members come from the rows of chips.chip');
  await expect(page.locator('.dimension-panel').getByRole('button', { name: 'supply_h100e' })).toBeVisible();

  // Rename: refused while the name is taken, then every formula and scenario follows.
  await items.getByRole('button', { name: /capex_scale/ }).click();
  await page.getByRole('button', { name: 'Rename…' }).click();
  const name = dialog.getByRole('textbox');
  await name.fill('capex_growth');
  await expect(dialog).toContainText('capex_growth is already the name of an existing assumption.');
  await expect(dialog.getByRole('button', { name: 'Rename' })).toBeDisabled();
  await name.fill('buyer_capex_scale');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByTestId('notice').first()).toContainText('Renamed capex_scale to buyer_capex_scale.');
  await expect(page.getByRole('heading', { name: /buyer_capex_scale/ })).toBeVisible();
  await expect(page.locator('.model-links')).toContainText('capex');
  await items.getByRole('button', { name: /^Capex\s+capex$/ }).click();
  await expect(page.getByRole('textbox', { name: 'Formula of capex' })).toHaveText('base_capex * buyer_capex_scale');
  // The built-in scenario that set it still does, under the new name.
  await w.show('What-if');
  await w.scenarioSelect().selectOption('Capex surge');
  await expect(w.slider('Capex multiplier, all buyers')).toHaveValue('1.4');
  await w.scenarioSelect().selectOption('Base');

  // A variable others use: the dialog names its users; cancelling deletes nothing.
  await w.show('Model');
  await items.getByRole('button', { name: /total_supply/ }).click();
  await page.getByRole('button', { name: 'Delete…' }).click();
  await expect(dialog).toContainText('total_supply is used by gap_h100e, coverage');
  await expect(dialog).toContainText('Deleting total_supply with its dependents also deletes');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(items.getByRole('button', { name: /total_supply/ })).toBeVisible();

  // A field of an assumption edited beside it: the maximum of the renamed one, applied as one step.
  await items.getByRole('button', { name: /buyer_capex_scale/ }).click();
  const editor = page.locator('form.item-editor');
  await editor.getByLabel('Maximum').fill('0.2');
  await expect(page.getByTestId('model-problem')).toContainText('default 1 is outside 0.5..0.2');
  await expect(page.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await editor.getByLabel('Maximum').fill('3');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('notice').first()).toContainText('The model was changed: buyer_capex_scale.');

  // The model as a file: exported, edited outside, imported after a look at what changes.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export model (JSON)…' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/ - model\.json$/);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
    variables: { id: string; formula: string }[];
  };
  expect(exported.variables.find((v) => v.id === 'capex')?.formula).toBe('base_capex * buyer_capex_scale');
  const capex = exported.variables.find((v) => v.id === 'capex');
  if (capex) capex.formula = 'base_capex * buyer_capex_scale * 1.1';
  const edited = testInfo.outputPath('edited-model.json');
  writeFileSync(edited, JSON.stringify(exported, null, 2));
  const broken = testInfo.outputPath('broken-model.json');
  if (capex) capex.formula = 'base_capex * buyer_capex_scal';
  writeFileSync(broken, JSON.stringify(exported, null, 2));

  const file = page.getByLabel('Import model (JSON)…');
  await file.setInputFiles(broken);
  await expect(page.getByTestId('notice').last()).toContainText(
    'broken-model.json was not applied: variable capex, at 14: unknown name "buyer_capex_scal"',
  );
  await file.setInputFiles(edited);
  await expect(dialog).toContainText('1 item changes against this model: capex (changed).');
  await dialog.getByRole('button', { name: 'Replace the model' }).click();
  await expect(
    page.getByTestId('notice').filter({ hasText: 'The model of edited-model.json was applied.' }),
  ).toBeVisible();
  await items.getByRole('button', { name: /^Capex\s+capex$/ }).click();
  await expect(page.getByRole('textbox', { name: 'Formula of capex' })).toHaveText(
    'base_capex * buyer_capex_scale * 1.1',
  );
  await page.screenshot({ path: 'e2e/artifacts/model-item.png', fullPage: true });
});
