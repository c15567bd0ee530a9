/**
 * Fingerprints what `apply` writes, to compare two versions of the engine byte for byte:
 * every ApplyRun the test suite drove (recorded by capture.setup.ts into
 * .bench/fingerprint/corpus) is run again in process, and every generated benchmark file in
 * .bench/ is mapped by the real CLI; for each, the md5 of every part file and of errors.jsonl
 * (so the errors' order and text count), with the row counts and warnings.
 *   npx tsx bench/fingerprint/replay.ts --save FILE.json      record the current engine
 *   npx tsx bench/fingerprint/replay.ts --compare FILE.json   compare with a recording
 *   (--corpus-only / --bench-only restrict what runs)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApplyRun } from '../../src/core/batch/applyRun';
import { MemorySink } from '../../src/core/batch/memorySink';
import { parsePath } from '../../src/core/mapping/paths';
import type { FieldTree } from '../../src/core/schema/field.types';
import { compileValidator } from '../../src/core/validate/validator';

const root = join(import.meta.dirname, '..', '..');
const benchDir = join(root, '.bench');
const corpus = join(benchDir, 'fingerprint', 'corpus');
const args = process.argv.slice(2);
const md5 = (b: Uint8Array | string) => createHash('md5').update(b).digest('hex');

type Prints = Record<string, string>;

async function replayCorpus(out: Prints): Promise<void> {
  const files = readdirSync(corpus).filter((f) => f.endsWith('.json'));
  for (const f of files.sort()) {
    const c = JSON.parse(readFileSync(join(corpus, f), 'utf8'));
    const tree: FieldTree = { ...c.tree, fields: new Map(c.tree.fields) };
    // Cut to the mapping's destinations, as a run's setup compiles it (an engine without the cut ignores the option).
    const fields = (c.doc.mappings as { destination: string }[]).map((m) => {
      const p = parsePath(m.destination);
      return p.ok ? p.segments.map((s) => s.key) : [];
    });
    const v = compileValidator(c.validatorSchema, { fields: fields.some((f) => f.length === 0) ? undefined : fields });
    if (!v.ok) throw new Error(`${f}: ${v.message}`);
    const sink = new MemorySink();
    const run = new ApplyRun({
      tree,
      doc: c.doc,
      sniffed: c.sniffed,
      validator: v.validator,
      sink,
      fileSize: c.fileSize,
      emptyCells: c.emptyCells,
      reader: c.reader,
      decodeSingleByte: c.singleByte ? (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1') : undefined,
    });
    let failure = '';
    let result: Awaited<ReturnType<ApplyRun['end']>> | null = null;
    try {
      for (const chunk of c.chunks as string[]) await run.push(new Uint8Array(Buffer.from(chunk, 'base64')));
      result = await run.end();
    } catch (e) {
      failure = `threw ${(e as Error).message}`;
    }
    const parts = [...sink.files.keys()].sort().map((name) => `${name}=${md5(sink.text(name))}`);
    out[`corpus/${f}`] = result
      ? JSON.stringify({ ok: result.ok, problems: result.problems.map((p) => p.message), counts: result.counts, warnings: result.warnings, parts })
      : failure;
  }
}

/** The generated benchmark files and the mapping and schema each is run with. */
function benchCases(): { name: string; csv: string; mapping: string; schema: string }[] {
  const cases = [];
  if (!existsSync(benchDir)) return [];
  for (const f of readdirSync(benchDir).sort()) {
    if (!f.endsWith('.csv')) continue;
    const csv = join(benchDir, f);
    const stem = csv.replace(/\.csv$/, '');
    if (existsSync(`${stem}.mapping.json`)) cases.push({ name: f, csv, mapping: `${stem}.mapping.json`, schema: `${stem}.schema.json` });
    else if (f.startsWith('customers-'))
      cases.push({ name: f, csv, mapping: join(root, 'bench', 'scale', 'mapping.json'), schema: join(root, 'bench', 'scale', 'schema.json') });
  }
  return cases;
}

function replayBench(out: Prints): void {
  for (const c of benchCases()) {
    const dir = join(benchDir, 'fingerprint', 'out');
    rmSync(dir, { recursive: true, force: true });
    const r = spawnSync(
      process.execPath,
      [join(root, 'bin', 'xdm-mapper.cjs'), 'apply', '--mapping', c.mapping, '--schema', c.schema, c.csv, '--out', dir, '--max-errors', '100'],
      { encoding: 'utf8' },
    );
    const parts = existsSync(dir)
      ? readdirSync(dir)
          .filter((n) => n !== 'manifest.json')
          .sort()
          .map((n) => `${n}=${md5(readFileSync(join(dir, n)))}`)
      : [];
    const manifest = existsSync(join(dir, 'manifest.json')) ? JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) : null;
    out[`bench/${c.name}`] = JSON.stringify({ code: r.status, rows: manifest?.rows, fieldErrors: manifest?.fieldErrors, warnings: manifest?.warnings, parts });
    process.stdout.write(`  ${c.name}: exit ${r.status}\n`);
    rmSync(dir, { recursive: true, force: true });
  }
}

const prints: Prints = {};
if (!args.includes('--bench-only')) await replayCorpus(prints);
if (!args.includes('--corpus-only')) replayBench(prints);
if (args.includes('--save')) {
  writeFileSync(args[args.indexOf('--save') + 1]!, `${JSON.stringify(prints, null, 1)}\n`);
  console.log(`${Object.keys(prints).length} cases recorded`);
}
if (args.includes('--compare')) {
  const before: Prints = JSON.parse(readFileSync(args[args.indexOf('--compare') + 1]!, 'utf8'));
  // Output (part files, errors, counts, exit) and warnings are compared apart: a new warning
  // is a change of its own, to be read, not a change of what was written.
  const split = (v: string): { output: string; warnings: string[] } => {
    try {
      const { warnings, ...rest } = JSON.parse(v);
      return { output: JSON.stringify(rest), warnings: warnings ?? [] };
    } catch {
      return { output: v, warnings: [] };
    }
  };
  let same = 0;
  const differ: string[] = [];
  const warned = new Map<string, number>();
  for (const [k, v] of Object.entries(prints)) {
    if (!(k in before)) continue;
    const a = split(before[k]!);
    const b = split(v);
    if (a.output === b.output) same++;
    else differ.push(k);
    for (const w of b.warnings.filter((w) => !a.warnings.includes(w))) {
      const kind = w.replace(/\d[\d,]*/g, 'N');
      warned.set(`added: ${kind}`, (warned.get(`added: ${kind}`) ?? 0) + 1);
    }
    for (const w of a.warnings.filter((w) => !b.warnings.includes(w))) {
      const kind = w.replace(/\d[\d,]*/g, 'N');
      warned.set(`gone: ${kind}`, (warned.get(`gone: ${kind}`) ?? 0) + 1);
    }
  }
  const missing = Object.keys(before).filter((k) => !(k in prints));
  console.log(`output (part files, errors.jsonl, counts): ${same} identical, ${differ.length} different, ${missing.length} not run`);
  for (const [w, n] of warned) console.log(`  warning ${w} (${n} cases)`);
  for (const k of differ.slice(0, 30)) console.log(`  differs: ${k}\n    before ${before[k]}\n    after  ${prints[k]}`);
  process.exitCode = differ.length ? 1 : 0;
}
