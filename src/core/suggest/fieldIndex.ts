import Fuse, { type IFuseOptions } from 'fuse.js';
import type { Field, FieldTree } from '../schema/field.types';
import { DEFAULT_KEY_WORDS, KEY_ALIASES, MAIN_KEYS, RARE_OBJECTS, type Want, wantOf } from './fieldKnowledge';
import { DEFAULT_QUALIFIERS, GENERIC, QUALIFIERS, STOPWORDS, SUBJECT_WORDS } from './lexicon';
import { fold, singular, splitWords, textWords, tokenize } from './normalize';
import { type Subject, schemaSubject } from './subject';
import { Vocabulary } from './vocabulary';

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
  /** Words of the key and title (a match on parent words alone names the object, not the field). */
  keyWords: ReadonlySet<string>;
  /** A generic key that holds its object's value (`homePhone.number`), not a description of it (`status`). */
  mainKey: boolean;
  /** For a key describing its object (`status`, `label`, `type`): the object's own words (`address`), which a header must name. */
  objectWords: readonly string[];
  /** Every word that may match a header word, with the credit a match earns. */
  words: Map<string, number>;
  /** Alias word -> the core word it stands for (`date` -> `timestamp`). */
  aliasOf: Map<string, string>;
  /** Description words: weak evidence only. */
  description: Set<string>;
  /** The kind of value the field is made for. */
  want: Want | null;
  /** Qualifier of a parallel object (`home`, `work`, `personal`), if any. */
  qualifiers: string[];
  /** The number ending the key (`street2` -> 2): a header names the line it means. */
  line: number | null;
  /** Inside a rarely used object: the words that name it (empty when none do). */
  rare: readonly string[] | null;
  /** Counters such as `commerce.productViews.value`: an event's measures, not a CSV's columns. */
  measure: boolean;
  /** One of the record's own fields (the person's on a profile, the product's in a catalogue, the order's in a purchase): what a bare `Name` or `Type` can mean. */
  recordField: boolean;
  /** The schema says what its records are about (a class or title): off-subject fields are then known. */
  subjectKnown: boolean;
  /** Platform fields (`_repo.*`), ids of nested objects, geo metadata. */
  system: 'platform' | 'nested-id' | 'meta' | null;
  /** The field's words as one string, for the fuzzy search box. */
  text: string;
  /** Folded enum values and labels, when the field has any. */
  allowed: Set<string> | null;
  /** The allowed values are the only ones (`enum`), not suggestions (`meta:enum` alone). */
  closed: boolean;
}

export interface FieldIndex {
  tree: FieldTree;
  docs: FieldDoc[];
  byPath: Map<string, FieldDoc>;
  /** word -> fields that have it among key, parent, title or alias words. */
  postings: Map<string, FieldDoc[]>;
  /** want -> fields made for that kind of value. */
  byWant: Map<Want, FieldDoc[]>;
  /** The schema's words and the lexicon's, with the typo, inflection and abbreviation rules. */
  vocabulary: Vocabulary;
  /** What the schema's records are about. */
  subject: Subject;
  /** Fuzzy search over paths, titles and descriptions, for the field picker; built on first use. */
  fuse(): Fuse<FieldDoc>;
  /** Per doc, its title, path, words and description in lower case: what the search box's prefilter looks in. */
  searchText: string[];
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
  const contextWords = siblingContext(tree);
  const subject = schemaSubject(tree);
  const measures = measureObjects(tree);
  const ordinary = ordinaryWords(tree);
  const parallel = parallelSegments(tree);
  // The record's business identity (a catalogue's SKU) is what "Product ID" means; `_id` is technical then.
  const identity = tree.identities.find((i) => i.primary)?.path ?? null;
  const ownWords = identity ? [] : recordWords(tree);
  const ctx: Context = { tree, contextWords, ownWords, subject, measures, ordinary, identity, parallel };
  const docs = tree.leaves.filter((f) => f.xdmType !== 'map').map((f) => describe(ctx, f));
  const postings = new Map<string, FieldDoc[]>();
  const byWant = new Map<Want, FieldDoc[]>();
  for (const d of docs) {
    for (const t of d.words.keys()) push(postings, t, d);
    if (d.want) push(byWant, d.want, d);
  }
  let fuse: Fuse<FieldDoc> | null = null;
  const index: FieldIndex = {
    tree,
    docs,
    byPath: new Map(docs.map((d) => [d.field.path, d])),
    postings,
    byWant,
    vocabulary: new Vocabulary(postings.keys()),
    subject,
    fuse: () => (fuse ??= new Fuse(docs, FUSE_OPTIONS)),
    searchText: docs.map((d) => `${d.field.title} ${d.field.path} ${d.text} ${d.field.description ?? ''}`.toLowerCase()),
  };
  cache.set(tree, index);
  return index;
}

/** Words of XDM's grouping objects (`commerce`, `_experience`-style namespaces): they hold fields, they are not what a header names. */
const CONTAINER_WORDS: ReadonlySet<string> = new Set(['commerce', 'xdm', 'schema', 'b2b']);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  list.push(value);
}

