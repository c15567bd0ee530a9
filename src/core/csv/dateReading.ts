/**
 * A column's date reading, decided from the whole sample. The first distinct values give the
 * layout and its candidate patterns (one, or one per order of day and month when the layout
 * cannot tell); every value of the sample is then read with each candidate. A candidate that
 * reads every value another reads, and more, wins; the others are shown, never chosen, when the
 * values cannot tell them apart.
 */
import { type CompiledDatePattern, compileDatePattern, type DateParts } from '../convert/datePattern';
import { formatIsoDate, formatIsoDateTime } from '../convert/dates';
import {
  DATE_LANGUAGES,
  type DateLanguage,
  isFullDayName,
  isFullMonthName,
  isJavaEnglishName,
  LANGUAGE_NAMES,
  monthOf,
  weekdayOf,
} from '../convert/monthNames';
import { type DateShape, dateShape, letters, offsetLetters } from './dateShapes';
import type { ColumnReading, ReadingContext, ReadingOption, ReadingScanner } from './reading.types';

type Order = 'dmy' | 'mdy' | 'ymd' | 'ydm' | 'name';
interface Candidate {
  order: Order;
  pattern: string;
  language?: DateLanguage;
  compiled: CompiledDatePattern;
}

/** Languages whose dates are written day first. English is written both ways (US and UK). */
const DAY_FIRST: ReadonlySet<DateLanguage> = new Set(['de', 'fr', 'es', 'it', 'nl', 'pt']);
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Distinct dates in file order needed before a steady rise counts as evidence. */
const SPREAD_MIN = 8;

/** Head values whose layouts are compared before a column counts as dates. */
const VOTE = 64;

/** A scanner for the date reading of a column whose first values look like dates, or null. */
export function dateScanner(head: readonly string[], ctx: ReadingContext): ReadingScanner | null {
  if (!head.length) return null;
  const vote = head.slice(0, VOTE);
  const shapes = vote.map(dateShape);
  if (shapes.filter((s) => s !== null).length < vote.length * 0.5) return null;
  const groups = new Map<string, DateShape[]>();
  for (const s of shapes) {
    if (!s) continue;
    const g = groups.get(s.key);
    if (g) g.push(s);
    else groups.set(s.key, [s]);
  }
  let group: DateShape[] = [];
  for (const g of groups.values()) if (g.length > group.length) group = g;
  if (group.length < vote.length * 0.5) return null;
  const built = candidatesFor(group, ctx);
  if (!built) return null;
  const { candidates, evidence } = built;
  const s = newScan(candidates.length);
  return { feed: scanner(s, candidates), finish: () => decide(s, candidates, [...evidence], ctx) };
}

