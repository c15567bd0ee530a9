/**
 * The scale benchmark (`npm run bench`): generates CSV files of the shapes users bring — the
 * 1,000,000-row, 14-column file (mixed types, quoted fields, empty cells, dates, UTF-8 names),
 * a 60-column file, the first file with US dates, and the further shapes of
 * bench/scale/shapes.ts (timestamps with milliseconds and offsets, email and URI formats, long
 * quoted text, accented names, 40 % empty cells, 120 columns, calculated fields, a stated
 * dd/MM/yyyy format, a product export) — and measures on each, in fresh processes on the same
 * file: papaparse parsing alone (timed in its process), `xdm-mapper apply` as a user runs it
 * (the compiled command, the whole process timed from outside, start included), and DuckDB
 * writing the same nested records as JSON Lines on 1 and 2 threads (also the whole process).
 * Then real exports, made large (bench/scale/real.ts), on AEP's own schemas.
 *   npx tsx bench/scale/bench.ts [--rows N] [--repeat N] [--only NAME,…] [--real-mb MB] [--keep]
 */
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { duckdbQuery } from './duckdbQuery';
import { REAL_EXPORTS, realPaths } from './real';
import { SHAPES } from './shapes';

const root = join(import.meta.dirname, '..', '..');
const dir = join(root, '.bench');
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const rows = Number(option('--rows') ?? 1_000_000);
const repeat = Number(option('--repeat') ?? 1);
const only = option('--only')?.split(',');
const realMb = Number(option('--real-mb') ?? 60);
mkdirSync(dir, { recursive: true });

