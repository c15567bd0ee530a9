/**
 * A mapping entry's reading as AEP can hold it. A Data Prep mapping set has no settings, so an
 * ATTRIBUTE entry whose column is read a particular way becomes an EXPRESSION entry that reads
 * it that way with Data Prep's own functions:
 *   date format             date(Ordered, "dd/MM/yyyy")
 *   month and day names     date(replacestr(...lower(Ordered), "mars", "March")..., "d MMMM yyyy")
 *   two-digit years         iif(date_part("yyyy", D) > 2026, set_date_part("yyyy", date_part("yyyy", D) - 100, D), D)
 *   time zone               date(iif(is_empty(C), null, concat(C, " Europe/Paris")), "yyyy-MM-dd HH:mm VV")
 *   Unix time               dformat(to_bigint(C) * 1000, "yyyy-MM-dd'T'HH:mm:ss.SSSX")
 *   number format           matches_regex(C, "...") ? to_decimal(replacestr(...C...)) : null
 *   flag words              decode(lower(trim(coalesce(C, ""))), "ja", true, "nein", false)
 * and importing a mapping set recognises exactly these expressions again (by writing the
 * expression for the settings their literals suggest and comparing texts), so that a mapping
 * survives the trip to AEP and back.
 */
import { numberFormatOf, type ReadingSettings, SETTINGS_FOR } from '../convert/coerce';
import { DATE_LANGUAGES, englishNamesFor } from '../convert/monthNames';
import { type NumberFormat, numberPattern, SEPARATOR_CHARS, type ThousandsSeparator } from '../convert/numbers';
import { fixedOffset } from '../convert/zones';
import { type Expr, walk } from '../expr/ast';
import { ALL_FUNCTIONS } from '../expr/functions/index';
import { RESERVED } from '../expr/lexer';
import { parseExpression } from '../expr/parser';

export type ReadingKind = 'date' | 'number' | 'boolean';

/**
 * A column as an expression names it: `Ordered`, or `${Order Date}` for any other name, a dot
 * escaped (`${First\.Name}`, as Data Prep's functions guide writes it) or it reads as a path.
 */
export function columnRef(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) && !RESERVED.has(name) && !FUNCTION_NAMES.has(name.toLowerCase()) ? name : `\${${name.replace(/[\\}.]/g, '\\$&')}}`;
}

/** Names of Data Prep functions (and their aliases): a column called `date` is written `${date}`, never read as the function. */
const FUNCTION_NAMES: ReadonlySet<string> = new Set(ALL_FUNCTIONS.flatMap((f) => [f.name, ...(f.aliases ?? [])].map((n) => n.toLowerCase())));

const str = (s: string) => `"${s.replace(/[\\"]/g, '\\$&')}"`;
const ISO_MILLIS = "yyyy-MM-dd'T'HH:mm:ss.SSSX";

/** The kinds of reading the settings state (date, number, flag), in that order. */
export function readingKinds(settings: ReadingSettings | undefined): ReadingKind[] {
  if (!settings) return [];
  return (['date', 'number', 'boolean'] as const).filter((k) => SETTINGS_FOR[k].some((key) => settings[key] !== undefined));
}

/** The Data Prep expression that reads a column as the settings say, or null when Data Prep reads it so by itself. */
export function readingExpression(column: string, settings: ReadingSettings, kind: ReadingKind): string | null {
  const c = columnRef(column);
  if (kind === 'date') return dateExpression(c, settings);
  if (kind === 'number') {
    const f = numberFormatOf(settings);
    return f ? numberExpression(c, f) : null;
  }
  if (!settings.trueWords && !settings.falseWords) return null;
  const pairs = [
    ...(settings.trueWords ?? ['y', 'yes', 'on', 'true']).map((w) => [w, 'true']),
    ...(settings.falseWords ?? ['n', 'no', 'off', 'false']).map((w) => [w, 'false']),
  ];
  return `decode(lower(trim(coalesce(${c}, ""))), ${pairs.map(([w, v]) => `${str(w!.trim().toLowerCase())}, ${v}`).join(', ')})`;
}

