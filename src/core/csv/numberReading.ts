/**
 * A column's number reading, decided from the whole sample: which separator is the decimal one
 * and which groups thousands, and the currency or percent sign written with the amounts. Each
 * value is scanned once; every candidate reading (a role for each separator the column uses)
 * either reads it or not, and a value such as `1.234` that two readings read differently keeps
 * the column undecided until another value settles it.
 */
import type { ReadingSettings } from '../convert/coerce';
import { LANGUAGE_NAMES } from '../convert/monthNames';
import { type DecimalSeparator, describeNumberFormat, type ThousandsSeparator } from '../convert/numbers';
import type { ColumnReading, ReadingContext, ReadingOption, ReadingScanner } from './reading.types';

/** Separator kinds: 0 `.`, 1 `,`, 2 a space (also no-break and thin), 3 an apostrophe. */
const SEP_CHARS: readonly ThousandsSeparator[] = ['.', ',', ' ', "'"];
const sepKind = (c: number): number =>
  c === 46 ? 0 : c === 44 ? 1 : c === 32 || c === 0xa0 || c === 0x202f || c === 0x2009 ? 2 : c === 39 || c === 0x2019 ? 3 : -1;

interface Candidate {
  decimal: DecimalSeparator;
  group: ThousandsSeparator;
  /** Separator kinds of the two (-1: no grouping). */
  d: number;
  g: number;
}
const KNOWN_SYMBOLS = new Set([
  '€',
  '$',
  '£',
  '¥',
  '₹',
  '₽',
  '₺',
  '₩',
  '₪',
  '₫',
  '₴',
  '₦',
  '฿',
  '₱',
  'R$',
  'US$',
  'C$',
  'CA$',
  'A$',
  'AU$',
  'NZ$',
  'HK$',
  'S$',
  'Fr.',
  'kr',
  'kr.',
  'zł',
  'Kč',
  'Ft',
  'lei',
]);
/**
 * ISO 4217 codes as the JavaScript engine knows them (`EUR`, `CHF`): three capitals alone are not
 * a currency (`SKU-2` is a product code, not minus two in SKU).
 */
