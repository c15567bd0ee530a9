/**
 * The identity benchmark (part of `npm run bench`): generates CRM, loyalty and web datasets as
 * apply output folders (10,000,000 records, about 2.5 GB of batches, with shared placeholder
 * phones and emails, household emails and a few mistyped CRM ids), then times `xdm-mapper
 * profiles` in a fresh process: the identity graph and guardrails (pass one) and one lookup
 * (pass two), and with --report every profile merged and written. Prints time, peak RSS and
 * the distinct identities, against the target of a minute and 1 GB per 10 million records.
 *   npx tsx bench/identity/bench.ts [--records N] [--report]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const args = process.argv.slice(2);
const records = args.includes('--records') ? Number(args[args.indexOf('--records') + 1]) : 10_000_000;
const dir = join(root, '.bench', `identity-${records}`);
const withTsx = join(root, 'bench', 'scale', 'with-tsx.mjs');

const run = (script: string, params: string[]) => {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', withTsx, join(root, 'bench', 'identity', script), ...params], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${script} failed: ${r.stderr}`);
  return r;
};

if (!existsSync(join(dir, 'web', 'manifest.json'))) {
  process.stdout.write(`generating ${records.toLocaleString('en-US')} records into ${dir} …\n`);
  run('generate.ts', [dir, String(records)]);
}
const datasets = ['crm', 'loyalty', 'web'];
const bytes = datasets
  .flatMap((d) =>
    readdirSync(join(dir, d))
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => statSync(join(dir, d, f)).size),
  )
  .reduce((a, b) => a + b, 0);
const from = datasets.flatMap((d) => ['--from', join(dir, d)]);

function measure(label: string, extra: string[]) {
  const r = run('run-profiles.ts', ['profiles', ...from, ...extra]);
  const m = JSON.parse(r.stderr.trim().split('\n').pop()!) as {
    code: number;
    seconds: number;
    cpuSeconds: number;
    rssMb: number;
    err: string[];
    out: string[];
  };
  const per = (x: number) => ((x * 10_000_000) / records).toFixed(1);
  console.log(
    `  ${label.padEnd(34)} ${m.seconds.toFixed(1).padStart(6)} s wall, ${m.cpuSeconds.toFixed(1).padStart(6)} s CPU (per 10 M records: ${per(m.seconds)} s wall, ${per(m.cpuSeconds)} s CPU)   peak RSS ${m.rssMb.toFixed(0).padStart(5)} MB   load ${loadavg()[0]!.toFixed(1)}`,
  );
  return m;
}

console.log(`\nidentity graph: ${records.toLocaleString('en-US')} records in ${datasets.length} datasets, ${(bytes / 1e9).toFixed(2)} GB of batches`);
console.log(`  (${cpus().length} cores; the load average is the 1-minute one when the run ended: above the core count, wall time includes waiting)`);
measure('pass 1: graph + guardrails', []);
const lookup = measure('pass 1 + pass 2 (one lookup)', ['--lookup', `CRMID:${firstCrmId()}`]);
for (const line of lookup.out.slice(0, 7)) console.log(`  | ${line}`);
for (const line of lookup.err) console.log(`  | ${line}`);
if (args.includes('--report')) {
  const out = join(dir, 'report');
  measure('graph + every profile (--report)', ['--report', out]);
  rmSync(out, { recursive: true, force: true });
}
console.log('  target: under 60 s per 10 M records, peak RSS under 1,024 MB');
console.log(`  (the generated batches stay in ${dir} for the next run; delete .bench/ to free the disk)`);

function firstCrmId(): string {
  const text = spawnSync('head', ['-c', '200', join(dir, 'crm', 'part-00001.jsonl')], { encoding: 'utf8' }).stdout;
  return /"crmId":"([^"]+)"/.exec(text)![1]!;
}
