import { parseDelimited } from '../../shared/text/delimited.js';

/**
 * Tab-separated text as Excel, LibreOffice and Google Sheets put it on the clipboard: cells
 * holding tabs, newlines or quotes are quoted, quotes doubled; one trailing newline.
 */
/** Tab-separated text from the clipboard, with Excel's quoting. */
export function parseTsv(text: string): string[][] {
  return parseDelimited(text, '\t');
}

export function toTsv(rows: (string | number | boolean | null)[][]): string {
  const cell = (v: string | number | boolean | null) => {
    const s = v === null ? '' : String(v);
    return /[\t\n\r"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${rows.map((r) => r.map(cell).join('\t')).join('\r\n')}\r\n`;
}
