import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identitiesOf } from '../../../src/core/identity/extract';
import type { IdentitySpec } from '../../../src/core/identity/identity.types';
import { IdentityScanner } from '../../../src/core/identity/scan';
import { type ScannedIdentity, scannedText } from '../../../src/core/identity/scanned';

const SPEC: IdentitySpec = {
  fields: [
    { path: '_t.ids.crmId' as never, namespace: 'CRMID', primary: true },
    { path: '_t.ids.loyaltyId' as never, namespace: 'Loyalty', primary: false },
    { path: 'accounts[].id' as never, namespace: 'Account', primary: false },
  ],
  identityMap: true,
};

const scanned = (line: string) => {
  const buf = new TextEncoder().encode(line);
  const out: ScannedIdentity[] = [];
  const ok = new IdentityScanner(SPEC).scan(buf, 0, buf.length, out);
  return ok ? out.map((f) => ({ namespace: f.namespace, id: scannedText(buf, f), primary: f.primary, path: f.path })) : null;
};
const parsed = (line: string) => identitiesOf(JSON.parse(line), SPEC).map(({ authenticatedState: _a, ...rest }) => rest);

const value = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const item = fc.oneof(
  fc.record({ id: value, authenticatedState: fc.constantFrom('ambiguous', 'authenticated'), primary: fc.boolean() }, { requiredKeys: [] }),
  value,
);
const record = fc.record(
  {
    _t: fc.record(
      { ids: fc.oneof(fc.record({ crmId: value, loyaltyId: value, other: value }, { requiredKeys: [] }), value, fc.array(value)) },
      { requiredKeys: [] },
    ),
    accounts: fc.oneof(fc.array(fc.record({ id: value, name: value }, { requiredKeys: [] })), fc.record({ id: value })),
    identityMap: fc.oneof(fc.dictionary(fc.constantFrom('Email', 'Phone', 'ECID', '__proto__', 'toString', 'e"q'), fc.oneof(fc.array(item), value)), value),
    person: fc.record({ name: fc.string({ unit: 'grapheme' }), tags: fc.array(fc.string()) }),
  },
  { requiredKeys: [] },
);

describe('IdentityScanner reads identities from the bytes exactly as identitiesOf reads them from the parsed record', () => {
  it('on generated records of every shape (missing, null, numbers, arrays, escapes, non-ASCII, odd keys)', () => {
    fc.assert(
      fc.property(record, fc.boolean(), (r, spaced) => {
        const line = spaced ? JSON.stringify(r, null, 1).replace(/\n/g, ' ') : JSON.stringify(r);
        expect(scanned(line)).toEqual(parsed(line));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses lines that are not a JSON object, so the caller falls back to JSON.parse', () => {
    for (const bad of ['', '[1]', '{"a": tru}', '{"a": 1', '{"a" 1}', '{"a": "x\ny"}', '{"a": 1} x', '{"_t": {"ids": {"crmId": "c"}}'])
      expect(scanned(bad), bad).toBeNull();
    expect(scanned('{"_t":{"ids":{"crmId":"a\\"b\\u00e9"}}}')).toEqual([{ namespace: 'CRMID', id: 'a"bé', primary: true, path: '_t.ids.crmId' }]);
  });
});
