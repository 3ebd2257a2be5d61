import type { Locale } from '../i18n/index.js';
import type { Translations } from './definition.js';

/** A part of the model that has English text and may have it in other languages. */
interface Texts {
  label?: string | undefined;
  description?: string | undefined;
  message?: string | undefined;
  name?: string | undefined;
  translations?: Translations | undefined;
}

/** What a reader of `locale` sees: the text in that language where the model gives it, else the English. */
function textIn(item: Texts, locale: Locale, field: 'label' | 'description' | 'message'): string {
  const own = locale === 'en' ? undefined : item.translations?.[locale]?.[field];
  return own ?? item[field] ?? (field === 'label' ? (item.name ?? '') : '');
}

/** The label shown for a dimension, group, assumption, variable, check or scenario (its name if it has no label). */
export const labelIn = (item: Texts, locale: Locale): string => textIn(item, locale, 'label');
export const descriptionIn = (item: Texts, locale: Locale): string => textIn(item, locale, 'description');
export const messageIn = (item: Texts, locale: Locale): string => textIn(item, locale, 'message');

/**
 * The item with its text in `locale` set to `value`: an English window edits the English text
 * (which formulas' exports and older readers use), another language its own translation,
 * leaving the English as it was.
 */
export function withTextIn<T extends Texts>(
  item: T,
  locale: Locale,
  field: 'label' | 'description' | 'message',
  value: string,
): T {
  if (locale === 'en') return { ...item, [field]: value };
  const own = { ...(item.translations?.[locale] ?? {}), [field]: value };
  return { ...item, translations: { ...(item.translations ?? {}), [locale]: own } };
}
