/** The parsed formula. `pos` is the 1-based column of the node's first character. */
export type Expr =
  | { kind: 'num'; value: number; pos: number }
  | { kind: 'str'; value: string; pos: number }
  | { kind: 'name'; name: string; pos: number }
  | { kind: 'dot'; left: string; right: string; pos: number }
  | { kind: 'unary'; op: '-' | '+' | 'not'; arg: Expr; pos: number }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: number }
  | { kind: 'call'; fn: string; args: Expr[]; pos: number };

export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'and' | 'or';
