/**
 * Parses delimited text with RFC 4180 quoting (a cell may be quoted; quotes inside are
 * doubled): CSV as LibreOffice writes it, and tab-separated text as Excel, LibreOffice and
 * Google Sheets put it on the clipboard. A trailing line break ends the last row.
 */
export function parseDelimited(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let start = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
      continue;
    }
    if (c === '"' && start) {
      quoted = true;
      start = false;
    } else if (c === delimiter) {
      row.push(cell);
      cell = '';
      start = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      start = true;
    } else {
      cell += c;
      start = false;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
