/**
 * The unit money is shown in. The model computes money in bn CNY (its unit checks depend on
 * it); the analyst reads it in bn CNY, 亿元 (100 million CNY, how Chinese filings and research
 * write capex) or bn USD at the workbook's own exchange-rate assumption. Only the display
 * changes: stored values, formulas and checks stay in bn CNY. Per-unit prices (thousand USD per
 * chip) are not aggregate money and are shown as they are.
 */
export const MONEY_UNITS = ['bn CNY', '100m CNY', 'bn USD'] as const;
export type MoneyUnit = (typeof MONEY_UNITS)[number];

/** The unit the model computes money in. */
export const MODEL_MONEY = 'bn CNY';
/** The assumption that converts it to dollars (yuan per dollar); a model without it offers no USD. */
export const FX_ASSUMPTION = 'fx_cny_per_usd';

export function isMoneyUnit(v: unknown): v is MoneyUnit {
  return typeof v === 'string' && (MONEY_UNITS as readonly string[]).includes(v);
}

/** How money is shown now: the unit, and the exchange rate in force (yuan per dollar) for USD. */
export interface Money {
  unit: MoneyUnit;
  fx: number;
}

/** Model money times this is the shown figure. */
export function moneyFactor(money: Money): number {
  if (money.unit === '100m CNY') return 10;
  if (money.unit === 'bn USD') return 1 / money.fx;
  return 1;
}

/** The figure shown for a model value in `unit`: money converted, everything else as it is. */
export function shownValue(value: number, unit: string, money: Money | null): number {
  return money && unit === MODEL_MONEY ? value * moneyFactor(money) : value;
}

/** The unit shown for a model unit. */
export function shownUnit(unit: string, money: Money | null): string {
  return money && unit === MODEL_MONEY ? money.unit : unit;
}

/**
 * The money display in force: the chosen unit, with the exchange rate of the assumption values in
 * force. USD without a usable rate (a model without the assumption, or a rate that is not a
 * positive number) falls back to bn CNY rather than show a wrong dollar figure.
 */
export function moneyOver(
  unit: MoneyUnit,
  assumptions: readonly { id: string }[],
  values: ArrayLike<number> | null | undefined,
): Money {
  return moneyFor(unit, fxIn(assumptions, values));
}

/** The exchange-rate assumption's value among these, if the model has it. */
export function fxIn(
  assumptions: readonly { id: string }[],
  values: ArrayLike<number> | null | undefined,
): number | undefined {
  const at = assumptions.findIndex((a) => a.id === FX_ASSUMPTION);
  return at >= 0 && values ? values[at] : undefined;
}

/** `moneyOver` when the exchange rate is already known (or absent). */
export function moneyFor(unit: MoneyUnit, fx: number | undefined): Money {
  if (unit === 'bn USD' && !(fx !== undefined && Number.isFinite(fx) && fx > 0)) return { unit: MODEL_MONEY, fx: 1 };
  return { unit, fx: fx ?? 1 };
}
