import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BARE, ESCAPED, QUOTED } from '../../../src/core/csv/byteRows';
import { createMappingDocument } from '../../../src/core/mapping/document';
import { isEmailBytes, isUriBytes, isUriReferenceBytes, takesNoBackslash, textProof } from '../../../src/core/transform/byteFormats';
import { compileMapping } from '../../../src/core/transform/compile';
import { compileValidator } from '../../../src/core/validate/validator';
import { testSchema } from '../../helpers/schema';

/**
 * The byte tests of the email and uri formats against the checks the engine compiles with
 * ajv and ajv-formats: a byte test may leave a value to ajv, but never takes one ajv refuses.
 * The email test is exact on ASCII text; the uri test takes the common web forms.
 */

const check = (format: string) => {
  const v = compileValidator({ type: 'object', properties: { x: { type: 'string', format } } });
  if (!v.ok) throw new Error(v.message);
  const c = v.validator.compilePart({ type: 'string', format });
  if (!c) throw new Error(format);
  return c;
};
const ajvEmail = check('email');
const ajvUri = check('uri');
const ajvUriRef = check('uri-reference');
const bytes = (t: string) => new TextEncoder().encode(t);
const byEmail = (t: string) => isEmailBytes(bytes(t), 0, bytes(t).length);
const byUri = (t: string) => isUriBytes(bytes(t), 0, bytes(t).length);
const byUriRef = (t: string, form = BARE) => isUriReferenceBytes(bytes(t), 0, bytes(t).length, form);

const piece = (alphabet: string, max = 6) => fc.array(fc.constantFrom(...alphabet), { minLength: 0, maxLength: max }).map((a) => a.join(''));
/** Text near the formats' edges: the characters each part takes, some it does not, and dots, hyphens and escapes where they may not be. */
const LOCAL = 'aZ09.!#$%&\'*+/=?^_`{|}~-"(),:;<>@[\\] é';
const DOMAIN = 'aZ09-._@ é';
const email = fc
  .tuple(piece(LOCAL), fc.constantFrom('@', '', '@@'), fc.array(piece(DOMAIN, 5), { minLength: 0, maxLength: 4 }))
  .map(([l, at, labels]) => `${l}${at}${labels.join('.')}`);
const URI_CHARS = 'aZ09-._~!$&\'()*+,;=:@/?#%[]"<>\\^`{|} é';
const uri = fc
  .tuple(
    fc.constantFrom('https', 'http', 'ftp', 'a+b.c-d', '1x', '', 'mailto', 'urn'),
    fc.constantFrom('://', ':', ':/', '//', '', ':///'),
    piece('aZ09-.%:@[]', 8),
    fc.array(piece(URI_CHARS, 6), { maxLength: 3 }),
    fc.constantFrom('', '?', '?a=1&b=%2F', '#top', '?q#f', '%zz', '%4'),
  )
  .map(([scheme, sep, host, path, tail]) => `${scheme}${sep}${host}${path.map((p) => `/${p}`).join('')}${tail}`);
/** Web addresses as exports hold them. */
const web = fc
  .tuple(fc.constantFrom('http', 'https', 'HTTPS'), piece('abz09.-', 12), fc.array(piece('abz09._~-', 8), { maxLength: 4 }))
  .map(([scheme, host, path]) => `${scheme}://${host}${path.map((p) => `/${p}`).join('')}`);

describe('the email format from bytes', () => {
  it.each(['ada@example.com', 'o.brien+tag@mail.example.co.uk', "a!#$%&'*+/=?^_`{|}~-@x-1.io", 'A@B.CD'])('takes %s', (t) => {
    expect(byEmail(t)).toBe(true);
    expect(ajvEmail(t)).toBe(true);
  });
  it.each(['ada@localhost', '.a@b.co', 'a.@b.co', 'a..b@c.co', 'a@-b.co', 'a@b-.co', 'a@b..co', '"q"@b.co', 'zoë@b.co', 'a@b.co ', ''])(
    'leaves %j to ajv',
    (t) => expect(byEmail(t)).toBe(false),
  );
  it('agrees with ajv-formats on every ASCII text', () => {
    fc.assert(
      fc.property(email, (t) => {
        const ascii = /^[\x00-\x7f]*$/.test(t);
        if (ascii) expect(byEmail(t)).toBe(ajvEmail(t));
        else expect(byEmail(t)).toBe(false);
      }),
      { numRuns: 20000 },
    );
  });
});

