import { compileDatePattern } from '../../convert/dates';
import type { ColumnProfile } from '../../csv/profile';
import { fold } from '../normalize';
import { COUNTRY_NAMES, ISO2, ISO3, POSTAL_PATTERNS, STATE_CODES } from './data/places';
import { CURRENCIES, LANGUAGE_CODES, LANGUAGE_NAMES } from './data/things';
import type { ValueKind, ValueProfile } from './kinds';
import { textKinds } from './textKinds';

/** Values that mean yes or no, in the seven languages (folded). */
const FLAG_WORDS = new Set(
  'y yes n no true false t f on off 0 1 x ja nein wahr falsch oui non vrai faux si sí no verdadero falso vero falso sim nao waar onwaar'.split(' '),
);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL = /^(https?:\/\/|www\.)\S+$|^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,6}(\/\S*)?$|^\/[\w-]+(\/[\w\-.]+)+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HASH = /^([0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i;
const PHONE = /^(\+|00)?[\d\s().\-/]{6,22}((x|ext\.?|#)\s?\d{1,5})?$/i;
const TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?$|^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4},? \d{1,2}:\d{2}(:\d{2})?\s*([AP]M)?$/i;
/** Amounts with a decimal comma (`19,90`, `1.234,56`), as most of Europe writes them. */
const DECIMAL_COMMA = /^-?(\d{1,3}(\.\d{3})+|\d+),\d{1,2}$/;
const MONEY_TEXT = /^[$€£¥]\s?-?[\d.,]+$|^-?[\d.,]+\s?(€|\$|£|eur|usd|gbp|chf|brl|r\$)$|^r\$\s?[\d.,]+$/i;
const ORDER_NUMBER = /^#\s?\d{3,}$/;
/** Tax and national ids by shape: CPF, CNPJ, codice fiscale, DNI/NIE, SSN, EU VAT numbers. */
const NATIONAL_ID =
  /^(\d{3}\.\d{3}\.\d{3}-\d{2}|\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2}|[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]|\d{8}-?[A-Z]|[XYZ]\d{7}[A-Z]|\d{3}-\d{2}-\d{4}|(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|GB|CH)[A-Z0-9]{8,12})$/i;
const CODE_ID = /^(?=.*\d)[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$/;
const SKU = /^(?=.*[A-Za-z])[A-Za-z0-9]+([-_./][A-Za-z0-9]+)*$/;

/** Share a kind must explain to be claimed; weaker kinds need fewer, noisy ones more. */
const SHARE = 0.8;

/** Cleans a cell as exports protect it: a leading apostrophe (`'+49…`), stray quotes. */
const clean = (v: string) =>
  v
    .trim()
    .replace(/^'(?=[+\d])/, '')
    .replace(/^"|"$/g, '');

/**
 * Reads what a column's sampled values are, independent of its header. Kinds are claimed when
 * they explain most values (80 %, less for names and streets, where exports are messy).
 */
export function readValues(p: ColumnProfile, now: Date = new Date()): ValueProfile {
  const values = p.values.map(clean).filter((v) => v !== '');
  const kinds = new Map<ValueKind, number>();
  const shares = new Map<ValueKind, number>();
  if (!values.length) return { kinds, shares, empty: true };
  const share = (test: (v: string) => boolean) => values.filter(test).length / values.length;
  const claim = (kind: ValueKind, s: number, min = SHARE) => {
    if (s > (shares.get(kind) ?? 0)) shares.set(kind, s);
    if (s >= min) kinds.set(kind, s);
  };
  const textual = p.kind === 'text' || p.kind === 'phone';
  // Folding (accents away) is the costly step: only text needs it.
  const folded = textual || p.kind === 'boolean' || p.kind === 'integer' ? values.map((v) => fold(v).replace(/\.$/, '').trim()) : values;
  const foldedShare = (set: ReadonlySet<string>) => folded.filter((v) => set.has(v)).length / folded.length;

  const twoWords = p.kind !== 'integer' || (values.includes('0') && values.includes('1'));
  claim('flag', p.kind === 'boolean' ? 1 : values.length <= 3 && p.distinct <= 2 && twoWords ? foldedShare(FLAG_WORDS) : 0, 1);
  switch (p.kind) {
    // A kind the profile already decided says all there is to say.
    case 'email':
    case 'url':
    case 'uuid':
      claim(p.kind, 1);
      return { kinds, shares, empty: false };
    case 'date':
    case 'date-time':
      claim(p.kind, 1);
      if (p.dateFormat && looksLikeBirthDates(values, p.dateFormat, now)) claim('birth-date', 1);
      return { kinds, shares, empty: false };
    case 'integer':
    case 'decimal':
      numberKinds(p, values, claim, share);
      claim('phone', phoneShare(share));
      lenient(shares, 'phone', share(couldBePhone));
      placeKinds(values, claim, share, foldedShare);
      return { kinds, shares, empty: false };
    case 'boolean':
      return { kinds, shares, empty: false };
  }
  claim(
    'email',
    share((v) => EMAIL.test(v)),
  );
  claim(
    'uuid',
    share((v) => UUID.test(v)),
  );
  claim(
    'hash',
    share((v) => HASH.test(v)),
    0.9,
  );
  if (!kinds.has('email'))
    claim(
      'url',
      share((v) => URL.test(v) && !/^\d+(\.\d+)*$/.test(v)),
    );
  claim(
    'date-time',
    share((v) => TIMESTAMP.test(v)),
  );
  // A tax id (`123-45-6789`, `123.456.789-09`) is punctuated like a phone, but is none.
  claim('phone', share((v) => NATIONAL_ID.test(v)) >= SHARE ? 0 : p.kind === 'phone' ? 1 : phoneShare(share));
  lenient(shares, 'phone', share(couldBePhone));
  claim(
    'day-month',
    share((v) => /^(\d{1,2})[/.-](\d{1,2})\.?$/.test(v)),
  );
  numberKinds(p, values, claim, share);
  codeKinds(claim, share, p);
  placeKinds(values, claim, share, foldedShare);
  claim(
    'currency',
    share((v) => /^[A-Za-z]{3}$/.test(v) && CURRENCIES.has(v.toUpperCase())),
  );
  claim('language', share((v) => LANGUAGE_CODES.has(v.toLowerCase().slice(0, 2)) && /^[a-z]{2}([-_][a-z]{2})?$/i.test(v)) || foldedShare(LANGUAGE_NAMES));
  // Names, streets and products are text.
  textKinds(values, folded, p.distinct, claim, (k, s) => lenient(shares, k, s));
  return { kinds, shares, empty: false };
}

type Claim = (kind: ValueKind, share: number, min?: number) => void;

/** Records what share of values could be of a kind, for strict fields, without claiming it. */
function lenient(shares: Map<ValueKind, number>, kind: ValueKind, share: number): void {
  if (share > (shares.get(kind) ?? 0)) shares.set(kind, share);
}
type Share = (test: (v: string) => boolean) => number;

/** Phones are written many ways in one column: once most are written as phones, bare digit runs count too. */
function phoneShare(share: Share): number {
  const written = share(isPhone);
  return written >= 0.5 ? share(couldBePhone) : written;
}

/** A bare run of 7 to 15 digits may be a phone number: it never refutes a phone field. */
const couldBePhone = (v: string) => isPhone(v) || /^\+?\d{7,15}$/.test(v);

/** A phone number: 7 to 15 digits in a phone's punctuation (with an optional extension). */
function isPhone(v: string): boolean {
  if (!PHONE.test(v) || NATIONAL_ID.test(v)) return false;
  const digits = v.replace(/(x|ext\.?|#)\s?\d+$/i, '').replace(/\D/g, '').length;
  // Bare digit runs are numbers unless they are written as phone numbers are: a leading 0 or +.
  if (/^\d+$/.test(v)) return /^(0|\+)/.test(v) && digits >= 9 && digits <= 13;
  return digits >= 7 && digits <= 15 && !/^\d{4}-\d{2}-\d{2}$/.test(v);
}

function numberKinds(p: ColumnProfile, values: string[], claim: Claim, share: Share): void {
  if (p.kind === 'decimal' || p.kind === 'integer') {
    const nums = values.map(Number);
    // Amounts: two decimals, or a currency or decimal comma the number reading read through.
    if (p.kind === 'decimal' && share((v) => /^-?\d+\.\d{2}$/.test(v) || MONEY_TEXT.test(v) || DECIMAL_COMMA.test(v)) >= SHARE) claim('money', 1);
    if (p.kind === 'decimal' && nums.every((n) => Math.abs(n) <= 180) && share((v) => /\.\d{3,}$/.test(v)) >= SHARE) claim('coordinate', 1);
    if (p.kind === 'integer') {
      if (nums.every((n) => n >= 1900 && n <= 2100) && values.every((v) => v.length === 4)) claim('year', 1);
      const small = nums.every((n) => n >= 0 && n <= 10_000);
      if (small && p.distinct < Math.max(2, p.sampled * 0.9)) claim('quantity', 1);
      // Ids are long, or all different and at least four digits; prices and counts repeat or stay short.
      const unique = p.distinct >= 3 && p.distinct >= p.sampled * 0.9 && !p.leadingZeros;
      // A run of consecutive numbers (1, 2, 3…) counts rows: a key.
      const run = unique && Math.max(...nums) - Math.min(...nums) + 1 <= 2 * nums.length;
      if (unique && (run || values.every((v) => v.length >= 4))) claim('numeric-id', 1);
      else if (values.every((v) => v.length >= 9)) claim('numeric-id', 1);
    }
  } else
    claim(
      'money',
      share((v) => MONEY_TEXT.test(v) || DECIMAL_COMMA.test(v)),
    );
}

function codeKinds(claim: Claim, share: Share, p: ColumnProfile): void {
  claim(
    'order-number',
    share((v) => ORDER_NUMBER.test(v)),
  );
  claim(
    'national-id',
    share((v) => NATIONAL_ID.test(v)),
  );
  const unique = p.distinct >= p.sampled * 0.9;
  if (unique && p.kind === 'text')
    claim(
      'code-id',
      share((v) => CODE_ID.test(v) && v.length >= 4),
    );
  claim(
    'sku',
    share((v) => SKU.test(v) && v.length >= 3 && v.length <= 40 && (/\d/.test(v) || /[-_]/.test(v) || v === v.toUpperCase())),
  );
}

function placeKinds(values: string[], claim: Claim, share: Share, foldedShare: (s: ReadonlySet<string>) => number): void {
  const upper = share((v) => v === v.toUpperCase());
  const iso2 = share((v) => /^[A-Za-z]{2}$/.test(v) && ISO2.has(v.toUpperCase()));
  if (iso2 >= SHARE && upper >= SHARE) claim('country-code', iso2);
  else
    claim(
      'country-code',
      share((v) => ISO3.has(v) && !CURRENCIES.has(v)),
    );
  claim('country-name', foldedShare(COUNTRY_NAMES), 0.6);
  claim(
    'state-code',
    share((v) => STATE_CODES.has(v.toUpperCase()) && /^[A-Za-z]{2,3}$/.test(v)),
  );
  const alpha = share((v) => POSTAL_PATTERNS.some((p) => p.alpha && p.re.test(v)));
  const formatted = share((v) => POSTAL_PATTERNS.some((p) => p.re.test(v)));
  if (formatted >= SHARE) claim(alpha > 0 || values.some((v) => /^0/.test(v) || /[-\s]/.test(v)) ? 'postal-code' : 'postal-numeric', formatted);
}

/** Every date between 12 and 125 years ago: dates of birth, not of events. */
function looksLikeBirthDates(values: string[], format: string, now: Date): boolean {
  const p = compileDatePattern(format);
  if (!p.ok) return false;
  const year = now.getUTCFullYear();
  let ok = 0;
  for (const v of values) {
    const parts = p.value.parse(v.trim());
    if (parts && parts.year <= year - 12 && parts.year >= year - 125) ok++;
  }
  // Placeholders (`1900-01-01`) and the odd typo aside.
  return ok / values.length >= 0.75;
}
