import type { Expr } from './ast.js';
import type { ModelDefinition } from './definition.js';
import { ModelError } from './errors.js';
import { CALLABLE } from './functions.js';
import { parseFormula } from './parser.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Words the formula language reads as operators or constants, never as a name. */
const RESERVED = new Set(['and', 'or', 'not', 'true', 'false']);

/** Where `name` is used as a name in a parsed formula (1-based columns), not as a function or attribute. */
function namePositions(expr: Expr, name: string, out: number[]): number[] {
  switch (expr.kind) {
    case 'name':
      if (expr.name === name) out.push(expr.pos);
      break;
    case 'unary':
      namePositions(expr.arg, name, out);
      break;
    case 'binary':
      namePositions(expr.left, name, out);
      namePositions(expr.right, name, out);
      break;
    case 'call':
      for (const arg of expr.args) namePositions(arg, name, out);
      break;
    default:
      break;
  }
  return out;
}

/** Every name a formula uses (not strings, functions or `dimension.attribute`), or null if it does not parse. */
export function formulaNames(formula: string): Set<string> | null {
  let expr: Expr;
  try {
    expr = parseFormula(formula, 'formula');
  } catch {
    return null;
  }
  const names = new Set<string>();
  const walk = (e: Expr): void => {
    if (e.kind === 'name') names.add(e.name);
    else if (e.kind === 'unary') walk(e.arg);
    else if (e.kind === 'binary') {
      walk(e.left);
      walk(e.right);
    } else if (e.kind === 'call') e.args.forEach(walk);
  };
  walk(expr);
  return names;
}

/**
 * A formula with every use of the name `from` replaced by `to`, token by token: a string
 * literal, a function of that name and `dimension.attribute` are left alone, and the rest of
 * the text (spacing, line breaks) stays as the analyst wrote it.
 */
export function renameInFormula(formula: string, from: string, to: string, where: string): string {
  const positions = namePositions(parseFormula(formula, where), from, []).sort((a, b) => b - a);
  let out = formula;
  for (const pos of positions) out = out.slice(0, pos - 1) + to + out.slice(pos - 1 + from.length);
  return out;
}

/** Why a name cannot be given to an item: the window words it in its language, the engine in English. */
export type NameProblem =
  | { reason: 'not-a-name' | 'language' | 'reserved' }
  | { reason: 'taken'; by: 'dimension' | 'assumption' | 'variable' | 'check' };

/** Why `to` cannot be the new name of an item in `def`, or null. */
export function nameProblem(def: ModelDefinition, to: string): NameProblem | null {
  if (!IDENTIFIER.test(to)) return { reason: 'not-a-name' };
  if (RESERVED.has(to.toLowerCase()) || CALLABLE.includes(to)) return { reason: 'language' };
  // Names are keys of plain records (scenario overrides, vintages): none may shadow an object's own.
  if (to === 'prototype' || to in Object.prototype) return { reason: 'reserved' };
  const taken = [
    ...def.dimensions.map((d) => ['dimension', d.id] as const),
    ...def.assumptions.map((a) => ['assumption', a.id] as const),
    ...def.variables.map((v) => ['variable', v.id] as const),
    ...(def.checks ?? []).map((c) => ['check', c.id] as const),
  ].find(([, id]) => id === to);
  return taken ? { reason: 'taken', by: taken[0] } : null;
}

/** The English words for a name problem (the checker's language). */
export function newNameProblem(def: ModelDefinition, to: string): string | null {
  const problem = nameProblem(def, to);
  if (!problem) return null;
  switch (problem.reason) {
    case 'not-a-name':
      return `"${to}" is not a name: use letters, digits and _, not starting with a digit`;
    case 'language':
      return `"${to}" is a word of the formula language`;
    case 'reserved':
      return `"${to}" is reserved`;
    case 'taken':
      return `the name "${to}" is already used by ${problem.by} ${to}`;
  }
}

/**
 * The model with the assumption, variable or check `from` renamed to `to`: every formula that
 * uses it, the outputs and the built-in scenarios that set it follow. A name that is not an
 * identifier, is a word of the language or is already taken is refused, naming why.
 */
export function renameItem(def: ModelDefinition, from: string, to: string): ModelDefinition {
  const known = [...def.assumptions, ...def.variables, ...(def.checks ?? [])].some((x) => x.id === from);
  if (!known)
    throw new ModelError('unknown-name', `rename ${from}`, `"${from}" is not an assumption, variable or check`);
  const problem = newNameProblem(def, to);
  if (problem) throw new ModelError('definition', `rename ${from}`, problem);
  const id = <T extends { id: string }>(x: T): T => (x.id === from ? { ...x, id: to } : x);
  return {
    ...def,
    assumptions: def.assumptions.map(id),
    variables: def.variables.map((v) => ({
      ...id(v),
      formula: renameInFormula(v.formula, from, to, `variable ${v.id}`),
    })),
    ...(def.checks
      ? {
          checks: def.checks.map((c) => ({
            ...id(c),
            formula: renameInFormula(c.formula, from, to, `check ${c.id}`),
          })),
        }
      : {}),
    outputs: def.outputs.map((o) => (o === from ? to : o)),
    scenarios: def.scenarios.map((s) => ({ ...s, overrides: renamedKeys(s.overrides, from, to) })),
  };
}

/** A record with the key `from` renamed to `to`, in the same order. */
export function renamedKeys<T>(record: Record<string, T>, from: string, to: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v]));
}