describe('the uri format from bytes', () => {
  it.each([
    'https://shop.example.com/c/1?ref=home&v=3',
    'http://example.com',
    'https://example.com:8443/a/b/?x=%2F#frag',
    'ftp://10.0.0.1/pub/',
    "https://x.io/p;q=1/(a)/'b'*,+!$&=@:~",
  ])('takes %s', (t) => {
    expect(byUri(t)).toBe(true);
    expect(ajvUri(t)).toBe(true);
  });
  it.each(['mailto:ada@example.com', 'urn:isbn:123', 'https://user@example.com/', 'https://[::1]/', 'https://x.io/%zz', 'https://x.io/a b', '//x.io', 'x'])(
    'leaves %j to ajv',
    (t) => expect(byUri(t)).toBe(false),
  );
  it('takes only what ajv-formats takes, and most web addresses it takes', () => {
    let taken = 0;
    let plain = 0;
    fc.assert(
      fc.property(fc.oneof(uri, web), (t) => {
        const ours = byUri(t);
        if (ours) {
          taken++;
          expect(ajvUri(t)).toBe(true);
        }
        if (/^https?:\/\/[a-z0-9.-]*(\/[a-z0-9._~-]*)*$/i.test(t)) {
          plain++;
          expect(ours).toBe(ajvUri(t));
        }
      }),
      { numRuns: 20000 },
    );
    expect(taken).toBeGreaterThan(500);
    expect(plain).toBeGreaterThan(5000);
  });
});

describe('the uri-reference format from bytes', () => {
  it.each([
    'C000123456',
    '03696618fe7c8a7d3ba7dd152cb27881-4',
    'py_3TmQa7K41uUwQqNT2bDzBYyg',
    '#1411',
    '/services/images/photo/003jV',
    'https://shop.example.com/c/1?ref=home',
    'a:b@c;d=e/f?g=h#i',
    '003jV000005OEtNQAW',
    'x%20y',
    '',
  ])('takes %j', (t) => {
    expect(byUriRef(t)).toBe(true);
    expect(ajvUriRef(t)).toBe(true);
  });
  it.each(['//host/a', 'a b', 'x%zz', 'x%4', 'ü-1', 'a\\b', 'a{1}', 'a#b#c', 'a""b'])('leaves %j to ajv', (t) => {
    expect(byUriRef(t, t.includes('""') ? ESCAPED : BARE)).toBe(false);
  });
  it('agrees with ajv-formats on every ASCII text but those that start with "//"', () => {
    const REF = 'aZ09-._~!$&\'()*+,;=:@/?#%"[]<>\\^`{|} é\t';
    const ref = fc.oneof(
      piece(REF, 14),
      fc
        .tuple(fc.constantFrom('', '/', '//', 'https:', 'C', '#', '?'), piece(REF, 10), fc.constantFrom('', '%2F', '%g1', '?a=%41', '#f'))
        .map((p) => p.join('')),
    );
    let taken = 0;
    fc.assert(
      fc.property(ref, (t) => {
        const ours = byUriRef(t);
        if (ours) taken++;
        if (!/^[\x00-\x7f]*$/.test(t)) expect(ours).toBe(false);
        else if (t.startsWith('//')) expect(ours && !ajvUriRef(t)).toBe(false);
        else expect(ours).toBe(ajvUriRef(t));
      }),
      { numRuns: 20000 },
    );
    expect(taken).toBeGreaterThan(2000);
  });
  it('is the byte test of the uri-reference rule', () => {
    expect(textProof({ format: 'uri-reference' })).toBe(isUriReferenceBytes);
  });
});

describe('the texts of an enum from bytes', () => {
  const proof = textProof({ oneOf: ['gold', 'Zoë', 'a"b', 'silver'] })!;
  const test = (t: string, form = BARE) => proof(bytes(t), 0, bytes(t).length, form);
  it('takes the ASCII texts as they are, in a bare or quoted field', () => {
    expect(test('gold')).toBe(true);
    expect(test('silver', QUOTED)).toBe(true);
    expect(test('a"b')).toBe(true);
  });
  it('leaves the rest to the check: another case, a longer text, non-ASCII texts, doubled quotes', () => {
    expect(test('Gold')).toBe(false);
    expect(test('golden')).toBe(false);
    expect(test('Zoë')).toBe(false);
    // The field "a""b" holds the text a"b; its bytes a""b are not that text.
    expect(test('a""b', ESCAPED)).toBe(false);
    expect(textProof({ oneOf: ['Zoë'] })).toBeNull();
  });
});

