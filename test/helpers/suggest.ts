import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { profileColumn, profileColumns } from '../../src/core/csv/profile';
import type { FieldTree } from '../../src/core/schema/field.types';
import { loadSchemaText } from '../../src/core/schema/loadSchema';
import { type SuggestOptions, suggestMappings } from '../../src/core/suggest/suggest';
import { readCsv } from './csv';
import { ROOT } from './samples';

/** Suggestions for columns given as header -> sample values. */
export function suggestFor(tree: FieldTree, columns: Record<string, string[]>, options?: SuggestOptions) {
  const profiles = Object.entries(columns).map(([name, values], i) => profileColumn(name, i, values));
  return Object.fromEntries(suggestMappings(tree, profiles, options).map((s) => [s.column, s]));
}

/** Grades a cases file in-process, as bench/grade-suggest.mjs does through the CLI. */
export function gradeCases(casesFile: string) {
  const spec = JSON.parse(readFileSync(casesFile, 'utf8'));
  const base = dirname(resolve(casesFile));
  const norm = (p: string | null) => (p == null ? null : p.replace(/\[(\d+|\*)?\]/g, '[]'));
  let total = 0;
  let correct = 0;
  let made = 0;
  let madeRight = 0;
  let reachable = 0;
  const wrong: string[] = [];
  const calibration: { confidence: number; level: string; right: boolean }[] = [];
  const trees = new Map<string, FieldTree>();
  for (const c of spec.cases) {
    const schemaPath = resolve(base, spec.schemas[c.schema] ?? c.schema);
    let tree = trees.get(schemaPath);
    if (!tree) {
      const r = loadSchemaText(readFileSync(schemaPath, 'utf8'));
      if (!r.ok) throw new Error(schemaPath);
      tree = r.tree;
      trees.set(schemaPath, tree);
    }
    const csv = readCsv(readFileSync(join(base, c.csv)));
    const profiles = profileColumns(
      csv.header!.columns,
      csv.rows.map((r) => r.cells),
    );
    const all = suggestMappings(tree, profiles);
    const got = new Map(all.map((s) => [s.column, norm(s.destination)]));
    const conf = new Map(all.map((s) => [s.column, s.confidence]));
    const levels = new Map(all.map((s) => [s.column, s.level]));
    for (const [col, ok] of Object.entries(c.expect as Record<string, (string | null)[]>)) {
      const accept = ok.map(norm);
      const p = got.get(col) ?? null;
      total++;
      if (accept.some((a) => a !== null)) reachable++;
      if (p !== null) made++;
      if (p !== null) calibration.push({ confidence: conf.get(col) ?? 0, level: levels.get(col) ?? 'none', right: accept.includes(p) });
      if (accept.includes(p)) {
        correct++;
        if (p !== null) madeRight++;
      } else wrong.push(`${c.name}: ${col} -> ${p} (${conf.get(col)}); want ${accept.join(' | ')}`);
    }
  }
  return { accuracy: correct / total, precision: made ? madeRight / made : 1, recall: reachable ? madeRight / reachable : 1, wrong, calibration };
}

export const BENCH = join(ROOT, 'bench');
