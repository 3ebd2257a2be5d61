import type { CellEdit, CellValue, DatasetMeta } from '../../../shared/contract/index.js';
import { headingIn } from '../../../shared/text/column-heading.js';
import { type Locale, basisIn, translator } from '../../../shared/i18n/index.js';

/** The provenance of one row before an edit, and the edited cells' earlier values. */
export interface RowBefore {
  rowId: number;
  basis: CellValue;
  source: CellValue;
  note: CellValue;
  /** column name -> value before the edit, for the cells that changed */
  changed: Map<string, { before: CellValue; after: CellValue }>;
}

const PROVENANCE = new Set(['basis', 'source', 'note']);

/**
 * An analyst who types over a sourced figure makes it their own: the row's basis becomes
 * `analyst` and what it was (value, basis, source) is written into its note, so the cited
 * source is never left vouching for a number it does not contain. Cells the edit leaves equal,
 * and rows the edit itself gives a basis or source, are left alone. Without a note column the
 * source stays (there is nowhere else to keep it) and only the basis changes.
 */
export function provenanceEdits(
  dataset: DatasetMeta,
  edits: CellEdit[],
  rows: RowBefore[],
  day: string,
  language: Locale = 'en',
): CellEdit[] {
  // The note is written in the language of the window that made the edit: it is the analyst's record.
  const t = translator(language);
  const shown = (v: CellValue): string => (v === null || v === '' ? t('note.blank') : String(v));
  const has = (name: string) => dataset.columns.some((c) => c.name === name);
  if (!has('basis')) return [];
  const explicit = new Set(edits.filter((e) => e.column === 'basis' || e.column === 'source').map((e) => e.rowId));
  // A note typed in the same edit is the analyst's own account: it is not overwritten.
  const noted = new Set(edits.filter((e) => e.column === 'note').map((e) => e.rowId));
  const out: CellEdit[] = [];
  for (const row of rows) {
    if (explicit.has(row.rowId)) continue;
    const data = [...row.changed].filter(([name]) => !PROVENANCE.has(name));
    if (data.length === 0) continue;
    const hadSource = row.source !== null && row.source !== '';
    if (row.basis === 'analyst' && !hadSource) continue;
    out.push({ rowId: row.rowId, column: 'basis', value: 'analyst' });
    if (!has('note') || noted.has(row.rowId)) continue;
    const what = data
      .map(([name, v]) => {
        const column = dataset.columns.find((c) => c.name === name);
        return t('note.was', { column: column ? headingIn(column, language) : name, value: shown(v.before) });
      })
      .join(t('note.and'));
    const basis = row.basis === null || row.basis === '' ? t('note.blank') : basisIn(String(row.basis), language);
    const was = hadSource
      ? t('note.editedSourced', { day, what, basis, source: String(row.source) })
      : t('note.edited', { day, what, basis });
    const note = row.note === null || row.note === '' ? was : `${String(row.note)}. ${was}`;
    out.push({ rowId: row.rowId, column: 'note', value: note });
    if (hadSource && has('source')) out.push({ rowId: row.rowId, column: 'source', value: null });
  }
  return out;
}
