import type { ColumnMeta } from '../../shared/contract/index.js';

/** Lower case, units and punctuation out: "Capex (bn CNY)" and "capex_cny_bn" both read "capex". */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** How well a file header names a dataset column: 1 for the same name, down to 0 for nothing shared. */
export function matchScore(header: { name: string; label: string }, column: ColumnMeta): number {
  const file = [header.label, header.name];
  const full = column.unit ? `${column.label} (${column.unit})` : column.label;
  // A Chinese header finds the column by its Chinese label too (the built-in datasets have one).
  const zh = column.translations?.['zh-CN']?.label;
  const names = [column.name, column.label, full, ...(zh ? [zh] : [])];
  if (file.some((f) => names.some((n) => squash(f) === squash(n)))) return 1;
  // The label without its unit: "Capex" for "Capex (bn CNY)", "Units" for "Units (thousand)".
  const fileWords = new Set(file.flatMap(words));
  const columnWords = new Set([...words(column.label), ...words(column.name)]);
  if (fileWords.size === 0 || columnWords.size === 0) return 0;
  const shared = [...fileWords].filter((w) => columnWords.has(w)).length;
  const unitWords = new Set(words(column.unit.replace(/[()]/g, ' ')));
  const unitBonus = [...fileWords].some((w) => unitWords.has(w)) ? 0.1 : 0;
  return (shared / Math.max(fileWords.size, columnWords.size)) * 0.8 + unitBonus;
}

/**
 * The dataset column each file column most likely feeds: exact names first, then the best
 * overlap of words (label, id and unit), each dataset column used once. Weak guesses (under
 * half the words shared) are left for the analyst.
 */
export function guessMapping(
  headers: { name: string; label: string }[],
  columns: ColumnMeta[],
): Record<string, string> {
  const pairs: { file: string; column: string; score: number }[] = [];
  for (const h of headers)
    for (const c of columns) {
      const score = matchScore(h, c);
      if (score >= 0.4) pairs.push({ file: h.name, column: c.name, score });
    }
  pairs.sort((a, b) => b.score - a.score);
  const out: Record<string, string> = {};
  const taken = new Set<string>();
  for (const p of pairs) {
    if (p.file in out || taken.has(p.column)) continue;
    out[p.file] = p.column;
    taken.add(p.column);
  }
  for (const h of headers) out[h.name] ??= '';
  return out;
}