// `apply` is the compiled command, as a user runs it: built from the current sources first.
execSync('npm run build:cli', { cwd: root, stdio: 'ignore' });
// TypeScript scripts (the generators, papaparse alone, whose time is taken in process) load through tsx.
const withTsx = join(root, 'bench', 'scale', 'with-tsx.mjs');
/** Runs a script in a new process: its wall time from spawn to exit, and the JSON line it printed last. */
const run = (script: string, params: string[], stream: 'stdout' | 'stderr' = 'stdout') => {
  const t0 = performance.now();
  const path = join(root, 'bench', 'scale', script);
  const argv = script.endsWith('.mjs') ? [path, ...params] : [withTsx, path, ...params];
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${script} failed: ${r.stderr}`);
  const last = r[stream].trim().split('\n').pop() || '{}';
  return { wall, report: JSON.parse(last) as { seconds?: number; cpu: number; rssMb: number; summary?: string[] } };
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Case {
  label: string;
  file: string;
  mapping: string;
  schema: string;
  shape?: string;
  sql?: Record<string, string>;
}

function legacy(label: string, name: string, n: number, flags: string[] = []): Case {
  const file = join(dir, `${name}-${n}.csv`);
  if (!existsSync(file)) {
    process.stdout.write(`generating ${file} …\n`);
    run('generate.ts', [file, String(n), ...flags]);
  }
  return { label, file, mapping: join(root, 'bench', 'scale', 'mapping.json'), schema: join(root, 'bench', 'scale', 'schema.json') };
}

function shaped(name: string): Case {
  const shape = SHAPES.find((s) => s.name === name)!;
  const file = join(dir, `shape-${name}.csv`);
  if (!existsSync(file)) {
    process.stdout.write(`generating ${file} …\n`);
    run('generate-shape.ts', [name, file]);
  }
  const stem = file.replace(/\.csv$/, '');
  return { label: shape.label, file, mapping: `${stem}.mapping.json`, schema: `${stem}.schema.json`, shape: name };
}

/** A real export made large (bench/scale/real.ts). */
function real(name: string): Case {
  const r = REAL_EXPORTS.find((x) => x.name === name)!;
  const file = join(dir, `real-${name}.csv`);
  if (!existsSync(file)) {
    process.stdout.write(`generating ${file} …\n`);
    run('real.ts', [name, file, String(realMb)]);
  }
  const { schema, mapping } = realPaths(r);
  return { label: r.label, file, mapping, schema, sql: r.sql };
}

interface Row {
  label: string;
  mb: number;
  parse: number;
  apply: number;
  /** MB per CPU-second (all threads, the whole process): what load from elsewhere disturbs least. */
  parseCpu: number;
  applyCpu: number;
  duck1Cpu: number;
  applyRss: number;
  duck1: number;
  duck2: number;
  duckRss: number;
  summary: string[];
}

function measure(c: Case): Row {
  const mb = statSync(c.file).size / 1e6;
  const out = join(dir, 'out-bench');
  const parse: number[] = [];
  const apply: number[] = [];
  const cpu = { parse: [] as number[], apply: [] as number[], duck1: [] as number[] };
  const duck1: number[] = [];
  const duck2: number[] = [];
  let applyRss = 0;
  let duckRss = 0;
  let summary: string[] = [];
  const query = join(dir, 'duckdb-query.sql');
  writeFileSync(query, duckdbQuery(c.file, c.mapping, c.schema, join(dir, 'duckdb-out.jsonl'), c.shape, c.sql));
  for (let i = 0; i < repeat; i++) {
    const p = run('parse-only.ts', [c.file]).report;
    parse.push(p.seconds!);
    cpu.parse.push(p.cpu);
    rmSync(out, { recursive: true, force: true });
    const a = run('run-apply.mjs', ['apply', '--mapping', c.mapping, '--schema', c.schema, c.file, '--out', out, '--max-errors', '100'], 'stderr');
    apply.push(a.wall);
    cpu.apply.push(a.report.cpu);
    applyRss = Math.max(applyRss, a.report.rssMb);
    summary = a.report.summary ?? [];
    for (const [threads, into] of [
      [1, duck1],
      [2, duck2],
    ] as const) {
      const d = run('duckdb.mjs', [query, String(threads)]);
      into.push(d.wall);
      if (threads === 1) cpu.duck1.push(d.report.cpu);
      duckRss = Math.max(duckRss, d.report.rssMb);
    }
  }
  if (!args.includes('--keep')) rmSync(out, { recursive: true, force: true });
  rmSync(join(dir, 'duckdb-out.jsonl'), { force: true });
  rmSync(query, { force: true });
  return {
    label: c.label,
    mb,
    parse: mb / median(parse),
    apply: mb / median(apply),
    parseCpu: mb / median(cpu.parse),
    applyCpu: mb / median(cpu.apply),
    duck1Cpu: mb / median(cpu.duck1),
    applyRss,
    duck1: mb / median(duck1),
    duck2: mb / median(duck2),
    duckRss,
    summary,
  };
}

console.log(`xdm-mapper scale benchmark, node ${process.version}, ${repeat} run(s) per figure (median)`);
const cases: Case[] = [
  legacy('14 columns', 'customers', rows),
  legacy('60 columns (14 mapped)', 'customers-wide', Math.round(rows / 4), ['--wide']),
  legacy('14 columns, US dates', 'customers-us-dates', rows, ['--dates-us']),
  ...SHAPES.map((s) => shaped(s.name)),
  ...REAL_EXPORTS.map((r) => real(r.name)),
].filter((c) => !only || only.some((o) => c.label.includes(o) || c.file.includes(o)));
const results: Row[] = [];
for (const c of cases) {
  const r = measure(c);
  results.push(r);
  console.log(
    `${r.label}: ${r.mb.toFixed(0)} MB, parse ${r.parse.toFixed(1)} MB/s, apply ${r.apply.toFixed(1)} MB/s (${(r.apply / r.parse).toFixed(2)}), DuckDB ${r.duck1.toFixed(1)} / ${r.duck2.toFixed(1)} MB/s, RSS ${r.applyRss.toFixed(0)} MB; per CPU-second: parse ${r.parseCpu.toFixed(1)}, apply ${r.applyCpu.toFixed(1)} (${(r.applyCpu / r.parseCpu).toFixed(2)}), DuckDB ${r.duck1Cpu.toFixed(1)}`,
  );
  for (const line of r.summary) console.log(`  | ${line.trim()}`);
}
console.log(
  '\n| file | MB | papaparse parse only | apply (whole process) | ratio | DuckDB 1 thread | DuckDB 2 threads | apply / DuckDB 1 | peak RSS apply (DuckDB) |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of results)
  console.log(
    `| ${r.label} | ${r.mb.toFixed(0)} | ${r.parse.toFixed(1)} MB/s | ${r.apply.toFixed(1)} MB/s | ${(r.apply / r.parse).toFixed(2)} | ${r.duck1.toFixed(1)} MB/s | ${r.duck2.toFixed(1)} MB/s | ${(r.apply / r.duck1).toFixed(2)} | ${r.applyRss.toFixed(0)} MB (${r.duckRss.toFixed(0)} MB) |`,
  );
console.log('\nMB per CPU-second (every thread of each process; disturbed less than wall time by other work on the machine):\n');
console.log('| file | papaparse parse only | apply | ratio | DuckDB 1 thread | apply / DuckDB 1 |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of results)
  console.log(
    `| ${r.label} | ${r.parseCpu.toFixed(1)} | ${r.applyCpu.toFixed(1)} | ${(r.applyCpu / r.parseCpu).toFixed(2)} | ${r.duck1Cpu.toFixed(1)} | ${(r.applyCpu / r.duck1Cpu).toFixed(2)} |`,
  );
