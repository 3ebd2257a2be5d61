import type { Locale, Message, Plural } from './catalogue.js';
import { en, type MessageKey } from './en.js';
import { zhCN } from './zh-CN.js';

export { LOCALES, LOCALE_NAMES, type Locale, isLocale } from './catalogue.js';
export type { MessageKey } from './en.js';

/** A placeholder's value: numbers are formatted for the language, except years (see below). */
export type Params = Readonly<Record<string, string | number>>;

const CATALOGUES: Record<Locale, Readonly<Record<MessageKey, Message>>> = { en, 'zh-CN': zhCN };

/**
 * The interface language for a list of the system's or browser's preferred languages (most
 * preferred first): the first we have, Chinese for any zh tag (Traditional readers read
 * Simplified more easily than English), English when none matches.
 */
export function pickLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const lower = tag.toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return 'en';
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * Grouped digits as the language writes them, with at most `maxDigits` decimals (and at least
 * `minDigits`): made once per language and digits, since cards, grids and charts format often.
 */
export function numberFormat(locale: Locale, maxDigits: number, minDigits = 0): Intl.NumberFormat {
  const key = `${locale}/${maxDigits}/${minDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: maxDigits, minimumFractionDigits: minDigits });
    numberFormats.set(key, format);
  }
  return format;
}

/** Grouped digits and at most four decimals, as the language writes them. */
export function formatNumberIn(locale: Locale, value: number): string {
  return numberFormat(locale, 4).format(value);
}

function pluralForm(locale: Locale, message: Plural, count: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  const category = rules.select(count);
  return (category === 'one' ? message.one : undefined) ?? message.other;
}

/**
 * The message for `key` in `locale` with its placeholders filled. A number is formatted for the
 * language, except a placeholder called `year` (or ending in `Year`): years never get thousands
 * separators. A plural message picks its form by the `count` parameter.
 */
export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  const message = CATALOGUES[locale][key];
  const text = typeof message === 'string' ? message : pluralForm(locale, message, Number(params['count'] ?? 0));
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value === 'string') return value;
    return name === 'year' || name.endsWith('Year') ? String(value) : formatNumberIn(locale, value);
  });
}

/** `translate` bound to one language: what components and slices call. */
export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/** Every key, for tests that compare catalogues. */
export const MESSAGE_KEYS = Object.keys(en) as MessageKey[];
export { type Text, type Words, isMessageKey, isText, textIn } from './text.js';
export { en, zhCN };

/**
 * Units as each language writes them. The model stores its units in English (they are part of
 * its unit checks); the interface shows the reader's. A unit not listed is shown as written.
 */
const UNITS: Record<Exclude<Locale, 'en'>, Readonly<Record<string, string>>> = {
  'zh-CN': {
    share: '占比',
    'per year': '每年',
    x: '倍',
    'CNY per USD': '元/美元',
    'bn CNY': '十亿元',
    '100m CNY': '亿元',
    'bn USD': '十亿美元',
    'thousand USD': '千美元',
    'thousand H100e': '千 H100当量',
    'thousand units': '千颗',
    'thousand stacks': '千颗堆栈',
    'million stacks': '百万颗堆栈',
    'thousand wafers': '千片晶圆',
    'thousand wafers per month': '千片晶圆/月',
    'stacks per package': '堆栈/封装',
    dies: '颗裸片',
    'dies per wafer': '裸片/晶圆',
  },
};

export function unitIn(unit: string, locale: Locale): string {
  return locale === 'en' ? unit : (UNITS[locale][unit] ?? unit);
}

/** How a figure is grounded (the `basis` of facts, rows and assumptions), as each language says it. */
const BASES: Record<Exclude<Locale, 'en'>, Readonly<Record<string, string>>> = {
  'zh-CN': {
    reported: '公开披露',
    derived: '推算',
    assumption: '假设',
    analyst: '分析师估计',
    media: '媒体报道',
    estimate: '估计',
    low: '低可信度',
  },
};

export function basisIn(basis: string, locale: Locale): string {
  return locale === 'en' ? basis : (BASES[locale][basis] ?? basis);
}
