import { describe, expect, it } from 'vitest';
import type { GuardrailCode } from '../../../src/core/identity/guardrails.types';
import type { IdentitySpec } from '../../../src/core/identity/identity.types';
import { buildIdentityGraph, type DatasetSource } from '../../../src/core/identity/pipeline';

/** A dataset held in memory: each record one JSON line (or raw text, for broken lines). */
const dataset = (name: string, spec: IdentitySpec, records: (Record<string, unknown> | string)[]): DatasetSource => ({
  name,
  spec,
  files: [
    {
      name: 'part-00001.jsonl',
      chunks: async function* () {
        yield new TextEncoder().encode(records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n'));
      },
    },
  ],
});

const CRM: IdentitySpec = { fields: [{ path: 'crmId' as never, namespace: 'CRMID', primary: true }], identityMap: true };
const MAP_ONLY: IdentitySpec = { fields: [], identityMap: true };
const item = (id: string, primary = false) => [{ id, authenticatedState: 'ambiguous', primary }];

async function checks(...sources: DatasetSource[]) {
  const g = await buildIdentityGraph(sources);
  const by = (code: GuardrailCode) => g.guardrails.checks.find((c) => c.code === code)!;
  return { g, by };
}

describe('identity guardrails, on generated records', () => {
  it('refused values: ECIDs not of 38 digits and values over 1,024 characters skip the record; empty and placeholder values are dropped', async () => {
    const ecid = '1'.repeat(38);
    const records = [
      { crmId: 'c1', identityMap: { ECID: item('1'.repeat(37)) } },
      { crmId: 'c2', identityMap: { ECID: item(`${'1'.repeat(37)}x`) } },
      { crmId: 'c3', identityMap: { Email: item('x'.repeat(1025)) } },
      { crmId: 'c4', identityMap: { Email: item('null'), Phone: item('Anonymous') } },
      { crmId: 'c5', identityMap: { Email: item('  '), Phone: item('INVALID') } },
      { crmId: 'c6', identityMap: { ECID: item(ecid), Email: item('x'.repeat(1024)) } },
    ];
    const { g, by } = await checks(dataset('crm', CRM, records));
    const refused = by('REFUSED_VALUE');
    expect(refused.count).toBe(7);
    expect(refused.examples.map((e) => e.code)).toEqual([
      'ECID_LENGTH',
      'ECID_NOT_DIGITS',
      'VALUE_TOO_LONG',
      'RESERVED_VALUE',
      'RESERVED_VALUE',
      'EMPTY_VALUE',
      'RESERVED_VALUE',
    ]);
    expect(refused.examples[0]!.at).toMatchObject({ dataset: 0, record: 1, line: 1 });
    // c1-c3 skipped; c4 and c5 keep their CRM id; c6 is clean (38 digits, exactly 1,024 characters).
    expect(g.summary.skippedRecords).toBe(3);
    expect(g.summary.profiles).toBe(3);
    expect(g.summary.identities).toBe(5);
  });

  it('records with more than 20 identities are counted with how many they carry', async () => {
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, k) => [`NS${k}`, item(`v${k}`)]));
    const { by } = await checks(
      dataset('crm', CRM, [
        { crmId: 'a', identityMap: many(19) },
        { crmId: 'b', identityMap: many(20) },
        { crmId: 'c', identityMap: many(25) },
      ]),
    );
    const c = by('TOO_MANY_IDENTITIES');
    expect(c.count).toBe(2);
    expect(c.examples.map((e) => e.n)).toEqual([21, 26]);
    expect(c.examples.map((e) => e.at?.record)).toEqual([2, 3]);
  });

  it('records without a primary identity are counted and left out of the graph', async () => {
    const { g, by } = await checks(
      dataset('app', MAP_ONLY, [
        { identityMap: { Email: item('a@x.com', true) } },
        { identityMap: { Email: item('b@x.com'), Phone: item('555') } },
        { identityMap: { Email: item('c@x.com') } },
      ]),
    );
    expect(by('NO_PRIMARY_IDENTITY').count).toBe(2);
    expect(by('NO_PRIMARY_IDENTITY').examples[0]!.detail).toMatch(/Email:b@x\.com, Phone:555/);
    expect(g.summary.profiles).toBe(1);
  });

  it('graphs over 50 identities: the oldest identities are the ones AEP would delete', async () => {
    // A chain: record k has CRM id ck and the email of record k-1, so 60 records make one graph of 120 identities.
    const records = Array.from({ length: 60 }, (_, k) => ({
      crmId: `c${k}`,
      identityMap: { Email: item(`p${k}@x.com`), ...(k ? { Phone: item(`p${k - 1}`) } : {}) },
    }));
    records.forEach((r, k) => {
      if (k) r.identityMap.Phone = item(`p${k - 1}@x.com`);
    });
    const chain = records.map((r, k) => (k ? { crmId: r.crmId, identityMap: { Email: [r.identityMap.Email[0]!, ...item(`p${k - 1}@x.com`)] } } : r));
    const small = Array.from({ length: 10 }, (_, k) => ({ crmId: `s${k}`, identityMap: { Email: item(`s${k}@x.com`) } }));
    const { g, by } = await checks(dataset('crm', CRM, [...chain, ...small]));
    const c = by('GRAPH_OVER_LIMIT');
    expect(c.count).toBe(1);
    expect(c.examples[0]!.n).toBe(120);
    expect(c.examples[0]!.detail).toMatch(/the 70 oldest would be deleted: CRMID:c0, Email:p0@x\.com, CRMID:c1, Email:p1@x\.com/);
    expect(g.summary.largestGraph).toBe(120);
    expect(g.summary.profiles).toBe(11);
  });

  it('a value shared by otherwise separate people is reported with how many it joins, the largest first', async () => {
    const records = [
      ...Array.from({ length: 30 }, (_, k) => ({ crmId: `c${k}`, identityMap: { Phone: item('111-111-1111'), Email: item(`p${k}@x.com`) } })),
      ...Array.from({ length: 3 }, (_, k) => ({ crmId: `f${k}`, identityMap: { Email: item('family@x.com') } })),
      // The same person twice (one CRM id) is one person, not a shared value.
      { crmId: 'solo', identityMap: { Email: item('solo@x.com') } },
      { crmId: 'solo', identityMap: { Email: item('solo@x.com') } },
    ];
    const { g, by } = await checks(dataset('crm', CRM, records));
    const c = by('SHARED_VALUE');
    expect(c.count).toBe(2);
    expect(c.examples.map((e) => [e.namespace, e.id, e.n])).toEqual([
      ['Phone', '111-111-1111', 30],
      ['Email', 'family@x.com', 3],
    ]);
    expect(g.summary.profiles).toBe(3);
    expect(g.summary.linkedGraphs).toBe(3);
  });

  it('a one-per-person namespace with several values in one graph is reported per graph, with its values', async () => {
    const loyalty: IdentitySpec = {
      fields: [
        { path: 'loyaltyId' as never, namespace: 'LoyaltyId', primary: true },
        { path: 'crmId' as never, namespace: 'CRMID', primary: false },
      ],
      identityMap: false,
    };
    const { by } = await checks(
      dataset('crm', CRM, [
        { crmId: 'c1', identityMap: { Email: item('same@x.com') } },
        { crmId: 'c2', identityMap: { Email: item('same@x.com') } },
        { crmId: 'c3', identityMap: { Email: item('c3@x.com') } },
      ]),
      dataset('loyalty', loyalty, [
        { loyaltyId: 'L1', crmId: 'c3' },
        { loyaltyId: 'L2', crmId: 'c3' },
        { loyaltyId: 'L3', crmId: 'c9' },
      ]),
    );
    const c = by('UNIQUE_NAMESPACE_REPEATED');
    expect(c.count).toBe(2);
    expect(c.examples.map((e) => [e.namespace, e.n, e.detail])).toEqual([
      ['CRMID', 2, '2 values in one graph: c1, c2'],
      ['LoyaltyId', 2, '2 values in one graph: L1, L2'],
    ]);
  });

  it('lines that are not JSON records are counted with their line, and reading goes on', async () => {
    const { g, by } = await checks(dataset('crm', CRM, [{ crmId: 'a' }, '{"crmId": "b"', '[1,2]', { crmId: 'c' }]));
    expect(by('UNREADABLE_RECORD').count).toBe(2);
    expect(by('UNREADABLE_RECORD').examples.map((e) => e.at?.line)).toEqual([2, 3]);
    expect(g.summary.profiles).toBe(2);
    expect(g.summary.records).toBe(4);
  });

  it('clean data passes every check with a count of 0', async () => {
    const { g } = await checks(dataset('crm', CRM, [{ crmId: 'a', identityMap: { Email: item('a@x.com') } }]));
    expect(g.guardrails.checks.map((c) => c.count)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});
