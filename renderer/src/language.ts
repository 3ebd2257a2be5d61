import { useCallback, useEffect, useSyncExternalStore } from 'react';
import {
  type Locale,
  type MessageKey,
  type Params,
  type Translate,
  formatNumberIn,
  isLocale,
  pickLocale,
  translate,
  translator,
} from '../../shared/i18n/index.js';
import { useApp } from './state/context.js';
import { savePreference, storedPreference } from './preference.js';
import { setErrorLocale } from './state/notices-slice.js';

/** The analyst's choice: the system's language, or always one of ours. */
export type LanguageChoice = 'system' | Locale;

const KEY = 'cgw.language';

export function isLanguageChoice(v: unknown): v is LanguageChoice {
  return v === 'system' || isLocale(v);
}

export const storedLanguage = (): LanguageChoice => storedPreference(KEY, isLanguageChoice, 'system');
export const saveLanguage = (choice: LanguageChoice): void => savePreference(KEY, choice);

const subscribe = (onChange: () => void) => {
  window.addEventListener('languagechange', onChange);
  return () => window.removeEventListener('languagechange', onChange);
};
// Electron passes the operating system's language to the page as navigator.languages.
const systemLanguages = () => navigator.languages.join(',');

/** The language a choice means now, outside React (slices wording their notices). */
export function localeFor(choice: LanguageChoice): Locale {
  if (choice !== 'system') return choice;
  return typeof navigator === 'undefined' ? 'en' : pickLocale(navigator.languages);
}

/** `t` for the language a choice means now: slices wording notices and undo labels. */
export function sayIn(choice: LanguageChoice): Translate {
  return translator(localeFor(choice));
}

/** The language the window is drawn in. */
export function useLocale(): Locale {
  const choice = useApp((s) => s.language);
  const system = useSyncExternalStore(subscribe, systemLanguages, () => 'en');
  return choice === 'system' ? pickLocale(system.split(',')) : choice;
}

/** `t(key, params)` in the window's language. */
export function useT(): Translate {
  const locale = useLocale();
  return useCallback((key: MessageKey, params?: Params) => translate(locale, key, params), [locale]);
}

/** Numbers with separators as the window's language writes them; at most four decimals. */
export function useNumberFormat(): (value: number) => string {
  const locale = useLocale();
  return useCallback((value: number) => formatNumberIn(locale, value), [locale]);
}

/** Puts the language on the document: screen readers, fonts (CJK glyph choice) and hyphenation read it. */
export function useApplyLanguage(locale: Locale): void {
  useEffect(() => {
    document.documentElement.lang = locale;
    setErrorLocale(locale);
  }, [locale]);
}
