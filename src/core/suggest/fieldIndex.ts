import Fuse, { type IFuseOptions } from 'fuse.js';
import type { Field, FieldTree } from '../schema/field.types';
import { DEFAULT_QUALIFIERS, GENERIC, QUALIFIERS, STOPWORDS } from './lexicon';
import { fold, singular, splitWords, textWords, tokenize } from './normalize';

export interface WeightedToken {
  t: string;
  w: number;
}

/** One schema field, prepared once for matching against any number of headers. */
export interface FieldDoc {
  field: Field;
  /** Key and parent words with the weight each carries in saying what the field is. */
  core: WeightedToken[];
  /** The key's own distinguishing words (not generic, not shared with siblings). */
  specific: string[];
  /** Every word that may match a header word, with the credit a match earns. */
  words: Map<string, number>;
  /** Alias word -> the core word it stands for (`date` -> `timestamp`). */
  aliasOf: Map<string, string>;
  /** Description words: weak evidence only. */
  description: Set<string>;
  /** Meanings that value evidence can confirm: `email`, `phone`, `country-code`, … */
  semantics: Set<string>;
  /** Qualifier of a parallel object (`home`, `work`, `personal`), if any. */
  qualifiers: string[];
  /** 0..1 multiplier for fields a person rarely maps (system, nested ids). */
  prior: number;
  /** The field's words as one string, for the fuzzy search box. */
  text: string;
  /** Folded enum values and labels, when the field has any. */
  allowed: Set<string> | null;
}

export interface FieldIndex {
  tree: FieldTree;
  docs: FieldDoc[];
  byPath: Map<string, FieldDoc>;
  /** word -> fields that have it among key, parent, title or alias words. */
  postings: Map<string, FieldDoc[]>;
  /** Each index word with one letter deleted -> the index words it came from: typo lookup. */
  deletions: Map<string, string[]>;
  /** Fuzzy search over paths, titles and descriptions, for the field picker; built on first use. */
  fuse(): Fuse<FieldDoc>;
  /** Per doc, its title, path, words and description in lower case: what the search box's prefilter looks in. */
  searchText: string[];
}

/** Extra words a field answers to, where XDM's key says less than people write. */
const KEY_ALIASES: Record<string, string[]> = {
  timestamp: ['date', 'time'],
  sku: ['product', 'item'],
  purchaseID: ['order'],
  priceTotal: ['amount'],
  postalCode: ['zip'],
};

/**
 * What a schema's records are (its class and title: "ExperienceEvent", "Offline Purchases"),
 * as words a header uses for the record's own id and time: "Event ID", "Purchase Date".
 */
function recordWords(tree: FieldTree): string[] {
  const cls = tree.className ?? '';
  const words: string[] = [];
  if (/experienceevent/i.test(cls)) words.push('event', 'experience');
  else if (/\/profile$/i.test(cls)) words.push('profile', 'record');
  else words.push(...tokenize(splitWords((cls.split('/').pop() ?? '').replace(/class$/i, ''))));
  words.push(...tokenize(tree.title).filter((t) => !['schema', 'xdm', 'class', 'large'].includes(t)));
  return [...new Set(words.map(singular))].filter((t) => t.length > 2 && !GENERIC.has(t));
}

/** Root fields that stand for the record itself. */
const RECORD_FIELDS = new Set(['_id', 'timestamp']);

const cache = new WeakMap<FieldTree, FieldIndex>();

/** Builds (once per tree) the index the suggester and the field picker search. */
export function fieldIndex(tree: FieldTree): FieldIndex {
  const hit = cache.get(tree);
  if (hit) return hit;
  const tenant = tree.tenant;
  const contextWords = siblingContext(tree);
  const docs: FieldDoc[] = [];
  const ownWords = recordWords(tree);
  for (const field of tree.leaves) {
    if (field.xdmType === 'map') continue;
    const segments = field.path.split('.').map((s) => s.replace(/\[\]$/, ''));
    const key = segments[segments.length - 1]!;
    const parents = segments.slice(0, -1).filter((s) => s !== tenant);
    const keyTokens = tokenize(key)
      .map(singular)
      .filter((t) => !STOPWORDS.has(t));
    const context = contextWords.get(field.parent ?? '') ?? new Set<string>();
    const core: WeightedToken[] = [];
    const specific = keyTokens.filter((t) => !GENERIC.has(t) && !context.has(t) && !/^\d+$/.test(t));
    for (const t of keyTokens) {
      let w = 1;
      if (/^\d+$/.test(t)) w = 0.3;
      else if (context.has(t)) w = 0.2;
      else if (GENERIC.has(t)) w = specific.length ? 0.3 : 1;
      core.push({ t, w });
    }
    const qualifiers: string[] = [];
    parents.forEach((seg, i) => {
      const near = i === parents.length - 1;
      const toks = tokenize(seg.replace(/^_/, '')).map(singular);
      for (const t of toks) {
        let w = near ? 0.5 : 0.25;
        if (QUALIFIERS.has(t)) {
          qualifiers.push(t);
          w = DEFAULT_QUALIFIERS.has(t) ? 0.05 : 0.5;
        } else if (GENERIC.has(t)) w = 0.15;
        else if (!near && (t === 'commerce' || t === 'xdm' || t === 'schema')) w = 0.1;
        // A generic key (`personalEmail.address`) is named by its parent.
        if (near && !specific.length && !QUALIFIERS.has(t) && !GENERIC.has(t)) w = 1;
        w /= Math.max(1, toks.length - 1);
        core.push({ t, w });
      }
    });
    const words = new Map<string, number>();
    const aliasOf = new Map<string, string>();
    for (const { t } of core) words.set(t, 1);
    for (const t of tokenize(field.title).map(singular)) if (!words.has(t)) words.set(t, 0.9);
    const mainToken = keyTokens.find((t) => !GENERIC.has(t)) ?? keyTokens[0]!;
    for (const t of Object.hasOwn(KEY_ALIASES, key) ? KEY_ALIASES[key]! : [])
      if (!words.has(t)) {
        words.set(t, 0.9);
        aliasOf.set(t, mainToken);
      }
    if (RECORD_FIELDS.has(field.path))
      for (const t of ownWords)
        if (!words.has(t)) {
          words.set(t, 0.8);
          aliasOf.set(t, mainToken);
        }
    const description = new Set(textWords(field.description).map(singular));
    let prior = 1;
    if (field.system) prior = 0.3;
    else if (key === '_id' && field.path !== '_id') prior = 0.5;
    else if (segments.includes('_schema')) prior = 0.7;
    docs.push({
      field,
      core,
      words,
      aliasOf,
      specific,
      description,
      semantics: semanticsOf(field, keyTokens, segments),
      qualifiers,
      prior,
      text: [...words.keys()].join(' '),
      allowed: enumWords(field),
    });
  }
  const postings = new Map<string, FieldDoc[]>();
  for (const d of docs)
    for (const t of d.words.keys()) {
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push(d);
    }
  const deletions = new Map<string, string[]>();
  for (const w of postings.keys()) {
    if (w.length < 5) continue;
    for (let k = 0; k < w.length; k++) {
      const d = w.slice(0, k) + w.slice(k + 1);
      let list = deletions.get(d);
      if (!list) deletions.set(d, (list = []));
      list.push(w);
    }
  }
  let fuse: Fuse<FieldDoc> | null = null;
  const index: FieldIndex = {
    tree,
    docs,
    byPath: new Map(docs.map((d) => [d.field.path, d])),
    postings,
    deletions,
    fuse: () => (fuse ??= new Fuse(docs, FUSE_OPTIONS)),
    searchText: docs.map((d) => `${d.field.title} ${d.field.path} ${d.text} ${d.field.description ?? ''}`.toLowerCase()),
  };
  cache.set(tree, index);
  return index;
}

