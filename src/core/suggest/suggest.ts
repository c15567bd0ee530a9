import type { ColumnProfile } from '../csv/profile';
import type { FieldTree } from '../schema/field.types';
import { assign } from './assign';
import { type PreparedColumn, prepareColumn } from './column';
import { confidenceLevel } from './confidence';
import { type FieldDoc, type FieldIndex, fieldIndex } from './fieldIndex';
import { WANTS, type Want } from './fieldKnowledge';
import { placeGroups, preferWork } from './fileContext';
import { GENERIC } from './lexicon';
import { fold, normalizeHeader } from './normalize';
import { scoreColumn } from './score';
import type { Candidate, MemoryEntry, Suggestion } from './suggest.types';
import type { ValueKind } from './values/kinds';
import { SPECIFICITY, WEIGHTS } from './weights';

export interface SuggestOptions {
  /** Headers that saved mappings sent somewhere: a strong prior. */
  memory?: readonly MemoryEntry[];
  /** Below this confidence a column is left unmapped (default 0.5). */
  threshold?: number;
}

const MAX_CANDIDATES = 12;

/** `productListItems[].SKU` with index 2 -> `productListItems[1].SKU`; scalars arrays get `[0]`. */
export function destinationOf(path: string, index: number | null): string {
  const i = index !== null && index > 0 ? index - 1 : 0;
  return path.replace(/\[\]/g, `[${i}]`);
}

/** Value kind -> the wants that accept it. */
const WANTS_OF = new Map<ValueKind, Want[]>();
for (const [want, rule] of Object.entries(WANTS) as [Want, (typeof WANTS)[Want]][])
  for (const k of rule.accepts) {
    let list = WANTS_OF.get(k);
    if (!list) WANTS_OF.set(k, (list = []));
    list.push(want);
  }

/**
 * Suggests a destination for every column: candidates come from the field index (shared words,
 * value kinds), each is scored on names, values and schema context, columns sharing a prefix
 * are placed together, saved mappings act as a prior, and a global one-to-one assignment picks
 * the final set. Confidence is discounted when a free rival comes close.
 */
export function suggestMappings(tree: FieldTree, profiles: readonly ColumnProfile[], options: SuggestOptions = {}): Suggestion[] {
  const threshold = options.threshold ?? WEIGHTS.threshold;
  const idx = fieldIndex(tree);
  const columns = profiles.map((p) => prepared(p, idx));
  const memory = new Map<string, MemoryEntry>();
  for (const m of options.memory ?? []) memory.set(fold(m.column).trim(), m);

  const pivots = pivotValues(columns);
  const ranked: Candidate[][] = columns.map((col, i) => {
    const found = new Map<string, Candidate>();
    // The value of a name/value pair means what its name column says, row by row: no field fits it.
    if (pivots.has(i)) return [];
    const remembered = memory.get(fold(col.profile.name).trim());
    if (remembered) {
      const path = remembered.destination.replace(/\[\d*\]/g, '[]');
      if (idx.byPath.has(path))
        found.set(path, {
          destination: remembered.destination,
          path,
          confidence: WEIGHTS.memory,
          evidence: [`mapped this way before in ${remembered.source}`],
        });
    }
    let scored: { doc: FieldDoc; score: number; base: 'name' | 'values' }[] = [];
    const refuted = new Set<string>();
    for (const doc of candidatesFor(col, idx)) {
      if (found.has(doc.field.path)) continue;
      const s = scoreColumn(col, doc, idx, false);
      if (s?.base === 'name' && s.vetoed) refuted.add(topOf(doc));
      if (s && s.score > 0.05) scored.push({ doc, score: round(s.score), base: s.base });
    }
    scored = valuesCorrectingNames(col, scored, refuted);
    scored.sort((a, b) => b.score - a.score || a.doc.field.path.length - b.doc.field.path.length);
    // Only the best candidates are explained.
    for (const { doc, score } of scored.slice(0, MAX_CANDIDATES)) {
      const evidence = scoreColumn(col, doc, idx, true)?.evidence ?? [];
      found.set(doc.field.path, { destination: destinationOf(doc.field.path, col.index), path: doc.field.path, confidence: score, evidence });
    }
    return [...found.values()].sort((a, b) => b.confidence - a.confidence || a.path.length - b.path.length).slice(0, MAX_CANDIDATES);
  });
  placeGroups(columns, ranked);
  preferWork(columns, ranked);

  // Global one-to-one assignment over the candidates worth suggesting; an earlier column wins a tie.
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  for (const list of ranked)
    for (const c of list)
      if (c.confidence >= threshold && !keyIndex.has(c.destination)) {
        keyIndex.set(c.destination, keys.length);
        keys.push(c.destination);
      }
  const matrix = ranked.map((list, i) => {
    const row = new Array<number>(keys.length).fill(0);
    for (const c of list) {
      const k = keyIndex.get(c.destination);
      if (k !== undefined && c.confidence >= threshold) row[k] = Math.max(row[k]!, c.confidence - i * 1e-6);
    }
    return row;
  });
  // Candidates under the threshold are already out, so leaving a column unmapped is worth nothing more.
  const chosen = keys.length ? assign(matrix, 1e-9) : columns.map(() => -1);
  const taken = new Set(chosen.filter((k) => k >= 0).map((k) => keys[k]!));

  return columns.map((col, i) => {
    const list = ranked[i]!;
    const pick = chosen[i]! >= 0 ? list.find((c) => c.destination === keys[chosen[i]!]) : undefined;
    const alternatives = list.filter((c) => c !== pick && c.confidence >= 0.2).slice(0, 5);
    if (!pick) {
      const why = pivots.has(i)
        ? [`the value of a name/value pair: what it holds is named in ${JSON.stringify(pivots.get(i))}, row by row`]
        : list[0]
          ? [`no field fits well enough (best: ${list[0].path} at ${list[0].confidence.toFixed(2)})`]
          : ['no field of the schema fits this column'];
      return { column: col.profile.name, destination: null, path: null, confidence: 0, level: 'none', evidence: why, alternatives, fromMemory: false };
    }
    const confidence = discounted(pick, list, taken);
    const evidence = confidence < pick.confidence ? [...pick.evidence, `a close alternative: ${rival(pick, list, taken)!.path}`] : pick.evidence;
    return {
      column: col.profile.name,
      destination: pick.destination,
      path: pick.path,
      confidence,
      level: confidenceLevel(confidence).word,
      evidence,
      alternatives,
      fromMemory: pick.evidence[0]?.startsWith('mapped this way before') ?? false,
    };
  });
}

