import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEmailBytes, isUriBytes } from '../../../src/core/transform/byteFormats';
import { compileValidator } from '../../../src/core/validate/validator';

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
const bytes = (t: string) => new TextEncoder().encode(t);
const byEmail = (t: string) => isEmailBytes(bytes(t), 0, bytes(t).length);
const byUri = (t: string) => isUriBytes(bytes(t), 0, bytes(t).length);

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
