import type { CellValue } from '../../shared/contract/index.js';

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** Numbers with thousands separators and at most four decimals; empty cells stay empty. */
export function formatNumber(value: CellValue | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return typeof value === 'number' ? grouped.format(value) : String(value);
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
