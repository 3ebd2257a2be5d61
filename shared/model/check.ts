import type { Expr } from './ast.js';
import type { CheckedModel, CheckedVariable, TExpr, ValueType } from './checked.js';
import { type ModelDefinition, type VariableDef, TIME_DIM, dimensionOrder } from './definition.js';
import { ModelError } from './errors.js';
import { CALLABLE, FUNCTION_TABLE } from './functions.js';
import { parseFormula } from './parser.js';
import { joinUnits, unitsAgree } from './units.js';

export { unitsAgree } from './units.js';

const COMPARISONS = new Set(['=', '<>', '<', '<=', '>', '>=']);

/**
 * Resolves names, works out dimensions, units and types, and orders the variables so each
 * comes after what it uses. Throws a ModelError naming the variable and position.
 */
export function checkModel(def: ModelDefinition): CheckedModel {
  const dimOrder = dimensionOrder(def);
  const timeDim = dimOrder.includes(TIME_DIM) ? TIME_DIM : null;
  const dimSet = new Set(dimOrder);
  const varDefs = new Map<string, VariableDef>();
  const taken = new Map<string, string>();
  const claim = (name: string, what: string): void => {
    const before = taken.get(name);
    if (before) throw new ModelError('definition', what, `the name "${name}" is already used by ${before}`);
    taken.set(name, what);
  };
  for (const d of def.dimensions) claim(d.id, `dimension ${d.id}`);
  for (const a of def.assumptions) claim(a.id, `assumption ${a.id}`);
  for (const v of def.variables) {
    claim(v.id, `variable ${v.id}`);
    varDefs.set(v.id, v);
    for (const d of v.dimensions) {
      if (!dimSet.has(d)) throw new ModelError('dimension', `variable ${v.id}`, `unknown dimension "${d}"`);
    }
    if (new Set(v.dimensions).size !== v.dimensions.length) {
      throw new ModelError('dimension', `variable ${v.id}`, 'a dimension is listed twice');
    }
  }
  const assumptionIndex = new Map(def.assumptions.map((a, i) => [a.id, i]));
  const inputs = new Map(def.inputs.map((i) => [i.id, i]));
  for (const i of def.inputs) {
    for (const d of Object.keys(i.dimensions)) {
      if (!dimSet.has(d)) throw new ModelError('dimension', `input ${i.id}`, `unknown dimension "${d}"`);
    }
  }
  const attributes = new Map<string, { unit: string }>();
  for (const d of def.dimensions)
    for (const a of d.attributes ?? []) attributes.set(`${d.id}.${a.name}`, { unit: a.unit });
  for (const c of def.checks ?? []) {
    claim(c.id, `check ${c.id}`);
    for (const d of c.dimensions) {
      if (!dimSet.has(d)) throw new ModelError('dimension', `check ${c.id}`, `unknown dimension "${d}"`);
    }
  }
  for (const o of def.outputs) {
    if (!varDefs.has(o)) throw new ModelError('unknown-name', 'outputs', `"${o}" is not a variable`);
  }
  for (const s of def.scenarios) {
    for (const key of Object.keys(s.overrides)) {
      if (!assumptionIndex.has(key))
        throw new ModelError('unknown-name', `scenario ${s.name}`, `"${key}" is not an assumption`);
    }
  }

  const sortDims = (dims: Iterable<string>): string[] => {
    const set = new Set(dims);
    return dimOrder.filter((d) => set.has(d));
  };

  const checkVariable = (
    v: VariableDef,
    where = `variable ${v.id}`,
  ): { expr: TExpr; uses: Set<string>; selfPrev: boolean } => {
    const uses = new Set<string>();
    let selfPrev = false;
    /** Inside the second argument of coalesce, where prev may have no value in the first year. */
    let fallbackDepth = 0;
    const declared = new Set(v.dimensions);

    const fail = (kind: ModelError['kind'], e: { pos: number }, detail: string): never => {
      throw new ModelError(kind, where, detail, e.pos);
    };
    const needNumber = (e: TExpr, what: string): void => {
      if (e.type === 'string') fail('type', e, `${what} must be a number, not text`);
    };

    const walk = (e: Expr, scope: Set<string>): TExpr => {
      switch (e.kind) {
        case 'num':
          return { k: 'num', value: e.value, dims: [], unit: null, type: 'number', pos: e.pos };
        case 'str':
          return { k: 'str', value: e.value, dims: [], unit: null, type: 'string', pos: e.pos };
        case 'name': {
          const target = varDefs.get(e.name);
          if (target) {
            uses.add(e.name);
            if (e.name === v.id) fail('cycle', e, `${v.id} refers to itself; use prev(${v.id}) for last year's value`);
            return {
              k: 'var',
              id: e.name,
              dims: sortDims(target.dimensions),
              unit: target.unit,
              type: 'number',
              pos: e.pos,
            };
          }
          const index = assumptionIndex.get(e.name);
          if (index !== undefined) {
            const a = def.assumptions[index];
            return { k: 'assumption', id: e.name, index, dims: [], unit: a?.unit ?? null, type: 'number', pos: e.pos };
          }
          if (dimSet.has(e.name)) {
            const dim = def.dimensions.find((d) => d.id === e.name);
            const numeric = dim?.members?.every((m) => typeof m === 'number') ?? false;
            return {
              k: 'member',
              dim: e.name,
              dims: [e.name],
              unit: null,
              type: numeric ? 'number' : 'unknown',
              pos: e.pos,
            };
          }
          return fail('unknown-name', e, `unknown name "${e.name}"`);
        }
        case 'dot': {
          const key = `${e.left}.${e.right}`;
          const input = inputs.get(key);
          if (input) {
            return {
              k: 'input',
              id: key,
              dims: sortDims(Object.keys(input.dimensions)),
              unit: input.unit,
              type: 'number',
              pos: e.pos,
            };
          }
          const attr = attributes.get(key);
          if (attr) {
            return {
              k: 'attr',
              dim: e.left,
              name: e.right,
              dims: [e.left],
              unit: attr.unit || null,
              type: 'unknown',
              pos: e.pos,
            };
          }
          return fail('unknown-name', e, `unknown name "${key}" (not an input nor a dimension attribute)`);
        }
        case 'unary': {
          const arg = walk(e.arg, scope);
          if (e.op === 'not') return { k: 'not', arg, dims: arg.dims, unit: null, type: 'bool', pos: e.pos };
          needNumber(arg, 'the operand of -');
          return e.op === '+' ? arg : { k: 'neg', arg, dims: arg.dims, unit: arg.unit, type: 'number', pos: e.pos };
        }
        case 'binary': {
          const left = walk(e.left, scope);
          const right = walk(e.right, scope);
          const dims = sortDims([...left.dims, ...right.dims]);
          if (e.op === 'and' || e.op === 'or') {
            return { k: 'bin', op: e.op, left, right, dims, unit: null, type: 'bool', pos: e.pos };
          }
          if (COMPARISONS.has(e.op)) {
            if (!unitsAgree(left.unit, right.unit)) {
              fail('unit', e, `cannot compare ${left.unit} with ${right.unit}`);
            }
            const known = (t: ValueType) => t !== 'unknown';
            if (known(left.type) && known(right.type) && (left.type === 'string') !== (right.type === 'string')) {
              fail('type', e, 'cannot compare text with a number');
            }
            if ((left.type === 'string' || right.type === 'string') && e.op !== '=' && e.op !== '<>') {
              fail('type', e, 'text can only be compared with = or <>');
            }
            return { k: 'bin', op: e.op, left, right, dims, unit: null, type: 'bool', pos: e.pos };
          }
          needNumber(left, `the left side of ${e.op}`);
          needNumber(right, `the right side of ${e.op}`);
          let unit: string | null = null;
          if (e.op === '+' || e.op === '-') {
            if (!unitsAgree(left.unit, right.unit))
              fail(
                'unit',
                e,
                `cannot ${e.op === '+' ? 'add' : 'subtract'} ${right.unit} ${e.op === '+' ? 'to' : 'from'} ${left.unit}`,
              );
            unit = joinUnits(left.unit, right.unit);
          }
          return { k: 'bin', op: e.op, left, right, dims, unit, type: 'number', pos: e.pos };
        }
        case 'call':
          return call(e, scope);
      }
    };

    const call = (e: Extract<Expr, { kind: 'call' }>, scope: Set<string>): TExpr => {
      const fn = e.fn;
      if (!CALLABLE.includes(fn)) fail('unknown-name', e, `unknown function "${fn}"`);
      const arity = (min: number, max: number): void => {
        if (e.args.length >= min && e.args.length <= max) return;
        if (max === Number.POSITIVE_INFINITY)
          fail('syntax', e, `${fn} needs at least ${min === 1 ? 'one argument' : `${min} arguments`}`);
        fail(
          'syntax',
          e,
          `${fn} takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, not ${e.args.length}`,
        );
      };
      const spec = FUNCTION_TABLE.get(fn);
      if (spec) {
        arity(spec.arity[0], spec.arity[1]);
        const args = e.args.map((x, i) => {
          const fallback = spec.fallbacks?.includes(i) ?? false;
          if (fallback) fallbackDepth++;
          try {
            return walk(x, scope);
          } finally {
            if (fallback) fallbackDepth--;
          }
        });
        const { unit, type } = spec.check(args, { fail, needNumber }, e);
        return { k: 'fn', fn, args, dims: sortDims(args.flatMap((a) => a.dims)), unit, type, pos: e.pos };
      }
      switch (fn) {
        case 'sum': {
          arity(2, 2);
          const dimArg = e.args[0] as Expr;
          if (dimArg.kind !== 'name' || !dimSet.has(dimArg.name))
            fail('dimension', dimArg, 'the first argument of sum must be a dimension');
          const dim = (dimArg as { name: string }).name;
          if (declared.has(dim) || scope.has(dim))
            fail('dimension', dimArg, `sum over ${dim} inside something that already varies by ${dim}`);
          const body = walk(e.args[1] as Expr, new Set([...scope, dim]));
          needNumber(body, 'what sum adds up');
          return {
            k: 'sum',
            dim,
            body,
            dims: body.dims.filter((d) => d !== dim),
            unit: body.unit,
            type: 'number',
            pos: e.pos,
          };
        }
        case 'prev': {
          arity(1, 2);
          const target = e.args[0] as Expr;
          if (target.kind !== 'name' || !varDefs.has(target.name)) fail('prev', target, 'prev takes a variable');
          const id = (target as { name: string }).name;
          const tv = varDefs.get(id) as VariableDef;
          if (!timeDim || !tv.dimensions.includes(timeDim))
            fail('prev', target, `${id} does not vary by year, so it has no previous year`);
          if (!declared.has(timeDim as string)) fail('prev', e, `prev needs ${v.id} to vary by year`);
          const fallback = e.args[1] ? walk(e.args[1], scope) : null;
          if (!fallback && fallbackDepth === 0) {
            fail(
              'prev',
              e,
              `the first year has no previous value: use prev(${id}, default) or put prev inside coalesce`,
            );
          }
          if (id === v.id) selfPrev = true;
          else uses.add(id);
          const dims = sortDims([...tv.dimensions, ...(fallback?.dims ?? [])]);
          return { k: 'prev', id, fallback, dims, unit: tv.unit, type: 'number', pos: e.pos };
        }
      }
      return fail('unknown-name', e, `unknown function "${fn}"`);
    };

    const expr = walk(parseFormula(v.formula, where), new Set());
    const extra = expr.dims.filter((d) => !declared.has(d));
    if (extra.length > 0) {
      throw new ModelError(
        'dimension',
        where,
        `the formula varies by ${extra.join(', ')} but ${v.id} is declared over [${v.dimensions.join(', ')}]; add the dimension or sum over it`,
        expr.pos,
      );
    }
    if (expr.type === 'string') throw new ModelError('type', where, 'the formula gives text, not a number', expr.pos);
    if (!unitsAgree(expr.unit, v.unit)) {
      throw new ModelError(
        'unit',
        where,
        `the formula gives ${expr.unit} but ${v.id} is declared in ${v.unit}`,
        expr.pos,
      );
    }
    return { expr, uses, selfPrev };
  };

  const checked = new Map<string, CheckedVariable & { uses: Set<string> }>();
  for (const v of def.variables) {
    const { expr, uses, selfPrev } = checkVariable(v);
    checked.set(v.id, { id: v.id, def: v, expr, dims: sortDims(v.dimensions), selfPrev, uses });
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
  // A check is checked as a variable without a unit whose formula must be a comparison.
  const checks = (def.checks ?? []).map((c) => {
    const asVariable: VariableDef = {
      id: c.id,
      label: c.label,
      unit: '',
      dimensions: c.dimensions,
      formula: c.formula,
    };
    const { expr, selfPrev } = checkVariable(asVariable, `check ${c.id}`);
    if (expr.type !== 'bool') {
      throw new ModelError(
        'type',
        `check ${c.id}`,
        'the formula must be true or false (a comparison such as budget_used <= 1)',
        expr.pos,
      );
    }
    return { id: c.id, def: asVariable, expr, dims: sortDims(c.dimensions), selfPrev, check: c };
  });
  return { def, dimOrder, timeDim, order: order.map((id) => byId.get(id) as CheckedVariable), byId, checks };
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
