/**
 * The parsed form of a Data Prep expression: a plain, typed tree with source positions and no
 * closures, so that it can be checked, evaluated, printed, or compiled to SQL later.
 */
export type Expr =
  | { type: 'literal'; value: string | number | boolean | null; pos: number }
  | { type: 'date'; text: string; pos: number }
  | { type: 'field'; path: string[]; braced: boolean; pos: number }
  | { type: 'call'; name: string; args: Expr[]; pos: number }
  | { type: 'method'; target: Expr; name: string; args: Expr[]; pos: number }
  | { type: 'unary'; op: '-' | '!'; arg: Expr; pos: number }
  | { type: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: number }
  | { type: 'conditional'; test: Expr; then: Expr; else: Expr; pos: number }
  | { type: 'array'; items: Expr[]; pos: number }
  | { type: 'object'; entries: { key: Expr; value: Expr }[]; pos: number }
  /** `x -> x > 0`, an argument of filterArray and transformArray. */
  | { type: 'lambda'; param: string; body: Expr; pos: number }
  /** A lambda's parameter, inside its body. */
  | { type: 'param'; name: string; pos: number };

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | '?:';

/** A problem with an expression's text, at a 0-based character position. */
export interface ExprError {
  pos: number;
  message: string;
}

/** The direct children of a node, in source order. */
export function children(e: Expr): Expr[] {
  switch (e.type) {
    case 'call':
      return e.args;
    case 'method':
      return [e.target, ...e.args];
    case 'unary':
      return [e.arg];
    case 'binary':
      return [e.left, e.right];
    case 'conditional':
      return [e.test, e.then, e.else];
    case 'array':
      return e.items;
    case 'object':
      return e.entries.flatMap(({ key, value }) => [key, value]);
    case 'lambda':
      return [e.body];
    default:
      return [];
  }
}

/** Visits every node, parents first. */
export function walk(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  for (const c of children(e)) walk(c, visit);
}
