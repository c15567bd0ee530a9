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
  | { type: 'object'; entries: { key: Expr; value: Expr }[]; pos: number };

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | '?:';

/** A problem with an expression's text, at a 0-based character position. */
export interface ExprError {
  pos: number;
  message: string;
}

/** Visits every node, parents first. */
export function walk(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  switch (e.type) {
    case 'call':
      for (const a of e.args) walk(a, visit);
      break;
    case 'method':
      walk(e.target, visit);
      for (const a of e.args) walk(a, visit);
      break;
    case 'unary':
      walk(e.arg, visit);
      break;
    case 'binary':
      walk(e.left, visit);
      walk(e.right, visit);
      break;
    case 'conditional':
      walk(e.test, visit);
      walk(e.then, visit);
      walk(e.else, visit);
      break;
    case 'array':
      for (const a of e.items) walk(a, visit);
      break;
    case 'object':
      for (const { key, value } of e.entries) {
        walk(key, visit);
        walk(value, visit);
      }
      break;
  }
}
