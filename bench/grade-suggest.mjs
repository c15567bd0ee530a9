#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
// Grades column-to-field suggestions against a cases file.
//
//   node grade-suggest.mjs CASES.json [--min-accuracy 0.9] [--verbose] [-- COMMAND ...]
//
// COMMAND is run once per case with {schema} and {csv} replaced by absolute paths; it must print
// a mapping document (JSON) whose `mappings` array holds entries shaped like AEP Data Prep
// mapping-set entries: {"sourceType": "ATTRIBUTE", "source": "<column>", "destination": "<path>"}.
// Default COMMAND: npx --no-install xdm-mapper suggest --schema {schema} {csv}
//
// Scoring, per CSV column: the case lists every acceptable destination; null means that leaving
// the column unmapped is right. Array indices are normalised ("a[0].b", "a[*].b" -> "a[].b").
//   correct   = suggestion (or no suggestion) is acceptable
//   precision = right suggestions / suggestions made
//   recall    = right suggestions / columns that have an acceptable destination
// Exit 0 when accuracy >= --min-accuracy (default 0), 1 otherwise, 2 when a case cannot run.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const own = dash >= 0 ? argv.slice(0, dash) : argv;
const command = dash >= 0 ? argv.slice(dash + 1) : ['npx', '--no-install', 'xdm-mapper', 'suggest', '--schema', '{schema}', '{csv}'];
const casesFile = own.find((a) => !a.startsWith('--') && own[own.indexOf(a) - 1] !== '--min-accuracy');
if (!casesFile) {
  console.error('usage: grade-suggest.mjs CASES.json [--min-accuracy X] [--verbose] [-- COMMAND ...]');
  process.exit(2);
}
const minAcc = own.includes('--min-accuracy') ? Number(own[own.indexOf('--min-accuracy') + 1]) : 0;
const verbose = own.includes('--verbose');

const base = dirname(resolve(casesFile));
const spec = JSON.parse(readFileSync(casesFile, 'utf8'));
const norm = (p) => (p == null ? null : String(p).replace(/\[(\d+|\*)?\]/g, '[]'));

let total = 0,
  correct = 0,
  made = 0,
  madeRight = 0,
  reachable = 0;
const wrong = [];
for (const c of spec.cases) {
  const schema = resolve(base, spec.schemas[c.schema] ?? c.schema);
  const csv = resolve(base, c.csv);
  const cmd = command.map((a) => a.replaceAll('{schema}', schema).replaceAll('{csv}', csv));
  const t0 = Date.now();
  const run = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 60000 });
  const ms = Date.now() - t0;
  let doc;
  try {
    doc = JSON.parse(run.stdout);
  } catch {
    console.error(`${c.name}: no JSON on stdout (exit ${run.status}): ${(run.stderr || '').slice(0, 300)}`);
    process.exit(2);
  }
  const got = new Map();
  for (const m of doc.mappings ?? []) {
    if ((m.sourceType ?? 'ATTRIBUTE') !== 'ATTRIBUTE') continue;
    got.set(m.source, norm(m.destination));
  }
  let caseRight = 0;
  for (const [col, ok] of Object.entries(c.expect)) {
    const accept = ok.map(norm);
    const p = got.get(col) ?? null;
    total++;
    if (accept.some((a) => a !== null)) reachable++;
    if (p !== null) made++;
    if (accept.includes(p)) {
      correct++;
      caseRight++;
      if (p !== null) madeRight++;
    } else wrong.push(`${c.name}: "${col}" -> ${p ?? '(unmapped)'}; want ${accept.map((a) => a ?? '(unmapped)').join(' | ')}`);
  }
  const n = Object.keys(c.expect).length;
  console.log(`${c.name.padEnd(28)} ${caseRight}/${n} right  ${ms} ms`);
}
if (verbose || wrong.length <= 40) for (const w of wrong) console.log('  miss ' + w);
const f = (x) => x.toFixed(3);
const acc = correct / total,
  prec = made ? madeRight / made : 0,
  rec = reachable ? madeRight / reachable : 0;
console.log(`suggest: accuracy=${f(acc)} precision=${f(prec)} recall=${f(rec)} columns=${total} wrong=${total - correct}`);
process.exit(acc >= minAcc ? 0 : 1);
