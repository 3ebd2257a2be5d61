import type { VariableTable } from '../../shared/model/index.js';

const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return String(value);
  return unit === 'share' ? `${(value * 100).toFixed(2)}%` : fmt.format(value);
}

/** A variable as an aligned text table: one row per member, one column per year. */
export function textTable(table: VariableTable): string {
  const head = [table.rowDims.join(' / ') || '', ...table.columns.map(String)];
  const rows = table.rows.map((r) => [
    r.labels.map(String).join(' / ') || 'total',
    ...r.values.map((v) => formatValue(v, table.unit)),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [`${table.label} [${table.id}] (${table.unit})`, line(head), ...rows.map(line)].join('\n');
}
