import { type TExpr, exprChildren } from './checked.js';
import type { CheckDef } from './definition.js';
import type { Engine, Results } from './evaluate.js';
import { coordinate } from './space.js';

/** A cell of a check, by the members of its dimensions (`year` and any other). */
export type CheckCell = Record<string, string | number>;

export interface CheckOutcome {
  id: string;
  label: string;
  level: CheckDef['level'];
  message: string;
  /** Cells where the condition is false, in the model's order. */
  failing: CheckCell[];
  /** Cells that could not be evaluated (an input is missing: the Problems list says which). */
  unknown: CheckCell[];
}

/** Every check of the model on one run's results: which cells fail and which cannot be told. */
export function checkOutcomes(engine: Engine, results: Results): CheckOutcome[] {
  return engine.model.checks.map((c) => {
    const space = engine.spaceOf(c.id);
    const values = results.get(c.id) ?? new Float64Array();
    const failing: CheckCell[] = [];
    const unknown: CheckCell[] = [];
    for (let i = 0; i < space.length; i++) {
      const v = values[i] ?? Number.NaN;
      if (v !== 0 && !Number.isNaN(v)) continue;
      const cell: CheckCell = {};
      for (const d of space.dims) {
        const member = engine.data.members.get(d)?.[coordinate(space, i, d)];
        if (member !== undefined) cell[d] = member;
      }
      (Number.isNaN(v) ? unknown : failing).push(cell);
    }
    return { id: c.id, label: c.check.label, level: c.check.level, message: c.check.message, failing, unknown };
  });
}

function reads(e: TExpr, variable: string): boolean {
  if ((e.k === 'var' || e.k === 'prev') && e.id === variable) return true;
  return exprChildren(e).some((c) => reads(c, variable));
}

/**
 * The failing checks a cell is part of: those whose formula reads its variable and that fail at
 * its year (for the explain panel of that cell).
 */
export function checksFailingAt(
  engine: Engine,
  outcomes: CheckOutcome[],
  variable: string,
  cell: Readonly<Record<string, string | number>>,
): CheckOutcome[] {
  const time = engine.model.timeDim;
  return outcomes.filter((o) => {
    const checked = engine.model.checks.find((c) => c.id === o.id);
    if (!checked || !reads(checked.expr, variable)) return false;
    return o.failing.some((f) => time === null || f[time] === cell[time]);
  });
}

/** "2025" or "2026, Tencent": a failing cell as the analyst reads it. */
export function describeCheckCell(cell: CheckCell, timeDim: string | null): string {
  const time = timeDim !== null ? cell[timeDim] : undefined;
  const rest = Object.entries(cell)
    .filter(([d]) => d !== timeDim)
    .map(([, m]) => String(m));
  return [time === undefined ? null : String(time), ...rest].filter((x): x is string => x !== null).join(', ');
}
