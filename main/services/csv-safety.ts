/**
 * Formula injection (OWASP "CSV injection"): a spreadsheet runs a cell that starts with
 * = + - @ tab or carriage return. Text cells that start so get a leading apostrophe, which
 * spreadsheets show as text. A text cell already starting with an apostrophe gets one more,
 * so the import can take exactly one off and every value comes back as it was. Numbers are
 * written as numbers, so real negative numbers stay numeric.
 */
const RISKY = /^['=+\-@\t\r]/;
const NEUTRALISED = /^'['=+\-@\t\r]/;

export function neutralise(text: string): string {
  return RISKY.test(text) ? `'${text}` : text;
}

export function restore(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}

/** The same test in DuckDB's regex dialect, for the import's SQL. */
export const NEUTRALISED_SQL = `'^''[''=+\\-@\\t\\r]'`;
