import type { ColumnProfile } from '../csv/profile';
import type { FieldIndex } from './fieldIndex';
import { DEFAULT_WORDS, GENERIC, ITEM_WORDS, QUALIFIERS, STOPWORDS, SUBJECT_WORDS, UNLABELLED, VAGUE } from './lexicon';
import { fold, normalizeHeader, singular } from './normalize';
import { subjectWord } from './subject';
import { translate } from './translate';
import type { ValueProfile } from './values/kinds';
import { readValues } from './values/recognise';
import { WEIGHTS } from './weights';

/** One way of reading a header: its weighted words and how they were arrived at. */
export interface HeaderReading {
  tokens: { t: string; w: number }[];
  notes: string[];
  /** Read with the schema's subject added (`Name` as `customer name`): weighs a little less. */
  inferred?: boolean;
  /** Only generic words (`Name`, `Type`, `Status`): the schema's subject decides what it means. */
  bare: boolean;
}

/** A column prepared once: the readings of its header and what its values are. */
export interface PreparedColumn {
  profile: ColumnProfile;
  /** Readings of the header, empty when it says nothing usable. */
  readings: HeaderReading[];
  /** All words of every reading, for candidate retrieval. */
  words: Set<string>;
  values: ValueProfile;
  /** The header carries no usable meaning (`field3`, a code, made-up words): values decide. */
  meaningless: boolean;
  /** The number written in the header (`SKU 2`, `Item 2 Price`): an array item's index. */
  index: number | null;
  /** The number ending the header (`Address Line 2`, `Address2`): a numbered line. `Address_2 City` numbers an address, not a line. */
  line: number | null;
  itemWords: boolean;
  /** Qualifier words the header names (`billing`, `work`). */
  qualifiers: Set<string>;
  /** Values folded once (`Not_Specified` -> `not specified`) for enum checks. */
  folded: string[];
}

const H = WEIGHTS.header;

/** Words that each name an identifier: after the first, the rest repeat it. */
const IDENTIFIER_WORDS: ReadonlySet<string> = new Set(['id', 'sku', 'number', 'code', 'key', 'reference']);

/** Format letters and placeholders written in brackets: `yyyy`, `mm`, `dd`, `x`, `0`, `1`. */
const PLACEHOLDER = /^(y{2,4}|m{1,2}|d{1,2}|h{1,2}|s{1,2}|j{2,4}|a{4}|t{2}|[a-z]|\d+)$/;

