import type { ColumnProfile } from '../csv/profile';
import type { XdmType } from '../schema/field.types';
import type { FieldDoc } from './fieldIndex';
import { correctSpelling, DEFAULT_QUALIFIERS, DEFAULT_WORDS, GENERIC, ITEM_WORDS, QUALIFIERS, STOPWORDS, segment, translate, UNLABELLED } from './lexicon';
import { fold, normalizeHeader, singular } from './normalize';
import { CONCEPT_LABEL, isCourtesyTitle, type ValueConcept, valueConcepts } from './values';

/** A header prepared once: the weighted words of each reading (one, or one per side of `A/B`). */
export interface PreparedColumn {
  profile: ColumnProfile;
  readings: { tokens: { t: string; w: number }[]; notes: string[] }[];
  /** All words of every reading, for candidate retrieval. */
  words: Set<string>;
  concepts: ValueConcept[];
  unlabelled: boolean;
  index: number | null;
  itemWords: boolean;
  /** Values folded once (`Not_Specified` -> `not specified`) for enum checks. */
  folded: string[];
  courtesyShare: number;
  /** Header word -> schema words one edit away, filled in against a field index. */
  near: Map<string, readonly string[]>;
}

/** Words a value concept stands for, when a header says nothing. */
const CONCEPT_WORDS: Partial<Record<ValueConcept, string>> = {
  email: 'email',
  phone: 'phone',
  'birth-date': 'birth date',
  'country-name': 'country',
  'country-code': 'country code',
  currency: 'currency',
  gender: 'gender',
  tier: 'tier',
  'courtesy-title': 'courtesy title',
  url: 'url',
};

/**
 * Prepares a column for scoring. `isKnown` says whether a word is one of the schema's own (such
 * a word is never "corrected" into a lexicon word).
 */
export function prepareColumn(p: ColumnProfile, isKnown: (w: string) => boolean = () => false): PreparedColumn {
  const n = normalizeHeader(p.name);
  const concepts = valueConcepts(p);
  const unlabelled = UNLABELLED.test(p.name.trim()) || n.tokens.length === 0;
  const readings: PreparedColumn['readings'] = [];
  const weigh = (tokens: string[], bracketed: string[]) => {
    const fixes: { from: string; to: string }[] = [];
    const corrected = tokens
      .filter((t) => !DEFAULT_WORDS.has(t))
      .flatMap((t) => {
        const fixed = segment(correctSpelling(t, isKnown), isKnown);
        if (fixed.join(' ') !== t) fixes.push({ from: t, to: fixed.join(' ') });
        return fixed;
      });
    const main = translate(corrected);
    main.notes.unshift(...fixes);
    // An address with nothing more specific ("Address", "Adresse", "Address 1") is its street line.
    const content = main.tokens.filter((t) => !STOPWORDS.has(t) && !QUALIFIERS.has(t));
    if (content.length && content.every((t) => t === 'address')) {
      main.tokens = main.tokens.map((t) => (t === 'address' ? 'street' : t));
      main.notes.push({ from: 'address', to: 'street' });
    }
    const extra = translate(bracketed);
    const out: { t: string; w: number }[] = [];
    const seen = new Set<string>();
    const add = (t: string, w: number) => {
      const s = singular(t);
      if (seen.has(s) || STOPWORDS.has(t)) return;
      seen.add(s);
      out.push({ t: s, w });
    };
    for (const t of main.tokens) add(t, GENERIC.has(t) ? 0.5 : t.length > 4 && t.endsWith('ed') ? 0.4 : 1);
    for (const t of extra.tokens) add(t, 0.3);
    if (n.index !== null) add(String(n.index), 0.5);
    return { tokens: out, notes: [...main.notes, ...extra.notes].map((x) => `"${x.from}" means "${x.to}"`) };
  };
  if (unlabelled) {
    for (const c of concepts) {
      const words = CONCEPT_WORDS[c];
      if (words) readings.push({ tokens: words.split(' ').map((t) => ({ t, w: 1 })), notes: [] });
    }
  } else if (n.alternatives.length) for (const alt of n.alternatives) readings.push(weigh(alt, n.bracketed));
  else readings.push(weigh(n.tokens, n.bracketed));
  const words = new Set(readings.flatMap((r) => r.tokens.map((x) => x.t)));
  const values = p.values;
  return {
    profile: p,
    readings,
    words,
    concepts,
    unlabelled,
    index: n.index,
    itemWords: [...words].some((w) => ITEM_WORDS.has(w)),
    folded: values.map((v) => fold(v).replace(/_/g, ' ')),
    courtesyShare: values.length ? values.filter(isCourtesyTitle).length / values.length : 0,
    near: new Map(),
  };
}

export interface Scored {
  score: number;
  evidence: string[];
}

