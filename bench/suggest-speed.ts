/**
 * Speed of the suggester: 60 columns (real export headers with generated values) against the
 * 1,307-leaf profile schema. Prints the cold time (field index built), then medians for a file
 * seen for the first time (headers and values read) and for the same file again (after an edit).
 *   npx tsx bench/suggest-speed.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileColumns } from '../src/core/csv/profile';
import { loadSchemaText } from '../src/core/schema/loadSchema';
import { suggestMappings } from '../src/core/suggest/suggest';

const root = join(import.meta.dirname, '..');
const r = loadSchemaText(readFileSync(join(root, 'public/samples/xdm/profile-large.schema.json'), 'utf8'));
if (!r.ok) throw new Error('schema');
const tree = r.tree;

const kinds: Record<string, (i: number) => string> = {
  id: (i) => `C${100000 + i}`,
  name: (i) => ['Ada', 'Alan', 'Grace', 'Linus', 'Edsger'][i % 5]!,
  email: (i) => `user${i}@example.com`,
  phone: (i) => `+1 202-555-${String(1000 + (i % 9000)).padStart(4, '0')}`,
  date: (i) => `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 9}`,
  city: (i) => ['Berlin', 'Paris', 'Austin', 'Lyon'][i % 4]!,
  country: (i) => ['Germany', 'France', 'United States'][i % 3]!,
  num: (i) => String((i * 37) % 1000),
  money: (i) => ((i * 13) % 500).toFixed(2),
  text: (i) => `note ${i}`,
  bool: (i) => (i % 2 ? 'yes' : 'no'),
};
const headers: [string, keyof typeof kinds][] = [
  ['Customer ID', 'id'],
  ['First Name', 'name'],
  ['Last Name', 'name'],
  ['Email', 'email'],
  ['Work Email', 'email'],
  ['Phone', 'phone'],
  ['Mobile Phone', 'phone'],
  ['Work Phone', 'phone'],
  ['Fax', 'phone'],
  ['Date of Birth', 'date'],
  ['Street Address', 'text'],
  ['Address Line 2', 'text'],
  ['City', 'city'],
  ['State', 'text'],
  ['Zip', 'num'],
  ['Country', 'country'],
  ['Billing City', 'city'],
  ['Billing Zip', 'num'],
  ['Billing Country', 'country'],
  ['Shipping City', 'city'],
  ['Shipping Zip', 'num'],
  ['Shipping Country', 'country'],
  ['Job Title', 'text'],
  ['Company', 'text'],
  ['Department', 'text'],
  ['Loyalty Points', 'num'],
  ['Loyalty Tier', 'text'],
  ['Member Since', 'date'],
  ['Lifetime Spend', 'money'],
  ['Gender', 'text'],
  ['Salutation', 'text'],
  ['Middle Name', 'name'],
  ['Full Name', 'name'],
  ['Preferred Language', 'text'],
  ['Username', 'text'],
  ['Email Opt In', 'bool'],
  ['SMS Opt In', 'bool'],
  ['Marital Status', 'text'],
  ['Nationality', 'country'],
  ['Tax ID', 'id'],
  ['Home Phone Extension', 'num'],
  ['Mailing Street', 'text'],
  ['Mailing City', 'city'],
  ['Mailing Zip', 'num'],
  ['Mailing Country', 'country'],
  ['Work City', 'city'],
  ['Work Country', 'country'],
  ['Lead Source', 'text'],
  ['Lifecycle Stage', 'text'],
  ['Account Created', 'date'],
  ['Last Login', 'date'],
  ['Points Redeemed', 'num'],
  ['Next Tier', 'text'],
  ['Tier Expiry', 'date'],
  ['Birth Year', 'num'],
  ['Notes', 'text'],
  ['Tags', 'text'],
  ['Region', 'text'],
  ['Province', 'text'],
  ['County', 'text'],
];
const rows = Array.from({ length: 200 }, (_, i) => headers.map(([, k]) => kinds[k]!(i)));
const profiles = profileColumns(
  headers.map(([h]) => h),
  rows,
);

const t0 = performance.now();
suggestMappings(tree, profiles);
const cold = performance.now() - t0;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]!;
// Warm: the same profiles again (the app derives suggestions again after every mapping edit).
// CPU time as well as wall time: on a shared machine the wall clock counts other people's work.
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const warm: number[] = [];
const warmCpu: number[] = [];
let mapped = 0;
for (let k = 0; k < 30; k++) {
  const c = process.cpuUsage();
  const t = performance.now();
  const s = suggestMappings(tree, profiles);
  warm.push(performance.now() - t);
  warmCpu.push(cpuMs(c));
  mapped = s.filter((x) => x.destination).length;
}
// Fresh: new profile objects each time, as for a file never seen before (headers and values read again).
const fresh: number[] = [];
const freshCpu: number[] = [];
for (let k = 0; k < 30; k++) {
  const copies = profiles.map((p) => ({ ...p }));
  const c = process.cpuUsage();
  const t = performance.now();
  suggestMappings(tree, copies);
  fresh.push(performance.now() - t);
  freshCpu.push(cpuMs(c));
}
console.log(
  `suggest speed: ${headers.length} columns x ${tree.leaves.length} leaf fields: cold ${cold.toFixed(1)} ms (index built); ` +
    `new file: median ${median(fresh).toFixed(1)} ms, p90 ${p90(fresh).toFixed(1)} ms (CPU median ${median(freshCpu).toFixed(1)} ms); ` +
    `same file again: median ${median(warm).toFixed(1)} ms, p90 ${p90(warm).toFixed(1)} ms (CPU median ${median(warmCpu).toFixed(1)} ms); ${mapped} columns mapped`,
);
