import { useEffect, useSyncExternalStore } from 'react';
import { savePreference, storedPreference } from './preference.js';

/** The analyst's choice: follow the operating system, or always light or dark. */
export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

const KEY = 'cgw.theme';
const QUERY = '(prefers-color-scheme: dark)';

export function isThemeChoice(v: unknown): v is ThemeChoice {
  return typeof v === 'string' && (THEME_CHOICES as readonly string[]).includes(v);
}

export const storedTheme = (): ThemeChoice => storedPreference(KEY, isThemeChoice, 'system');
export const saveTheme = (choice: ThemeChoice): void => savePreference(KEY, choice);

const subscribe = (onChange: () => void) => {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
};
const systemDark = () => window.matchMedia(QUERY).matches;

/**
 * Light or dark as the window should be drawn. In Electron the system's setting reaches the page
 * as prefers-color-scheme, which also follows nativeTheme.themeSource (the View menu sets it).
 */
export function useEffectiveTheme(choice: ThemeChoice): 'light' | 'dark' {
  const dark = useSyncExternalStore(subscribe, systemDark, () => false);
  return choice === 'system' ? (dark ? 'dark' : 'light') : choice;
}

/** Puts the theme on the document, where the style sheet's colours and the grids read it. */
export function useApplyTheme(theme: 'light' | 'dark'): void {
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
