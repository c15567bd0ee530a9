/**
 * The pre-flight of a run on the first 4 MB of each benchmark file, as `apply` makes it: CPU time
 * of each part (reading the sample, readings and kinds, the column checks) and the md5 of the
 * whole result, so that a change can be shown to keep every decision. Needs `npm run bench` to
 * have generated .bench/*.csv; a real export's stem is `real-` and its name in bench/scale/real.ts.
 *   npx tsx bench/preflight-speed.ts [--repeat N] [--count] [file-stem …]
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MemorySink } from '../src/core/batch/memorySink';
import { PREFLIGHT_BYTES, preflightOfHead } from '../src/core/batch/preflight';
import { setUpRun } from '../src/core/batch/runSetup';
import { SNIFF_BYTES, sniff } from '../src/core/csv/sniff';
import { REAL_EXPORTS, realPaths } from './scale/real';

const root = join(import.meta.dirname, '..');
const bench = join(root, '.bench');
const args = process.argv.slice(2);
const repeatAt = args.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Number(args.splice(repeatAt, 2)[1]) : 1;
const countAt = args.indexOf('--count');
const count = countAt >= 0 && args.splice(countAt, 1).length > 0;
const legacy = ['customers-1000000', 'customers-wide-250000', 'customers-us-dates-1000000'];
const shapes = ['timestamps', 'email-uri', 'long-text', 'accented', 'sparse', 'wide', 'calculated', 'dmy-dates', 'product-export'].map((s) => `shape-${s}`);
const stems = args.length ? args : [...legacy, ...shapes];

function head(file: string): { bytes: Uint8Array; whole: boolean } {
  const size = statSync(file).size;
  const bytes = new Uint8Array(Math.min(size, PREFLIGHT_BYTES));
  const fd = openSync(file, 'r');
  readSync(fd, bytes, 0, bytes.length, 0);
  closeSync(fd);
  return { bytes, whole: size <= PREFLIGHT_BYTES };
}

for (const stem of stems) {
  const file = join(bench, `${stem}.csv`);
  if (!existsSync(file)) continue;
  const isShape = stem.startsWith('shape-');
  // A real export (`real-ra14-olist-order-items`): its own mapping and AEP's schema.
  const real = REAL_EXPORTS.find((r) => `real-${r.name}` === stem);
  const mapping = real ? realPaths(real).mapping : isShape ? join(bench, `${stem}.mapping.json`) : join(root, 'bench', 'scale', 'mapping.json');
  const schema = real ? realPaths(real).schema : isShape ? join(bench, `${stem}.schema.json`) : join(root, 'bench', 'scale', 'schema.json');
  const h = head(file);
  const sniffed = sniff(h.bytes.subarray(0, SNIFF_BYTES));
  const setup = setUpRun({
    schema: { path: schema, text: readFileSync(schema, 'utf8') },
    mapping: { path: mapping, text: readFileSync(mapping, 'utf8') },
    inputPath: file,
    sniffed,
    sink: new MemorySink(),
  });
  if (!setup.ok) throw new Error(`${stem}: ${JSON.stringify(setup.problem)}`);
  const times: number[] = [];
  let md5 = '';
  for (let i = 0; i < repeat; i++) {
    const t = process.cpuUsage();
    const pre = preflightOfHead(setup.prepared, h.bytes, h.whole, sniffed, 5, count);
    const u = process.cpuUsage(t);
    times.push((u.user + u.system) / 1000);
    md5 = createHash('md5').update(JSON.stringify(pre)).digest('hex');
  }
  times.sort((a, b) => a - b);
  console.log(`${stem.padEnd(28)} ${md5}  fastest ${times.length ? (times[0] ?? 0).toFixed(0) : ''} ms  CPU ms: ${times.map((t) => t.toFixed(0)).join(' ')}`);
}
