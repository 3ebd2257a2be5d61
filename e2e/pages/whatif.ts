import { type Locator, type Page, expect } from '@playwright/test';

/** The what-if screen and its neighbours, as a user reaches them. */
export class WhatIfPage {
  constructor(readonly page: Page) {}

  tab(name: 'What-if' | 'Data' | 'Outputs & explain' | 'Scenarios' | 'Analyses' | 'Model'): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }

  async show(name: Parameters<WhatIfPage['tab']>[0]): Promise<void> {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
  }

  slider(label: string): Locator {
    return this.page.getByRole('slider', { name: label, exact: true });
  }

  card(id: string): Locator {
    return this.page.getByTestId(`card-${id}`);
  }

  /** The full-precision number behind a card. */
  async cardValue(id: string): Promise<number> {
    return Number(await this.card(id).getAttribute('data-value'));
  }

  async year(y: number): Promise<void> {
    await this.page.getByRole('radio', { name: String(y) }).click();
  }

  scenarioSelect(): Locator {
    return this.page.getByRole('combobox', { name: 'Scenario' });
  }
}