function candidatesFor(group: DateShape[], ctx: ReadingContext): { candidates: Candidate[]; evidence: string[] } | null {
  const s0 = group[0]!;
  const minWidth = (i: number) => group.reduce((m, s) => Math.min(m, s.widths[i]!), 9);
  const tail = timePattern(group) + zonePattern(group);
  const evidence: string[] = [];
  const out: { order: Order; pattern: string; language?: DateLanguage }[] = [];
  const [sepA, sepB] = s0.seps;
  switch (s0.family) {
    case 'ymd':
      out.push({ order: 'ymd', pattern: `yyyy${sepA}${letters('M', minWidth(1))}${sepB}${letters('d', minWidth(2))}${tail}` });
      // Year, day, month is rare enough to be considered only when a middle part cannot be a month.
      if (group.some((s) => s.nums[1]! > 12))
        out.push({ order: 'ydm', pattern: `yyyy${sepA}${letters('d', minWidth(1))}${sepB}${letters('M', minWidth(2))}${tail}` });
      break;
    case 'xxy': {
      const year = group.every((s) => s.widths[2] === 2) ? 'yy' : 'yyyy';
      out.push({ order: 'dmy', pattern: `${letters('d', minWidth(0))}${sepA}${letters('M', minWidth(1))}${sepB}${year}${tail}` });
      out.push({ order: 'mdy', pattern: `${letters('M', minWidth(0))}${sepA}${letters('d', minWidth(1))}${sepB}${year}${tail}` });
      break;
    }
    case 'compact':
      out.push({ order: 'ymd', pattern: `yyyyMMdd${tail}` }, { order: 'dmy', pattern: `ddMMyyyy${tail}` }, { order: 'mdy', pattern: `MMddyyyy${tail}` });
      break;
    default: {
      const names = nameLetters(group, ctx);
      if (!names) return null;
      if (names.evidence) evidence.push(names.evidence);
      const day = s0.dayWord === undefined ? '' : `${names.E}${s0.daySep}`;
      const d = letters('d', minWidth(s0.family === 'ymd-name' ? 1 : 0));
      const pattern =
        s0.family === 'dmy-name'
          ? `${day}${d}${sepA}${names.M}${sepB}${group.every((s) => s.widths[1] === 2) ? 'yy' : 'yyyy'}${tail}`
          : s0.family === 'mdy-name'
            ? `${day}${names.M} ${d}${sepB}yyyy${tail}`
            : `yyyy${sepA}${names.M}${sepB}${d}${tail}`;
      out.push({ order: 'name', pattern, language: names.language });
    }
  }
  const candidates: Candidate[] = [];
  for (const c of out) {
    const r = compileDatePattern(c.pattern, { language: c.language });
    if (r.ok) candidates.push({ ...c, compiled: r.value });
  }
  return candidates.length ? { candidates, evidence } : null;
}

function timePattern(group: DateShape[]): string {
  const t = group[0]!.time;
  if (!t) return '';
  const hour = letters(
    t.ampm === null ? 'H' : 'h',
    group.reduce((m, s) => Math.min(m, s.time!.hourWidth), 2),
  );
  return `${t.sep}${hour}:mm${t.seconds ? ':ss' : ''}${t.fraction ? `.${'S'.repeat(t.fraction)}` : ''}${t.ampm === null ? '' : `${t.ampm}a`}`;
}

function zonePattern(group: DateShape[]): string {
  const z = group[0]!.zone;
  if (!z) return '';
  if (z.kind === 'z' || z.kind === 'VV' || z.kind === 'O') return `${z.space}${z.kind}`;
  return `${z.space}${offsetLetters(new Set(group.map((s) => s.zone!.kind)))}`;
}

/** Month and weekday letters and the language of their names, or null when they are not names. */
function nameLetters(group: DateShape[], ctx: ReadingContext): { M: string; E: string; language?: DateLanguage; evidence?: string } | null {
  const months = [...new Set(group.map((s) => s.monthWord!))];
  const days = [...new Set(group.flatMap((s) => (s.dayWord ? [s.dayWord] : [])))];
  const langs = DATE_LANGUAGES.filter((l) => months.every((w) => monthOf(w, l) > 0) && days.every((w) => weekdayOf(w, l) > 0));
  if (!langs.length) return null;
  if (langs.includes('en') && months.every((w) => isJavaEnglishName(w, 'month')) && days.every((w) => isJavaEnglishName(w, 'day'))) {
    const short = (ws: string[]) => ws.every((w) => w.length === 3);
    const full = (ws: string[], kind: 'month' | 'day') => ws.every((w) => w.length > 3 || (kind === 'month' && w === 'May'));
    if ((short(months) || full(months, 'month')) && (short(days) || full(days, 'day')))
      return { M: short(months) ? 'MMM' : 'MMMM', E: short(days) ? 'EEE' : 'EEEE' };
  }
  const language = ctx.language && langs.includes(ctx.language) ? ctx.language : langs.includes('en') ? 'en' : langs[0]!;
  const M = months.every((w) => isFullMonthName(w, language)) ? 'MMMM' : 'MMM';
  const E = days.every((w) => isFullDayName(w, language)) ? 'EEEE' : 'EEE';
  const also =
    langs.length > 1
      ? ` (also ${langs
          .filter((l) => l !== language)
          .map((l) => LANGUAGE_NAMES[l])
          .join(', ')})`
      : '';
  return { M, E, language, evidence: `${LANGUAGE_NAMES[language]} month names${also}: ${months.slice(0, 3).join(', ')}` };
}

