import { parseDelimited } from '../../../shared/text/delimited.js';

const LOOK_AT_CHARS = 64 * 1024;
const LOOK_AT_RECORDS = 30;
const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)([.]\d*)?%?$/;

/**
 * The row (1-based) holding the column names: the first of the opening records that is about
 * as wide as the table, names its columns once each, has some text among them and is followed
 * by a row of data. Titles and notes above a table fill one or two cells and are passed over.
 * Where nothing fits, the first row: the analyst can still choose another.
 */
export function detectHeaderRow(text: string, delimiter: string): number {
  let head = text.slice(0, LOOK_AT_CHARS);
  if (text.length > LOOK_AT_CHARS) head = head.slice(0, Math.max(head.lastIndexOf('\n'), 0));
  const records = parseDelimited(head, delimiter).slice(0, LOOK_AT_RECORDS);
  const filled = records.map((r) => r.filter((c) => c.trim() !== '').length);
  const width = Math.max(0, ...filled);
  if (width < 2) return 1;
  for (let r = 0; r < Math.min(records.length - 1, 20); r++) {
    const cells = (records[r] ?? []).map((c) => c.trim()).filter((c) => c !== '');
    const wide = cells.length >= Math.max(2, Math.ceil(0.8 * width));
    const distinct = new Set(cells.map((c) => c.toLowerCase())).size === cells.length;
    const named = cells.some((c) => !NUMBER.test(c));
    const dataFollows = (filled[r + 1] ?? 0) >= Math.ceil(0.5 * width);
    if (wide && distinct && named && dataFollows) return r + 1;
  }
  return 1;
}
