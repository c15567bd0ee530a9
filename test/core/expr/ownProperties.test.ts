import { describe, expect, it } from 'vitest';
import { run, value } from '../../helpers/expr';

/** Names every plain object inherits: a lookup by user text must never find one of them. */
const INHERITED = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf', '__defineGetter__'];

describe('lookups by user text use own entries only (issue 13, #14)', () => {
  it.each(INHERITED)('get_url_port("%s://h") has no default port', (scheme) => {
    expect(run(`get_url_port("${scheme}://h")`)).toEqual({ value: null });
    expect(run(`get_url_port(u)`, { u: `${scheme}://host/x` })).toEqual({ value: null });
  });

  it('known schemes still have their default ports', () => {
    expect(value('get_url_port("sftp://h/x")')).toBe(22);
    expect(value('get_url_port("HTTPS://h")')).toBe(443);
  });

  it.each(INHERITED)('date_part("%s", …) is an unknown date part, not undefined', (part) => {
    const r = run(`date_part(p, now())`, { p: part });
    expect(r.error).toMatch(/unknown date part/);
    expect(run(`set_date_part("${part}", 1, now())`).error).toMatch(/unknown date part/);
  });

  it('date parts by their own names still work', () => {
    expect(value('date_part("year", now())')).toBe(2021);
    expect(value('date_part("MM", now())')).toBe(10);
  });

  it.each(INHERITED.filter((n) => n !== '__proto__'))('a column named %s is a column, never an operator', (name) => {
    expect(run(`\${${name}}`, { [name]: 'v' })).toEqual({ value: 'v' });
    expect(run(`a ${name} b`, { a: '1', b: '2', [name]: 'x' }).error).toMatch(/expected an operator/);
  });

  it('keys from data are own keys of a null-prototype object', () => {
    expect(run('to_object("constructor", 1).get("toString")')).toEqual({ value: null });
    expect(run('str_to_object("__proto__=1&a=2", "=", "&").get("__proto__")')).toEqual({ value: '1' });
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });
});