/** How well a header's words fit a field: every header word explained, the field's own words named. */
function nameScore(
  reading: PreparedColumn['readings'][number],
  doc: FieldDoc,
  near: ReadonlyMap<string, readonly string[]>,
): { score: number; matched: string[] } {
  let hw = 0;
  let hit = 0;
  const covered = new Set<string>();
  const matched: string[] = [];
  for (const { t, w } of reading.tokens) {
    // A number in the header is an item index for array fields, not a word to match.
    if (doc.field.inArray && /^\d+$/.test(t)) continue;
    hw += w;
    let credit = doc.words.get(t) ?? 0;
    let via = t;
    // "Home Email" and "Personal Phone" name the default object whichever word the schema uses.
    if (!credit && DEFAULT_QUALIFIERS.has(t)) {
      const q = doc.qualifiers.find((x) => DEFAULT_QUALIFIERS.has(x));
      if (q) {
        credit = 0.9;
        via = q;
      }
    }
    if (!credit) {
      // Typos only: index words one edit away ("adress" -> "address"); "referrer" is not "referral".
      for (const u of near.get(t) ?? []) {
        const c = doc.words.get(u);
        if (c && c * 0.8 > credit) {
          credit = c * 0.8;
          via = u;
        }
      }
    }
    if (!credit && doc.description.has(t)) credit = 0.35;
    if (credit) {
      hit += w * credit;
      covered.add(doc.aliasOf.get(via) ?? via);
      matched.push(t);
    }
  }
  if (!hw) return { score: 0, matched };
  let fw = 0;
  let fhit = 0;
  for (const { t, w } of doc.core) {
    fw += w;
    if (covered.has(t)) fhit += w;
  }
  const covH = hit / hw;
  const covF = fw ? fhit / fw : 0;
  let score = covH ** 1.5 * covF ** 0.5;
  // The words that make a field what it is ("cancel" in cancelDate) must be named by the header.
  if (doc.specific.length && !doc.specific.some((t) => covered.has(t))) score *= 0.6;
  return { score, matched };
}

type Fit = 'strong' | 'ok' | 'weak' | 'none';

/** Whether the column's values can go into the field's type, and how well. */
function typeFit(kind: ColumnProfile['kind'], t: XdmType): Fit {
  const int = t === 'byte' || t === 'short' || t === 'int' || t === 'long';
  switch (kind) {
    case 'empty':
      return 'ok';
    case 'boolean':
      return t === 'boolean' ? 'strong' : t === 'string' ? 'weak' : 'none';
    case 'integer':
      return int || t === 'number' ? 'strong' : t === 'string' ? 'ok' : 'none';
    case 'decimal':
      return t === 'number' ? 'strong' : t === 'string' ? 'weak' : 'none';
    case 'date':
    case 'date-time':
      return t === 'date' || t === 'date-time' ? 'strong' : t === 'string' ? 'weak' : 'none';
    case 'email':
    case 'phone':
    case 'url':
    case 'uuid':
    case 'text':
      return t === 'string' ? 'ok' : 'none';
  }
}

/**
 * Scores one column against one field: name evidence, then what the values say (type, value
 * concepts, enums), then the schema's context (system fields, array items, defaults).
 */
export function scoreColumn(col: PreparedColumn, doc: FieldDoc): Scored | null {
  const f = doc.field;
  const type = f.xdmType === 'array' ? (f.itemType ?? 'string') : f.xdmType;
  const fit = typeFit(col.profile.kind, type);
  if (fit === 'none') return null;
  let best = { score: 0, matched: [] as string[], notes: [] as string[] };
  for (const r of col.readings) {
    const s = nameScore(r, doc, col.near);
    if (s.score > best.score) best = { ...s, notes: r.notes };
  }
  if (best.score === 0) return null;
  let score = col.unlabelled ? best.score * 0.75 : best.score;
  const evidence: string[] = [...best.notes];
  if (!col.unlabelled) evidence.push(`name: ${best.matched.map((m) => `"${m}"`).join(', ')} match ${f.title ? `"${f.title}"` : f.key} (${f.path})`);
  if (fit === 'strong') {
    score += 0.05;
    evidence.push(`type: ${col.profile.kind} values fit ${type}`);
  } else if (fit === 'weak') score *= 0.75;

  for (const c of col.concepts) {
    const label = CONCEPT_LABEL[c];
    const sem = doc.semantics;
    if (
      c === 'email' ||
      c === 'phone' ||
      c === 'url' ||
      c === 'currency' ||
      c === 'gender' ||
      c === 'tier' ||
      c === 'courtesy-title' ||
      c === 'birth-date' ||
      c === 'day-month'
    ) {
      if (sem.has(c)) {
        score += 0.2;
        evidence.push(`values look like ${label}`);
      } else if (c === 'email' || c === 'phone' || c === 'currency') score *= 0.5;
    } else if (c === 'country-code') {
      if (sem.has('country-code')) {
        score += 0.2;
        evidence.push(`values look like ${label}`);
      } else if (sem.has('calling-code')) score *= 0.3;
    } else if (c === 'country-name') {
      if (sem.has('country-name')) {
        score += 0.2;
        evidence.push(`values look like ${label}`);
      } else if (sem.has('country-code')) score *= 0.6;
    } else if (c === 'uuid' && sem.has('id')) {
      score += 0.1;
      evidence.push(`values look like ${label}`);
    }
  }
  // A "Title" column of job titles is not a courtesy title.
  if (doc.semantics.has('courtesy-title') && col.profile.values.length && col.profile.values.filter(isCourtesyTitle).length / col.profile.values.length < 0.5)
    score *= 0.2;
  const allowed = doc.allowed;
  if (allowed && col.folded.length) {
    const share = col.folded.filter((v) => allowed.has(v)).length / col.folded.length;
    if (share >= 0.8) {
      score += 0.2;
      evidence.push("values are among the field's allowed values");
    } else if (share < 0.5) score *= 0.2;
  }
  if (f.inArray && !col.itemWords && col.index === null) score *= 0.9;
  if (doc.qualifiers.length && doc.qualifiers.every((q) => !col.words.has(q))) {
    const dflt = doc.qualifiers.some((q) => q === 'home' || q === 'personal');
    if (dflt) evidence.push(`the default among parallel fields (${doc.qualifiers.join(', ')})`);
  }
  if (f.requiredFromRoot && fit === 'strong') score += 0.03;
  score *= doc.prior;
  if (doc.prior < 1) evidence.push('a field the platform usually fills');
  return { score: Math.min(1, score), evidence };
}