describe('proofs that take no backslash', () => {
  // The writer asks these first on a written JSON string, whose escapes all start with a
  // backslash: a yes must mean the bytes hold none.
  const enumPlain = textProof({ oneOf: ['gold', 'a/b'] })!;
  const enumSlash = textProof({ oneOf: ['gold', 'a\\b'] })!;
  it('are the formats and the enums without a backslash in their texts', () => {
    for (const p of [isEmailBytes, isUriBytes, isUriReferenceBytes, enumPlain]) expect(takesNoBackslash(p)).toBe(true);
    expect(takesNoBackslash(enumSlash)).toBe(false);
    expect(takesNoBackslash(textProof({ pattern: '^[A-Z]{2}$' })!)).toBe(false);
    expect(enumSlash(bytes('a\\b'), 0, 3, BARE)).toBe(true);
  });
  it('never take a text with a backslash in it', () => {
    const texts = fc.oneof(email, uri, web, fc.constantFrom('gold', 'a/b', 'ada@example.com', 'https://x.io/a'));
    fc.assert(
      fc.property(texts, fc.nat(), (t, at) => {
        const i = t.length ? at % (t.length + 1) : 0;
        const b = bytes(`${t.slice(0, i)}\\${t.slice(i)}`);
        for (const p of [isEmailBytes, isUriBytes, isUriReferenceBytes, enumPlain]) expect(p(b, 0, b.length, BARE)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the direct writer with text checks proved from bytes', () => {
  it('writes what the record builder writes, for emails, web addresses, enums and patterns', () => {
    const { tree, validator } = testSchema({
      $id: 'https://example.com/proofs',
      title: 'Proofs',
      type: 'object',
      properties: {
        email: { type: 'string', format: 'email', title: 'Email' },
        site: { type: 'string', format: 'uri' },
        tier: { type: 'string', enum: ['gold', 'silver', 'Zoë'] },
        code: { type: 'string', format: 'email', maxLength: 12 },
        country: { type: 'string', pattern: '^[A-Z]{2}$' },
      },
    });
    const columns = ['email', 'site', 'tier', 'code', 'country'];
    const doc = createMappingDocument({
      columns,
      schemaId: 'https://example.com/proofs',
      mappings: columns.map((c) => ({ sourceType: 'ATTRIBUTE' as const, source: c, destination: c })),
    });
    const c = compileMapping(doc, tree, columns, { validator });
    if (!c.ok) throw new Error(JSON.stringify(c.problems));
    const writer = c.compiled.text!;
    let written = 0;
    fc.assert(
      fc.property(
        fc.tuple(
          fc.oneof(email, fc.constantFrom('ada@example.com', 'o.b+x@mail.example.org', 'Zoë@example.com', 'A@B.CD')),
          fc.oneof(uri, web, fc.constantFrom('https://shop.example.com/c/1?ref=home&v=3', 'mailto:ada@example.com')),
          fc.constantFrom('gold', 'Gold', 'Zoë', 'silver', ''),
          fc.oneof(email, fc.constantFrom('a@b.co', 'long.name@example.com', '')),
          fc.constantFrom('DE', 'US', 'de', 'DEU', 'É', 'D"', ''),
        ),
        (cells) => {
          const { row, buf } = writer.encode(cells);
          const out = new Uint8Array(writer.writer.bound(row.textEnd) + 16);
          const n = writer.writer.write(row, buf, out, 0);
          const full = c.compiled.run(cells, 1, 2);
          if (n < 0) expect(full.errors.length).toBeGreaterThan(0);
          else {
            written++;
            expect(full.errors).toEqual([]);
            expect(new TextDecoder().decode(out.subarray(0, n - 1))).toBe(JSON.stringify(full.record));
          }
        },
      ),
      { numRuns: 5000 },
    );
    expect(written).toBeGreaterThan(100);
  });
});
