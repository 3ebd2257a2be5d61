import { describe, expect, it } from 'vitest';
import { moneyFor, shownUnit, shownValue } from './money.js';

describe('money shown in the chosen unit', () => {
  it('converts bn CNY only, at the exchange rate given; other units stay as they are', () => {
    const yi = moneyFor('100m CNY', 7.07);
    const usd = moneyFor('bn USD', 7.07);
    expect(shownValue(23.4, 'bn CNY', yi)).toBeCloseTo(234, 12);
    expect(shownValue(70.7, 'bn CNY', usd)).toBeCloseTo(10, 12);
    expect(shownUnit('bn CNY', usd)).toBe('bn USD');
    // Per-chip prices and shares are not aggregate money.
    expect(shownValue(27, 'thousand USD', yi)).toBe(27);
    expect(shownUnit('share', yi)).toBe('share');
    expect(shownValue(0.4, 'share', usd)).toBe(0.4);
  });

  it('falls back to bn CNY rather than show dollars at no rate or a broken one', () => {
    for (const fx of [undefined, 0, -7, Number.NaN, Number.POSITIVE_INFINITY]) {
      const money = moneyFor('bn USD', fx);
      expect(money.unit).toBe('bn CNY');
      expect(shownValue(5, 'bn CNY', money)).toBe(5);
    }
    // A missing figure stays missing in every unit: never a number made from nothing.
    expect(shownValue(Number.NaN, 'bn CNY', moneyFor('100m CNY', 7))).toBeNaN();
  });
});
