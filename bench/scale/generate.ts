/**
 * Writes a CSV for the scale benchmark: mixed types, quoted fields with commas and quotes,
 * empty cells, dates, UTF-8 names, and a few rows that must be rejected.
 *   npx tsx bench/scale/generate.ts OUT.csv ROWS [--wide]
 * --wide writes 60 columns instead of 14; --dates-us writes the same file with birth dates as
 * MM/dd/yyyy and timestamps as yyyy-MM-dd HH:mm:ss (the same records once converted).
 */
import { createWriteStream } from 'node:fs';

const [out, rowsArg, ...flags] = process.argv.slice(2);
if (!out || !rowsArg) {
  console.error('usage: generate.ts OUT.csv ROWS [--wide]');
  process.exit(2);
}
const rows = Number(rowsArg);
const wide = flags.includes('--wide');
const usDates = flags.includes('--dates-us');

// A small deterministic generator: the same file every time.
let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
const FIRST = ['Ada', 'Zoë', 'José', 'Björn', 'Ngozi', 'Søren', 'Aiko', 'Mateus', 'Łucja', 'François', 'Grace', 'Alan'];
const LAST = ['Lovelace', 'Müller', 'García', 'Ødegaard', "O'Brien", 'Nakamura', 'Dubois', 'Hopper', 'Turing', 'Kowalski'];
const CITIES = ['Berlin', 'São Paulo', 'Zürich', 'Paris', 'Kraków', 'New York, NY', 'Tokyo', 'Lyon'];
const TIERS = ['gold', 'silver', 'bronze', 'platinum', ''];

const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const base = [
  'id',
  'first_name',
  'last_name',
  'email',
  'birth_date',
  'city',
  'postal_code',
  'country',
  'points',
  'tier',
  'opt_in',
  'joined',
  'lifetime_value',
  'note',
];
const extra = wide ? Array.from({ length: 46 }, (_, i) => `attr_${i + 1}`) : [];
const header = [...base, ...extra];

const stream = createWriteStream(out);
let buf = `${header.join(',')}\n`;
for (let i = 1; i <= rows; i++) {
  const first = pick(FIRST);
  const last = pick(LAST);
  const y = 1940 + Math.floor(rand() * 65);
  const m = 1 + Math.floor(rand() * 12);
  const d = 1 + Math.floor(rand() * 28);
  const bad = i % 50000 === 0; // now and then a row to reject (no id) and a date that does not parse
  const ascii = first
    .normalize('NFKD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
  const cells = [
    bad ? '' : `C${String(i).padStart(9, '0')}`,
    first,
    last,
    rand() < 0.05 ? '' : `${ascii}.${i}@example.com`,
    i % 40000 === 0
      ? 'not-a-date'
      : usDates
        ? `${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}/${y}`
        : `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    pick(CITIES),
    String(Math.floor(rand() * 99999)).padStart(5, '0'),
    pick(['DE', 'BR', 'CH', 'FR', 'PL', 'US', 'JP']),
    rand() < 0.1 ? '' : String(Math.floor(rand() * 100000)),
    pick(TIERS),
    pick(['yes', 'no', 'Y', 'N', 'true', 'false']),
    `2019-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}${usDates ? ' ' : 'T'}10:${String(Math.floor(rand() * 60)).padStart(2, '0')}:00${usDates ? '' : 'Z'}`,
    (rand() * 5000).toFixed(2),
    rand() < 0.3 ? `said "hello", then left` : rand() < 0.5 ? '' : 'ok',
    ...extra.map(() => (rand() < 0.2 ? '' : String(Math.floor(rand() * 1000)))),
  ];
  buf += `${cells.map(quote).join(',')}\n`;
  if (buf.length > 1 << 20) {
    if (!stream.write(buf)) await new Promise((r) => stream.once('drain', r));
    buf = '';
  }
}
stream.end(buf);
await new Promise((r) => stream.on('finish', r));
