/**
 * The suggester's one typo index: known words by their one-letter deletions (the "symmetric
 * delete" scheme), so that the words one keystroke away from a header word are found with a
 * handful of map lookups instead of a scan of the vocabulary.
 */
export interface TypoOptions {
  /** Also accept a letter changed (`adress`/`address` are one deletion; `tel`/`tal` a change). */
  substitutions?: boolean;
  /** Words shorter than this are never corrected: `stage` is not a misspelt `state`. */
  minLength?: number;
}

export class TypoIndex {
  private readonly words = new Set<string>();
  private readonly deletions = new Map<string, string[]>();

  constructor(words: Iterable<string> = []) {
    for (const w of words) this.add(w);
  }

  /** Adds a word to the index (words under 4 letters are known but never offered as fixes). */
  add(word: string): void {
    if (this.words.has(word)) return;
    this.words.add(word);
    if (word.length < 4) return;
    for (let i = 0; i < word.length; i++) {
      const d = word.slice(0, i) + word.slice(i + 1);
      let list = this.deletions.get(d);
      if (!list) this.deletions.set(d, (list = []));
      list.push(word);
    }
  }

  private swaps(word: string): string[] {
    const out: string[] = [];
    for (let i = 1; i < word.length - 1; i++) {
      const w = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      if (this.words.has(w)) out.push(w);
    }
    return out;
  }

  has(word: string): boolean {
    return this.words.has(word);
  }

  /**
   * Known words one keystroke from `word`: a letter missing, one too many, two neighbours
   * swapped, and (when asked) one changed. The first letter is never the slip: people rarely
   * mistype it, and a leading letter is usually an abbreviation (`Lvorname` for a delivery
   * first name), not a typo.
   */
  near(word: string, options: TypoOptions = {}): string[] {
    const min = options.minLength ?? 5;
    if (this.words.has(word) || word.length < 4) return [];
    // Short words only swap two letters (`lsat`, `cdoe`); a deletion there is another word.
    if (word.length < min) return this.swaps(word);
    const out = new Set<string>();
    for (const w of this.deletions.get(word) ?? []) out.add(w); // a letter missing
    for (let i = 1; i < word.length; i++) {
      const d = word.slice(0, i) + word.slice(i + 1);
      if (this.words.has(d) && d.length >= 4) out.add(d); // one letter too many
      for (const w of this.deletions.get(d) ?? []) {
        if (w === word) continue;
        if (options.substitutions || isSwap(word, w)) out.add(w);
      }
    }
    for (const w of out) if (w[0] !== word[0]) out.delete(w);
    return [...out];
  }
}

/** Whether two words of equal length differ by two neighbouring letters swapped. */
function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}