const CURRENCY_CODES: ReadonlySet<string> = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : []);
const isCurrencyToken = (t: string) => KNOWN_SYMBOLS.has(t) || (/^[A-Z]{3}$/.test(t) && (CURRENCY_CODES.size === 0 || CURRENCY_CODES.has(t)));
const WRAP =
  /^(\(?)\s*([+\-\u2212]?)\s*([^\d\s+\-\u2212().,'%]*)\s*([+\-\u2212]?)\s*([\d.,'\u2019 \u00a0\u202f\u2009]*\d[\d.,'\u2019 \u00a0\u202f\u2009]*)\s*([^\d\s%()]*)\s*(%?)\s*(\)?)$/;

const isWrapSpace = (c: number) => c === 32 || c === 0xa0 || c === 0x202f;

/** The amount's text and wrapping, as the last `unwrap` found them (no object per value on the scan's hot path). */
let bodyText = '';
let bodyStart = 0;
let bodyEnd = 0;
let wrapCurrency = '';
let wrapPercent = false;

/**
 * Finds the amount of a value without its sign, currency and percent sign; false when the
 * wrapping is not a number's. Most values start and end with a digit (or start with a minus)
 * and need no pattern.
 */
function unwrap(v: string): boolean {
  const c0 = v.charCodeAt(0);
  const cn = v.charCodeAt(v.length - 1);
  if (cn >= 48 && cn <= 57 && ((c0 >= 48 && c0 <= 57) || (c0 === 45 && v.length > 1))) {
    bodyText = v;
    bodyStart = c0 === 45 ? 1 : 0;
    bodyEnd = v.length;
    wrapCurrency = '';
    wrapPercent = false;
    return true;
  }
  // `123,45 €`, `12 %`: digits, then a space or not, then one symbol.
  if (c0 >= 48 && c0 <= 57 && v.length > 2 && (cn === 0x20ac || cn === 36 || cn === 0xa3 || cn === 37)) {
    let e = v.length - 1;
    while (e > 0 && isWrapSpace(v.charCodeAt(e - 1))) e--;
    const d = v.charCodeAt(e - 1);
    if (d >= 48 && d <= 57) {
      bodyText = v;
      bodyStart = 0;
      bodyEnd = e;
      wrapCurrency = cn === 37 ? '' : v[v.length - 1]!;
      wrapPercent = cn === 37;
      return true;
    }
  }
  const m = WRAP.exec(v);
  if (!m || (m[1] === '(') !== (m[8] === ')') || (m[2] && m[4]) || (m[3] && m[6])) return false;
  const currency = m[3] || m[6] || '';
  if (currency && !isCurrencyToken(currency)) return false;
  bodyText = m[5]!.trim();
  bodyStart = 0;
  bodyEnd = bodyText.length;
  wrapCurrency = currency;
  wrapPercent = m[7] === '%';
  return true;
}

/**
 * Which candidates read the amount `unwrap` found (bit c for candidate c), and in bits 8 and up
 * under which of them it has a decimal part. One pass over the characters: per separator kind,
 * how often it occurs and where first and last; whether a group of three digits follows each.
 */
function readersOf(cands: readonly Candidate[]): number {
  const body = bodyText;
  // Per kind (0 `.`, 1 `,`, 2 space, 3 apostrophe): count, first and last position, packed in numbers.
  let count = 0; // four 8-bit counters
  let first0 = -1;
  let first1 = -1;
  let last0 = -1;
  let last1 = -1;
  let lastOther = -1;
  let not3 = 0;
  let firstRun = -1;
  let firstDigit = -1;
  let run = 0;
  let prevSep = -1;
  let digits = 0;
  for (let i = bodyStart; i < bodyEnd; i++) {
    const c = body.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (firstDigit < 0) firstDigit = c - 48;
      run++;
      digits++;
      continue;
    }
    const k = sepKind(c);
    if (k < 0 || (run === 0 && i > bodyStart)) return 0;
    if (prevSep < 0) firstRun = run;
    else if (run !== 3) not3 |= 1 << prevSep;
    if (((count >> (k * 8)) & 0xff) < 0xff) count += 1 << (k * 8);
    if (k === 0) {
      if (first0 < 0) first0 = i;
      last0 = i;
    } else if (k === 1) {
      if (first1 < 0) first1 = i;
      last1 = i;
    } else lastOther = i;
    prevSep = k;
    run = 0;
  }
  if (!digits) return 0;
  if (prevSep >= 0 && run !== 3) not3 |= 1 << prevSep;
  let out = 0;
  for (let c = 0; c < cands.length; c++) {
    const { d, g } = cands[c]!;
    const cd = (count >> (d * 8)) & 0xff;
    const cg = g >= 0 ? (count >> (g * 8)) & 0xff : 0;
    // Only the candidate's two separators, the decimal one at most once.
    if (count - (cd << (d * 8)) - (g >= 0 ? cg << (g * 8) : 0) !== 0 || cd > 1) continue;
    if (cg) {
      if (not3 & (1 << g) || firstRun > 3 || firstDigit === 0) continue;
      // Thousands come before the decimal separator.
      const lastG = g === 0 ? last0 : g === 1 ? last1 : lastOther;
      if (cd && lastG > (d === 0 ? first0 : first1)) continue;
    }
    out |= 1 << c;
    if (cd) out |= 1 << (c + 8);
  }
  return out;
}

/** Candidate readings for the separators a column's first values use: each one decimal or grouping. */
function candidatesFor(seps: number): Candidate[] {
  const out: Candidate[] = [];
  for (const d of [0, 1]) {
    const others = [0, 1, 2, 3].filter((k) => k !== d && (seps & (1 << k)) !== 0);
    if (others.length > 1) continue;
    const group = others.length ? SEP_CHARS[others[0]!]! : '';
    // A decimal separator the column never writes is the default one (or `,` when `.` groups).
    const decimal: DecimalSeparator = seps & (1 << d) ? (d === 0 ? '.' : ',') : group === '.' ? ',' : '.';
    if (!out.some((c) => c.decimal === decimal && c.group === group))
      out.push({ decimal, group, d: decimal === '.' ? 0 : 1, g: group ? SEP_CHARS.indexOf(group) : -1 });
  }
  return out;
}

/** Why a value reads only one way: `12,50 has 2 digits after the comma`. */
function because(v: string, c: Candidate): string {
  const body = unwrap(v) ? bodyText.slice(bodyStart, bodyEnd) : v;
  const dots = body.split('.').length - 1;
  const commas = body.split(',').length - 1;
  const name = (ch: string) => (ch === '.' ? 'point' : 'comma');
  if (dots && commas) return `${labelOf(c)}: ${v} has both a point and a comma, and the last one marks the decimals`;
  const sep = dots ? '.' : commas ? ',' : '';
  if (!sep) return `${labelOf(c)}: ${v}`;
  if ((dots || commas) > 1) return `${labelOf(c)}: ${v} has more than one ${name(sep)}, so they group thousands`;
  const after = body.length - body.indexOf(sep) - 1;
  if (after !== 3) return `${labelOf(c)}: ${v} has ${after} digit${after === 1 ? '' : 's'} after the ${name(sep)}`;
  return `${labelOf(c)}: ${v} starts with 0, so the ${name(sep)} marks decimals`;
}

/** A scanner for the number reading of a column whose first values look like numbers, or null. */
export function numberScanner(head: readonly string[], ctx: ReadingContext): ReadingScanner | null {
  let seps = 0;
  let numeric = 0;
  const currencies = new Map<string, number>();
  for (const v of head) {
    if (!unwrap(v)) continue;
    numeric++;
    if (wrapCurrency) currencies.set(wrapCurrency, (currencies.get(wrapCurrency) ?? 0) + 1);
    for (let i = bodyStart; i < bodyEnd; i++) {
      const k = sepKind(bodyText.charCodeAt(i));
      if (k >= 0) seps |= 1 << k;
    }
  }
  if (!head.length || numeric < head.length * 0.5) return null;
  const cands = candidatesFor(seps);
  if (!cands.length) return null;
  const currency = [...currencies.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  // The first values must mostly read one way before every row is scanned.
  const headMask = new Array<number>(1 << cands.length).fill(0);
  for (const v of head) if (unwrap(v) && (wrapCurrency === '' || wrapCurrency === currency)) headMask[readersOf(cands) & 0xff]!++;
  if (!cands.some((_, c) => headMask.reduce((n, count, m) => (m & (1 << c) ? n + count : n), 0) >= head.length * 0.5)) return null;
  return scanner(cands, currency, ctx);
}

function scanner(cands: Candidate[], currency: string, ctx: ReadingContext): ReadingScanner {
  const k = cands.length;
  const masks = new Array<number>(1 << k).fill(0);
  const examples = new Array<string | undefined>(1 << k).fill(undefined);
  let differs: string | null = null;
  let total = 0;
  let percent = 0;
  let percentExample = '';
  let otherCurrency: string | null = null;
  let fractions = 0;
  let prev = '';
  let prevMask = 0;
  let prevPercent = false;
  const feed = (v: string) => {
    if (v === '') return;
    total++;
    if (v === prev) {
      masks[prevMask]!++;
      if (prevPercent) percent++;
      return;
    }
    const wrapped = unwrap(v);
    let mask = 0;
    prevPercent = false;
    if (wrapped && (wrapCurrency === '' || wrapCurrency === currency)) {
      const r2 = readersOf(cands);
      mask = r2 & 0xff;
      fractions |= r2 >> 8;
      if (wrapPercent) {
        percent++;
        prevPercent = true;
        percentExample ||= v;
      }
      // Two readings that read this value with a separator in different roles give different numbers.
      if (!differs && (mask & (mask - 1)) !== 0 && /[.,]/.test(bodyText)) differs = v;
    } else if (wrapped && wrapCurrency) otherCurrency ??= wrapCurrency;
    masks[mask]!++;
    examples[mask] ??= v;
    prev = v;
    prevMask = mask;
  };
  const finish = () => decide({ cands, masks, examples, differs, total, percent, percentExample, currency, otherCurrency, fractions }, ctx);
  return { feed, finish };
}

interface Scan {
  cands: Candidate[];
  masks: number[];
  examples: (string | undefined)[];
  differs: string | null;
  total: number;
  percent: number;
  percentExample: string;
  currency: string;
  otherCurrency: string | null;
  fractions: number;
}

function settingsOf(c: Candidate, s: Scan): ReadingSettings {
  const out: ReadingSettings = {};
  if (c.decimal === ',') out.decimalSeparator = ',';
  if (c.group) out.thousandsSeparator = c.group;
  if (s.currency) out.currency = s.currency;
  if (s.percent * 2 >= s.total) out.percent = true;
  return out;
}

const sepName = (s: string) => (s === ' ' ? 'a space' : `"${s}"`);
function labelOf(c: Candidate): string {
  const dec = c.decimal === ',' ? 'decimal comma' : 'decimal point';
  return c.group ? `${dec}, thousands separated by ${sepName(c.group)}` : dec;
}

function decide(s: Scan, ctx: ReadingContext): ColumnReading | null {
  const { cands, masks, examples, total } = s;
  const reads = (c: number) => masks.reduce((n, count, m) => (m & (1 << c) ? n + count : n), 0);
  const fit = cands.map((_, c) => (total ? reads(c) / total : 0));
  const live = cands.map((_, c) => c).filter((c) => fit[c]! >= 0.5);
  if (!live.length) return null;
  const within = (c: number, d: number) => masks.every((count, m) => !count || !(m & (1 << c)) || (m & (1 << d)) !== 0);
  let winners = live.filter((c) => !live.some((d) => d !== c && within(c, d) && !within(d, c)));
  const evidence: string[] = [];
  let status: 'decided' | 'ambiguous' = 'decided';
  if (winners.length > 1 && !s.differs) {
    // Every value reads the same either way (whole numbers, or no separator in doubt): the simpler reading.
    winners = [winners.sort((a, b) => Number(!!cands[a]!.group) - Number(!!cands[b]!.group) || (cands[a]!.decimal === '.' ? -1 : 1))[0]!];
  } else if (winners.length > 1) {
    status = 'ambiguous';
    const d = s.differs!;
    evidence.push(
      `every value fits ${winners.map((c) => labelOf(cands[c]!)).join(' and ')}: ${d} reads as ${winners.map((c) => plainOf(d, cands[c]!)).join(' or ')}`,
    );
    if (ctx.language && ctx.language !== 'en')
      evidence.push(`the headers are ${LANGUAGE_NAMES[ctx.language]}, where a comma marks decimals: a hint, not proof`);
    const commaFirst = !!ctx.language && ctx.language !== 'en';
    const rank = (c: number) => ((cands[c]!.decimal === ',') === commaFirst ? 0 : 1);
    winners.sort((a, b) => rank(a) - rank(b));
  } else if (cands.length > 1) {
    const c = winners[0]!;
    const m = masks.findIndex((count, mm) => count > 0 && mm === 1 << c);
    if (m >= 0 && examples[m]) evidence.push(because(examples[m]!, cands[c]!));
  }
  const c0 = winners[0]!;
  const cand = cands[c0]!;
  if (status === 'decided' && !evidence.length && (cand.decimal === ',' || cand.group)) evidence.push(labelOf(cand));
  if (s.currency) evidence.push(`amounts in ${s.currency}, which is dropped`);
  if (s.otherCurrency) evidence.push(`other currencies occur too (${s.otherCurrency}): those values are not read`);
  if (s.percent * 2 >= total) evidence.push(`percent signs, dropped: ${s.percentExample} is read as ${plainOf(s.percentExample, cand)}`);
  const misfits = masks
    .map((count, m) => (count && !(m & (1 << c0)) ? examples[m]! : null))
    .filter((x): x is string => x !== null)
    .slice(0, 5);
  const options: ReadingOption[] = winners.map((c) => {
    const settings = settingsOf(cands[c]!, s);
    const ex = s.differs ?? examples[masks.findIndex((count, m) => count > 0 && (m & (1 << c)) !== 0)];
    return {
      settings,
      label: `${labelOf(cands[c]!)} (${describeNumberFormat({ decimalSeparator: cands[c]!.decimal, thousandsSeparator: cands[c]!.group, ...settings })})`,
      ...(ex ? { example: { text: ex, value: plainOf(ex, cands[c]!) } } : {}),
    };
  });
  return {
    kind: 'number',
    status,
    settings: status === 'decided' ? options[0]!.settings : {},
    options,
    evidence,
    fit: fit[c0]!,
    misfits,
    integral: !(s.fractions & (1 << c0)),
  };
}

/** The number a value stands for under a candidate, as text (`1234.56`), for explanations. */
function plainOf(v: string, c: Candidate): string {
  if (!unwrap(v)) return v;
  let out = bodyText[bodyStart - 1] === '-' || /^[(\-\u2212]|\)$/.test(v) ? '-' : '';
  for (const ch of bodyText.slice(bodyStart, bodyEnd)) {
    if (ch >= '0' && ch <= '9') out += ch;
    else if (ch === c.decimal) out += '.';
  }
  return out;
}
