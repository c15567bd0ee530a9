import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMapping } from '../../src/core/mapping/document';
import { cli, tempDir, writeTemp } from '../helpers/cli';
import { LUMA_CSV, LUMA_MAPPING, LUMA_SCHEMA, SCHEMAS } from '../helpers/samples';
import { BENCH } from '../helpers/suggest';

describe('xdm-mapper suggest', () => {
  it('prints a mapping document that apply accepts, for the Luma file', async () => {
    const r = await cli('suggest', '--schema', LUMA_SCHEMA, LUMA_CSV);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    const loaded = loadMapping(doc);
    expect(loaded.ok).toBe(true);
    expect(doc.mappings).toEqual(JSON.parse((await import('node:fs')).readFileSync(LUMA_MAPPING, 'utf8')).mappings);
    expect(doc.source).toMatchObject({ columns: ['SKU', 'Name', 'Category', 'Color', 'Size', 'Price'], encoding: 'macintosh', delimiter: ',' });
    expect(r.err).toMatch(/6 of 6 columns mapped/);
    const dir = tempDir();
    const m = writeTemp(dir, 'suggested.json', r.out);
    expect((await cli('apply', '--mapping', m, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', join(dir, 'o'))).code).toBe(0);
  });

  it('--explain adds confidence, evidence and alternatives, and the document still loads', async () => {
    const r = await cli('suggest', '--schema', SCHEMAS.profile, join(BENCH, 'suggest', 'd5-traps.csv'), '--explain');
    const doc = JSON.parse(r.out);
    const email = doc.explain.find((e: { column: string }) => e.column === 'Email');
    expect(email).toMatchObject({
      destination: 'personalEmail.address',
      confidence: expect.any(Number),
      level: 'high',
      evidence: expect.arrayContaining(['values look like email addresses']),
    });
    const optIn = doc.explain.find((e: { column: string }) => e.column === 'Email Opt-in');
    expect(optIn.destination).toBeNull();
    expect(optIn.level).toBe('none');
    expect(r.err).toMatch(/unmapped: "Email Opt-in"/);
    expect(loadMapping(doc).ok).toBe(true);
  });

  it('--memory reuses saved mappings, ours or AEP sets', async () => {
    const dir = tempDir();
    const mem = join(dir, 'mem');
    mkdirSync(mem);
    writeFileSync(join(mem, 'crm.json'), JSON.stringify([{ sourceAttribute: 'Ref', destinationXdmPath: '_acme.systemIdentifier.crmId' }]));
    writeFileSync(join(mem, 'notes.json'), '{"not": "a mapping"}');
    const csv = writeTemp(dir, 'in.csv', 'Ref,Email\nX1,a@b.co\n');
    const r = await cli('suggest', '--schema', SCHEMAS.profile, csv, '--memory', mem, '--explain');
    const doc = JSON.parse(r.out);
    expect(doc.mappings[0]).toEqual({ sourceType: 'ATTRIBUTE', source: 'Ref', destination: '_acme.systemIdentifier.crmId' });
    expect(doc.explain[0].evidence[0]).toMatch(/mapped this way before in .*crm.json/);
    expect(r.err).toMatch(/notes.json is not a mapping and was skipped/);
  });

  it('suggests for a schema with fields named like Object.prototype members (valueOf, toString, hasOwnProperty)', async () => {
    const dir = tempDir();
    const schema = writeTemp(
      dir,
      'hostile.schema.json',
      JSON.stringify({
        title: 'Hostile',
        type: 'object',
        properties: {
          valueOf: { type: 'string' },
          toString: { type: 'object', properties: { call: { type: 'string' }, hasOwnProperty: { type: 'string' } } },
          isPrototypeOf: { type: 'string', 'meta:enum': { __proto__: 'x', valueOf: 'y' } },
          personalEmail: { type: 'object', properties: { address: { type: 'string', format: 'email' } } },
        },
      }),
    );
    const csv = writeTemp(dir, 'in.csv', 'valueOf,toString,hasOwnProperty,constructor,__proto__,Email\nalpha,beta,gamma,delta,epsilon,a@b.co\n');
    const r = await cli('suggest', '--schema', schema, csv, '--explain');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.mappings).toContainEqual({ sourceType: 'ATTRIBUTE', source: 'Email', destination: 'personalEmail.address' });
    expect(doc.explain).toHaveLength(6);
  });

  it('headers named __proto__, constructor and the like, or 100,000 characters long, come back under their own names, in --explain and --json', async () => {
    const dir = tempDir();
    const mem = join(dir, 'mem');
    mkdirSync(mem);
    writeFileSync(join(mem, 'saved.json'), JSON.stringify([{ sourceAttribute: '__proto__', destinationXdmPath: 'personalEmail.address' }]));
    const long = 'x'.repeat(100_000);
    const headers = ['__proto__', 'constructor', 'prototype', 'toString', '__proto__.polluted', long, '\u200bFirst\u00adName', 'Ⅻ 😀'];
    const csv = writeTemp(
      dir,
      'in.csv',
      `${headers.join(',')}\nana@example.com,alpha,beta,gamma,delta,epsilon,Ana,zeta\nbo@example.org,alpha,beta,gamma,delta,epsilon,Bo,eta\n`,
    );
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const explain = await cli('suggest', '--schema', SCHEMAS.profile, csv, '--memory', mem, '--explain');
    expect(explain.code).toBe(0);
    const doc = JSON.parse(explain.out);
    expect(doc.explain.map((e: { column: string }) => e.column)).toEqual(headers);
    expect(doc.source.columns).toEqual(headers);
    expect(doc.mappings).toContainEqual({ sourceType: 'ATTRIBUTE', source: '__proto__', destination: 'personalEmail.address' });
    expect(doc.mappings).toContainEqual({ sourceType: 'ATTRIBUTE', source: headers[6], destination: 'person.name.firstName' });
    expect(loadMapping(doc).ok).toBe(true);
    const json = JSON.parse((await cli('suggest', '--schema', SCHEMAS.profile, csv, '--memory', mem, '--json')).out);
    expect(json.suggestions.map((e: { column: string }) => e.column)).toEqual(headers);
    expect(json.unmapped).toContain(long);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses bad arguments with exit 2', async () => {
    expect((await cli('suggest', LUMA_CSV)).code).toBe(2);
    expect((await cli('suggest', '--schema', LUMA_SCHEMA, LUMA_CSV, '--threshold', '3')).err).toMatch(/--threshold must be between 0 and 1/);
  });
});
