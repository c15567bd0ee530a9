import { GENERIC, ITEM_WORDS, PHRASES, QUALIFIERS, STOPWORDS, SUBJECT_WORDS, VAGUE } from './lexicon';

/**
 * The lexicon's mechanism: phrases matched longest first on header tokens and rewritten into
 * XDM's words. The data is in ./lexicon/.
 */

interface Node {
  next: Map<string, Node>;
  canonical?: string;
  variant?: string;
}

let trie: Node | null = null;
function buildTrie(): Node {
  const root: Node = { next: new Map() };
  for (const [canonical, variants] of PHRASES) {
    // A canonical marked `=` only rewrites its variants; its own words are read one by one.
    for (const v of canonical.startsWith('=') ? variants : [canonical.replace(/^[!~]/, ''), ...variants]) {
      let n = root;
      for (const t of v.split(' ')) {
        let child = n.next.get(t);
        if (!child) {
          child = { next: new Map() };
          n.next.set(t, child);
        }
        n = child;
      }
      // The first entry for a phrase wins: entries are ordered from specific to general.
      if (n.canonical === undefined) {
        n.canonical = canonical;
        n.variant = v;
      }
    }
  }
  return root;
}

export interface Translation {
  tokens: string[];
  /** `"zip" -> "postal code"`, for the evidence shown to a person. */
  notes: { from: string; to: string }[];
}

/** Rewrites tokens into XDM's vocabulary, longest phrase first. */
export function translate(tokens: readonly string[]): Translation {
  trie ??= buildTrie();
  const out: string[] = [];
  const notes: Translation['notes'] = [];
  let i = 0;
  while (i < tokens.length) {
    let n: Node | undefined = trie;
    let best: { end: number; canonical: string; variant: string } | null = null;
    for (let j = i; j < tokens.length && n; j++) {
      n = n.next.get(tokens[j]!);
      if (n?.canonical !== undefined) best = { end: j + 1, canonical: n.canonical, variant: n.variant! };
    }
    if (best) {
      // A canonical marked `!` names a concept XDM has no field for: one token no field matches.
      const own = best.canonical.startsWith('!');
      const qualifier = best.canonical.startsWith('~');
      const readable = /^[!=~]/.test(best.canonical) ? best.canonical.slice(1) : best.canonical;
      out.push(...(own ? [readable.replace(/ /g, '_')] : qualifier ? [`~${readable.replace(/ /g, '_')}`] : readable.split(' ')));
      if (best.variant !== readable) notes.push({ from: best.variant, to: readable });
      i = best.end;
    } else {
      out.push(tokens[i]!);
      i++;
    }
  }
  return { tokens: out, notes };
}

let lexiconWords: Set<string> | null = null;

/** Every word the lexicon and the word lists know. */
export function lexiconVocabulary(): ReadonlySet<string> {
  if (!lexiconWords) {
    const words = new Set<string>();
    for (const [canonical, variants] of PHRASES) for (const v of [canonical.replace(/^[!=~]/, ''), ...variants]) for (const t of v.split(' ')) words.add(t);
    for (const set of [GENERIC, QUALIFIERS, ITEM_WORDS, VAGUE, STOPWORDS, ...Object.values(SUBJECT_WORDS)]) for (const t of set) words.add(t);
    lexiconWords = words;
  }
  return lexiconWords;
}

let canonical: Set<string> | null = null;

/** The words of the lexicon's canonical phrases: XDM's vocabulary. */
export function canonicalWords(): ReadonlySet<string> {
  canonical ??= new Set(PHRASES.flatMap(([c]) => c.replace(/^[!=~]/, '').split(' ')));
  return canonical;
}

/** What one word means to the lexicon (`qty` -> `quantity`), or the word itself. */
export function meaningOf(word: string): string {
  return translate([word]).tokens.join(' ');
}
