import { LOCALES, type Locale, type Words, unitIn } from '../i18n/index.js';
import { labelIn } from '../model/labels.js';
import type { Translations } from '../model/definition.js';

interface Headed {
  name: string;
  label: string;
  unit: string;
  translations?: Translations | undefined;
}

/** A column as the grid's header shows it: its label (or name) with the unit, "Capex (bn CNY)". */
export function columnHeading(column: { name: string; label: string; unit: string }): string {
  const label = column.label || column.name;
  return column.unit ? `${label} (${column.unit})` : label;
}

/**
 * The heading a reader of `locale` sees, in the grid and in exports: the column's label in that
 * language where the workbook has one, with the unit as they write it ("资本开支 (十亿元)").
 */
export function headingIn(column: Headed, locale: Locale): string {
  return columnHeading({ name: column.name, label: labelIn(column, locale), unit: unitIn(column.unit, locale) });
}

/** Every heading a column may come back under from a file: label, or label and unit, in each language. */
export function headingsOf(column: Headed): string[] {
  return LOCALES.flatMap((l) => [labelIn(column, l) || column.name, headingIn(column, l)]);
}

/** A dataset's label in every language the workbook has it, for a message a window words. */
export function datasetWords(dataset: { name: string; label: string; translations?: Translations | undefined }): Words {
  return { words: Object.fromEntries(LOCALES.map((l) => [l, labelIn(dataset, l) || dataset.name])) as Words['words'] };
}

/** A column's heading in every language, for a message a window words. */
export function headingWords(column: Headed): Words {
  return { words: Object.fromEntries(LOCALES.map((l) => [l, headingIn(column, l)])) as Words['words'] };
}
