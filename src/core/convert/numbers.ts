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

const isSpace = (c: number) => c === 32 || c === 9 || c === 0xa0 || c === 0x202f || c === 0x2009;
const isSign = (c: number) => c === 45 || c === 43 || c === 0x2212;

/**
 * The plain form of a number in a format (`-1234.56`), or null when the text is not a number
 * written that way. Grouped numbers must have groups of exactly three and no leading zero
 * (`0.500` is not five hundred).
 */
export function plainNumber(text: string, f: NumberFormat): string | null {
  let s = 0;
  let e = text.length;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  let negative = false;
  let signed = false;
  if (text.charCodeAt(s) === 40 && text.charCodeAt(e - 1) === 41) {
    negative = true;
    signed = true;
    s++;
    e--;
  }
  const sign = () => {
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    const c = text.charCodeAt(s);
    if (!signed && isSign(c)) {
      negative = c !== 43;
      signed = true;
      s++;
      while (s < e && isSpace(text.charCodeAt(s))) s++;
    }
  };
  sign();
  const cur = f.currency;
  if (cur) {
    if (text.startsWith(cur, s)) {
      s += cur.length;
      sign();
    } else if (e - s > cur.length && text.endsWith(cur, e)) {
      e -= cur.length;
      while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    }
  }
  if (f.percent && text.charCodeAt(e - 1) === 37) {
    e--;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  }
  const dec = f.decimalSeparator.charCodeAt(0);
  const groups = f.thousandsSeparator ? SEPARATOR_CHARS[f.thousandsSeparator].map((c) => c.charCodeAt(0)) : [];
  let intDigits = 0;
  let fracDigits = 0;
  let groupDigits = -1;
  let firstDigit = -1;
  let decimalAt = -1;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (decimalAt >= 0) fracDigits++;
      else {
        if (firstDigit < 0) firstDigit = c - 48;
        intDigits++;
        if (groupDigits >= 0) groupDigits++;
      }
    } else if (c === dec && decimalAt < 0) {
      if (groupDigits >= 0 && groupDigits !== 3) return null;
      decimalAt = i;
    } else if (decimalAt < 0 && groups.includes(c)) {
      if (groupDigits >= 0 ? groupDigits !== 3 : intDigits < 1 || intDigits > 3 || firstDigit === 0) return null;
      groupDigits = 0;
    } else return null;
  }
  if (intDigits + fracDigits === 0) return null;
  if (groupDigits >= 0 && decimalAt < 0 && groupDigits !== 3) return null;
  let out = negative ? '-' : '';
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) out += text[i];
    else if (i === decimalAt) out += '.';
  }
  return out;
}

/** A reader for one number format: the number, or undefined when the text is not written that way. */
export function numberReader(f: NumberFormat): (text: string) => number | undefined {
  return (text) => {
    const plain = plainNumber(text, f);
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
