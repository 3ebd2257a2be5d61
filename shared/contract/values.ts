import { type Text, textIn } from '../i18n/index.js';
import type { CellValue, ColumnMeta } from './types.js';

/** Longest text a cell may hold: Excel's own limit, so every cell survives an export. */
import { LIMITS } from './limits.js';

export const MAX_TEXT_LENGTH = LIMITS.textLength;

/** A refusal carries its reason as data (`why`), worded by each window in its language. */
export type Coerced = { ok: true; value: CellValue } | { ok: false; reason: string; why: Text };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Quotes a refused value in a message, whatever it is. */
function show(raw: unknown): string {
  if (typeof raw === 'string') return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return JSON.stringify(raw) ?? typeof raw;
}

/** Thousands separators only where they group digits in threes: "1,234.5" yes, "2,5" (a decimal comma) no. */
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

function parseNumberText(text: string): number | null {
  const raw = text.trim();
  const trimmed = GROUPED.test(raw) ? raw.replace(/,/g, '') : raw;
  if (!NUMBER_PATTERN.test(trimmed)) return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

function isRealDate(text: string): boolean {
  const m = DATE_PATTERN.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * Checks a value against a column and returns it in its stored form. Text that spells a
 * number is accepted for number columns (pasted cells arrive as text); anything else of the
 * wrong type is refused with a reason a person can act on. Empty means null for every type.
 */
function refused(why: Text): Coerced {
  return { ok: false, reason: textIn('en', why), why };
}

export function coerceCell(column: Pick<ColumnMeta, 'type' | 'choices'>, raw: unknown): Coerced {
  if (raw === null || raw === undefined || raw === '') return { ok: true, value: null };
  switch (column.type) {
    case 'text': {
      if (typeof raw !== 'string') return refused({ key: 'value.expectedText' });
      if (raw.length > MAX_TEXT_LENGTH) {
        return refused({ key: 'value.tooLong', params: { max: String(MAX_TEXT_LENGTH) } });
      }
      if (column.choices.length > 0 && !column.choices.includes(raw)) {
        return refused({ key: 'value.oneOf', params: { choices: column.choices.join(', ') } });
      }
      return { ok: true, value: raw };
    }
    case 'number':
    case 'integer': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseNumberText(raw) : null;
      if (n === null || !Number.isFinite(n)) return refused({ key: 'value.notNumber', params: { value: show(raw) } });
      if (column.type === 'integer' && !Number.isSafeInteger(n)) {
        return refused({ key: 'value.notWhole', params: { value: show(raw) } });
      }
      return { ok: true, value: n };
    }
    case 'date': {
      if (typeof raw !== 'string' || !isRealDate(raw)) {
        return refused({ key: 'value.notDate', params: { value: show(raw) } });
      }
      return { ok: true, value: raw };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (raw === 'true' || raw === 'TRUE') return { ok: true, value: true };
      if (raw === 'false' || raw === 'FALSE') return { ok: true, value: false };
      return refused({ key: 'value.notBoolean', params: { value: show(raw) } });
    }
  }
}
