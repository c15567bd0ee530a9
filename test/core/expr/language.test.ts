import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../../src/core/expr/compile';
import { parseExpression, referencedColumns } from '../../../src/core/expr/parser';
import { run, value } from '../../helpers/expr';

describe('syntax', () => {
  it('references columns bare, dotted and as ${Any Name}', () => {
    expect(value('concat(upper(lastName), ", ", firstName)', { firstName: 'Ada', lastName: 'Lovelace' })).toBe('LOVELACE, Ada');
    expect(value('iif(${Accepts Marketing} == "yes", "y", "n")', { 'Accepts Marketing': 'yes' })).toBe('y');
    expect(value('${First.Name}', { 'First.Name': 'Ada' })).toBe('Ada');
    expect(value('name.first', { 'name.first': 'Ada' })).toBe('Ada');
    expect(value('${if}', { if: 'x' })).toBe('x');
    expect(value('${a\\}b}', { 'a}b': 'x' })).toBe('x');
  });

  it('has literals, arrays, maps, methods and word operators', () => {
    expect(value('\'single\' + "double"')).toBe('singledouble');
    expect(value('"tab\\there"')).toBe('tab\there');
    expect(value('[1, 2.5, true, null]')).toEqual([1, 2.5, true, null]);
    expect(value('{"a": [1], "b": {"c": "d"}}.b.c')).toBe('d');
    expect(value('[10, 20, 30][1]')).toBe(20);
    expect(value('1 lt 2 and not (3 eq 4) or false')).toBe(true);
    expect(value('7 div 2 + 7 mod 2')).toBe(4.5);
  });

  it('names the position and what was expected', () => {
    expect(parseExpression('concat(a, b')).toEqual({ ok: false, error: { pos: 11, message: 'expected "," or ")" at position 11, found the end' } });
    expect(parseExpression('1 +* 2')).toMatchObject({ ok: false, error: { pos: 3 } });
    expect(parseExpression('"open')).toMatchObject({ ok: false, error: { pos: 0, message: expect.stringContaining('not closed') } });
    expect(parseExpression('a b')).toMatchObject({ ok: false, error: { pos: 2, message: expect.stringContaining('expected an operator or the end') } });
    expect(parseExpression('if')).toMatchObject({ ok: false, error: { message: expect.stringContaining('reserved word') } });
    expect(parseExpression('')).toMatchObject({ ok: false, error: { message: 'the expression is empty' } });
    expect(parseExpression('a # b')).toMatchObject({ ok: false, error: { pos: 2, message: 'unexpected character "#" at 2' } });
  });
});

describe('checks at load time, once', () => {
  const errs = (src: string, columns = ['a', 'b']) => {
    const r = compileExpression(src, { columns });
    return r.ok ? [] : r.errors.map((e) => e.message);
  };
  it('refuses unknown functions, wrong arity, unknown methods and columns', () => {
    expect(errs('frobnicate(a)')).toEqual(['unknown function frobnicate()']);
    expect(errs('lpad(a, 3)')).toEqual(['lpad(INPUT, COUNT, PADDING) takes 3 arguments, got 2']);
    expect(errs('concat()')).toEqual(['concat(...STRING) takes at least 1 argument, got 0']);
    expect(errs('a.reverse()')).toEqual(['unknown method .reverse()']);
    expect(errs('upper(c)')).toEqual(['the file has no column "c"']);
    expect(errs('upper(${First Name})')).toEqual(['the file has no column "First Name"']);
    expect(errs('constructor(a)')).toEqual(['unknown function constructor()']);
    expect(errs('a.constructor()')).toEqual(['unknown method .constructor()']);
  });
  it('checks literal date patterns, regular expressions and zones', () => {
    expect(errs('date(a, "yyyy-QQ")')).toEqual(['date pattern letter "Q" in "yyyy-QQ" is not supported']);
    expect(errs('matches_regex(a, "(")')[0]).toMatch(/invalid regular expression/);
    expect(errs('zone_date_to_zone(now(), "Nowhere/Land")')).toEqual(['unknown time zone "Nowhere/Land"']);
  });
  it('says when a documented function is not implemented', () => {
    expect(errs('fpid_to_ecid(a)')[0]).toMatch(/fpid_to_ecid\(\) is not supported by xdm-mapper/);
  });
});

describe('operators and values, as JEXL evaluates them', () => {
  it('adds numeric text to numbers, concatenates two strings', () => {
    expect(value('Price + 10', { Price: '69' })).toBe(79);
    expect(value('a + b', { a: '1', b: '2' })).toBe('12');
    expect(value('"a" + 1')).toBe('a1');
    expect(value('Price * 1.5', { Price: '10' })).toBe(15);
  });
  it('compares numbers as numbers and text as text', () => {
    expect(value('a > 9', { a: '10' })).toBe(true);
    expect(value('a == 10', { a: '10.0' })).toBe(true);
    expect(value('"b" > "a"')).toBe(true);
    expect(value('a == null', { a: '' })).toBe(true);
    expect(value('a < 1', { a: '' })).toBe(false);
  });
  it('propagates null through arithmetic and treats it as false', () => {
    expect(value('a + 1', { a: '' })).toBeNull();
    expect(value('!a', { a: '' })).toBe(true);
    expect(value('a ?: "default"', { a: '' })).toBe('default');
    expect(value('a ? "yes" : "no"', { a: 'false' })).toBe('no');
  });
  it('reports row failures as errors, not exceptions', () => {
    expect(run('1 / 0').error).toBe('division by zero');
    expect(run('a * 2', { a: 'abc' }).error).toMatch(/must be a number/);
    expect(run('"x" < 1').error).toMatch(/cannot compare/);
  });
});

describe('referencedColumns', () => {
  it('lists the columns an expression reads, once each, and none for text that does not parse', () => {
    expect(referencedColumns('concat(upper(Name), " ", ${Unit Price}, Name)')).toEqual(['Name', 'Unit Price']);
    expect(referencedColumns('filterArray(tags, x -> x != "")')).toEqual(['tags']);
    expect(referencedColumns('upper(')).toEqual([]);
  });
});
