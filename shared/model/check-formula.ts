import type { Expr } from './ast.js';
import type { TExpr, ValueType } from './checked.js';
import { type ModelNames, sortDims } from './check-names.js';
import type { VariableDef } from './definition.js';
import { ModelError } from './errors.js';
import { CALLABLE, FUNCTION_TABLE } from './functions.js';
import { parseFormula } from './parser.js';
import { joinUnits, unitsAgree } from './units.js';

const COMPARISONS = new Set(['=', '<>', '<', '<=', '>', '>=']);

type Call = Extract<Expr, { kind: 'call' }>;

/**
 * Checks one formula against the model's names: resolves each name, works out the dimensions,
 * unit and type of every node, and refuses with a ModelError at the node's position. What the
 * formula uses (for the evaluation order) is collected on the way.
 */
export class FormulaChecker {
  /** Variables the formula reads this year (its dependencies). */
  readonly uses = new Set<string>();
  /** True when it reads its own previous year. */
  selfPrev = false;
  /** Inside a fallback argument (coalesce's second), where prev may lack a first-year value. */
  private fallbackDepth = 0;
  private readonly declared: Set<string>;

  constructor(
    private readonly names: ModelNames,
    private readonly v: VariableDef,
    private readonly where = `variable ${v.id}`,
  ) {
    this.declared = new Set(v.dimensions);
  }

  /** The checked formula, whose dimensions, type and unit fit what the variable declares. */
  check(): TExpr {
    const { v, where } = this;
    const expr = this.walk(parseFormula(v.formula, where), new Set());
    const extra = expr.dims.filter((d) => !this.declared.has(d));
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
    return expr;
  }

  private readonly fail = (kind: ModelError['kind'], e: { pos: number }, detail: string): never => {
    throw new ModelError(kind, this.where, detail, e.pos);
  };

  private readonly needNumber = (e: TExpr, what: string): void => {
    if (e.type === 'string') this.fail('type', e, `${what} must be a number, not text`);
  };

  private dimsOf(dims: Iterable<string>): string[] {
    return sortDims(this.names, dims);
  }

  private walk(e: Expr, scope: Set<string>): TExpr {
    switch (e.kind) {
      case 'num':
        return { k: 'num', value: e.value, dims: [], unit: null, type: 'number', pos: e.pos };
      case 'str':
        return { k: 'str', value: e.value, dims: [], unit: null, type: 'string', pos: e.pos };
      case 'name':
        return this.name(e);
      case 'dot':
        return this.dot(e);
      case 'unary': {
        const arg = this.walk(e.arg, scope);
        if (e.op === 'not') return { k: 'not', arg, dims: arg.dims, unit: null, type: 'bool', pos: e.pos };
        this.needNumber(arg, 'the operand of -');
        return e.op === '+' ? arg : { k: 'neg', arg, dims: arg.dims, unit: arg.unit, type: 'number', pos: e.pos };
      }
      case 'binary':
        return this.binary(e, scope);
      case 'call':
        return this.call(e, scope);
    }
  }

  /** A bare name: a variable, an assumption or a dimension's member. */
  private name(e: Extract<Expr, { kind: 'name' }>): TExpr {
    const { names, v } = this;
    const target = names.variables.get(e.name);
    if (target) {
      this.uses.add(e.name);
      if (e.name === v.id) this.fail('cycle', e, `${v.id} refers to itself; use prev(${v.id}) for last year's value`);
      return {
        k: 'var',
        id: e.name,
        dims: this.dimsOf(target.dimensions),
        unit: target.unit,
        type: 'number',
        pos: e.pos,
      };
    }
    const index = names.assumptions.get(e.name);
    if (index !== undefined) {
      const a = names.def.assumptions[index];
      return { k: 'assumption', id: e.name, index, dims: [], unit: a?.unit ?? null, type: 'number', pos: e.pos };
    }
    if (names.dims.has(e.name)) {
      const dim = names.def.dimensions.find((d) => d.id === e.name);
      const numeric = dim?.members?.every((m) => typeof m === 'number') ?? false;
      return { k: 'member', dim: e.name, dims: [e.name], unit: null, type: numeric ? 'number' : 'unknown', pos: e.pos };
    }
    return this.fail('unknown-name', e, `unknown name "${e.name}"`);
  }

  /** `dataset.column` (an input) or `dimension.attribute`. */
  private dot(e: Extract<Expr, { kind: 'dot' }>): TExpr {
    const key = `${e.left}.${e.right}`;
    const input = this.names.inputs.get(key);
    if (input) {
      const dims = this.dimsOf(Object.keys(input.dimensions));
      return { k: 'input', id: key, dims, unit: input.unit, type: 'number', pos: e.pos };
    }
    const attr = this.names.attributes.get(key);
    if (attr) {
      const unit = attr.unit || null;
      return { k: 'attr', dim: e.left, name: e.right, dims: [e.left], unit, type: 'unknown', pos: e.pos };
    }
    return this.fail('unknown-name', e, `unknown name "${key}" (not an input nor a dimension attribute)`);
  }

