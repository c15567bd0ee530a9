/**
 * Generates three apply output folders (manifest.json, part files, schema) of profile records for
 * the identity benchmark, as a company's CRM, loyalty and web data would look:
 *   npx tsx bench/identity/generate.ts DIR RECORDS
 * 40 % CRM (crmId primary; email and phone in identityMap), 30 % loyalty (loyaltyId primary;
 * the crmId of 85 % of members), 30 % web (ECID primary; the email of 40 % of visitors).
 * Shared values in realistic shares: 0.5 % of CRM phones are placeholders (111-111-1111,
 * 000-000-0000), 0.1 % of emails test@test.com, 2 % of people share a household email, 0.05 %
 * of web visitors send "null" as their email, and a few loyalty members carry a mistyped crmId
 * that belongs to someone else.
 */
import { closeSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const [dir, recordsArg] = process.argv.slice(2);
if (!dir || !recordsArg) throw new Error('usage: generate.ts DIR RECORDS');
const total = Number(recordsArg);
const crmN = Math.round(total * 0.4);
const loyaltyN = Math.round(total * 0.3);
const webN = total - crmN - loyaltyN;

let seed = 0x9e3779b9;
const rand = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};
const int = (n: number) => Math.floor(rand() * n);
const hex = (i: number) => {
  // 32 hex characters, unique per i.
  const a = (Math.imul(i, 0x9e3779b1) >>> 0).toString(16).padStart(8, '0');
  const b = (Math.imul(i ^ 0x5bd1e995, 0x85ebca6b) >>> 0).toString(16).padStart(8, '0');
  return `${a}${b}${i.toString(16).padStart(16, '0')}`;
};
const FIRST = ['Daniel', 'Maria', 'José', 'Aiko', 'Chloé', 'Noah', 'Liam', 'Olivia', 'Mateo', 'Zoë', 'Ава', 'Søren', 'Amara', 'Wei', 'Fatima'];
const LAST = ['Wright', 'García', 'Müller', 'Tanaka', 'Dubois', 'Smith', 'Nowak', 'Rossi', 'Öztürk', 'Kim', 'Silva', "O'Brien"];
const CITY = ['Portland', 'New York City', 'São Paulo', 'München', 'Lyon', 'Osaka', 'Kraków', 'Toronto', 'Quận Tân Phú', 'Austin'];
const TIER = ['bronze', 'silver', 'gold', 'platinum'];
const email = (person: number) =>
  rand() < 0.02 ? `household${Math.floor(person / 3)}@example.net` : rand() < 0.001 ? 'test@test.com' : `p${person}@example.com`;
const phone = (person: number) =>
  rand() < 0.005
    ? rand() < 0.5
      ? '111-111-1111'
      : '000-000-0000'
    : `${200 + (person % 800)}-${String(int(1000)).padStart(3, '0')}-${String(person % 10000).padStart(4, '0')}`;
const ecid = (i: number) => `${String(10_000_000_000_000_000_000 + i).slice(0, 19)}${String(i).padStart(19, '0')}`;
const item = (id: string) => `[{"id":${JSON.stringify(id)},"authenticatedState":"ambiguous","primary":false}]`;

function schema(title: string, descriptors: [string, string, boolean][]) {
  return {
    $id: `https://ns.adobe.com/bench/schemas/${title.toLowerCase().replace(/\W+/g, '-')}`,
    title,
    type: 'object',
    'meta:tenantNamespace': '_bench',
    properties: {
      _bench: {
        type: 'object',
        properties: { systemIdentifier: { type: 'object', properties: { crmId: { type: 'string' }, loyaltyId: { type: 'string' } } } },
      },
      identityMap: {
        type: 'object',
        'meta:xdmType': 'map',
        additionalProperties: {
          type: 'array',
          items: { type: 'object', properties: { id: { type: 'string' }, authenticatedState: { type: 'string' }, primary: { type: 'boolean' } } },
        },
      },
      person: { type: 'object', properties: { name: { type: 'object', properties: { firstName: { type: 'string' }, lastName: { type: 'string' } } } } },
      homeAddress: { type: 'object', properties: { city: { type: 'string' } } },
      loyalty: { type: 'object', properties: { points: { type: 'number' }, tier: { type: 'string' } } },
    },
    'meta:descriptors': descriptors.map(([field, ns, primary]) => ({
      '@type': 'xdm:descriptorIdentity',
      'xdm:sourceProperty': `/_bench/systemIdentifier/${field}`,
      'xdm:namespace': ns,
      'xdm:isPrimary': primary,
    })),
  };
}

function dataset(name: string, n: number, sch: object, line: (i: number) => string) {
  const out = join(dir!, name);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'schema.json'), JSON.stringify(sch));
  const files: { path: string; records: number; bytes: number }[] = [];
  const perFile = 1_000_000;
  for (let f = 0; f * perFile < n; f++) {
    const path = `part-${String(f + 1).padStart(5, '0')}.jsonl`;
    const fd = openSync(join(out, path), 'w');
    let buf: string[] = [];
    const end = Math.min(n, (f + 1) * perFile);
    for (let i = f * perFile; i < end; i++) {
      buf.push(line(i));
      if (buf.length === 20_000) {
        writeSync(fd, `${buf.join('\n')}\n`);
        buf = [];
      }
    }
    if (buf.length) writeSync(fd, `${buf.join('\n')}\n`);
    closeSync(fd);
    files.push({ path, records: end - f * perFile, bytes: statSync(join(out, path)).size });
  }
  writeFileSync(
    join(out, 'manifest.json'),
    JSON.stringify({ tool: { name: 'xdm-mapper' }, schema: { path: 'schema.json' }, rows: { input: n, written: n, rejected: 0 }, files }, null, 2),
  );
}

const name = (i: number) =>
  `"person":{"name":{"firstName":${JSON.stringify(FIRST[i % FIRST.length])},"lastName":${JSON.stringify(LAST[(i >> 4) % LAST.length])}}}`;
const city = () => `"homeAddress":{"city":${JSON.stringify(CITY[int(CITY.length)])}}`;
dataset('crm', crmN, schema('Bench CRM', [['crmId', 'CRMID', true]]), (i) => {
  const ph = rand() < 0.6 ? `,"Phone":${item(phone(i))}` : '';
  return `{"_bench":{"systemIdentifier":{"crmId":"${hex(i)}"}},${name(i)},${city()},"identityMap":{"Email":${item(email(i))}${ph}}}`;
});
dataset(
  'loyalty',
  loyaltyN,
  schema('Bench Loyalty', [
    ['loyaltyId', 'LoyaltyId', true],
    ['crmId', 'CRMID', false],
  ]),
  (i) => {
    // Members are CRM customers in another order (a permutation, so two members are two people).
    const person = (i * 2654435761) % crmN;
    const crm = rand() < 0.85 ? `,"crmId":"${hex(rand() < 0.0005 ? int(crmN) : person)}"` : '';
    return `{"_bench":{"systemIdentifier":{"loyaltyId":"${5_000_000 + i}"${crm}}},"loyalty":{"points":${int(1_000_000)},"tier":"${TIER[int(4)]}"},${name(person)},${city()}}`;
  },
);
dataset('web', webN, schema('Bench Web', []), (i) => {
  const known = rand() < 0.4 ? `,"Email":${item(rand() < 0.0005 ? 'null' : email(int(crmN)))}` : '';
  return `{"identityMap":{"ECID":[{"id":"${ecid(i)}","authenticatedState":"ambiguous","primary":true}]${known}},${city()}}`;
});
