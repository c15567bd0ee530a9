import { canonicalWords, lexiconVocabulary, meaningOf } from './translate';
import { TypoIndex } from './typos';

/** How an unknown header word was read: the word(s) it became and why. */
export interface Reading {
  words: string[];
  how: 'known' | 'split' | 'typo' | 'inflection' | 'abbreviation' | 'unknown';
}

const VOWELS = /[aeiou]/;

/**
 * The words a header can be understood in: the lexicon's and one schema's own. Unknown header
 * words are read by general rules, in this order: run-together words split (`mobilephone`),
 * typing slips corrected (`adress`), inflections removed (`cancelled` -> `cancel`), and
 * abbreviations expanded (`pymt` -> `payment`, `cust` -> `customer`). A reading is taken only
 * when every candidate means the same thing.
 */
export class Vocabulary {
  private readonly schema: ReadonlySet<string>;
  private readonly all = new Set<string>();
  private readonly typos: TypoIndex;
  private readonly byInitial = new Map<string, string[]>();
  /** XDM's own words (the schema's and the lexicon's canonical ones): what a consonant skeleton may stand for. */
  private readonly canonical: ReadonlySet<string>;
  private readonly memo = new Map<string, Reading>();

  constructor(schemaWords: Iterable<string>) {
    this.schema = new Set(schemaWords);
    for (const w of lexiconVocabulary()) this.all.add(w);
    for (const w of this.schema) this.all.add(w);
    this.typos = new TypoIndex(this.all);
    this.canonical = new Set([...canonicalWords(), ...this.schema]);
    for (const w of this.all) {
      if (w.length < 3 || /\d/.test(w)) continue;
      let list = this.byInitial.get(w[0]!);
      if (!list) this.byInitial.set(w[0]!, (list = []));
      list.push(w);
    }
  }

  /** A word of the schema itself (never "corrected" into a lexicon word). */
  isSchemaWord(w: string): boolean {
    return this.schema.has(w);
  }

  isKnown(w: string): boolean {
    return this.all.has(w);
  }

  /** Reads one header token. */
  read(word: string): Reading {
    let hit = this.memo.get(word);
    if (!hit) {
      hit = this.readUncached(word);
      if (this.memo.size > 20_000) this.memo.clear();
      this.memo.set(word, hit);
    }
    return hit;
  }

  private readUncached(word: string): Reading {
    if (/^\d+$/.test(word) || this.all.has(word)) return { words: [word], how: 'known' };
    const split = this.split(word);
    if (split) return { words: split, how: 'split' };
    const fixed = this.correct(word);
    if (fixed) return { words: [fixed], how: 'typo' };
    const stem = this.stem(word);
    if (stem) return { words: [stem], how: 'inflection' };
    const long = this.expand(word);
    if (long) return { words: [long], how: 'abbreviation' };
    return { words: [word], how: 'unknown' };
  }

  /** `mobilephone` -> mobile phone, `lineitem` -> line item: two known words run together. */
  private split(word: string): string[] | null {
    if (word.length < 7) return null;
    const known = (w: string) => w.length >= 3 && this.all.has(w);
    for (let i = word.length - 3; i >= 3; i--) {
      const a = word.slice(0, i);
      const b = word.slice(i);
      if (known(a) && known(b)) return [a, b];
    }
    return null;
  }

  /**
   * The known word one keystroke away, when all such words mean the same. An inflection is
   * not a typo: "purchased" is not a misspelt "purchase".
   */
  private correct(word: string): string | null {
    const near = this.typos.near(word, { minLength: 5, substitutions: word.length >= 9 });
    const real = near.filter((w) => !(word.startsWith(w) && /^(s|d|es|ed|r|er|ing|e)$/.test(word.slice(w.length))));
    return unique(real);
  }

  /** `cancelled` -> cancel, `created` -> create, `modified` -> modify, `shipped` -> ship. */
  stem(word: string): string | null {
    const m = /^(.{3,}?)(ed|ing|es|s)$/.exec(word);
    if (!m) return null;
    const base = m[1]!;
    const forms = [base, `${base}e`, base.replace(/i$/, 'y')];
    if (/(.)\1$/.test(base)) forms.push(base.slice(0, -1));
    return forms.find((f) => f.length >= 3 && this.all.has(f)) ?? null;
  }

  /**
   * A truncation (`cust`, `addr`, `prod`) or a consonant skeleton (`qty`, `pymt`, `dept`,
   * `mgr`) of exactly one known meaning. Short words are left alone.
   */
  private expand(word: string): string | null {
    if (word.length < 3 || word.length > 6 || /\d/.test(word)) return null;
    // A skeleton has no vowel after its first letter: `plan` is a word, not an abbreviation of `poblacion`.
    const skeleton = !VOWELS.test(word.slice(1));
    const hits: string[] = [];
    for (const w of this.byInitial.get(word[0]!) ?? []) {
      if (w.length < word.length + (word.length === 3 ? 3 : 2)) continue;
      if (w.startsWith(word) || (skeleton && w.length <= word.length * 3 && this.canonical.has(w) && isSubsequence(word, w))) hits.push(w);
    }
    // `cli` -> client, clients, clientid: the shortest that begins all the others is what was cut.
    const shortest = [...hits].sort((a, b) => a.length - b.length)[0];
    if (shortest && hits.every((h) => h.startsWith(shortest))) return shortest;
    return unique(hits);
  }
}

/** The shortest of candidates that all mean the same thing, or null. */
function unique(candidates: readonly string[]): string | null {
  if (!candidates.length) return null;
  const meanings = new Set(candidates.map(meaningOf));
  if (meanings.size !== 1) return null;
  return [...candidates].sort((a, b) => a.length - b.length || a.localeCompare(b))[0]!;
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (long[j] === short[i]) i++;
  return i === short.length;
}