interface Scan {
  total: number;
  /** Values per set of candidates that read them (bit c = candidate c). */
  masks: number[];
  examples: (string | undefined)[];
  /** A value read by several candidates as different dates, with each one's date. */
  differs: { text: string; dates: (string | null)[] } | null;
  rises: boolean[];
  falls: boolean[];
  steps: number[];
  maxYear: number[];
  twoDigitExample: (string | undefined)[];
  /**
   * Once one candidate has read a value no other reads, the others are tried only on values it
   * does not read: `unknown` values were read by `lead` alone, the others not tried. A rival can
   * then still read something the lead does not, and is never ruled out on a value it was not
   * tried on.
   */
  lead: number;
  unknown: number;
}

function newScan(k: number): Scan {
  return {
    total: 0,
    masks: new Array(1 << k).fill(0),
    examples: new Array(1 << k).fill(undefined),
    differs: null,
    rises: new Array(k).fill(true),
    falls: new Array(k).fill(true),
    steps: new Array(k).fill(0),
    maxYear: new Array(k).fill(0),
    twoDigitExample: new Array(k).fill(undefined),
    lead: -1,
    unknown: 0,
  };
}

/** The per-cell part of a scan: which candidates read the value, and what it says about order and years. */
function scanner(s: Scan, cands: Candidate[]): (v: string) => void {
  const k = cands.length;
  const last = new Array<number>(k).fill(-1);
  const parts = new Array<DateParts | null>(k);
  let prev = '';
  let prevMask = 0;
  const track = (c: number, p: DateParts, v: string) => {
    const key = ((p.year * 13 + p.month) * 32 + p.day) * 86400 + p.hour * 3600 + p.minute * 60 + p.second;
    if (last[c]! >= 0 && key !== last[c]) {
      s.steps[c]!++;
      if (key < last[c]!) s.rises[c] = false;
      else s.falls[c] = false;
    }
    last[c] = key;
    if (p.year > s.maxYear[c]!) {
      s.maxYear[c] = p.year;
      s.twoDigitExample[c] = v;
    }
  };
  return (v) => {
    if (v === '') return;
    s.total++;
    if (v === prev) {
      if (prevMask < 0) s.unknown++;
      else s.masks[prevMask]!++;
      return;
    }
    prev = v;
    if (s.lead >= 0) {
      const p = cands[s.lead]!.compiled.parse(v);
      if (p) {
        track(s.lead, p, v);
        s.unknown++;
        prevMask = -1;
        return;
      }
    }
    let mask = 0;
    for (let c = 0; c < k; c++) {
      const p = cands[c]!.compiled.parse(v);
      parts[c] = p;
      if (!p) continue;
      mask |= 1 << c;
      track(c, p, v);
    }
    if (k > 1 && !s.differs && (mask & (mask - 1)) !== 0) {
      const dates = parts.map((p) => (p ? formatIsoDate(p) : null));
      if (new Set(dates.filter((d) => d !== null)).size > 1) s.differs = { text: v, dates };
    }
    s.masks[mask]!++;
    s.examples[mask] ??= v;
    prevMask = mask;
    if (k > 1 && s.lead < 0 && mask && (mask & (mask - 1)) === 0) s.lead = 31 - Math.clz32(mask);
  };
}

