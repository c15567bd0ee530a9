import { type BinaryOp, type Expr, type ExprError, walk } from './ast';
import { RESERVED, type Token, tokenize, WORD_OPS } from './lexer';

export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: ExprError };

const LEVELS: BinaryOp[][] = [['||'], ['&&'], ['==', '!='], ['<', '<=', '>', '>='], ['+', '-'], ['*', '/', '%']];

class ParseFailure extends Error {
  constructor(readonly error: ExprError) {
    super(error.message);
  }
}

/** Splits `${a\.b.c}` into segments on unescaped dots: ["a.b", "c"]. */
function bracedPath(raw: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '\\' && i + 1 < raw.length) {
      cur += raw[++i];
      continue;
    }
    if (ch === '.') {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Parses Data Prep's expression syntax: calls, literals, column references (bare, dotted,
 * `${Any Name}`), arithmetic, comparison and logical operators in symbol or word form, the
 * ternary and `?:`, method calls (`"a".equalsIgnoreCase(b)`), array and map literals.
 */
export function parseExpression(src: string): ParseResult {
  const lexed = tokenize(src);
  if (!lexed.ok) return lexed;
  const tokens = lexed.tokens;
  let k = 0;
  const peek = (): Token => tokens[k]!;
  /** Lambda parameters in scope, innermost last. */
  const params: string[] = [];
  const describe = (t: Token) =>
    t.kind === 'eof'
      ? 'the end'
      : t.kind === 'string'
        ? `"${t.value}"`
        : t.kind === 'number'
          ? t.text
          : t.kind === 'date'
            ? t.text
            : t.kind === 'braced'
              ? `\${${t.value}}`
              : `"${t.value}"`;
  const fail = (t: Token, expected: string): never => {
    throw new ParseFailure({ pos: t.pos, message: `expected ${expected} at position ${t.pos}, found ${describe(t)}` });
  };
  const opOf = (t: Token): string | null => (t.kind === 'op' ? t.value : t.kind === 'ident' && Object.hasOwn(WORD_OPS, t.value) ? WORD_OPS[t.value]! : null);
  const isOp = (v: string) => opOf(peek()) === v;
  const expectOp = (v: string, what = `"${v}"`) => {
    const t = peek();
    if (opOf(t) !== v) fail(t, what);
    k++;
  };

  const expression = (): Expr => {
    const first = peek();
    const next = tokens[k + 1];
    if (first.kind === 'ident' && next?.kind === 'op' && next.value === '->') {
      if (RESERVED.has(first.value)) throw new ParseFailure({ pos: first.pos, message: `"${first.value}" is a reserved word and cannot name a parameter` });
      k += 2;
      params.push(first.value);
      try {
        return { type: 'lambda', param: first.value, body: expression(), pos: first.pos };
      } finally {
        params.pop();
      }
    }
    const test = binary(0);
    const t = peek();
    if (isOp('?')) {
      k++;
      const then = expression();
      expectOp(':', '":" of the conditional');
      const other = expression();
      return { type: 'conditional', test, then, else: other, pos: t.pos };
    }
    if (isOp('?:')) {
      k++;
      return { type: 'binary', op: '?:', left: test, right: expression(), pos: t.pos };
    }
    return test;
  };

  const binary = (level: number): Expr => {
    if (level >= LEVELS.length) return unary();
    let left = binary(level + 1);
    for (;;) {
      const t = peek();
      const op = opOf(t);
      if (!op || !(LEVELS[level] as string[]).includes(op)) return left;
      k++;
      const right = binary(level + 1);
      left = { type: 'binary', op: op as BinaryOp, left, right, pos: t.pos };
    }
  };

  const unary = (): Expr => {
    const t = peek();
    const op = opOf(t);
    if (op === '-' || op === '!') {
      k++;
      return { type: 'unary', op, arg: unary(), pos: t.pos };
    }
    return postfix(primary());
  };

  const args = (): Expr[] => {
    const out: Expr[] = [];
    expectOp('(');
    if (isOp(')')) {
      k++;
      return out;
    }
    for (;;) {
      out.push(expression());
      if (isOp(',')) {
        k++;
        continue;
      }
      expectOp(')', '"," or ")"');
      return out;
    }
  };

  const postfix = (e: Expr): Expr => {
    for (;;) {
      const t = peek();
      if (isOp('.')) {
        k++;
        const name = peek();
        if (name.kind !== 'ident' && name.kind !== 'braced') fail(name, 'a name after "."');
        k++;
        const id = name.kind === 'braced' ? bracedPath(name.value) : [(name as { value: string }).value];
        if (isOp('(')) {
          if (name.kind === 'braced') fail(name, 'a method name');
          e = { type: 'method', target: e, name: id[0]!, args: args(), pos: name.pos };
        } else if (e.type === 'field') e = { ...e, path: [...e.path, ...id] };
        else e = { type: 'method', target: e, name: 'get', args: [{ type: 'literal', value: id.join('.'), pos: name.pos }], pos: name.pos };
        continue;
      }
      if (isOp('[')) {
        k++;
        const index = expression();
        expectOp(']', '"]"');
        e = { type: 'method', target: e, name: 'get', args: [index], pos: t.pos };
        continue;
      }
      return e;
    }
  };

  const primary = (): Expr => {
    const t = peek();
    switch (t.kind) {
      case 'number':
        k++;
        return { type: 'literal', value: t.value, pos: t.pos };
      case 'string':
        k++;
        return { type: 'literal', value: t.value, pos: t.pos };
      case 'date':
        k++;
        return { type: 'date', text: t.text, pos: t.pos };
      case 'braced':
        k++;
        return { type: 'field', path: bracedPath(t.value), braced: true, pos: t.pos };
      case 'ident': {
        k++;
        if (t.value === 'true' || t.value === 'false') return { type: 'literal', value: t.value === 'true', pos: t.pos };
        if (t.value === 'null') return { type: 'literal', value: null, pos: t.pos };
        if (isOp('(')) return { type: 'call', name: t.value, args: args(), pos: t.pos };
        if (RESERVED.has(t.value))
          throw new ParseFailure({ pos: t.pos, message: `"${t.value}" is a reserved word: write a column of that name as \${${t.value}}` });
        if (params.includes(t.value)) return { type: 'param', name: t.value, pos: t.pos };
        return { type: 'field', path: [t.value], braced: false, pos: t.pos };
      }
      case 'op':
        if (t.value === '(') {
          k++;
          const e = expression();
          expectOp(')', '")"');
          return e;
        }
        if (t.value === '[') {
          k++;
          const items: Expr[] = [];
          if (!isOp(']'))
            for (;;) {
              items.push(expression());
              if (isOp(',')) {
                k++;
                continue;
              }
              expectOp(']', '"," or "]"');
              break;
            }
          else k++;
          return { type: 'array', items, pos: t.pos };
        }
        if (t.value === '{') {
          k++;
          const entries: { key: Expr; value: Expr }[] = [];
          if (!isOp('}'))
            for (;;) {
              const key = expression();
              expectOp(':', '":" after a map key');
              entries.push({ key, value: expression() });
              if (isOp(',')) {
                k++;
                continue;
              }
              expectOp('}', '"," or "}"');
              break;
            }
          else k++;
          return { type: 'object', entries, pos: t.pos };
        }
        return fail(t, 'a value, a column, a function call or "("');
      case 'eof':
        return fail(t, 'a value, a column, a function call or "("');
    }
  };

  try {
    if (peek().kind === 'eof') return { ok: false, error: { pos: 0, message: 'the expression is empty' } };
    const expr = expression();
    const t = peek();
    if (t.kind !== 'eof') fail(t, 'an operator or the end of the expression');
    return { ok: true, expr };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    if (e instanceof RangeError) return { ok: false, error: { pos: 0, message: 'the expression is nested too deeply' } };
    throw e;
  }
}

/** Column names an expression reads, in first-use order; none when it does not parse. */
export function referencedColumns(src: string): string[] {
  const r = parseExpression(src);
  if (!r.ok) return [];
  const seen = new Set<string>();
  walk(r.expr, (e) => {
    if (e.type === 'field') seen.add(e.path.join('.'));
  });
  return [...seen];
}
