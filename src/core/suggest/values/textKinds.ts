import { COURTESY_TITLES, GENDERS, GIVEN_NAMES, JOB_WORDS, MARITAL, TIERS } from './data/people';
import { STREET_SUFFIXES, STREET_WORDS } from './data/places';
import { COLOURS, COMPANY_WORDS, HTML_TAG, SIZES } from './data/things';
import type { ValueKind } from './kinds';

type Claim = (kind: ValueKind, share: number, min?: number) => void;

const LETTERS = /^[\p{L}][\p{L}'’.-]*$/u;
const wordsOf = (folded: string) => folded.split(/[^a-z0-9]+/).filter(Boolean);

/**
 * Kinds of free text: people's names (given names, full names), companies, job titles,
 * streets, products, category paths, colours, sizes and the closed vocabularies (genders,
 * courtesy titles, tiers, marital statuses). `folded` holds the values lowercased without accents.
 */
export function textKinds(
  values: readonly string[],
  folded: readonly string[],
  distinct: number,
  claim: Claim,
  lenientShare: (kind: ValueKind, share: number) => void,
): void {
  const n = values.length;
  const count = (test: (v: string, f: string) => boolean) => values.filter((v, i) => test(v, folded[i]!)).length / n;
  const inSet = (set: ReadonlySet<string>) => count((_, f) => set.has(f));
  const anyDigit = values.some((v) => /\d/.test(v));

  if (inSet(GENDERS) >= 0.8 && folded.some((f) => f.length > 1)) claim('gender', inSet(GENDERS));
  claim(
    'courtesy-title',
    count((_, f) => COURTESY_TITLES.has(f.replace(/\./g, ''))),
  );
  if (distinct <= 12) claim('tier', inSet(TIERS));
  claim('marital-status', inSet(MARITAL));
  claim(
    'html',
    count((v) => HTML_TAG.test(v)),
    0.5,
  );
  const avg = values.reduce((s, v) => s + v.length, 0) / n;
  if (avg > 40 && count((v) => v.split(' ').length >= 5) >= 0.6) claim('long-text', 1);

  if (!anyDigit) {
    const given = count((_, f) => GIVEN_NAMES.has(firstWord(f)));
    const person = count((v, f) => isPersonName(v, f));
    // How many values could be someone's full name, claimed or not: a full-name field checks it.
    lenientShare(
      'person-name',
      count((v, f) => couldBePersonName(v, f)),
    );
    if (person >= 0.6 && given >= 0.3) claim('person-name', person, 0.6);
    const single = count((v) => LETTERS.test(v.trim()) && !v.includes(' '));
    if (single >= 0.8) claim('given-name', given);
    if (single >= 0.8) claim('name-word', single);
  }
  claim(
    'company-name',
    count((_, f) =>
      wordsOf(f)
        .slice(1)
        .some((w) => COMPANY_WORDS.has(w)),
    ),
    0.4,
  );
  claim(
    'job-title',
    count((_, f) => wordsOf(f).some((w) => JOB_WORDS.has(w))),
    0.6,
  );
  claim(
    'street',
    count((v, f) => isStreet(v, f)),
    0.6,
  );
  claim(
    'category-path',
    count((v) => isCategoryPath(v)),
    0.6,
  );
  claim(
    'colour',
    count((_, f) => wordsOf(f).length > 0 && wordsOf(f).every((w) => COLOURS.has(w))),
  );
  if (inSet(SIZES) >= 0.3)
    claim(
      'size',
      count((_, f) => SIZES.has(f) || /^\d{2}([/-]\d{2})?$/.test(f)),
    );
  if (!kindsOfPeople(values, folded))
    claim(
      'product-name',
      count((v, f) => isProductName(v, f)),
      0.6,
    );
}

const firstWord = (f: string) => {
  const words = wordsOf(f);
  // "Dra. Ana Laura Pereira", "Mr John Smith": the title comes before the given name.
  return words.length > 1 && COURTESY_TITLES.has(words[0]!) ? words[1]! : (words[0] ?? '');
};

/** Two to five words of letters, none a company's legal form, written as a name is or starting with a given name. */
function couldBePersonName(v: string, f: string): boolean {
  const parts = v.trim().split(/\s+/);
  if (parts.length < 2 || parts.length > 5 || !parts.every((p) => LETTERS.test(p))) return false;
  if (wordsOf(f).some((w) => COMPANY_WORDS.has(w))) return false;
  // Written as a name is, or all lowercase (`terry wallace`) from a given name on.
  return isPersonName(v, f) || (v === v.toLowerCase() && GIVEN_NAMES.has(firstWord(f)));
}

/** Two to four words of letters, title-cased or capitalised, none of them a company's legal form. */
function isPersonName(v: string, f: string): boolean {
  const parts = v.trim().split(/\s+/);
  const words = wordsOf(f);
  if (parts.length < 2 || parts.length > 5) return false;
  if (words.some((w) => COMPANY_WORDS.has(w))) return false;
  return parts.every((p) => LETTERS.test(p) && (/^\p{Lu}/u.test(p) || /^(da|de|del|der|di|do|dos|das|van|von|le|la|y|e)$/i.test(p)));
}

function kindsOfPeople(values: readonly string[], folded: readonly string[]): boolean {
  let people = 0;
  values.forEach((v, i) => {
    if (isPersonName(v, folded[i]!) && GIVEN_NAMES.has(firstWord(folded[i]!))) people++;
  });
  return people / values.length >= 0.3;
}

/** A street line: a street word (`Road`, `rue`, `Calle`), a street-name ending (`…weg`), or a house number and words. */
function isStreet(v: string, f: string): boolean {
  const words = wordsOf(f);
  if (!words.length || v.length > 80) return false;
  if (words.some((w) => STREET_WORDS.has(w))) return true;
  // A street name's ending (`Lindenhofweg`) counts on a capitalised word: `toString` ends like no street.
  if (/^\p{Lu}/u.test(v.trim()) && words.some((w) => STREET_SUFFIXES.some((s) => w.length > s.length + 2 && w.endsWith(s)))) return true;
  // A house number then two words (`221B Baker Street`, `1 Rue X`); `Room 12` or `note 5` is not a street.
  return /^\d+[a-z]?\s*,?\s+\p{L}{3,}\s+\p{L}{2,}/iu.test(v.trim());
}

/** `men:tops:hoodies`, `Clothing > Tshirts`, `Gear/Watches`, one level a line. */
function isCategoryPath(v: string): boolean {
  if (/^(https?:|www\.)/i.test(v) || /@/.test(v)) return false;
  const parts = v.split(/\s*(?:>|»|\||:|\/|\n)\s*/).filter(Boolean);
  return parts.length >= 2 && parts.every((p) => /^[\p{L}][\p{L}\d _&'-]*$/u.test(p));
}

/** A product's name: words with a model number, a variant after a dash or slash, or a colour or size. */
function isProductName(v: string, f: string): boolean {
  const words = wordsOf(f);
  if (words.length < 2 || words.length > 12 || /[.!?]\s/.test(v)) return false;
  if (/ [-–/] |\bwith\b|\bfor\b/.test(v)) return true;
  if (/\b[A-Za-z]*\d+[A-Za-z]*\b/.test(v) && /\p{L}{3,}/u.test(v)) return true;
  return words.some((w) => COLOURS.has(w) || SIZES.has(w)) && !words.every((w) => COLOURS.has(w) || SIZES.has(w));
}
