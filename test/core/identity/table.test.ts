import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdentityTable } from '../../../src/core/identity/table';

describe('IdentityTable', () => {
  it('gives each distinct namespace and value one index, in order of first appearance, as a Map would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('Email', 'Phone', 'ECID', 'toString'), fc.string({ unit: 'grapheme', maxLength: 12 })), { maxLength: 300 }),
        (pairs) => {
          const t = new IdentityTable();
          const expected = new Map<string, number>();
          for (const [ns, v] of pairs) {
            const key = `${ns}\u0000${v}`;
            if (!expected.has(key)) expected.set(key, expected.size);
            expect(t.intern(t.namespaceId(ns), v)).toBe(expected.get(key));
          }
          expect(t.size).toBe(expected.size);
          for (const [key, i] of expected) {
            const [ns, v] = key.split('\u0000') as [string, string];
            expect(t.find(t.namespaceId(ns), v)).toBe(i);
            expect(t.idOf(i)).toBe(v);
            expect(t.namespaceNames[t.namespaceOf(i)]).toBe(ns);
          }
        },
      ),
    );
  });

  it('keeps 300,000 identities across growth and rehashing, and finds none it was not given', () => {
    const t = new IdentityTable();
    const email = t.namespaceId('Email');
    const phone = t.namespaceId('Phone');
    for (let i = 0; i < 150_000; i++) {
      t.intern(email, `person${i}@example.com`);
      t.intern(phone, `+1-555-${String(i).padStart(7, '0')}`);
    }
    expect(t.size).toBe(300_000);
    expect(t.find(email, 'person149999@example.com')).toBe(299_998);
    expect(t.find(phone, 'person149999@example.com')).toBe(-1);
    expect(t.find(email, 'person150000@example.com')).toBe(-1);
    expect(t.idOf(1)).toBe('+1-555-0000000');
    // The same value in two namespaces is two identities.
    expect(t.intern(phone, 'person0@example.com')).toBe(300_000);
  });

  it('keeps every identity when the index outgrows the bits beside the hash tag (here 6 instead of 25)', () => {
    const t = new IdentityTable(6);
    const email = t.namespaceId('Email');
    for (let i = 0; i < 5000; i++) expect(t.intern(email, `p${i}@example.com`)).toBe(i);
    for (let i = 0; i < 5000; i++) expect(t.find(email, `p${i}@example.com`)).toBe(i);
    expect(t.find(email, 'p5000@example.com')).toBe(-1);
    expect(t.intern(email, 'p4999@example.com')).toBe(4999);
    expect(t.size).toBe(5000);
  });

  it('stores non-ASCII values as UTF-8 and decodes them unchanged (no normalisation)', () => {
    const t = new IdentityTable();
    const ns = t.namespaceId('lumaCrmId');
    const decomposed = 'Qua\u0323n';
    const composed = 'Quận'.normalize('NFC');
    const a = t.intern(ns, decomposed);
    const b = t.intern(ns, composed);
    expect(a).not.toBe(b);
    expect(t.idOf(a)).toBe(decomposed);
    expect(t.idOf(b)).toBe(composed);
  });
});