/** The search box's fuzzy match: over titles, paths, the field's words and descriptions. */
export const FUSE_OPTIONS: IFuseOptions<FieldDoc> = {
  // Array key paths: field paths contain dots, which fuse would otherwise read as nesting.
  keys: [
    { name: ['field', 'title'], weight: 1 },
    { name: ['field', 'path'], weight: 0.8 },
    { name: 'text', weight: 0.6 },
    { name: ['field', 'description'], weight: 0.2 },
  ],
  ignoreLocation: true,
  includeScore: true,
  threshold: 0.4,
};

/** Words most siblings share (`product` in productSku, productName, …) say little about one of them. */
function siblingContext(tree: FieldTree): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const byParent = new Map<string, Field[]>();
  for (const f of tree.leaves) {
    const k = f.parent ?? '';
    let list = byParent.get(k);
    if (!list) byParent.set(k, (list = []));
    list.push(f);
  }
  for (const [parent, fields] of byParent) {
    if (fields.length < 4) continue;
    const count = new Map<string, number>();
    for (const f of fields) for (const t of new Set(tokenize(f.key).map(singular))) count.set(t, (count.get(t) ?? 0) + 1);
    const common = new Set([...count].filter(([, n]) => n / fields.length > 0.5).map(([t]) => t));
    if (common.size) out.set(parent, common);
  }
  return out;
}

function semanticsOf(field: Field, keyTokens: string[], segments: string[]): Set<string> {
  const s = new Set<string>();
  const all = segments.flatMap((seg) => tokenize(seg).map(singular));
  const key = segments[segments.length - 1]!;
  if (all.includes('email') && (keyTokens.includes('address') || key === 'email')) s.add('email');
  if ((all.includes('phone') || all.includes('mobile') || all.includes('fax')) && (keyTokens.includes('number') || key === 'phone')) s.add('phone');
  if (key === 'countryCode' && !all.includes('phone')) s.add('country-code');
  if (key === 'countryCode' && all.includes('phone')) s.add('calling-code');
  if (key === 'country' || key === 'nationality') s.add('country-name');
  if (/currency/i.test(key)) s.add('currency');
  if (key === 'gender') s.add('gender');
  if (/tier$/i.test(key)) s.add('tier');
  if (key === 'courtesyTitle') s.add('courtesy-title');
  if (/birth/i.test(key) && (field.xdmType === 'date' || field.xdmType === 'date-time')) s.add('birth-date');
  if (/dayandmonth/i.test(key) || /\bMM-DD\b/.test(field.title)) s.add('day-month');
  if (field.format === 'uri' || /url$|uri$/i.test(key) || key === 'website') s.add('url');
  if (key === '_id' || /id$/i.test(key)) s.add('id');
  return s;
}

/** Index words one edit away from `word` (a letter missing, extra, changed or swapped). */
export function nearWords(index: FieldIndex, word: string): string[] {
  if (word.length < 5) return [];
  const out = new Set<string>(index.deletions.get(word) ?? []);
  for (let i = 0; i < word.length; i++) {
    const d = word.slice(0, i) + word.slice(i + 1);
    if (index.postings.has(d)) out.add(d);
    for (const w of index.deletions.get(d) ?? []) out.add(w);
  }
  out.delete(word);
  return [...out];
}

function enumWords(f: Field): Set<string> | null {
  if (!f.enum?.length && !f.enumLabels) return null;
  const out = new Set<string>();
  for (const v of f.enum ?? []) out.add(fold(String(v)).replace(/_/g, ' '));
  for (const [k, v] of Object.entries(f.enumLabels ?? {})) {
    out.add(fold(k).replace(/_/g, ' '));
    out.add(fold(v));
  }
  return out;
}