const LABELS: Record<Order, string> = { dmy: 'day first', mdy: 'month first', ymd: 'year, month, day', ydm: 'year, day, month', name: 'as written' };
const human = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTH_NAMES[m! - 1]} ${y}`;
};

function optionOf(c: Candidate, example: string | undefined): ReadingOption {
  const settings = c.language ? { dateFormat: c.pattern, dateLanguage: c.language } : { dateFormat: c.pattern };
  const parts = example ? c.compiled.parse(example) : null;
  const value = parts ? (parts.hasTime ? formatIsoDateTime(parts) : formatIsoDate(parts)) : null;
  return {
    settings,
    label: c.order === 'name' ? c.pattern : `${LABELS[c.order]} (${c.pattern})`,
    ...(example && value ? { example: { text: example, value } } : {}),
  };
}

/** Why a candidate reads a value its rival does not: `23/04/1990 has 23 in the first part`. */
function because(c: Candidate, text: string): string {
  const nums = text.match(/\d+/g)?.map(Number) ?? [];
  if (c.order === 'dmy' && nums[0]! > 12) return `${LABELS.dmy}: ${text} has ${nums[0]} in the first part`;
  if (c.order === 'mdy' && nums[1]! > 12) return `${LABELS.mdy}: ${text} has ${nums[1]} in the second part`;
  if (c.order === 'ydm' && nums[1]! > 12) return `${LABELS.ydm}: ${text} has ${nums[1]} in the middle`;
  return `${c.pattern}: ${text} reads only this way`;
}

function decide(s: Scan, cands: Candidate[], evidence: string[], ctx: ReadingContext): ColumnReading | null {
  const k = cands.length;
  const reads = (c: number) => s.masks.reduce((n, count, m) => (m & (1 << c) ? n + count : n), 0) + (c === s.lead ? s.unknown : 0);
  const fit = cands.map((_, c) => (s.total ? reads(c) / s.total : 0));
  // A rival not tried on the lead's values may have read them too: it stays in while it might reach half.
  let live = cands.map((_, c) => c).filter((c) => fit[c]! + (c !== s.lead && s.lead >= 0 ? s.unknown / s.total : 0) >= 0.5);
  if (!live.length) return null;
  // A candidate is out when another reads every value it reads, and more.
  const within = (c: number, d: number) => s.masks.every((count, m) => !count || !(m & (1 << c)) || (m & (1 << d)) !== 0);
  const dominated = (c: number) => live.some((d) => d !== c && within(c, d) && !within(d, c));
  const winners = live.filter((c) => !dominated(c));
  const exclusive = (c: number) => s.masks.findIndex((count, m) => count > 0 && m & (1 << c) && live.every((d) => d === c || !(m & (1 << d))));
  const preferred = (a: number, b: number) => {
    const dayFirst = ctx.language !== null && DAY_FIRST.has(ctx.language);
    const rank = (c: number) => (cands[c]!.order === (dayFirst ? 'dmy' : 'mdy') ? 0 : cands[c]!.order === 'ymd' ? -1 : 1);
    return rank(a) - rank(b) || fit[b]! - fit[a]!;
  };
  let status: 'decided' | 'ambiguous' = 'decided';
  if (winners.length === 1) {
    const c = winners[0]!;
    const m = exclusive(c);
    if (live.length > 1 || k > 1) {
      const beaten = cands.filter((_, d) => d !== c);
      const ex = m >= 0 ? s.examples[m] : undefined;
      if (ex) evidence.unshift(because(cands[c]!, ex));
      else if (beaten.length) evidence.unshift(`${cands[c]!.pattern} reads more of the values than ${beaten.map((b) => b.pattern).join(' or ')}`);
    }
    live = [c];
  } else {
    const sameSets = winners.every((c) => winners.every((d) => within(c, d)));
    if (sameSets && !s.differs) {
      live = winners.sort(preferred).slice(0, 1);
      evidence.unshift(
        `day and month are the same in every value${s.examples.find(Boolean) ? ` (${s.examples.find(Boolean)})` : ''}, so every order reads the same dates`,
      );
    } else if (sameSets) {
      const steady = winners.filter((c) => (s.rises[c] || s.falls[c]) && s.steps[c]! + 1 >= SPREAD_MIN);
      if (steady.length === 1) {
        const c = steady[0]!;
        evidence.unshift(
          `in file order the dates ${s.rises[c] ? 'rise' : 'fall'} steadily when read ${LABELS[cands[c]!.order]} (${s.steps[c]! + 1} distinct dates), and do not read any other way`,
        );
        live = [c];
      } else {
        status = 'ambiguous';
        live = winners.sort(preferred);
        const d = s.differs!;
        evidence.unshift(
          `every value fits ${live.map((c) => LABELS[cands[c]!.order]).join(' and ')}: ${d.text} is ${live
            .map((c) => d.dates[c])
            .filter((x): x is string => x !== null)
            .map(human)
            .join(' or ')}`,
        );
      }
    } else {
      status = 'ambiguous';
      live = winners.sort((a, b) => fit[b]! - fit[a]!);
      evidence.unshift(
        `both layouts occur: ${live
          .map((c) => {
            const m = exclusive(c);
            return m >= 0 ? `${s.examples[m]} reads only ${LABELS[cands[c]!.order]}` : '';
          })
          .filter(Boolean)
          .join(', ')}`,
      );
    }
    if (status === 'ambiguous' && ctx.language && DAY_FIRST.has(ctx.language) && live.some((c) => cands[c]!.order === 'dmy'))
      evidence.push(`the headers are ${LANGUAGE_NAMES[ctx.language]}, where dates are written day first: a hint, not proof`);
  }
  const first = cands[live[0]!]!;
  const c0 = live[0]!;
  let pastYears: ReadingOption | null = null;
  const thisYear = new Date(ctx.now ?? Date.now()).getUTCFullYear();
  if (/(^|[^y])yy([^y]|$)/.test(first.pattern) && s.maxYear[c0]! > thisYear) {
    // Java's yy puts 85 in 2085; people mean 1985. Both readings are offered, the past one first.
    status = 'ambiguous';
    const ex = s.twoDigitExample[c0]!;
    const start = thisYear - 99;
    const r = compileDatePattern(first.pattern, { language: first.language, twoDigitYearStart: start });
    const parts = r.ok ? r.value.parse(ex) : null;
    const settings = {
      ...(first.language ? { dateFormat: first.pattern, dateLanguage: first.language } : { dateFormat: first.pattern }),
      twoDigitYearStart: start,
    };
    pastYears = {
      settings,
      label: `two-digit years from ${start} to ${thisYear} (${first.pattern})`,
      ...(parts ? { example: { text: ex, value: formatIsoDate(parts) } } : {}),
    };
    evidence.push(`two-digit years: ${ex} is ${parts?.year ?? '19xx'} or ${s.maxYear[c0]} (Data Prep reads yy as 2000 to 2099)`);
  }
  zoneEvidence(first, ctx, evidence);
  const misfitMask = s.masks.map((count, m) => (count && !(m & (1 << c0)) ? m : -1)).filter((m) => m >= 0);
  const misfits = misfitMask.map((m) => s.examples[m]!).slice(0, 5);
  const exampleOf = (c: number) => s.differs?.text ?? s.examples[s.masks.findIndex((count, m) => count > 0 && (m & (1 << c)) !== 0)];
  const options = live.map((c) => optionOf(cands[c]!, exampleOf(c)));
  if (pastYears) options.unshift(pastYears);
  return {
    kind: 'date',
    status,
    settings: status === 'decided' ? options[0]!.settings : {},
    options,
    evidence,
    fit: fit[c0]!,
    misfits,
    hasTime: first.compiled.parse(exampleOf(c0) ?? '')?.hasTime ?? /[Hh]/.test(first.pattern),
    pattern: first.pattern,
  };
}

function zoneEvidence(c: Candidate, ctx: ReadingContext, evidence: string[]): void {
  if (!/[Hh]/.test(c.pattern)) return;
  if (/[XZzVO]/.test(c.pattern.replace(/'[^']*'/g, ''))) {
    evidence.push('each value carries its time zone');
    return;
  }
  const named = /\b(UTC|GMT|Z)\b/i.test(ctx.header);
  evidence.push(named ? 'no time zone in the values; the header says UTC' : 'no time zone in the values: read as UTC unless a time zone is set');
}
