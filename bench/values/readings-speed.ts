/**
 * How long inferring the readings of 60 columns from 100,000 sample rows takes (the issue's
 * target: under 100 ms), and the whole column profile for comparison. The sample mixes the
 * column kinds of real exports: names and free text, identifiers, e-mails, phone numbers, plain
 * and locale numbers, currency amounts, ISO and local dates and date-times, Unix times, flags.
 * Rows are generated once, as parsed rows; each figure is the median of several runs.
 *
 *   npx tsx bench/values/readings-speed.ts [ROWS]
 */
import { profileColumns } from '../../src/core/csv/profile';
import { inferReadings } from '../../src/core/csv/readings';

const ROWS = Number(process.argv[2] ?? 100_000);
let seed = 7;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const p2 = (n: number) => String(n).padStart(2, '0');
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const NAMES = ['Anna', 'Lukas', 'Marie', 'Jonas', 'Léa', 'Mateo', 'Sofia', 'Noah', 'Emma', 'Liam', 'Zoë', 'Björn'];
const CITIES = ['Berlin', 'Paris', 'Madrid', 'Köln', 'Lyon', 'Porto', 'Milano', 'Utrecht', 'Wien', 'Zürich'];
const date = () => ({ y: int(1950, 2024), m: int(1, 12), d: int(1, 28), h: int(0, 23), mi: int(0, 59), s: int(0, 59) });

/** One generator per column kind; 60 columns cycle through them. */
const KINDS: ((i: number) => string)[] = [
  () => pick(NAMES),
  () => `${pick(NAMES)} ${pick(NAMES)}son`,
  () => pick(CITIES),
  (i) => `CUST-${String(100000 + i)}`,
  () => `${pick(NAMES).toLowerCase()}.${int(1, 999)}@example.com`,
  () => `+49 ${int(150, 179)} ${int(1000000, 9999999)}`,
  () => String(int(1, 20)),
  () => `${int(0, 999)}.${p2(int(0, 99))}`,
  () => `${int(0, 9)}.${int(100, 999)},${p2(int(0, 99))}`,
  () => `${int(1, 999)},${p2(int(0, 99))} €`,
  () => {
    const t = date();
    return `${t.y}-${p2(t.m)}-${p2(t.d)}`;
  },
  () => {
    const t = date();
    return `${p2(t.d)}/${p2(t.m)}/${t.y}`;
  },
  () => {
    const t = date();
    return `${t.y}-${p2(t.m)}-${p2(t.d)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)} -0700`;
  },
  () => {
    const t = date();
    return `${t.y}-${p2(t.m)}-${p2(t.d)}T${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}.${String(int(0, 999)).padStart(3, '0')}Z`;
  },
  () => {
    const t = date();
    return `${p2(t.d)}.${p2(t.m)}.${t.y}`;
  },
  () => String(int(1420070400, 1735689600)),
  () => pick(['yes', 'no']),
  () => pick(['Ja', 'Nein', '']),
  () => pick(['x', '', '']),
  () => `Order ${int(1, 99999)}: ${pick(['shipped', 'pending', 'returned'])}, ${pick(CITIES)}`,
];
const columns = Array.from({ length: 60 }, (_, c) => `column ${c + 1}`);
const rows: string[][] = Array.from({ length: ROWS }, (_, r) => columns.map((_, c) => KINDS[c % KINDS.length]!(r)));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/**
 * Median CPU time of this process over several runs, in ms (and the wall time): on a machine
 * shared with other work, CPU time is what the inference itself costs, while wall time also
 * counts the waits for a core.
 */
function time(f: () => void, runs: number): { cpu: number; wall: number; best: number } {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { cpu: median(cpu), wall: median(wall), best: Math.min(...cpu) };
}
// The first call warms the code up (the web app and the CLI profile once per file, already warm
// after the sniffing and reading of the sample); the figure reported is a warm run.
const first = time(() => inferReadings(columns, rows), 1);
const readings = time(() => inferReadings(columns, rows), 15);
const profiles = time(() => profileColumns(columns, rows), 3);
const ms = (t: { cpu: number; wall: number }) => `${t.cpu.toFixed(0)} ms CPU (${t.wall.toFixed(0)} ms wall)`;
console.log(
  `readings of 60 columns x ${ROWS.toLocaleString('en')} rows: ${ms(readings)}, median of 15, fastest ${readings.best.toFixed(0)} ms CPU (first, cold run: ${ms(first)}); ` +
    `whole column profiles with distinct values and top counts: ${ms(profiles)}; target < 100 ms`,
);
