import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, readJsonl, tempDir } from '../helpers/cli';
import { ROOT } from '../helpers/samples';

const LUMA = join(ROOT, 'public', 'samples', 'luma');
interface LumaRecord {
  _techmarketingdemos: { systemIdentifier: { loyaltyId?: number; crmId: string | null } };
  mobilePhone?: { number: string | null };
}
const json = (name: string) => JSON.parse(readFileSync(join(LUMA, name), 'utf8')) as LumaRecord[];

/**
 * The counts computed here from Adobe's JSON files directly, by a union-find of its own over
 * "namespace:value" strings: the tutorial's identities (loyaltyId primary and crmId in the
 * loyalty data, crmId primary in the CRM data).
 */
function independentCounts() {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    if (!parent.has(k)) parent.set(k, k);
    let r = k;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(k, r);
    return r;
  };
  const recordKeys: string[][] = [];
  for (const r of json('luma-loyalty.json')) {
    const s = r._techmarketingdemos.systemIdentifier;
    recordKeys.push([`L:${s.loyaltyId}`, ...(s.crmId ? [`C:${s.crmId}`] : [])]);
  }
  for (const r of json('luma-crm.json')) recordKeys.push([`C:${r._techmarketingdemos.systemIdentifier.crmId}`]);
  for (const keys of recordKeys) for (const k of keys.slice(1)) parent.set(find(k), find(keys[0]!));
  const recordsPerGraph = new Map<string, number>();
  for (const keys of recordKeys) recordsPerGraph.set(find(keys[0]!), (recordsPerGraph.get(find(keys[0]!)) ?? 0) + 1);
  const sizes = [...recordsPerGraph.values()];
  return {
    records: recordKeys.length,
    identities: parent.size,
    profiles: recordsPerGraph.size,
    linkedGraphs: sizes.filter((n) => n > 1).length,
    unlinkedRecords: sizes.filter((n) => n === 1).length,
  };
}

