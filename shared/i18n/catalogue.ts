/**
 * A message is a string with `{name}` placeholders, or a plural: one form per plural category
 * of the language (`Intl.PluralRules`), `other` always present. Chinese needs only `other`.
 */
export interface Plural {
  readonly one?: string;
  readonly other: string;
}
export type Message = string | Plural;

/** The languages the interface is written in. `en` is the source of the keys. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Each language's own name, as its readers write it (shown in the language switch). */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };
