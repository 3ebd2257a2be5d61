import { AppError, type DatasetMeta, type RowFilter } from '../../../shared/contract/index.js';
import { findColumn, selectExpr } from './catalog.js';
import type { SqlValue } from './db.js';

/**
 * Grid filters as a WHERE clause. Column names become physical names from ids and every value
 * is a bound parameter, so nothing a user types reaches the SQL text.
 */
export function whereClause(dataset: DatasetMeta, filters: RowFilter[]): { sql: string; params: SqlValue[] } {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  for (const f of filters) {
    const column = findColumn(dataset, f.column);
    const numeric = column.type === 'number' || column.type === 'integer';
    const col = column.type === 'text' ? `lower(${selectExpr(column)})` : selectExpr(column);
    const value = (v: RowFilter['value'] | RowFilter['to']): SqlValue => {
      if (v === undefined)
        throw AppError.of('BAD_REQUEST', {
          key: 'mainError.filterNeedsValue',
          params: { op: f.op, column: column.name },
        });
      if (numeric && typeof v !== 'number') {
        const n = Number(v);
        if (!Number.isFinite(n))
          throw AppError.of('BAD_REQUEST', {
            key: 'mainError.filterNotNumber',
            params: { column: column.name, value: String(v) },
          });
        return n;
      }
      return typeof v === 'string' && column.type === 'text' ? v.toLowerCase() : v;
    };
    switch (f.op) {
      case 'blank':
        parts.push(`${selectExpr(column)} IS NULL`);
        break;
      case 'notBlank':
        parts.push(`${selectExpr(column)} IS NOT NULL`);
        break;
      case 'contains':
        parts.push(`contains(${col}, ?)`);
        params.push(String(value(f.value)));
        break;
      case 'notContains':
        parts.push(`(${col} IS NULL OR NOT contains(${col}, ?))`);
        params.push(String(value(f.value)));
        break;
      case 'startsWith':
        parts.push(`starts_with(${col}, ?)`);
        params.push(String(value(f.value)));
        break;
      case 'endsWith':
        parts.push(`ends_with(${col}, ?)`);
        params.push(String(value(f.value)));
        break;
      case 'equals':
        parts.push(`${col} = ?`);
        params.push(value(f.value));
        break;
      case 'notEqual':
        parts.push(`(${col} IS NULL OR ${col} <> ?)`);
        params.push(value(f.value));
        break;
      case 'lessThan':
        parts.push(`${col} < ?`);
        params.push(value(f.value));
        break;
      case 'lessThanOrEqual':
        parts.push(`${col} <= ?`);
        params.push(value(f.value));
        break;
      case 'greaterThan':
        parts.push(`${col} > ?`);
        params.push(value(f.value));
        break;
      case 'greaterThanOrEqual':
        parts.push(`${col} >= ?`);
        params.push(value(f.value));
        break;
      case 'inRange':
        parts.push(`${col} BETWEEN ? AND ?`);
        params.push(value(f.value), value(f.to));
        break;
    }
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}
