import type { Engine, Results } from './evaluate.js';
import type { Member } from './data.js';
import { coordinate } from './space.js';

/** One row of a variable laid out as in the spreadsheet: members of the other dimensions, values by year. */
export interface TableRow {
  labels: Member[];
  values: number[];
}
export interface VariableTable {
  id: string;
  label: string;
  unit: string;
  /** Dimensions other than the time dimension, in order. */
  rowDims: string[];
  /** Column headers: the time dimension's members, or a single "value" column. */
  columns: Member[];
  rows: TableRow[];
}

export function variableTable(engine: Engine, results: Results, id: string): VariableTable {
  const space = engine.spaceOf(id);
  const v = engine.model.byId.get(id);
  const values = results.get(id) ?? new Float64Array();
  const time = engine.model.timeDim;
  const hasTime = time !== null && space.dims.includes(time);
  const rowDims = space.dims.filter((d) => d !== time);
  const columns: Member[] = hasTime ? [...(engine.data.members.get(time) ?? [])] : ['value'];
  const rows = new Map<string, TableRow>();
  for (let i = 0; i < space.length; i++) {
    const labels = rowDims.map((d) => engine.data.members.get(d)?.[coordinate(space, i, d)] ?? '');
    const key = JSON.stringify(labels);
    let row = rows.get(key);
    if (!row) {
      row = { labels, values: [] };
      rows.set(key, row);
    }
    row.values[hasTime ? coordinate(space, i, time) : 0] = values[i] as number;
  }
  return { id, label: v?.def.label ?? id, unit: v?.def.unit ?? '', rowDims, columns, rows: [...rows.values()] };
}
