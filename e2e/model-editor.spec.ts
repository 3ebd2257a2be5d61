import { expect, test } from './fixtures.js';
import { WhatIfPage } from './pages/whatif.js';

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
  const form = page.locator('form.new-assumption');
  await form.getByLabel('Identifier').fill('cluster_efficiency');
  await form.getByLabel('Label').fill('Cluster efficiency');
  await form.getByLabel('Default').fill('0.9');
  await form.getByLabel('Minimum').fill('0.5');
  await form.getByLabel('Maximum').fill('1');
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('notice').first()).toContainText('Added assumption cluster_efficiency.');
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
  await expect(page.getByTestId('notice').last()).toContainText(
    'cluster_efficiency is used by supply_h100e: change those formulas first.',
  );

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