/** Prepares a column for scoring against one schema's index. */
export function prepareColumn(p: ColumnProfile, idx: FieldIndex): PreparedColumn {
  const n = normalizeHeader(p.name);
  const vocab = idx.vocabulary;
  const subjectWords = subjectWordsOf(idx);
  let index = n.index;
  let understood = false;
  const weigh = (tokens: readonly string[], bracketed: readonly string[], literal = false): HeaderReading => {
    const notes: string[] = [];
    const participles = new Set<string>();
    const read = tokens
      .filter((t) => !DEFAULT_WORDS.has(t))
      .flatMap((t) => {
        const r = vocab.read(t);
        if (r.how !== 'unknown' && r.how !== 'known') notes.push(`"${t}" means "${r.words.join(' ')}"`);
        if (r.how !== 'unknown') understood = true;
        // An unknown -ed word (`Converted`) is a word to explain like any other.
        if (r.how !== 'split' && r.how !== 'unknown' && t.length > 4 && t.endsWith('ed')) {
          // `Qty Ordered`, `Cancelled at`: a participle modifies; its stem is what fields are named with.
          const stem = vocab.isSchemaWord(t) ? t : (vocab.stem(t) ?? t);
          participles.add(stem);
          participles.add(t);
        }
        return r.words;
      });
    const main = literal ? { tokens: [...read], notes: [] } : translate(read);
    // A second pass reads what the first produced: `Card Address Line1` -> billing address line 1 -> billing street.
    const again = literal ? main : translate(main.tokens);
    if (new Set(again.tokens).size < new Set(main.tokens).size || again.tokens.some((t) => !main.tokens.includes(t))) {
      main.notes.push(...again.notes.filter((x) => !main.notes.some((y) => y.to.includes(x.from))));
      main.tokens = again.tokens;
    }
    for (const x of main.notes) notes.push(`"${x.from}" means "${x.to}"`);
    // A canonical phrase ending in a line number (`street 2`) gives the column that index.
    let out = main.tokens.filter((t) => {
      if (!/^\d+$/.test(t)) return true;
      index ??= Number(t);
      return false;
    });
    // An address with nothing more specific ("Address", "Adresse", "Address 1") is its street line.
    const content = out.filter((t) => !STOPWORDS.has(t) && !QUALIFIERS.has(t));
    if (content.length && content.every((t) => t === 'address')) {
      out = out.map((t) => (t === 'address' ? 'street' : t));
      notes.push('"address" means "street"');
    }
    // Brackets hold units, formats and placeholders (`(kg)`, `(yyyy-mm-dd)`, `(x,y,z...)`, `(0/1)`):
    // they qualify the column and need no field of their own.
    const extra = translate(bracketed.filter((t) => !PLACEHOLDER.test(t)).flatMap((t) => vocab.read(t).words));
    const weighted: HeaderReading['tokens'] = [];
    const seen = new Set<string>();
    const add = (t: string, w: number) => {
      const s = singular(t);
      if (seen.has(s) || STOPWORDS.has(t)) return;
      seen.add(s);
      weighted.push({ t: s, w });
    };
    for (const t of out) {
      if (t.startsWith('~')) {
        // A qualifier of an amount (`tax excluded`, `HT`, `netto`): it says how, not what.
        add(t, H.qualifier);
        continue;
      }
      // `Reference #`, `SKU Number`, `Customer ID No`: one identifier word says it, the others repeat it.
      if (IDENTIFIER_WORDS.has(t) && out.some((u) => u !== t && IDENTIFIER_WORDS.has(u) && out.indexOf(u) < out.indexOf(t))) {
        add(t, H.qualifier);
        continue;
      }
      const stem = participles.has(t) && !vocab.isSchemaWord(t) ? (vocab.stem(t) ?? t) : t;
      add(stem, subjectWords.has(stem) ? H.subject : participles.has(t) ? H.participle : GENERIC.has(stem) ? H.generic : H.word);
    }
    for (const t of extra.tokens) add(t, H.bracketed);
    if (index !== null) add(String(index), H.index);
    const words = weighted.filter((x) => !/^\d+$/.test(x.t) && !subjectWords.has(x.t));
    const bare = words.length > 0 && words.every((x) => GENERIC.has(x.t) || VAGUE.has(x.t) || false);
    return { tokens: weighted, notes, bare };
  };

  const readings: HeaderReading[] = [];
  const unlabelled = UNLABELLED.test(p.name.trim()) || n.tokens.length === 0;
  if (!unlabelled) {
    if (n.alternatives.length) for (const alt of n.alternatives) readings.push(weigh(alt, n.bracketed));
    else readings.push(weigh(n.tokens, n.bracketed));
    // A header made of the schema's own words is also read as written (a field named `locale`
    // is not the lexicon's `preferred language`).
    const content = n.tokens.filter((t) => !STOPWORDS.has(t) && !/^\d+$/.test(t));
    if (content.length && content.every((t) => vocab.isSchemaWord(singular(t)) || vocab.isSchemaWord(t))) {
      const literal = weigh(n.tokens, n.bracketed, true);
      if (literal.tokens.map((x) => x.t).join(' ') !== readings[readings.length - 1]!.tokens.map((x) => x.t).join(' ')) readings.push(literal);
    }
    // A header that names only a thing (`Product`, `Producto`, `Customer`) means its name.
    const only = readings.length === 1 ? readings[0]!.tokens.filter((x) => !/^\d+$/.test(x.t)) : [];
    if (only.length === 1 && (SUBJECT_WORDS.product.has(only[0]!.t) || SUBJECT_WORDS.person.has(only[0]!.t))) {
      const named = weigh([only[0]!.t, 'name'], n.bracketed);
      readings.unshift({ ...named, notes: [`a bare "${p.name}" names the ${only[0]!.t}`, ...named.notes] });
    }
    // A bare header is read again with the schema's subject: `Title` of a product is its name.
    const word = subjectWord(idx.tree, idx.subject);
    if (word && readings.length === 1 && readings[0]!.bare) {
      const again = weigh([word, ...n.tokens], n.bracketed);
      if (again.notes.some((x) => x.includes(`"${word} `)))
        readings.unshift({ ...again, bare: false, inferred: true, notes: [`a bare "${p.name}" here is the ${word}'s`, ...again.notes] });
    }
  }
  const meaningless = unlabelled || !understood;
  // The number in a placeholder (`field3`, `c9`) counts columns, not lines or items.
  if (meaningless) index = null;
  const live = meaningless ? [] : readings;
  const words = new Set(live.flatMap((r) => r.tokens.map((x) => x.t)));
  return {
    profile: p,
    readings: live,
    words,
    values: readValues(p),
    meaningless,
    index,
    line: index !== null && /\d\s*$/.test(p.name.replace(/[([{][^)\]}]*[)\]}]/g, '').trim()) ? index : null,
    itemWords: [...words].some((w) => ITEM_WORDS.has(w)),
    qualifiers: new Set([...words].filter((w) => QUALIFIERS.has(w))),
    folded: p.values.map((v) => fold(v).replace(/_/g, ' ')),
  };
}

/** The words that name a schema's own records: customers on a profile, products in a catalogue, orders in a purchase event. */
function subjectWordsOf(idx: FieldIndex): ReadonlySet<string> {
  if (idx.subject === 'person') return SUBJECT_WORDS.person;
  if (idx.subject === 'product') return SUBJECT_WORDS.product;
  if (idx.subject === 'event' && subjectWord(idx.tree, idx.subject) === 'order') return SUBJECT_WORDS.order;
  return new Set();
}
