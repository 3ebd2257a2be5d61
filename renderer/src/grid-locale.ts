import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { Locale } from '../../shared/i18n/index.js';

/**
 * The grid's own words (filter menus, operators, "Loading…") in the window's language, from AG
 * Grid's published translations: English is the grid's built-in text.
 */
export function gridLocale(locale: Locale): { localeText?: Record<string, string> } {
  return locale === 'zh-CN' ? { localeText: AG_GRID_LOCALE_CN } : {};
}