describe('profiles on the Luma loyalty and CRM records, mapped from CSV exports with the real CLI', () => {
  const dir = tempDir('xdm-profiles-');
  const loyalty = join(dir, 'luma-loyalty');
  const crm = join(dir, 'luma-crm');
  const crmIdentityMap = join(dir, 'luma-crm-identitymap');

  beforeAll(async () => {
    for (const [name, out, mapping] of [
      ['loyalty', loyalty, 'luma-loyalty'],
      ['crm', crm, 'luma-crm'],
      ['crm', crmIdentityMap, 'luma-crm-identitymap'],
    ] as const) {
      const r = await cli(
        'apply',
        '--mapping',
        join(ROOT, 'mappings', `${mapping}.mapping.json`),
        '--schema',
        join(LUMA, `luma-${name}.schema.json`),
        join(LUMA, `luma-${name}.csv`),
        '--out',
        out,
      );
      expect(r.code, r.err).toBe(0);
    }
  }, 60_000);

  it('the CSV exports hold every JSON record, and apply writes every row', () => {
    expect(JSON.parse(readFileSync(join(loyalty, 'manifest.json'), 'utf8')).rows).toEqual({ input: 1000, written: 1000, rejected: 0 });
    expect(JSON.parse(readFileSync(join(crm, 'manifest.json'), 'utf8')).rows).toEqual({ input: 1001, written: 1001, rejected: 0 });
  });

  it('looking up Luma Loyalty Id 5625458 finds one profile with both identities; timestamp order gives "Danny"', async () => {
    const r = await cli('profiles', '--from', loyalty, '--from', crm, '--lookup', 'lumaLoyaltyId:5625458', '--json');
    expect(r.code, r.err).toBe(0);
    const o = JSON.parse(r.out);
    expect(o.identities.map((i: { namespace: string; id: string }) => `${i.namespace}:${i.id}`)).toEqual([
      'lumaLoyaltyId:5625458',
      'lumaCrmId:112ca06ed53d3db37e4cea49cc45b71e',
    ]);
    expect(o.identities[1].from.map((f: { dataset: string; record: number }) => `${f.dataset}#${f.record}`)).toEqual(['luma-loyalty#1', 'luma-crm#1']);
    expect(o.fragments).toHaveLength(2);
    expect(o.profile.person.name.firstName).toBe('Danny');
    expect(o.attributes['person.name.firstName']).toEqual({
      value: 'Danny',
      from: { dataset: 'luma-crm', record: 1, file: 'part-00001.jsonl', line: 1 },
      beat: [{ value: 'Daniel', from: { dataset: 'luma-loyalty', record: 1, file: 'part-00001.jsonl', line: 1 } }],
    });
    expect(o.profile.homeAddress.city).toBe('Portland');
    expect(o.profile.loyalty.tier).toBe('gold');
    expect(o.mergePolicy).toEqual({ kind: 'timestamp' });
  });

  it('loyalty-first dataset precedence gives "Daniel" (and New York City), and the text view says what won', async () => {
    const r = await cli(
      'profiles',
      '--from',
      loyalty,
      '--from',
      crm,
      '--merge-policy',
      'dataset-precedence',
      '--precedence',
      'luma-loyalty,luma-crm',
      '--lookup',
      'lumaCrmId:112ca06ed53d3db37e4cea49cc45b71e',
      '--json',
    );
    expect(r.code, r.err).toBe(0);
    const o = JSON.parse(r.out);
    expect(o.profile.person.name.firstName).toBe('Daniel');
    expect(o.profile.homeAddress.city).toBe('New York City');
    expect(o.attributes['person.name.firstName'].beat[0].value).toBe('Danny');
    expect(o.otherPolicy.changes.map((c: { path: string }) => c.path)).toEqual(['person.name.firstName', 'homeAddress.city']);
    const text = await cli('profiles', '--from', loyalty, '--from', crm, '--lookup', 'lumaLoyaltyId:5625458');
    expect(text.out).toMatch(/person\.name\.firstName\s+Danny\s+← luma-crm record 1\s+beat Daniel \(luma-loyalty record 1\)/);
    expect(text.out).toMatch(/Under dataset precedence luma-loyalty > luma-crm instead:\n {2}person\.name\.firstName: Daniel/);
  });

  it('counts profiles, linked graphs and unlinked records over all records as an independent count does', async () => {
    const expected = independentCounts();
    // Adobe's CRM file has 1,001 records: one customer appears twice (see the samples README).
    expect(expected.records).toBe(2001);
    const r = await cli('profiles', '--from', loyalty, '--from', crm, '--json');
    const { summary } = JSON.parse(r.out);
    expect(summary).toMatchObject(expected);
    const text = await cli('profiles', '--from', loyalty, '--from', crm);
    expect(text.out).toContain(`profiles:          ${expected.profiles.toLocaleString('en-US')}`);
    expect(text.out).toContain(`linked graphs:     ${expected.linkedGraphs}`);
    expect(text.out).toContain(`unlinked records:  ${expected.unlinkedRecords.toLocaleString('en-US')}`);
    console.log(
      `Luma: ${expected.records} records, ${expected.profiles} profiles, ${expected.linkedGraphs} linked graphs, ${expected.unlinkedRecords} unlinked records`,
    );
  });

  it('with email and phone in identityMap, the shared placeholder phones are found, joining as many people as the data says', async () => {
    const perPhone = new Map<string, Set<string>>();
    for (const r of json('luma-crm.json')) {
      const phone = r.mobilePhone?.number;
      if (phone) perPhone.set(phone, (perPhone.get(phone) ?? new Set<string>()).add(r._techmarketingdemos.systemIdentifier.crmId!));
    }
    const top = [...perPhone].map(([p, s]) => [p, s.size] as const).sort((a, b) => b[1] - a[1]);
    const r = await cli('profiles', '--from', loyalty, '--from', crmIdentityMap, '--json');
    const shared = JSON.parse(r.out).guardrails.checks.find((c: { code: string }) => c.code === 'SHARED_VALUE');
    const phones = shared.examples.filter((e: { namespace: string }) => e.namespace === 'Phone');
    expect(phones.slice(0, 2).map((e: { id: string; n: number }) => [e.id, e.n])).toEqual(top.slice(0, 2));
    expect(top.slice(0, 2).map(([p]) => p)).toEqual(['867-5309', '111-111-1111']);
    const big = JSON.parse(r.out).guardrails.checks.find((c: { code: string }) => c.code === 'GRAPH_OVER_LIMIT');
    expect(big.count).toBe(2);
  });

  it('--report writes one line per profile that together hold every record, and the checks', async () => {
    const out = join(dir, 'report');
    const r = await cli('profiles', '--from', loyalty, '--from', crm, '--report', out);
    expect(r.code, r.err).toBe(0);
    const profiles = readJsonl(join(out, 'profiles.jsonl')) as { fragments: unknown[]; identities: unknown[] }[];
    const expected = independentCounts();
    expect(profiles).toHaveLength(expected.profiles);
    expect(profiles.reduce((n, p) => n + p.fragments.length, 0)).toBe(expected.records);
    expect(profiles.reduce((n, p) => n + p.identities.length, 0)).toBe(expected.identities);
    const g = JSON.parse(readFileSync(join(out, 'guardrails.json'), 'utf8'));
    expect(g.checks).toHaveLength(7);
    expect(g.summary.profiles).toBe(expected.profiles);
  });

  it('says what is wrong with bad arguments, and exits 1 for an identity no record has', async () => {
    expect((await cli('profiles')).code).toBe(2);
    const missing = await cli('profiles', '--from', join(dir, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no manifest\.json/);
    const badName = await cli('profiles', '--from', loyalty, '--precedence', 'luma-crm');
    expect(badName.code).toBe(2);
    expect(badName.err).toMatch(/"luma-crm", which is not a --from folder/);
    const late = await cli('profiles', '--from', loyalty, '--schema', join(LUMA, 'luma-crm.schema.json'));
    expect(late.err).toMatch(/--schema must come just before/);
    const partial = join(dir, 'partial');
    cpSync(loyalty, partial, { recursive: true });
    rmSync(join(partial, 'part-00001.jsonl'));
    const gone = await cli('profiles', '--from', partial);
    expect(gone.code).toBe(2);
    expect(gone.err).toMatch(/lists part-00001\.jsonl, which is not in the folder/);
    const none = await cli('profiles', '--from', loyalty, '--lookup', 'lumaLoyaltyId:1');
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/no record carries lumaLoyaltyId:1/);
  });
});
