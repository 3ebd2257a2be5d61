import type { BinaryOp } from './ast.js';
import type { CheckDef, ModelDefinition, VariableDef } from './definition.js';

export type ValueType = 'number' | 'string' | 'bool' | 'unknown';

interface Base {
  /** The dimensions the value varies over, in the model's dimension order. */
  dims: string[];
  /** Declared unit where known; null where it is a plain number or a product or ratio. */
  unit: string | null;
  type: ValueType;
  pos: number;
}

/** A formula after name resolution, with dimensions, units and types worked out. */
export type TExpr = Base &
  (
    | { k: 'num'; value: number }
    | { k: 'str'; value: string }
    | { k: 'var'; id: string }
    | { k: 'assumption'; id: string; index: number }
    | { k: 'input'; id: string }
    | { k: 'attr'; dim: string; name: string }
    | { k: 'member'; dim: string }
    | { k: 'neg'; arg: TExpr }
    | { k: 'not'; arg: TExpr }
    | { k: 'bin'; op: BinaryOp; left: TExpr; right: TExpr }
    /** A function of the table in functions.ts, by name. */
    | { k: 'fn'; fn: string; args: TExpr[] }
    | { k: 'sum'; dim: string; body: TExpr }
    | { k: 'prev'; id: string; fallback: TExpr | null }
  );

/** The sub-expressions of a formula node, in source order: every walk over a formula uses this. */
export function exprChildren(e: TExpr): TExpr[] {
  switch (e.k) {
    case 'neg':
    case 'not':
      return [e.arg];
    case 'bin':
      return [e.left, e.right];
    case 'fn':
      return e.args;
    case 'sum':
      return [e.body];
    case 'prev':
      return e.fallback ? [e.fallback] : [];
    default:
      return [];
  }
}

export interface CheckedVariable {
  id: string;
  def: VariableDef;
  expr: TExpr;
  /** Declared dimensions in the model's dimension order. */
  dims: string[];
  /** True when the formula refers to the variable's own previous year. */
  selfPrev: boolean;
}

export interface CheckedModel {
  def: ModelDefinition;
  /** Dimension ids in definition order; arrays are laid out in this order. */
  dimOrder: string[];
  timeDim: string | null;
  /** Variables in evaluation order (every variable after those it uses). */
  order: CheckedVariable[];
  byId: Map<string, CheckedVariable>;
  /** The model's checks, each a true/false formula evaluated after every variable. */
  checks: (CheckedVariable & { check: CheckDef })[];
}