  private binary(e: Extract<Expr, { kind: 'binary' }>, scope: Set<string>): TExpr {
    const left = this.walk(e.left, scope);
    const right = this.walk(e.right, scope);
    const dims = this.dimsOf([...left.dims, ...right.dims]);
    if (e.op === 'and' || e.op === 'or') {
      return { k: 'bin', op: e.op, left, right, dims, unit: null, type: 'bool', pos: e.pos };
    }
    if (COMPARISONS.has(e.op)) {
      this.comparable(e, left, right);
      return { k: 'bin', op: e.op, left, right, dims, unit: null, type: 'bool', pos: e.pos };
    }
    this.needNumber(left, `the left side of ${e.op}`);
    this.needNumber(right, `the right side of ${e.op}`);
    let unit: string | null = null;
    if (e.op === '+' || e.op === '-') {
      if (!unitsAgree(left.unit, right.unit)) {
        const verb = e.op === '+' ? `add ${right.unit} to` : `subtract ${right.unit} from`;
        this.fail('unit', e, `cannot ${verb} ${left.unit}`);
      }
      unit = joinUnits(left.unit, right.unit);
    }
    return { k: 'bin', op: e.op, left, right, dims, unit, type: 'number', pos: e.pos };
  }

  /** Like with like: the same unit, and text only against text with = or <>. */
  private comparable(e: { op: string; pos: number }, left: TExpr, right: TExpr): void {
    if (!unitsAgree(left.unit, right.unit)) this.fail('unit', e, `cannot compare ${left.unit} with ${right.unit}`);
    const known = (t: ValueType) => t !== 'unknown';
    if (known(left.type) && known(right.type) && (left.type === 'string') !== (right.type === 'string')) {
      this.fail('type', e, 'cannot compare text with a number');
    }
    if ((left.type === 'string' || right.type === 'string') && e.op !== '=' && e.op !== '<>') {
      this.fail('type', e, 'text can only be compared with = or <>');
    }
  }

  private arity(e: Call, min: number, max: number): void {
    if (e.args.length >= min && e.args.length <= max) return;
    if (max === Number.POSITIVE_INFINITY)
      this.fail('syntax', e, `${e.fn} needs at least ${min === 1 ? 'one argument' : `${min} arguments`}`);
    this.fail(
      'syntax',
      e,
      `${e.fn} takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, not ${e.args.length}`,
    );
  }

  /** A function of the table (functions.ts), or one of the two forms: sum and prev. */
  private call(e: Call, scope: Set<string>): TExpr {
    const fn = e.fn;
    if (!CALLABLE.includes(fn)) this.fail('unknown-name', e, `unknown function "${fn}"`);
    const spec = FUNCTION_TABLE.get(fn);
    if (spec) {
      this.arity(e, spec.arity[0], spec.arity[1]);
      const args = e.args.map((x, i) => {
        const fallback = spec.fallbacks?.includes(i) ?? false;
        if (fallback) this.fallbackDepth++;
        try {
          return this.walk(x, scope);
        } finally {
          if (fallback) this.fallbackDepth--;
        }
      });
      const { unit, type } = spec.check(args, { fail: this.fail, needNumber: this.needNumber }, e);
      return { k: 'fn', fn, args, dims: this.dimsOf(args.flatMap((a) => a.dims)), unit, type, pos: e.pos };
    }
    if (fn === 'sum') return this.sum(e, scope);
    if (fn === 'prev') return this.prev(e, scope);
    return this.fail('unknown-name', e, `unknown function "${fn}"`);
  }

  /** sum(dim, body): adds the body over a dimension the formula does not already vary by. */
  private sum(e: Call, scope: Set<string>): TExpr {
    this.arity(e, 2, 2);
    const dimArg = e.args[0] as Expr;
    if (dimArg.kind !== 'name' || !this.names.dims.has(dimArg.name))
      this.fail('dimension', dimArg, 'the first argument of sum must be a dimension');
    const dim = (dimArg as { name: string }).name;
    if (this.declared.has(dim) || scope.has(dim))
      this.fail('dimension', dimArg, `sum over ${dim} inside something that already varies by ${dim}`);
    const body = this.walk(e.args[1] as Expr, new Set([...scope, dim]));
    this.needNumber(body, 'what sum adds up');
    const dims = body.dims.filter((d) => d !== dim);
    return { k: 'sum', dim, body, dims, unit: body.unit, type: 'number', pos: e.pos };
  }

  /** prev(variable[, default]): last year's value, which the first year must be given. */
  private prev(e: Call, scope: Set<string>): TExpr {
    const { names, v } = this;
    this.arity(e, 1, 2);
    const target = e.args[0] as Expr;
    if (target.kind !== 'name' || !names.variables.has(target.name)) this.fail('prev', target, 'prev takes a variable');
    const id = (target as { name: string }).name;
    const tv = names.variables.get(id) as VariableDef;
    const timeDim = names.timeDim;
    if (!timeDim || !tv.dimensions.includes(timeDim))
      this.fail('prev', target, `${id} does not vary by year, so it has no previous year`);
    if (!this.declared.has(timeDim as string)) this.fail('prev', e, `prev needs ${v.id} to vary by year`);
    const fallback = e.args[1] ? this.walk(e.args[1], scope) : null;
    if (!fallback && this.fallbackDepth === 0) {
      this.fail(
        'prev',
        e,
        `the first year has no previous value: use prev(${id}, default) or put prev inside coalesce`,
      );
    }
    if (id === v.id) this.selfPrev = true;
    else this.uses.add(id);
    const dims = this.dimsOf([...tv.dimensions, ...(fallback?.dims ?? [])]);
    return { k: 'prev', id, fallback, dims, unit: tv.unit, type: 'number', pos: e.pos };
  }
}
