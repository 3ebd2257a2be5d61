import { nameProblem } from '../../../shared/contract/index.js';
import { ImportError } from './scan.js';

/**
 * Column names from a header row. Names become identifiers the model language can use
 * ("Capex (bn CNY)" becomes capex_bn_cny); the original text is kept as the label. Empty and
 * duplicate headers are refused; names that would shadow Object members are made safe.
 */
export function normalizeHeaders(raw: string[], file: string): { name: string; label: string }[] {
  const seen = new Map<string, number>();
  return raw.map((text, i) => {
    const label = text.trim();
    if (label === '') throw new ImportError({ key: 'importError.noName', params: { file, column: String(i + 1) } });
    let name = label
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '');
    if (name === '') name = `column_${i + 1}`;
    if (/^[0-9]/.test(name)) name = `c_${name}`;
    name = name.slice(0, 60);
    if (nameProblem(name)) name = `${name}_col`;
    const before = seen.get(name);
    if (before !== undefined) {
      throw new ImportError({
        key: 'importError.sameName',
        params: { file, a: String(before + 1), b: String(i + 1), first: raw[before] ?? '', second: text },
      });
    }
    seen.set(name, i);
    return { name, label };
  });
}
