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
// Invisible format characters (zero-width spaces and joiners, BOMs, bidi marks) ride along when
// headers are copied from web pages or spreadsheets; they must not split or hide a word.
const INVISIBLE = /\p{Cf}+/gu;

/** Lowercase, accents and invisible characters removed (`é` -> `e`, `ß` -> `ss`, `ｅｍａｉｌ` -> `email`). */
export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(STRIP_MARKS, '')
    .replace(INVISIBLE, '')
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/œ/g, 'oe')
    .toLowerCase();
}

/** Splits camelCase, PascalCase, acronyms and digit runs: `customerIDNumber2` -> customer ID Number 2. */
export function splitWords(s: string): string {
  return s
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2');
}

const memo = new Map<string, string[]>();

/** Tokens of a plain string: words split, folded, punctuation dropped (`#` reads as "number"). */
export function tokenize(s: string): string[] {
  // Schemas repeat the same keys and titles across hundreds of fields.
  let hit = memo.get(s);
  if (!hit) {
    hit = tokenizeUncached(s);
    if (memo.size > 50_000) memo.clear();
    memo.set(s, hit);
  }
  return hit;
}

/** Words of free text (descriptions): lowercased and split, accents folded only when present. */
export function textWords(s: string): string[] {
  const lower = /^[\x00-\x7f]*$/.test(s) ? s.toLowerCase() : fold(s);
  return lower.split(/[^a-z0-9]+/).filter((t) => t.length > 2);
}

function tokenizeUncached(s: string): string[] {
  const words = fold(
    splitWords(s)
      .replace(/\b[Nn][°º]/g, ' numero ')
      .replace(/#/g, ' number ')
      .replace(/%/g, ' percent ')
      .replace(/&/g, ' and ')
      .replace(/@/g, ' at '),
  );
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
