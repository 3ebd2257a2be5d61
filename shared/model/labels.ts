import type { Locale } from '../i18n/index.js';
import type { Translations } from './definition.js';

/** A part of the model that has English text and may have it in other languages. */
interface Texts {
  label?: string;
  description?: string;
  message?: string;
  name?: string;
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