interface Context {
  tree: FieldTree;
  contextWords: Map<string, Set<string>>;
  ownWords: string[];
  subject: Subject;
  measures: Set<string>;
  ordinary: Set<string>;
  identity: string | null;
  parallel: Set<string>;
}

function describe(ctx: Context, field: Field): FieldDoc {
  const { tree, contextWords, ownWords, subject, measures } = ctx;
  const segments = field.path.split('.').map((s) => s.replace(/\[\]$/, ''));
  const key = segments[segments.length - 1]!;
  const parents = segments.slice(0, -1).filter((s) => s !== tree.tenant);
  const keyTokens = tokenize(key)
    .map(singular)
    .filter((t) => !STOPWORDS.has(t));
  const context = contextWords.get(field.parent ?? '') ?? new Set<string>();
  const core: WeightedToken[] = [];
  const specific = keyTokens.filter((t) => !GENERIC.has(t) && !context.has(t) && !/^\d+$/.test(t) && !DEFAULT_KEY_WORDS.has(t));
  const mainKey = keyTokens.length === 1 && MAIN_KEYS.has(keyTokens[0]!);
  for (const t of keyTokens) {
    let w = 1;
    if (/^\d+$/.test(t)) w = 0.3;
    // The key holding an object's value goes without saying: `Email` is `personalEmail.address`.
    else if (mainKey) w = 0.2;
    else if (DEFAULT_KEY_WORDS.has(t)) w = 0.1;
    else if (context.has(t)) w = 0.2;
    else if (GENERIC.has(t)) w = specific.length ? 0.3 : 1;
    core.push({ t, w });
  }
  const qualifiers: string[] = [];
  const keyIsGeneric = !specific.length;
  const arrays = new Set(
    field.path
      .split('.')
      .filter((s) => s.endsWith('[]'))
      .map((s) => s.slice(0, -2)),
  );
  parents.forEach((seg, i) => {
    // The list a field is an item of (`productListItems`) says less about it than an object does.
    const near = i === parents.length - 1 && !arrays.has(seg);
    const toks = tokenize(seg.replace(/^_/, '')).map(singular);
    for (const t of toks) {
      let w = near ? 0.5 : 0.25;
      // A qualifier only picks among parallel objects (`homePhone`/`workPhone`); `extendedWorkDetails` has none.
      if (QUALIFIERS.has(t) && ctx.parallel.has(seg)) {
        qualifiers.push(t);
        w = DEFAULT_QUALIFIERS.has(t) ? 0.05 : 0.5;
      } else if (DEFAULT_QUALIFIERS.has(t))
        w = 0.05; // `personalEmail` alone is still just the email
      else if (GENERIC.has(t)) w = 0.15;
      else if (!near && CONTAINER_WORDS.has(t)) w = 0.1;
      w /= Math.max(1, toks.length - 1);
      // A generic key (`personalEmail.address`) is named by its parent.
      if (near && keyIsGeneric && !QUALIFIERS.has(t) && !GENERIC.has(t)) w = 1;
      core.push({ t, w });
    }
  });
  const words = new Map<string, number>();
  const aliasOf = new Map<string, string>();
  const keyWords = new Set(keyTokens);
  for (const { t } of core) words.set(t, 1);
  for (const t of tokenize(field.title).map(singular)) {
    keyWords.add(t);
    if (!words.has(t)) words.set(t, 0.9);
  }
  const mainToken = specific[0] ?? keyTokens.find((t) => !GENERIC.has(t)) ?? keyTokens[0]!;
  for (const [t, credit] of KEY_ALIASES.get(key) ?? [])
    if (!words.has(t)) {
      words.set(t, credit);
      aliasOf.set(t, mainToken);
      keyWords.add(t);
    }
  if (ctx.identity === field.path && (words.get('id') ?? 0) < 0.85) {
    words.set('id', 0.85);
    aliasOf.set('id', mainToken);
    keyWords.add('id');
  }
  if (RECORD_FIELDS.has(field.path))
    for (const t of ownWords)
      if (!words.has(t)) {
        words.set(t, 0.8);
        aliasOf.set(t, mainToken);
        keyWords.add(t);
      }
  const lineMatch = /(\d)$/.exec(key);
  return {
    field,
    core,
    words,
    aliasOf,
    specific,
    keyWords,
    mainKey,
    objectWords:
      keyIsGeneric && !mainKey && parents.length
        ? tokenize(parents[parents.length - 1]!.replace(/^_/, ''))
            .map(singular)
            // `commerce.amount` sits in XDM's commerce group, not in an object a header would name.
            .filter((t) => !QUALIFIERS.has(t) && !CONTAINER_WORDS.has(t))
        : [],
    description: new Set(textWords(field.description).map(singular)),
    want: wantOf(field, key, segments),
    qualifiers,
    line: lineMatch && /^(street|addressLine|line|address)\d$/i.test(key) ? Number(lineMatch[1]) : null,
    rare: rareAnchors(segments, ctx.ordinary),
    measure: field.parent !== null && measures.has(field.parent),
    recordField: isRecordField(field, tree.tenant, subject),
    subjectKnown: subject !== 'other',
    system: field.system
      ? 'platform'
      : key === '_id' && (field.path !== '_id' || ctx.identity) && !namesItself(field)
        ? 'nested-id'
        : segments.includes('_schema')
          ? 'meta'
          : null,
    text: [...words.keys()].join(' '),
    allowed: enumWords(field),
    closed: (field.enum?.length ?? 0) > 0,
  };
}

