/**
 * Header and field-name normalisation: one token list from `First Name`, `first_name`,
 * `firstName`, `FIRST-NAME` or `Prénom` alike. Words are lowercased and stripped of accents,
 * camelCase and digits are split, and bracketed parts (`(USD)`, `(Purchased)`) are kept apart
 * as weak qualifiers.
 */

export interface NormalizedName {
  /** Main tokens, in order. */
  tokens: string[];
  /** Tokens from bracketed parts: qualifiers or units. */
  bracketed: string[];
  /** For `A/B` headers (`State/Region`): each side's tokens, matched as alternatives. */
  alternatives: string[][];
  /** A number written in the name (`SKU 2`, `item2_price`), for array item indices. */
  index: number | null;
}

const STRIP_MARKS = /\p{M}+/gu;

/** Lowercase, accents removed (`é` -> `e`, `ß` -> `ss`). */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(STRIP_MARKS, '').replace(/ß/g, 'ss').replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/œ/g, 'oe').toLowerCase();
}

/** Splits camelCase, PascalCase, acronyms and digit runs: `customerIDNumber2` -> customer ID Number 2. */
export function splitWords(s: string): string {
  return s
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2');
}

/** Tokens of a plain string: words split, folded, punctuation dropped (`#` reads as "number"). */
export function tokenize(s: string): string[] {
  const words = fold(splitWords(s).replace(/#/g, ' number ').replace(/%/g, ' percent ').replace(/&/g, ' and ').replace(/@/g, ' at '));
  return words.split(/[^a-z0-9]+/).filter((t) => t !== '');
}

/** Normalises a CSV header. */
export function normalizeHeader(header: string): NormalizedName {
  let main = header.replace(/^\uFEFF/, '').trim();
  const bracketed: string[] = [];
  main = main.replace(/[([{]([^)\]}]*)[)\]}]/g, (_m, inner: string) => {
    bracketed.push(...tokenize(inner));
    return ' ';
  });
  const alternatives: string[][] = [];
  // `State/Region`, `Country/Region`: either side may be the field; `Ship-to` keeps its hyphen.
  if (/^[^/]+\/[^/]+$/.test(main.trim()) && !/\d\s*\/\s*\d/.test(main)) {
    for (const side of main.split('/')) {
      const t = tokenize(side);
      if (t.length) alternatives.push(t);
    }
  }
  const tokens = tokenize(main);
  const num = tokens.find((t) => /^\d+$/.test(t));
  return {
    tokens: tokens.filter((t) => !/^\d+$/.test(t)),
    bracketed,
    alternatives: alternatives.length > 1 ? alternatives : [],
    index: num === undefined ? null : Number(num),
  };
}

/** Light plural folding so `points` meets `point` and `items` meets `item`; not a stemmer. */
export function singular(t: string): string {
  if (t.length > 4 && t.endsWith('ies')) return `${t.slice(0, -3)}y`;
  if (t.length > 3 && t.endsWith('s') && !t.endsWith('ss') && !t.endsWith('us') && !t.endsWith('is')) return t.slice(0, -1);
  return t;
}

/** Damerau-Levenshtein distance, stopping early past `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}
