/**
 * Numbers as people write them: `1.234,56` (German), `1 234,56` (French, with a space or a
 * no-break space), `1,234.56` (English), `1'234.56` (Swiss), with a currency symbol or code
 * before or after, a percent sign, a leading sign or accounting parentheses. A format is read
 * strictly: groups of three after the first, one decimal separator, nothing else, so that a
 * text the format does not describe is refused rather than read as some other number.
 */

export type DecimalSeparator = '.' | ',';
/** `''` means the numbers are written without thousands separators. */
export type ThousandsSeparator = '' | ',' | '.' | ' ' | "'";

export interface NumberFormat {
  decimalSeparator: DecimalSeparator;
  thousandsSeparator: ThousandsSeparator;
  /** A currency symbol or code written before or after the number (`€`, `EUR`, `R$`). */
  currency?: string;
  /** Values may end with `%`: the number is read as written (`19%` is 19). */
  percent?: boolean;
}

/** The characters a thousands separator may be written with: a space also as no-break and thin spaces. */
export const SEPARATOR_CHARS: Record<Exclude<ThousandsSeparator, ''>, readonly string[]> = {
  ',': [','],
  '.': ['.'],
  ' ': [' ', '\u00a0', '\u202f', '\u2009'],
  "'": ["'", '\u2019'],
};

// The characters themselves, not `\u` escapes: JavaScript, Java and RE2 (Data Prep's matches_regex) read those alike.
const SPACE = '[ \u00a0\u202f\u2009]*';
const GROUP_CLASS: Record<Exclude<ThousandsSeparator, ''>, string> = { '.': '\\.', ',': ',', ' ': '[ \u00a0\u202f\u2009]', "'": "['\u2019]" };
const escapeRegex = (t: string) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The pattern of the numbers a format describes, as regular-expression source that both
 * JavaScript and Java (Data Prep's `matches_regex`) read the same way: an optional sign or
 * accounting parentheses, the currency before or after, the amount with its groups of three,
 * the decimal part, a percent sign. Conversion and the AEP export check values with this one
 * pattern, so that both accept exactly the same texts.
 */
export function numberPattern(f: NumberFormat): string {
  const dec = f.decimalSeparator === '.' ? '\\.' : ',';
  const int = f.thousandsSeparator ? `(?:[1-9][0-9]{0,2}(?:${GROUP_CLASS[f.thousandsSeparator]}[0-9]{3})+|[0-9]+)` : '[0-9]+';
  const num = `(?:${int}(?:${dec}[0-9]*)?|${dec}[0-9]+)`;
  const pct = f.percent ? `(?:${SPACE}%)?` : '';
  const sign = '[-+\u2212]';
  const cur = f.currency ? escapeRegex(f.currency) : null;
  const unsigned = cur ? `(?:${cur}${SPACE}${num}|${num}(?:${SPACE}${cur})?)` : num;
  const signed = cur
    ? `(?:${sign}${SPACE}${cur}${SPACE}${num}|${cur}${SPACE}${sign}${SPACE}${num}|${sign}?${SPACE}${num}(?:${SPACE}${cur})?|${cur}${SPACE}${num})`
    : `${sign}?${SPACE}${num}`;
  return `${SPACE}(?:\\(${SPACE}${unsigned}${pct}${SPACE}\\)|${signed}${pct})${SPACE}`;
}

const patterns = new Map<string, RegExp>();
function patternOf(f: NumberFormat): RegExp {
  const key = `${f.decimalSeparator}|${f.thousandsSeparator}|${f.currency ?? ''}|${f.percent ? 1 : 0}`;
  let re = patterns.get(key);
  if (!re) {
    re = new RegExp(`^(?:${numberPattern(f)})$`);
    patterns.set(key, re);
  }
  return re;
}

/**
 * The plain form of a number in a format (`-1234.56`), or null when the text is not a number
 * written that way. Grouped numbers must have groups of exactly three and no leading zero
 * (`0.500` is not five hundred).
 */
export function plainNumber(text: string, f: NumberFormat): string | null {
  if (!patternOf(f).test(text)) return null;
  // The pattern has checked the shape: what remains is to keep the digits, the decimal separator and the sign.
  let body = f.currency ? text.replace(f.currency, '') : text;
  const dec = f.decimalSeparator;
  let out = /[-(\u2212]/.test(body) ? '-' : '';
  body = body.replace(/[^0-9.,]/g, '');
  for (const ch of body) {
    if (ch >= '0' && ch <= '9') out += ch;
    else if (ch === dec) out += '.';
  }
  return out;
}

/**
 * The plain form of the commonest texts (`-1234,56`: a sign, digits and one decimal separator)
 * without the pattern, or null to let the pattern decide. Every text it reads, the pattern
 * reads the same way.
 */
function plainFast(text: string, dec: number): string | null {
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  const start = i;
  let at = -1;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c === dec && at < 0) {
      at = i;
      continue;
    }
    return null;
  }
  if (i === start || (at === start && i === start + 1)) return null;
  return at < 0 || dec === 46 ? text : `${text.slice(0, at)}.${text.slice(at + 1)}`;
}

/** A reader for one number format: the number, or undefined when the text is not written that way. */
export function numberReader(f: NumberFormat): (text: string) => number | undefined {
  const dec = f.decimalSeparator.charCodeAt(0);
  return (text) => {
    const plain = plainFast(text, dec) ?? plainNumber(text, f);
    if (plain === null) return undefined;
    const n = Number(plain);
    return Number.isFinite(n) ? (n === 0 ? 0 : n) : undefined;
  };
}

/** How a format is described to people: `1.234,56 €`. */
export function describeNumberFormat(f: NumberFormat): string {
  const int = f.thousandsSeparator ? `1${f.thousandsSeparator === ' ' ? '\u202f' : f.thousandsSeparator}234` : '1234';
  const body = `${int}${f.decimalSeparator}56${f.percent ? '%' : ''}`;
  return f.currency ? `${body} ${f.currency}` : body;
}