/**
 * The words naming the rarely used objects a field sits in (`coupon`, `direct marketing`), or
 * null when it sits in none. Words ordinary objects share (`phone` of `directMarketingPhone`)
 * name nothing rare.
 */
function rareAnchors(segments: readonly string[], ordinary: ReadonlySet<string>): string[] | null {
  const rare = segments.slice(0, -1).filter((s) => RARE_OBJECTS.has(s));
  if (!rare.length) return null;
  const subjectWords = new Set(Object.values(SUBJECT_WORDS).flatMap((s) => [...s]));
  return rare
    .flatMap((s) => tokenize(s).map(singular))
    .filter((t) => !GENERIC.has(t) && !subjectWords.has(t) && !ordinary.has(t) && t !== 'detail' && t !== 'list');
}

/**
 * Object names that have a parallel twin differing only by a qualifier: `homePhone`,
 * `workPhone`, `mobilePhone`; `billing` and `shipping` under `commerce`.
 */
function parallelSegments(tree: FieldTree): Set<string> {
  const byBase = new Map<string, Set<string>>();
  for (const f of tree.leaves) {
    const segments = f.path.split('.').map((s) => s.replace(/\[\]$/, ''));
    segments.slice(0, -1).forEach((seg, i) => {
      const toks = tokenize(seg.replace(/^_/, '')).map(singular);
      if (!toks.some((t) => QUALIFIERS.has(t))) return;
      const base = [...segments.slice(0, i), toks.filter((t) => !QUALIFIERS.has(t)).join(' ')].join('.');
      let set = byBase.get(base);
      if (!set) byBase.set(base, (set = new Set()));
      set.add(seg);
    });
    // An unqualified twin (`address` beside `billingAddress`) counts too.
  }
  const out = new Set<string>();
  for (const segs of byBase.values()) if (segs.size > 1) for (const s of segs) out.add(s);
  return out;
}

/** Words of the objects that hold ordinary (not rarely used) fields. */
function ordinaryWords(tree: FieldTree): Set<string> {
  const out = new Set<string>();
  for (const f of tree.leaves) {
    const segments = f.path.split('.').map((s) => s.replace(/\[\]$/, ''));
    if (segments.some((s) => RARE_OBJECTS.has(s))) continue;
    for (const s of segments.slice(0, -1)) for (const t of tokenize(s)) out.add(singular(t));
  }
  return out;
}

/**
 * Whether a field is one of the record's own: a profile's person fields and ids, a catalogue
 * row's product fields, a purchase event's root fields and order fields.
 */
function isRecordField(field: Field, tenant: string | null, subject: Subject): boolean {
  const path = field.path;
  const top = path.split('.')[0]!;
  if (!path.includes('.')) return true;
  if (subject === 'person') return top === 'person';
  if (subject === 'product') return top === tenant && path.split('.').length === 2;
  if (subject === 'event') return /^commerce\.order\.[^.[]+$/.test(path);
  return false;
}

/** A nested `_id` whose title says what it identifies (`Line item ID`) is a field to map, not plumbing. */
const namesItself = (field: Field) => !/^(identifier|coordinates id|unique identifier)?$/i.test(field.title.trim());

/** Objects whose only leaves are `id` and `value`: ExperienceEvent measures (`commerce.productViews`). */
function measureObjects(tree: FieldTree): Set<string> {
  const kids = new Map<string, string[]>();
  for (const f of tree.leaves) if (f.parent) push(kids, f.parent, f.key);
  const out = new Set<string>();
  for (const [parent, keys] of kids) if (keys.length === 2 && keys.includes('id') && keys.includes('value')) out.add(parent);
  return out;
}

/** Words most siblings share (`product` in productSku, productName, …) say little about one of them. */
function siblingContext(tree: FieldTree): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const byParent = new Map<string, Field[]>();
  for (const f of tree.leaves) push(byParent, f.parent ?? '', f);
  for (const [parent, fields] of byParent) {
    if (fields.length < 4) continue;
    const count = new Map<string, number>();
    for (const f of fields) for (const t of new Set(tokenize(f.key).map(singular))) count.set(t, (count.get(t) ?? 0) + 1);
    const common = new Set([...count].filter(([, n]) => n / fields.length > 0.5).map(([t]) => t));
    if (common.size) out.set(parent, common);
  }
  return out;
}

function enumWords(f: Field): Set<string> | null {
  if (!f.enum?.length && !f.enumLabels) return null;
  const out = new Set<string>();
  for (const v of f.enum ?? []) out.add(fold(String(v)).replace(/_/g, ' '));
  for (const [k, v] of Object.entries(f.enumLabels ?? {})) {
    out.add(fold(k).replace(/_/g, ' '));
    out.add(fold(String(v)));
  }
  return out;
}
