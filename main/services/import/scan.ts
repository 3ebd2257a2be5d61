import { type Text, textIn } from '../../../shared/i18n/index.js';
import { LIMITS, MAX_TEXT_LENGTH } from '../../../shared/contract/index.js';

/** A file that cannot be imported as it is; `text` words it in any language (the message is English),
 * naming file, line and column where that makes sense. */
export class ImportError extends Error {
  readonly text: Text;
  constructor(text: Text) {
    super(textIn('en', text));
    this.text = text;
  }
}

export interface ScanLimits {
  /** Most cells (rows x columns) one import may bring. */
  maxCells: number;
  /** Records above the header row (titles, notes) to pass over. */
  skip?: number | undefined;
  /** Stop once the sample is full (a head read for a direct import: DuckDB checks the rest). */
  sampleOnly?: boolean | undefined;
}
export const DEFAULT_LIMITS: ScanLimits = { maxCells: LIMITS.importCells };

export interface Scanned {
  header: string[];
  rows: number;
  /** Where the header record starts in the text (after skipped records). */
  start: number;
  /** The first rows, as text, for type detection and the preview. */
  sample: string[][];
}

/** Rows kept as text for type detection and the preview. */
export const SAMPLE_ROWS = 2000;

/**
 * Walks a delimited text once, checking its structure before anything is written: quotes
 * balance, every row has the header's number of fields, no cell is longer than a spreadsheet
 * cell can be, and the cell count stays under the cap. Errors name the line.
 */
export async function scanDelimited(
  text: string,
  delimiter: string,
  file: string,
  limits = DEFAULT_LIMITS,
): Promise<Scanned> {
  const sample: string[][] = [];
  let header: string[] | null = null;
  let rows = 0;
  let line = 1;
  let rowStartLine = 1;
  // Cell text is only built for the records that are kept (passed-over titles, the header and
  // the sample); for the rest the walk counts lengths and fields, which is several times faster.
  let keep = true;
  let field = '';
  let fieldLength = 0;
  let fields: string[] = [];
  let count = 0;
  let quoted = false;
  let quoteLine = 0;
  let atFieldStart = true;
  let skipped = 0;
  let start = 0;
  let recordStart = 0;
  const skip = limits.skip ?? 0;
  const d = delimiter.charCodeAt(0);

  const endField = () => {
    // Passed-over records above the header are not checked; everything from the header on is.
    if (fieldLength > MAX_TEXT_LENGTH && (header !== null || skipped >= skip)) {
      throw new ImportError({
        key: 'importError.longCell',
        params: { file, line: String(rowStartLine), column: String(count + 1), max: MAX_TEXT_LENGTH },
      });
    }
    if (keep) fields.push(field);
    field = '';
    fieldLength = 0;
    count++;
  };

  const endRow = () => {
    const blank = count === 0 && fieldLength === 0;
    if (blank && header !== null) {
      field = ''; // a blank line
    } else if (header === null && skipped < skip) {
      skipped++;
      field = '';
      fieldLength = 0;
    } else {
      endField();
      if (header === null) {
        start = recordStart;
        header = fields;
      } else {
        if (count !== header.length) {
          throw new ImportError({
            key: 'importError.fields',
            params: { file, line: String(rowStartLine), expected: String(header.length), found: String(count) },
          });
        }
        rows++;
        if (rows * header.length > limits.maxCells) {
          throw new ImportError({ key: 'importError.tooManyCells', params: { file, max: limits.maxCells } });
        }
        if (keep) sample.push(fields);
      }
    }
    fields = [];
    count = 0;
    keep = header === null || sample.length < SAMPLE_ROWS;
  };

  const sampleOnly = limits.sampleOnly === true;
  for (let i = 0; i < text.length; i++) {
    if (sampleOnly && sample.length >= SAMPLE_ROWS) return { header: header ?? [], rows, sample, start };
    // A million-row file takes a while to walk: give the event loop a turn every million characters, so the
    // main process keeps answering (progress, other windows, the menu) meanwhile.
    if ((i & 0xfffff) === 0xfffff) await new Promise((resolve) => setImmediate(resolve));
    const ch = text.charCodeAt(i);
    if (quoted) {
      if (ch === 34) {
        if (text.charCodeAt(i + 1) === 34) {
          if (keep) field += '"';
          fieldLength++;
          i++;
        } else {
          quoted = false;
          const next = text.charCodeAt(i + 1);
          if (i + 1 < text.length && next !== d && next !== 10 && next !== 13) {
            throw new ImportError({ key: 'importError.afterQuote', params: { file, line: String(line) } });
          }
        }
      } else {
        if (ch === 10) line++;
        if (keep) field += text[i];
        fieldLength++;
      }
      continue;
    }
    if (ch === 34 && atFieldStart) {
      quoted = true;
      quoteLine = line;
      atFieldStart = false;
    } else if (ch === d) {
      endField();
      atFieldStart = true;
    } else if (ch === 10 || ch === 13) {
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      endRow();
      line++;
      rowStartLine = line;
      recordStart = i + 1;
      atFieldStart = true;
    } else {
      if (keep) field += text[i];
      fieldLength++;
      atFieldStart = false;
    }
  }
  if (quoted) throw new ImportError({ key: 'importError.openQuote', params: { file, line: String(quoteLine) } });
  if (fieldLength > 0 || count > 0) endRow();
  if (header === null)
    throw new ImportError(
      skip > 0
        ? { key: 'importError.noHeader', params: { file, row: String(skip + 1) } }
        : { key: 'importError.empty', params: { file } },
    );
  return { header, rows, sample, start };
}
