import { readFileSync, writeFileSync } from 'node:fs';
import { type Locale, isLocale } from '../../shared/i18n/index.js';

/**
 * The language chosen in the desktop app's View ▸ Language, kept in a small file beside the
 * app's settings so the menu opens in it next time. A missing, unreadable or hostile file means
 * "follow the system"; nothing else is read from it.
 */
export function readLanguageChoice(path: string): 'system' | Locale {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const choice = typeof parsed === 'object' && parsed !== null ? (parsed as { language?: unknown }).language : null;
    return isLocale(choice) ? choice : 'system';
  } catch {
    return 'system';
  }
}

/** Keeps the choice; a write that fails leaves the menu in it for this run only. */
export function saveLanguageChoice(path: string, choice: 'system' | Locale): void {
  try {
    writeFileSync(path, JSON.stringify({ language: choice }));
  } catch {
    // A read-only settings folder: the choice lasts until the app quits.
  }
}
