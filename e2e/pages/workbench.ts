import { type Locator, type Page, expect } from '@playwright/test';

/** The workbench as a user sees it: a dataset list, a grid, notices and a status bar. */
export class WorkbenchPage {
  readonly sidebar: Locator;
  readonly grid: Locator;
  readonly status: Locator;
  readonly saveState: Locator;
  readonly rowCount: Locator;

  constructor(readonly page: Page) {
    this.sidebar = page.getByRole('navigation', { name: 'Datasets' });
    this.grid = page.getByTestId('dataset-grid');
    this.status = page.getByRole('status', { name: 'Status' });
    this.saveState = page.getByTestId('save-state');
    this.rowCount = page.getByTestId('row-count');
  }

  async open(entry: string): Promise<void> {
    await this.page.goto(entry);
    await expect(this.sidebar.getByRole('button').first()).toBeVisible();
  }

  dataset(label: string): Locator {
    return this.sidebar.getByRole('button', { name: new RegExp(`^${label}`) });
  }

  async openDataset(label: string): Promise<void> {
    await this.dataset(label).click();
    await expect(this.page.getByRole('heading', { level: 1, name: label })).toBeVisible();
  }

  /** The cell of a column in the row whose first text column shows `rowText`. */
  cell(rowText: string, column: string): Locator {
    return this.grid.getByRole('row').filter({ hasText: rowText }).first().locator(`[col-id="${column}"]`);
  }

  rowIndexOf(rowText: string): Promise<string | null> {
    return this.grid.locator('[role="row"][row-index]').filter({ hasText: rowText }).first().getAttribute('row-index');
  }

  row(rowIndex: string): Locator {
    return this.grid.locator(`[role="row"][row-index="${rowIndex}"]`);
  }

  /** Scrolls the grid to its last rows (rows out of view are not in the page), as its scroll bar would. */
  async scrollToEnd(): Promise<void> {
    await this.grid.locator('.ag-body-vertical-scroll-viewport').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
      el.dispatchEvent(new Event('scroll'));
    });
  }

  /** A cell by its row's position in the grid and its column name. */
  cellAt(rowIndex: string, column: string): Locator {
    return this.row(rowIndex).locator(`[col-id="${column}"]`);
  }

  async editCell(cell: Locator, text: string): Promise<void> {
    await cell.dblclick();
    const input = cell.locator('input');
    await expect(input).toBeVisible();
    await input.fill(text);
    await input.press('Enter');
  }

  notice(): Locator {
    return this.page.getByTestId('notice');
  }

  /** The in-app dialog the window is asking through (never window.prompt, which Electron lacks). */
  appDialog(): Locator {
    return this.page.getByTestId('app-dialog');
  }

  /** Answers the in-app name dialog: types `text` and confirms. */
  async answer(text: string): Promise<void> {
    const dialog = this.appDialog();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('textbox').fill(text);
    await dialog.getByRole('textbox').press('Enter');
    await expect(dialog).toBeHidden();
  }

  /** Confirms the in-app confirmation dialog with its named button. */
  async confirm(button: string): Promise<void> {
    const dialog = this.appDialog();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: button, exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  async undo(): Promise<void> {
    await this.page.getByRole('button', { name: 'Undo', exact: true }).click();
  }
}
