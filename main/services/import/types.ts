import { type ColumnType, coerceCell } from '../../../shared/contract/index.js';

/** The narrowest type every sampled cell of a column fits: integer, number, date, boolean, else text. */
export function inferType(values: string[]): ColumnType {
  const present = values.filter((v) => v !== '');
  if (present.length === 0) return 'text';
  const fits = (type: ColumnType) => present.every((v) => coerceCell({ type, choices: [] }, v).ok);
  if (fits('integer')) return 'integer';
  if (fits('number')) return 'number';
  if (fits('date')) return 'date';
  if (present.every((v) => /^(true|false)$/i.test(v))) return 'boolean';
  return 'text';
}
