import type { CellValue } from '../../shared/contract/index.js';
import { type Locale, formatNumberIn } from '../../shared/i18n/index.js';

/** Numbers with thousands separators as the language writes them and at most four decimals; empty cells stay empty. */
export function formatNumber(value: CellValue | undefined, locale: Locale = 'en'): string {
  if (value === null || value === undefined || value === '') return '';
  return typeof value === 'number' ? formatNumberIn(locale, value) : String(value);
}

/** A source link reads as its host name; the full address is in the tooltip. */
export function sourceLabel(value: string): string {
  try {
    const url = new URL(value);
    return url.hostname.replace(/^www\./, '');
  } catch {
    return value;
  }
}

export function isWebLink(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\/[^\s]+$/.test(value);
}
