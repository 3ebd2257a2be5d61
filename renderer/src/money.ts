import { useMemo } from 'react';
import { type Locale, unitIn } from '../../shared/i18n/index.js';
import {
  type Money,
  type MoneyUnit,
  fxIn,
  isMoneyUnit,
  moneyFor,
  shownUnit,
  shownValue,
} from '../../shared/model/index.js';
import { useApp } from './state/context.js';
import { useLocale } from './language.js';
import { savePreference, storedPreference } from './preference.js';

/**
 * The analyst's choice of money unit: by language (亿元 in Chinese, bn CNY in English, as each
 * readership writes capex), or always one of them. Kept per computer, like the language.
 */
export type MoneyChoice = 'auto' | MoneyUnit;

const KEY = 'cgw.money';

export function isMoneyChoice(v: unknown): v is MoneyChoice {
  return v === 'auto' || isMoneyUnit(v);
}

export const storedMoney = (): MoneyChoice => storedPreference(KEY, isMoneyChoice, 'auto');
export const saveMoney = (choice: MoneyChoice): void => savePreference(KEY, choice);

export function moneyUnitFor(choice: MoneyChoice, locale: Locale): MoneyUnit {
  if (choice !== 'auto') return choice;
  return locale === 'zh-CN' ? '100m CNY' : 'bn CNY';
}

/** The money display in force: the chosen unit at the exchange rate on screen (the slider's). */
export function useMoney(): Money {
  const choice = useApp((s) => s.money);
  const locale = useLocale();
  // The rate alone is selected (a number), so a slider move elsewhere keeps the same Money.
  const fx = useApp((s) => fxIn(s.engine?.model.def.assumptions ?? [], s.values));
  const unit = moneyUnitFor(choice, locale);
  return useMemo(() => moneyFor(unit, fx), [unit, fx]);
}

/** A model figure as the window shows it: converted where it is money, in the reader's unit words. */
export interface Shown {
  value: (value: number, unit: string) => number;
  unit: (unit: string) => string;
  money: Money;
  locale: Locale;
}

export function useShown(): Shown {
  const money = useMoney();
  const locale = useLocale();
  return useMemo(
    () => ({
      value: (value, unit) => shownValue(value, unit, money),
      unit: (unit) => unitIn(shownUnit(unit, money), locale),
      money,
      locale,
    }),
    [money, locale],
  );
}
