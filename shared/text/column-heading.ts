/** A column as the grid's header shows it: its label (or name) with the unit, "Capex (bn CNY)". */
export function columnHeading(column: { name: string; label: string; unit: string }): string {
  const label = column.label || column.name;
  return column.unit ? `${label} (${column.unit})` : label;
}
