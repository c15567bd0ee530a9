import type { PreparedColumn } from './column';
import { DEFAULT_WORDS } from './lexicon';
import { tokenize } from './normalize';
import { apply } from './score';
import type { Candidate } from './suggest.types';
import { WEIGHTS } from './weights';

const X = WEIGHTS.context;

/** The object a field belongs to: `commerce.billing.address.city` -> `commerce.billing.address`. */
export const parentOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('.')));
const keyOf = (path: string): string => path.slice(path.lastIndexOf('.') + 1);

/**
 * Columns that share a leading word or two (`Card Address …`, `Billing …`, `Lineitem …`,
 * `ship-to_…`) are one group, and a group lands under one parent: the object that explains
 * most of its members. Each group gets its own parent, so `Address_2 …` does not scatter over
 * the parent `Address_1 …` took. Candidates under the group's parent gain; the same field
 * under a parallel object loses.
 */
export function placeGroups(columns: readonly PreparedColumn[], ranked: Candidate[][]): void {
  const groups = prefixGroups(columns);
  const plans: { word: string; members: number[]; parents: Map<string, number> }[] = [];
  for (const [word, members] of groups) {
    const parents = new Map<string, number>();
    for (const i of members) {
      const best = new Map<string, number>();
      for (const c of ranked[i]!) {
        if (c.confidence < 0.3) continue;
        const p = parentOf(c.path);
        best.set(p, Math.max(best.get(p) ?? 0, c.confidence));
      }
      for (const [p, s] of best) parents.set(p, (parents.get(p) ?? 0) + s);
    }
    plans.push({ word, members, parents });
  }
  plans.sort((a, b) => Math.max(0, ...b.parents.values()) - Math.max(0, ...a.parents.values()));
  const taken = new Set<string>();
  for (const { word, members, parents } of plans) {
    const options = [...parents].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1]);
    const free = options.find(([p]) => !taken.has(p)) ?? options[0];
    if (!free) continue;
    const [parent, total] = free;
    // A parent must explain at least two members to be the group's.
    const explained = members.filter((i) => ranked[i]!.some((c) => parentOf(c.path) === parent && c.confidence >= 0.3)).length;
    if (explained < 2 || total <= 0) continue;
    taken.add(parent);
    for (const i of members) {
      const list = ranked[i]!;
      const keys = new Set(list.filter((c) => parentOf(c.path) === parent).map((c) => keyOf(c.path)));
      for (const c of list) {
        if (parentOf(c.path) === parent) {
          if (c.confidence < 0.35) continue;
          c.confidence = round(apply(c.confidence, X.groupParent));
          c.evidence.push(`columns starting with "${word}" land under ${parent}`);
        } else if (keys.has(keyOf(c.path))) c.confidence = round(c.confidence * X.groupOther);
      }
      list.sort((a, b) => b.confidence - a.confidence || a.path.length - b.path.length);
    }
  }
}

/** Groups of two or more columns by their first one or two header words, longest prefix first. */
function prefixGroups(columns: readonly PreparedColumn[]): Map<string, number[]> {
  // Numbers stay: `Address_1 …` and `Address_2 …` are two groups. Placeholders (`f4`, `Column 3`) group nothing.
  const tokensOf = columns.map((c) => (c.meaningless ? [] : tokenize(c.profile.name).filter((t) => !DEFAULT_WORDS.has(t))));
  const count = new Map<string, number>();
  const prefixes = (toks: string[]) =>
    [toks.length >= 3 ? toks.slice(0, 2).join(' ') : null, toks.length >= 2 && toks[0]!.length > 1 ? toks[0]! : null].filter((x): x is string => x !== null);
  for (const toks of tokensOf) for (const p of prefixes(toks)) count.set(p, (count.get(p) ?? 0) + 1);
  const groups = new Map<string, number[]>();
  tokensOf.forEach((toks, i) => {
    const p = prefixes(toks).find((x) => (count.get(x) ?? 0) >= 2);
    if (!p) return;
    let g = groups.get(p);
    if (!g) groups.set(p, (g = []));
    g.push(i);
  });
  for (const [p, g] of groups) if (g.length < 2) groups.delete(p);
  return groups;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Fields that say a file is about people at work: job titles, departments, companies, work contacts. */
const WORK_FIELD = /^(workAddress|workEmail|workPhone|extendedWorkDetails|b2b)\.|jobTitle$|departments\[\]$|companyName$/;

/**
 * A file about people at work (its columns land on job titles, departments, companies) means
 * the work phone and email by an unqualified `Phone` or `Email` once the explicit ones are placed.
 */
export function preferWork(columns: readonly PreparedColumn[], ranked: Candidate[][]): void {
  const work = ranked.filter((list) => list[0] && list[0].confidence >= WEIGHTS.threshold && WORK_FIELD.test(list[0].path)).length;
  if (work < 2) return;
  columns.forEach((col, i) => {
    if (col.qualifiers.size) return;
    const list = ranked[i]!;
    for (const c of list)
      if (/^work(Phone|Email|Address)\./.test(c.path)) {
        c.confidence = round(apply(c.confidence, X.workContext));
        c.evidence.push('the file is about people at work');
      }
    list.sort((a, b) => b.confidence - a.confidence || a.path.length - b.path.length);
  });
}
