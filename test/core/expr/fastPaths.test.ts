import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../../src/core/expr/compile';
import { outputForDestination, outputValueForDestination } from '../../../src/core/expr/output';
import { fromJson, isNumeric, num, plainInteger, type Value } from '../../../src/core/expr/values';
import type { Field, XdmType } from '../../../src/core/schema/field.types';
import { asPath } from '../../../src/core/types';
import { NOW } from '../../helpers/expr';

/**
 * The evaluation's shortcuts (plain integers read without the regular expression, values
 * without result objects) must give what the general way gives, on every input, and refuse
 * exactly where it refuses.
 */
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** What num() is specified to do with text: trimmed, the regular expression, then Number. */
const specified = (t: string): number | 'refused' => (NUMBER_TEXT.test(t.trim()) ? Number(t.trim()) : 'refused');
const numOrRefused = (t: string): number | 'refused' => {
  try {
    return num(t)!;
  } catch {
    return 'refused';
  }
};

describe('numbers read from text', () => {
  it('texts of digits, signs, points and spaces read as the regular expression and Number read them', () => {
    const texts = fc.oneof(
      fc.string({ maxLength: 20, unit: fc.constantFrom(...'0123456789+-. eE'.split(''), '٣', '\u00a0', '\t') }),
      fc.stringMatching(/^[+-]?\d{1,18}$/),
      fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }).map(String),
    );
    fc.assert(
      fc.property(texts, (t) => {
        expect(Object.is(numOrRefused(t), specified(t))).toBe(true);
        expect(isNumeric(t)).toBe(/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(t));
      }),
      { numRuns: 5000 },
    );
  });

  it('the plain-integer shortcut: signs, zeros and the 15-digit edge', () => {
    expect(Object.is(plainInteger('-0'), -0)).toBe(true);
    expect(plainInteger('+5')).toBe(5);
    expect(plainInteger('007')).toBe(7);
    expect(plainInteger('999999999999999')).toBe(999999999999999);
    expect(plainInteger('-999999999999999')).toBe(-999999999999999);
    // Past 15 digits, text with anything else, or nothing after a sign: the general way decides.
    for (const t of ['9999999999999999', '', '-', '+', '1.0', ' 1', '1e3', '٣', '0x1f']) expect(plainInteger(t)).toBeNaN();
    expect(num('9007199254740993')).toBe(Number('9007199254740993'));
    expect(num(' 12 ')).toBe(12);
    expect(() => num('12a')).toThrow('must be a number');
  });
});

const field = (xdmType: XdmType, itemType?: XdmType): Field => ({
  path: asPath('f'),
  key: 'f',
  parent: null,
  xdmType,
  itemType,
  title: '',
  description: '',
  required: false,
  requiredFromRoot: false,
  children: [],
  isLeaf: true,
  inArray: false,
  system: false,
  tenant: false,
});

describe('an expression value written into its field', () => {
  it('the value alone is what the result object holds, and undefined where it says why', () => {
    const types: [XdmType, XdmType?][] = [
      ['string'],
      ['number'],
      ['int'],
      ['long'],
      ['short'],
      ['byte'],
      ['boolean'],
      ['date'],
      ['date-time'],
      ['object'],
      ['map'],
      ['array', 'string'],
      ['array', 'int'],
    ];
    const values = fc.oneof(
      fc.constantFrom<unknown>('', 'x', '12', '-3', '1.5', '1e400', 'true', 'no', '2024-02-29', '2024-02-30', '2024-01-02T03:04:05Z', 'NaN'),
      fc.double(),
      fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
      fc.boolean(),
      fc.jsonValue({ maxDepth: 2 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...types), values, ([type, item], json) => {
        const f = field(type, item);
        const v = fromJson(json) as Value;
        const written = outputForDestination(f, 'f')(v);
        expect(outputValueForDestination(f, 'f')(v)).toStrictEqual(written.ok ? written.value : undefined);
      }),
      { numRuns: 4000 },
    );
  });
});

describe('evaluating without a result object', () => {
  it('gives the value evaluate gives, and undefined exactly where it fails', () => {
    const ctx = { now: () => NOW, uuid: () => 'u', hasField: () => true };
    const sources = [
      'concat(a, " ", b)',
      'to_integer(a) > 5',
      'iif(is_empty(a), "none", upper(b))',
      'a / to_integer(b)',
      'to_integer(a) + to_integer(b)',
      'split(a, ",")[1]',
      'substr(a, 0, 2)',
    ];
    const cell = fc.oneof(fc.constant(null), fc.constantFrom('0', '7', '-2', 'x,y', 'abc', '2147483648', '1.5'));
    fc.assert(
      fc.property(fc.constantFrom(...sources), cell, cell, (src, a, b) => {
        const c = compileExpression(src, { columns: ['a', 'b'] });
        if (!c.ok) throw new Error(src);
        const row = { value: (i: number) => [a, b][i] ?? null };
        const r = c.compiled.evaluate(row, ctx);
        expect(c.compiled.tryEvaluate(row, ctx)).toStrictEqual(r.ok ? r.value : undefined);
      }),
      { numRuns: 1000 },
    );
  });
});
