/**
 * The scale benchmark (`npm run bench`): generates a 1,000,000-row CSV (14 mixed columns,
 * quoted fields, empty cells, dates, UTF-8 names), a 60-column file and the first file with its
 * dates in US / space-separated layouts, then measures, each in
 * a fresh process on the same file: papaparse parsing alone, and `xdm-mapper apply` (records
 * converted, validated and written with their manifest). Prints MB/s, the ratio, peak RSS.
 *   npx tsx bench/scale/bench.ts [--rows N] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const dir = join(root, '.bench');
const args = process.argv.slice(2);
const rows = args.includes('--rows') ? Number(args[args.indexOf('--rows') + 1]) : 1_000_000;
mkdirSync(dir, { recursive: true });

// Every script runs in a fresh Node process, loaded as bin/xdm-mapper.mjs loads the CLI.
const withTsx = join(root, 'bench', 'scale', 'with-tsx.mjs');
const run = (script: string, params: string[]) => {
  const r = spawnSync(process.execPath, [withTsx, join(root, 'bench', 'scale', script), ...params], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${script} failed: ${r.stderr}`);
  return r;
};

function dataset(name: string, n: number, flags: string[] = []): string {
  const file = join(dir, `${name}-${n}.csv`);
  if (!existsSync(file)) {
    process.stdout.write(`generating ${file} …\n`);
    run('generate.ts', [file, String(n), ...flags]);
  }
  return file;
}

function measure(label: string, file: string, mapping: string) {
  const mb = statSync(file).size / 1e6;
  const parse = JSON.parse(run('parse-only.ts', [file]).stdout.trim()) as { seconds: number; rssMb: number };
  const out = join(dir, `out-${label}`);
  rmSync(out, { recursive: true, force: true });
  const applied = run('run-apply.ts', [
    'apply',
    '--mapping',
    mapping,
    '--schema',
    join(root, 'bench', 'scale', 'schema.json'),
    file,
    '--out',
    out,
    '--max-errors',
    '100',
  ]);
  const apply = JSON.parse(applied.stderr.trim().split('\n').pop()!) as { seconds: number; rssMb: number; summary: string[] };
  const parseRate = mb / parse.seconds;
  const applyRate = mb / apply.seconds;
  console.log(`\n${label}: ${file} (${mb.toFixed(1)} MB)`);
  console.log(`  papaparse parse only   ${parseRate.toFixed(1).padStart(6)} MB/s   peak RSS ${parse.rssMb.toFixed(0)} MB`);
  console.log(`  xdm-mapper apply       ${applyRate.toFixed(1).padStart(6)} MB/s   peak RSS ${apply.rssMb.toFixed(0)} MB`);
  console.log(`  ratio apply / parse    ${(applyRate / parseRate).toFixed(2)}`);
  for (const line of apply.summary) console.log(`  | ${line.trim()}`);
  if (!args.includes('--keep')) rmSync(out, { recursive: true, force: true });
}

console.log(`xdm-mapper scale benchmark, node ${process.version}, ${rows} rows`);
measure('14 columns', dataset('customers', rows), join(root, 'bench', 'scale', 'mapping.json'));
measure('60 columns', dataset('customers-wide', Math.round(rows / 4), ['--wide']), join(root, 'bench', 'scale', 'mapping.json'));
// The same records with dates in other layouts: read through Data Prep's pattern list.
measure('14 columns, US dates', dataset('customers-us-dates', rows, ['--dates-us']), join(root, 'bench', 'scale', 'mapping.json'));