function dateExpression(c: string, s: ReadingSettings): string | null {
  if (s.epoch) return `dformat(to_bigint(${c})${s.epoch === 'seconds' ? ' * 1000' : ''}, ${str(ISO_MILLIS)})`;
  if (!s.dateFormat) return null;
  let text = c;
  let pattern = s.dateFormat;
  if (s.dateLanguage) {
    // Names become Java's English ones, which Data Prep reads whatever language the file is in.
    const unquoted = pattern.replace(/'[^']*'/g, '');
    const full = /MMMM/.test(unquoted);
    const fullDays = /EEEE/.test(unquoted);
    text = `lower(${c})`;
    for (const { spelling, replacement } of englishNamesFor(s.dateLanguage, full, /E/.test(unquoted) ? fullDays : null))
      text = `replacestr(${text}, ${str(spelling)}, ${str(replacement)})`;
    // The text is in lower case now: so must the pattern's literal letters be.
    pattern = pattern.replace(/'([^']*)'/g, (_m, lit: string) => `'${lit.toLowerCase()}'`);
  }
  const hasZone = /[XxZzVO]/.test(pattern.replace(/'[^']*'/g, ''));
  if (s.timeZone && !hasZone && /[Hhk]/.test(pattern.replace(/'[^']*'/g, ''))) {
    const off = fixedOffset(s.timeZone);
    const zoneText =
      off === null
        ? s.timeZone
        : `${off < 0 ? '-' : '+'}${String(Math.floor(Math.abs(off) / 60)).padStart(2, '0')}:${String(Math.abs(off) % 60).padStart(2, '0')}`;
    text = `iif(is_empty(${c}), null, concat(${text}, ${str(` ${zoneText}`)}))`;
    pattern = `${pattern} ${off === null ? 'VV' : 'XXX'}`;
  }
  const d = `date(${text}, ${str(pattern)})`;
  if (s.twoDigitYearStart === undefined) return d;
  // Data Prep reads yy as 2000-2099; years past the stated hundred are moved back a century.
  const last = s.twoDigitYearStart + 99;
  if (s.twoDigitYearStart <= 2000) return `iif(date_part("yyyy", ${d}) > ${last}, set_date_part("yyyy", date_part("yyyy", ${d}) - 100, ${d}), ${d})`;
  return `iif(date_part("yyyy", ${d}) < ${s.twoDigitYearStart}, set_date_part("yyyy", date_part("yyyy", ${d}) + 100, ${d}), ${d})`;
}

function numberExpression(c: string, f: NumberFormat): string {
  let x = c;
  const drop = (t: string) => {
    x = `replacestr(${x}, ${str(t)}, "")`;
  };
  if (f.currency) drop(f.currency);
  if (f.percent) drop('%');
  for (const sp of SEPARATOR_CHARS[' ']) drop(sp);
  if (f.thousandsSeparator && f.thousandsSeparator !== ' ')
    for (const g of SEPARATOR_CHARS[f.thousandsSeparator as Exclude<ThousandsSeparator, '' | ' '>]) drop(g);
  x = `replacestr(replacestr(replacestr(${x}, "(", "-"), ")", ""), "\u2212", "-")`;
  if (f.decimalSeparator === ',') x = `replacestr(${x}, ",", ".")`;
  return `matches_regex(${c}, ${str(numberPattern(f))}) ? to_decimal(${x}) : null`;
}

/** String and number literals of an expression, and the one column it reads (or null). */
function literalsOf(e: Expr): { strings: string[]; numbers: number[]; column: string | null } {
  const strings: string[] = [];
  const numbers: number[] = [];
  const columns = new Set<string>();
  walk(e, (x) => {
    if (x.type === 'literal' && typeof x.value === 'string') strings.push(x.value);
    else if (x.type === 'literal' && typeof x.value === 'number') numbers.push(x.value);
    else if (x.type === 'field') columns.add(x.path.join('.'));
  });
  return { strings, numbers, column: columns.size === 1 ? [...columns][0]! : null };
}

/**
 * The column and settings of an expression this module writes, or null for any other
 * expression. Candidate settings come from the expression's literals; one is the answer when
 * writing it gives back exactly the same text.
 */
export function recogniseReading(source: string): { column: string; settings: ReadingSettings; kind: ReadingKind } | null {
  const parsed = parseExpression(source);
  if (!parsed.ok) return null;
  const { strings, numbers, column } = literalsOf(parsed.expr);
  if (column === null) return null;
  const same = (settings: ReadingSettings, kind: ReadingKind) => readingExpression(column, settings, kind) === source.trim();
  const head = /^\s*([a-z_]+)\s*\(/.exec(source)?.[1];
  if (head === 'decode') {
    const words = decodeWords(parsed.expr);
    if (words && same(words, 'boolean')) return { column, settings: words, kind: 'boolean' };
    return null;
  }
  if (head === 'matches_regex') {
    const currencies = [undefined, ...strings.filter((t) => t.length <= 8 && !/^[ %(),.'\u00a0\u202f\u2009\u2019\u2212-]$/.test(t) && t !== '')];
    for (const decimalSeparator of ['.', ','] as const)
      for (const thousandsSeparator of ['', ',', '.', ' ', "'"] as const)
        for (const percent of [false, true])
          for (const currency of currencies) {
            const settings: ReadingSettings = {};
            if (decimalSeparator === ',') settings.decimalSeparator = ',';
            if (thousandsSeparator) settings.thousandsSeparator = thousandsSeparator;
            if (currency) settings.currency = currency;
            if (percent) settings.percent = true;
            if (same(settings, 'number')) return { column, settings, kind: 'number' };
          }
    return null;
  }
  if (head === 'dformat') {
    for (const epoch of ['seconds', 'milliseconds'] as const) if (same({ epoch }, 'date')) return { column, settings: { epoch }, kind: 'date' };
    return null;
  }
  if (head !== 'date' && head !== 'iif') return null;
  const formats = strings.flatMap((t) => [t, t.replace(/ (VV|XXX)$/, '')]);
  const zones = [undefined, ...strings.filter((t) => t.startsWith(' ')).map((t) => t.slice(1))];
  const starts = [undefined, ...numbers.map((n) => n - 99), ...numbers];
  for (const dateFormat of new Set(formats))
    for (const dateLanguage of [undefined, ...DATE_LANGUAGES])
      for (const timeZone of zones)
        for (const twoDigitYearStart of starts) {
          const settings: ReadingSettings = { dateFormat };
          if (dateLanguage) settings.dateLanguage = dateLanguage;
          if (twoDigitYearStart !== undefined) settings.twoDigitYearStart = twoDigitYearStart;
          if (timeZone !== undefined) settings.timeZone = timeZone;
          if (same(settings, 'date')) return { column, settings, kind: 'date' };
          // A lower-cased literal was written for a localised pattern: its original case is gone.
          if (dateLanguage && /'[^']*[A-Z][^']*'/.test(dateFormat)) continue;
        }
  return null;
}

/** The words of `decode(lower(trim(coalesce(C, ""))), "ja", true, ...)`, or null. */
function decodeWords(e: Expr): ReadingSettings | null {
  if (e.type !== 'call' || e.name !== 'decode') return null;
  const trueWords: string[] = [];
  const falseWords: string[] = [];
  const args = e.args.slice(1);
  if (args.length % 2) return null;
  for (let i = 0; i < args.length; i += 2) {
    const k = args[i]!;
    const v = args[i + 1]!;
    if (k.type !== 'literal' || typeof k.value !== 'string' || v.type !== 'literal' || typeof v.value !== 'boolean') return null;
    (v.value ? trueWords : falseWords).push(k.value);
  }
  return { trueWords, falseWords };
}
