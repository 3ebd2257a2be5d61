import { parseDelimited } from '../../shared/text/delimited.js';

/** Parses RFC 4180 CSV (comma, double quotes, quotes doubled inside), as LibreOffice writes it. */
export function parseCsv(text: string): string[][] {
  return parseDelimited(text, ',');
}
