import type { ColumnProfile } from '../csv/profile';
import type { FieldTree } from '../schema/field.types';
import { assign } from './assign';
import { type FieldDoc, fieldIndex, nearWords } from './fieldIndex';
import { fold, singular } from './normalize';
import { type PreparedColumn, prepareColumn, type Scored, scoreColumn } from './score';
import type { Candidate, MemoryEntry, Suggestion } from './suggest.types';

export interface SuggestOptions {
  /** Headers that saved mappings sent somewhere: a strong prior. */
  memory?: readonly MemoryEntry[];
  /** Below this confidence a column is left unmapped (default 0.5). */
  threshold?: number;
}

const MAX_CANDIDATES = 12;
const MEMORY_CONFIDENCE = 0.97;

/** `productListItems[].SKU` with index 2 -> `productListItems[1].SKU`; scalars arrays get `[0]`. */
export function destinationOf(path: string, index: number | null): string {
  const i = index !== null && index > 0 ? index - 1 : 0;
  return path.replace(/\[\]/g, `[${i}]`);
}

/**
 * Suggests a destination for every column: candidates come from the field index (shared words,
 * typo-tolerant search, value concepts), each is scored on names, values and schema context,
 * saved mappings act as a prior, and a global one-to-one assignment picks the final set.
 */
export function suggestMappings(tree: FieldTree, profiles: readonly ColumnProfile[], options: SuggestOptions = {}): Suggestion[] {
  const threshold = options.threshold ?? 0.5;
  const idx = fieldIndex(tree);
  const columns = profiles.map((p) => prepareColumn(p, (w) => idx.postings.has(singular(w))));
  const memory = new Map<string, MemoryEntry>();
  for (const m of options.memory ?? []) memory.set(fold(m.column).trim(), m);

  const ranked: Candidate[][] = columns.map((col) => {
    const found = new Map<string, Candidate>();
    const remembered = memory.get(fold(col.profile.name).trim());
    if (remembered) {
      const path = remembered.destination.replace(/\[\d*\]/g, '[]');
      if (idx.byPath.has(path))
        found.set(path, {
          destination: remembered.destination,
          path,
          confidence: MEMORY_CONFIDENCE,
          evidence: [`mapped this way before in ${remembered.source}`],
        });
    }
    for (const doc of candidatesFor(col, idx)) {
      if (found.has(doc.field.path)) continue;
      const s: Scored | null = scoreColumn(col, doc);
      if (s && s.score > 0.05)
        found.set(doc.field.path, {
          destination: destinationOf(doc.field.path, col.index),
          path: doc.field.path,
          confidence: round(s.score),
          evidence: s.evidence,
        });
    }
    return [...found.values()].sort((a, b) => b.confidence - a.confidence || a.path.length - b.path.length).slice(0, MAX_CANDIDATES);
  });
  groupByPrefix(columns, ranked);

  // Global one-to-one assignment over the candidates worth suggesting.
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  for (const list of ranked)
    for (const c of list)
      if (c.confidence >= threshold && !keyIndex.has(c.destination)) {
        keyIndex.set(c.destination, keys.length);
        keys.push(c.destination);
      }
  const matrix = ranked.map((list) => {
    const row = new Array<number>(keys.length).fill(0);
    for (const c of list) {
      const k = keyIndex.get(c.destination);
      if (k !== undefined && c.confidence >= threshold) row[k] = Math.max(row[k]!, c.confidence);
    }
    return row;
  });
  const chosen = keys.length ? assign(matrix, threshold) : columns.map(() => -1);

  return columns.map((col, i) => {
    const list = ranked[i]!;
    const pick = chosen[i]! >= 0 ? list.find((c) => c.destination === keys[chosen[i]!]) : undefined;
    const alternatives = list.filter((c) => c !== pick && c.confidence >= 0.2).slice(0, 5);
    if (!pick) {
      const why = list[0]
        ? [`no field fits well enough (best: ${list[0].path} at ${list[0].confidence.toFixed(2)})`]
        : ['no field of the schema fits this column'];
      return { column: col.profile.name, destination: null, path: null, confidence: 0, evidence: why, alternatives, fromMemory: false };
    }
    return {
      column: col.profile.name,
      destination: pick.destination,
      path: pick.path,
      confidence: pick.confidence,
      evidence: pick.evidence,
      alternatives,
      fromMemory: pick.evidence[0]?.startsWith('mapped this way before') ?? false,
    };
  });
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Fields worth scoring for a column: those sharing a word with it, near-spellings, and value concepts. */
function candidatesFor(col: PreparedColumn, idx: ReturnType<typeof fieldIndex>): Set<FieldDoc> {
  const out = new Set<FieldDoc>();
  for (const w of col.words) {
    for (const d of idx.postings.get(w) ?? []) out.add(d);
    const near = nearWords(idx, w);
    if (near.length) col.near.set(w, near);
    // Near spellings bring candidates only when the word itself is unknown (a typo).
    if (!idx.postings.has(w)) for (const n of near) for (const d of idx.postings.get(n) ?? []) out.add(d);
  }
  return out;
}

/**
 * Columns that share a leading word (`Ship-to City`, `Ship-to Country`) usually land under one
 * parent object: where most of them point at the same parent, that parent's fields gain a little.
 */
function groupByPrefix(columns: PreparedColumn[], ranked: Candidate[][]): void {
  const groups = new Map<string, number[]>();
  columns.forEach((c, i) => {
    const first = c.readings[0]?.tokens[0]?.t;
    if (!first || c.readings.length !== 1 || c.readings[0]!.tokens.length < 2) return;
    let g = groups.get(first);
    if (!g) groups.set(first, (g = []));
    g.push(i);
  });
  for (const [word, members] of groups) {
    if (members.length < 2) continue;
    const parents = new Map<string, number>();
    for (const i of members) {
      const top = ranked[i]![0];
      if (!top) continue;
      const parent = top.path.slice(0, top.path.lastIndexOf('.'));
      parents.set(parent, (parents.get(parent) ?? 0) + 1);
    }
    const [parent, n] = [...parents].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    if (!parent || n < 2) continue;
    for (const i of members)
      for (const c of ranked[i]!)
        if (c.path.startsWith(`${parent}.`) && c.path.lastIndexOf('.') === parent.length) {
          c.confidence = round(Math.min(1, c.confidence + 0.05));
          c.evidence.push(`columns starting with "${word}" land under ${parent}`);
        }
    for (const i of members) ranked[i]!.sort((a, b) => b.confidence - a.confidence);
  }
}
