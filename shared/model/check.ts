import type { CheckedModel, CheckedVariable } from './checked.js';
import { FormulaChecker } from './check-formula.js';
import { type ModelNames, gatherNames, sortDims } from './check-names.js';
import type { CheckDef, ModelDefinition, VariableDef } from './definition.js';
import { ModelError } from './errors.js';

export { unitsAgree } from './units.js';

/**
 * Resolves names, works out dimensions, units and types, and orders the variables so each
 * comes after what it uses. Throws a ModelError naming the variable and position.
 */
export function checkModel(def: ModelDefinition): CheckedModel {
  const names = gatherNames(def);
  const checked = new Map<string, CheckedVariable & { uses: Set<string> }>();
  for (const v of def.variables) {
    const checker = new FormulaChecker(names, v);
    const expr = checker.check();
    const dims = sortDims(names, v.dimensions);
    checked.set(v.id, { id: v.id, def: v, expr, dims, selfPrev: checker.selfPrev, uses: checker.uses });
  }
  const order = topoOrder(
    def.variables.map((v) => v.id),
    (id) => checked.get(id)?.uses ?? new Set(),
  );
  const byId = new Map<string, CheckedVariable>();
  for (const id of order) {
    const c = checked.get(id);
    if (c) byId.set(id, { id, def: c.def, expr: c.expr, dims: c.dims, selfPrev: c.selfPrev });
  }
  const checks = (def.checks ?? []).map((c) => checkCheck(names, c));
  const { dimOrder, timeDim } = names;
  return { def, dimOrder, timeDim, order: order.map((id) => byId.get(id) as CheckedVariable), byId, checks };
}

/** A check is checked as a variable without a unit whose formula must be a comparison. */
function checkCheck(names: ModelNames, c: CheckDef): CheckedModel['checks'][number] {
  const asVariable: VariableDef = { id: c.id, label: c.label, unit: '', dimensions: c.dimensions, formula: c.formula };
  const checker = new FormulaChecker(names, asVariable, `check ${c.id}`);
  const expr = checker.check();
  if (expr.type !== 'bool') {
    throw new ModelError(
      'type',
      `check ${c.id}`,
      'the formula must be true or false (a comparison such as budget_used <= 1)',
      expr.pos,
    );
  }
  return { id: c.id, def: asVariable, expr, dims: sortDims(names, c.dimensions), selfPrev: checker.selfPrev, check: c };
}

/** Depth-first order; a cycle is reported with every variable on it. */
function topoOrder(ids: string[], usesOf: (id: string) => Set<string>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const out: string[] = [];
  const stack: string[] = [];
  const visit = (id: string): void => {
    const s = state.get(id);
    if (s === 'done') return;
    if (s === 'open') {
      const cycle = [...stack.slice(stack.indexOf(id)), id];
      throw new ModelError('cycle', `variable ${id}`, `circular reference: ${cycle.join(' -> ')}`);
    }
    state.set(id, 'open');
    stack.push(id);
    for (const dep of usesOf(id)) visit(dep);
    stack.pop();
    state.set(id, 'done');
    out.push(id);
  };
  for (const id of ids) visit(id);
  return out;
}
