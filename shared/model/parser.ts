import type { BinaryOp, Expr } from './ast.js';
import { ModelError } from './errors.js';

type Token =
  | { t: 'num'; v: number; pos: number }
  | { t: 'str'; v: string; pos: number }
  | { t: 'id'; v: string; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: 'end'; pos: number };

const OPERATORS = ['<>', '<=', '>=', '+', '-', '*', '/', '^', '(', ')', ',', '.', '=', '<', '>'];
const MAX_LENGTH = 10_000;
const MAX_DEPTH = 200;

function tokenize(text: string, where: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    const pos = i + 1;
    if (/\s/.test(c)) {
      i++;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
      const s = m?.[0] ?? c;
      tokens.push({ t: 'num', v: Number(s), pos });
      i += s.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const s = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))?.[0] ?? c;
      tokens.push({ t: 'id', v: s, pos });
      i += s.length;
    } else if (c === '"') {
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= text.length) throw new ModelError('syntax', where, 'unterminated string', pos);
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j++;
      }
      tokens.push({ t: 'str', v: value, pos });
      i = j + 1;
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (!op) throw new ModelError('syntax', where, `unexpected character "${c}"`, pos);
      tokens.push({ t: 'op', v: op, pos });
      i += op.length;
    }
  }
  tokens.push({ t: 'end', pos: text.length + 1 });
  return tokens;
}

function describe(token: Token): string {
  switch (token.t) {
    case 'end':
      return 'the end of the formula';
    case 'num':
      return `number ${token.v}`;
    case 'str':
      return `string "${token.v}"`;
    default:
      return `"${token.v}"`;
  }
}

/**
 * Parses a formula of the model language. Precedence from loose to tight: or, and, not,
 * comparisons, + -, * /, unary minus, ^ (right-associative, so -2^2 is -4 as in algebra).
 */
export function parseFormula(text: string, where: string): Expr {
  if (text.length > MAX_LENGTH) throw new ModelError('syntax', where, `formula longer than ${MAX_LENGTH} characters`);
  const tokens = tokenize(text, where);
  let k = 0;
  let depth = 0;
  const peek = (): Token => tokens[k] ?? { t: 'end', pos: text.length + 1 };
  const isOp = (v: string): boolean => {
    const tok = peek();
    return tok.t === 'op' && tok.v === v;
  };
  const isWord = (v: string): boolean => {
    const tok = peek();
    return tok.t === 'id' && tok.v === v;
  };
  const expect = (v: string, what: string): Token => {
    const tok = peek();
    if (tok.t !== 'op' || tok.v !== v)
      throw new ModelError('syntax', where, `expected ${what} but found ${describe(tok)}`, tok.pos);
    k++;
    return tok;
  };
  const nest = <T>(f: () => T): T => {
    if (++depth > MAX_DEPTH) throw new ModelError('syntax', where, 'formula nested too deeply', peek().pos);
    try {
      return f();
    } finally {
      depth--;
    }
  };

  const binaryLevel = (ops: string[], next: () => Expr, words = false): Expr => {
    let left = next();
    for (;;) {
      const tok = peek();
      const match = words ? tok.t === 'id' && ops.includes(tok.v) : tok.t === 'op' && ops.includes(tok.v);
      if (!match) return left;
      k++;
      const right = next();
      left = { kind: 'binary', op: (tok as { v: string }).v as BinaryOp, left, right, pos: left.pos };
    }
  };

  const orExpr = (): Expr => nest(() => binaryLevel(['or'], andExpr, true));
  const andExpr = (): Expr => binaryLevel(['and'], notExpr, true);
  const notExpr = (): Expr => {
    if (isWord('not')) {
      const pos = peek().pos;
      k++;
      return { kind: 'unary', op: 'not', arg: nest(notExpr), pos };
    }
    return comparison();
  };
  const comparison = (): Expr => {
    const left = additive();
    const tok = peek();
    if (tok.t === 'op' && ['=', '<>', '<', '<=', '>', '>='].includes(tok.v)) {
      k++;
      const right = additive();
      const next = peek();
      if (next.t === 'op' && ['=', '<>', '<', '<=', '>', '>='].includes(next.v)) {
        throw new ModelError('syntax', where, 'comparisons cannot be chained; use and', next.pos);
      }
      return { kind: 'binary', op: tok.v as BinaryOp, left, right, pos: left.pos };
    }
    return left;
  };
  const additive = (): Expr => binaryLevel(['+', '-'], multiplicative);
  const multiplicative = (): Expr => binaryLevel(['*', '/'], unary);
  const unary = (): Expr => {
    if (isOp('-') || isOp('+')) {
      const tok = peek();
      k++;
      return { kind: 'unary', op: (tok as { v: string }).v as '-' | '+', arg: nest(unary), pos: tok.pos };
    }
    return power();
  };
  const power = (): Expr => {
    const base = primary();
    if (isOp('^')) {
      k++;
      const exponent = nest(unary); // right-associative; allows 2^-1
      return { kind: 'binary', op: '^', left: base, right: exponent, pos: base.pos };
    }
    return base;
  };
  const primary = (): Expr => {
    const tok = peek();
    if (tok.t === 'num') {
      k++;
      return { kind: 'num', value: tok.v, pos: tok.pos };
    }
    if (tok.t === 'str') {
      k++;
      return { kind: 'str', value: tok.v, pos: tok.pos };
    }
    if (tok.t === 'op' && tok.v === '(') {
      k++;
      const inner = orExpr();
      expect(')', '")"');
      return inner;
    }
    if (tok.t === 'id') {
      if (['and', 'or', 'not'].includes(tok.v)) {
        throw new ModelError('syntax', where, `expected a value but found "${tok.v}"`, tok.pos);
      }
      k++;
      if (isOp('(')) {
        k++;
        const args: Expr[] = [];
        if (!isOp(')')) {
          args.push(orExpr());
          while (isOp(',')) {
            k++;
            args.push(orExpr());
          }
        }
        expect(')', '"," or ")"');
        return { kind: 'call', fn: tok.v, args, pos: tok.pos };
      }
      if (isOp('.')) {
        k++;
        const right = peek();
        if (right.t !== 'id')
          throw new ModelError('syntax', where, `expected a name after "." but found ${describe(right)}`, right.pos);
        k++;
        return { kind: 'dot', left: tok.v, right: right.v, pos: tok.pos };
      }
      return { kind: 'name', name: tok.v, pos: tok.pos };
    }
    throw new ModelError('syntax', where, `expected a value but found ${describe(tok)}`, tok.pos);
  };

  const result = orExpr();
  const rest = peek();
  if (rest.t !== 'end')
    throw new ModelError('syntax', where, `expected an operator or the end but found ${describe(rest)}`, rest.pos);
  return result;
}
