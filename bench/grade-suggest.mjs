#!/usr/bin/env node
// Grades column-to-field suggestions against a cases file.
//
//   node grade-suggest.mjs CASES.json [--min-accuracy 0.9] [--min-precision 0.97] [--min-recall 0.8] [--verbose] [-- COMMAND ...]
//
// COMMAND is run once per case with {schema} and {csv} replaced by absolute paths; it must print
// a mapping document (JSON) whose `mappings` array holds entries shaped like AEP Data Prep
// mapping-set entries: {"sourceType": "ATTRIBUTE", "source": "<column>", "destination": "<path>"}.
// Default COMMAND: npx --no-install xdm-mapper suggest --explain --schema {schema} {csv}
//
// Scoring, per CSV column: the case lists every acceptable destination; null means that leaving
// the column unmapped is right. Array indices are normalised ("a[0].b", "a[*].b" -> "a[].b").
//   correct   = suggestion (or no suggestion) is acceptable
//   precision = right suggestions / suggestions made
//   recall    = right suggestions / columns that have an acceptable destination
// When the document carries `explain` entries with a confidence (and its word, `level`), a
// calibration table follows: for each confidence word and each 0.1 bucket, how many suggestions
// were made and the share of them that were right.
// Exit 0 when accuracy, precision and recall reach their --min-* (default 0), 1 otherwise, 2 when a
// case cannot run.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const own = dash >= 0 ? argv.slice(0, dash) : argv;
const command = dash >= 0 ? argv.slice(dash + 1) : ['npx', '--no-install', 'xdm-mapper', 'suggest', '--explain', '--schema', '{schema}', '{csv}'];
const valued = ['--min-accuracy', '--min-precision', '--min-recall'];
const casesFile = own.find((a, i) => !a.startsWith('--') && !valued.includes(own[i - 1]));
if (!casesFile) {
  console.error('usage: grade-suggest.mjs CASES.json [--min-accuracy X] [--min-precision X] [--min-recall X] [--verbose] [-- COMMAND ...]');
  process.exit(2);
}
const min = (flag) => (own.includes(flag) ? Number(own[own.indexOf(flag) + 1]) : 0);
const minAcc = min('--min-accuracy');
const minPrec = min('--min-precision');
const minRec = min('--min-recall');
const verbose = own.includes('--verbose');

const base = dirname(resolve(casesFile));
const spec = JSON.parse(readFileSync(casesFile, 'utf8'));
const norm = (p) => (p == null ? null : String(p).replace(/\[(\d+|\*)?\]/g, '[]'));

let total = 0;
let correct = 0;
let made = 0;
let madeRight = 0;
let reachable = 0;
const wrong = [];
/** [confidence, word, right] per suggestion made, when the command explains itself. */
const calibration = [];
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
  const explained = new Map((doc.explain ?? []).map((e) => [e.column, e]));
  let caseRight = 0;
  for (const [col, ok] of Object.entries(c.expect)) {
    const accept = ok.map(norm);
    const p = got.get(col) ?? null;
    total++;
    if (accept.some((a) => a !== null)) reachable++;
    if (p !== null) made++;
    const right = accept.includes(p);
    if (right) {
      correct++;
      caseRight++;
      if (p !== null) madeRight++;
    } else wrong.push(`${c.name}: "${col}" -> ${p ?? '(unmapped)'}; want ${accept.map((a) => a ?? '(unmapped)').join(' | ')}`);
    const e = explained.get(col);
    if (p !== null && e && typeof e.confidence === 'number') calibration.push([e.confidence, e.level ?? '', right]);
  }
  const n = Object.keys(c.expect).length;
  console.log(`${c.name.padEnd(28)} ${caseRight}/${n} right  ${ms} ms`);
}
if (verbose || wrong.length <= 40) for (const w of wrong) console.log(`  miss ${w}`);
const f = (x) => x.toFixed(3);
const acc = correct / total;
const prec = made ? madeRight / made : 0;
const rec = reachable ? madeRight / reachable : 0;
if (calibration.length) {
  const row = (label, rows) => {
    const right = rows.filter((r) => r[2]).length;
    return `  ${label.padEnd(12)} ${String(rows.length).padStart(5)} ${rows.length ? f(right / rows.length) : '  -  '}`;
  };
  console.log('calibration   bucket        count  share right');
  for (const word of ['high', 'medium', 'low']) {
    const rows = calibration.filter((r) => r[1] === word);
    if (rows.length) console.log(row(`word ${word}`, rows));
  }
  for (let b = 9; b >= 5; b--) {
    const lo = b / 10;
    const rows = calibration.filter((r) => r[0] >= lo && (b === 9 ? r[0] <= 1 : r[0] < lo + 0.1));
    if (rows.length) console.log(row(`${lo.toFixed(1)}-${(lo + 0.1).toFixed(1)}`, rows));
  }
  const under = calibration.filter((r) => r[0] < 0.5);
  if (under.length) console.log(row('<0.5', under));
}
console.log(`suggest: accuracy=${f(acc)} precision=${f(prec)} recall=${f(rec)} columns=${total} wrong=${total - correct}`);
process.exit(acc >= minAcc && prec >= minPrec && rec >= minRec ? 0 : 1);