const round = (x: number) => Math.round(x * 1000) / 1000;

const preparedCache = new WeakMap<FieldIndex, WeakMap<ColumnProfile, PreparedColumn>>();

/** A column prepared against an index once: suggestions are derived again after every edit of a mapping. */
function prepared(p: ColumnProfile, idx: FieldIndex): PreparedColumn {
  let byProfile = preparedCache.get(idx);
  if (!byProfile) preparedCache.set(idx, (byProfile = new WeakMap()));
  let col = byProfile.get(p);
  if (!col) byProfile.set(p, (col = prepareColumn(p, idx)));
  return col;
}

/** The best candidate for the same column that no other column took. */
function rival(pick: Candidate, list: readonly Candidate[], taken: ReadonlySet<string>): Candidate | undefined {
  return list.find((c) => c !== pick && !taken.has(c.destination));
}

/** A pick with a free rival close behind is less certain than its score says. */
function discounted(pick: Candidate, list: readonly Candidate[], taken: ReadonlySet<string>): number {
  const r = rival(pick, list, taken);
  const { window, discount } = WEIGHTS.margin;
  if (!r || pick.evidence[0]?.startsWith('mapped this way before')) return pick.confidence;
  const gap = pick.confidence - r.confidence;
  if (gap >= window) return pick.confidence;
  // A suggestion made stays at or above the threshold it passed.
  return round(Math.max(WEIGHTS.threshold, pick.confidence - discount * (1 - gap / window)));
}

const VALUE_WORDS = new Set(['value', 'values', 'wert', 'werte', 'valeur', 'valeurs', 'valor', 'valores', 'valore', 'valori', 'waarde']);
const NAME_WORDS = new Set(['name', 'label', 'key', 'type', 'naam', 'nom', 'nombre', 'nome', 'titel', 'title']);

/** Columns holding the value half of a name/value pair (`Option1 Value` beside `Option1 Name`), with the name column. */
function pivotValues(columns: readonly PreparedColumn[]): Map<number, string> {
  const heads = columns.map((c) => {
    const n = normalizeHeader(c.profile.name);
    return { stem: `${n.tokens.slice(0, -1).join(' ')}#${n.index ?? ''}`, last: n.tokens[n.tokens.length - 1] ?? '' };
  });
  const named = new Map<string, string>();
  heads.forEach((h, i) => {
    if (h.stem !== '#' && NAME_WORDS.has(h.last)) named.set(h.stem, columns[i]!.profile.name);
  });
  const out = new Map<number, string>();
  heads.forEach((h, i) => {
    const name = named.get(h.stem);
    if (h.stem !== '#' && VALUE_WORDS.has(h.last) && name !== undefined) out.set(i, name);
  });
  return out;
}

/**
 * Values alone choose for a header that says nothing usable. For a header that does, they may
 * correct what it says only near it: `Geschlecht` of Herr/Frau is the courtesy title beside the
 * gender the values refuted; a header of subject and generic words only (`Contact`) takes what
 * very specific values say. `Manager Email` or `CPF` of phone-like numbers take nothing from values.
 */
function valuesCorrectingNames<T extends { doc: FieldDoc; score: number; base: 'name' | 'values' }>(
  col: PreparedColumn,
  scored: T[],
  refuted: ReadonlySet<string>,
): T[] {
  if (col.meaningless || col.readings.some((r) => r.bare)) return scored;
  const namedWell = scored.some((s) => s.base === 'name' && s.score >= WEIGHTS.threshold);
  const plain = col.readings.every((r) => r.tokens.every((x) => x.w <= WEIGHTS.header.generic || GENERIC.has(x.t)));
  return scored.filter((s) => s.base === 'name' || refuted.has(topOf(s.doc)) || (!namedWell && plain && s.score >= 0.8));
}

/** The top-level object a field belongs to (`person`, `homeAddress`). */
const topOf = (d: FieldDoc) => d.field.path.split('.')[0]!;

/** Fields worth scoring for a column: those sharing a word with it, and those its values' kinds fit. */
function candidatesFor(col: PreparedColumn, idx: FieldIndex): Set<FieldDoc> {
  const out = new Set<FieldDoc>();
  // Generic words (`address`, `number`, `name`) name half the schema: they retrieve only for a bare header.
  const content = [...col.words].filter((w) => !GENERIC.has(w) && !/^\d+$/.test(w));
  for (const w of content.length ? content : col.words) for (const d of idx.postings.get(w) ?? []) out.add(d);
  for (const [kind, share] of col.values.kinds) {
    if (!col.meaningless && SPECIFICITY[kind] * share < 0.6) continue;
    for (const want of WANTS_OF.get(kind) ?? []) for (const d of idx.byWant.get(want) ?? []) out.add(d);
  }
  return out;
}
