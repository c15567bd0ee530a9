import { type CompiledDatePattern, compileDatePattern, defaultDatePatterns, parseWithPatterns } from '../../convert/dates';
import { dayOfYear, formatJava } from '../dateFormat';
import { fail, int, num, str, type Value } from '../values';
import { fixedOffset, fromLocal, fromParts, isZone, ZonedDate } from '../zoned';
import type { FnSpec } from './types';

const patternCache = new Map<string, CompiledDatePattern>();

/** A Java date pattern compiled once per distinct pattern text. */
export function pattern(p: string): CompiledDatePattern {
  let c = patternCache.get(p);
  if (!c) {
    const r = compileDatePattern(p);
    if (!r.ok) return fail(r.message);
    c = r.value;
    patternCache.set(p, c);
  }
  return c;
}

/** Reads a date from text: an explicit pattern, else Data Prep's ordered list; a trailing zone name (PST, Europe/Paris) is honoured. */
export function parseDate(s: string, format: string | null): ZonedDate {
  let body = s.trim();
  let zone = 'UTC';
  const named = / ([A-Za-z]{2,5}|[A-Za-z]+\/[A-Za-z_]+)$/.exec(body);
  if (!format && named && isZone(named[1]!)) {
    zone = named[1]!;
    body = body.slice(0, named.index);
  }
  const parts = format ? pattern(format).parse(body) : (parseWithPatterns(body, defaultDatePatterns())?.parts ?? null);
  if (!parts) return fail(format ? `"${s}" does not match the date format ${format}` : `"${s}" is not a date in any of Data Prep's formats`);
  return fromParts(parts, zone);
}

/** A date argument: a date, an ISO or Data Prep-formatted text, or epoch milliseconds. */
export function toDate(v: Value, what = 'DATE'): ZonedDate | null {
  if (v === null) return null;
  if (v instanceof ZonedDate) return v;
  if (typeof v === 'number') return new ZonedDate(v, 'UTC');
  if (typeof v === 'string') return parseDate(v, null);
  return fail(`${what} must be a date`);
}

function zoneArg(v: Value): string {
  const z = str(v, 'ZONE');
  if (z === null || !isZone(z)) return fail(`unknown time zone "${z}" (use an IANA name such as Europe/Paris, UTC, or an offset such as +02:00)`);
  return fixedOffset(z) === 0 && /^(utc|z|gmt)$/i.test(z) ? 'UTC' : z;
}

type Component = 'year' | 'quarter' | 'month' | 'dayofyear' | 'day' | 'week' | 'weekday' | 'hour' | 'hour12' | 'minute' | 'second' | 'millisecond';
/** A Map: a part name from the data (`constructor`) is looked up among these entries only. */
const COMPONENTS: ReadonlyMap<string, Component> = new Map(
  Object.entries({
    year: 'year',
    yyyy: 'year',
    yy: 'year',
    quarter: 'quarter',
    qq: 'quarter',
    q: 'quarter',
    month: 'month',
    mm: 'month',
    m: 'month',
    dayofyear: 'dayofyear',
    dy: 'dayofyear',
    y: 'dayofyear',
    day: 'day',
    dd: 'day',
    d: 'day',
    week: 'week',
    ww: 'week',
    w: 'week',
    weekday: 'weekday',
    dw: 'weekday',
    hour: 'hour',
    hh: 'hour',
    hh24: 'hour',
    hh12: 'hour12',
    minute: 'minute',
    mi: 'minute',
    n: 'minute',
    second: 'second',
    ss: 'second',
    s: 'second',
    millisecond: 'millisecond',
    ms: 'millisecond',
    sss: 'millisecond',
  } satisfies Record<string, Component>),
);

function component(v: Value): Component {
  const c = str(v, 'COMPONENT');
  const k = c === null ? undefined : COMPONENTS.get(c.toLowerCase());
  if (!k) return fail(`unknown date part "${c}" (year, quarter, month, dayofyear, day, week, weekday, hour, minute, second, millisecond)`);
  return k;
}

/** ISO-8601 week number. */
function isoWeek(y: number, m: number, d: number): number {
  const date = new Date(Date.UTC(y, m - 1, d));
  const day = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - day + 3);
  const firstThursday = new Date(Date.UTC(date.getUTCFullYear(), 0, 4));
  return 1 + Math.round(((date.getTime() - firstThursday.getTime()) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
}

export const DATE_FUNCTIONS: FnSpec[] = [
  { name: 'now', family: 'date', params: [], description: 'The current date and time, in UTC.', call: (_a, ctx) => new ZonedDate(ctx.now(), 'UTC') },
  { name: 'timestamp', family: 'date', params: [], description: 'The current time in milliseconds since 1970 (Unix time).', call: (_a, ctx) => ctx.now() },
  {
    name: 'format',
    family: 'date',
    params: ['DATE', 'FORMAT'],
    description: 'Writes a date with a Java date pattern such as "yyyy-MM-dd HH:mm:ss".',
    call: ([d, f]) => {
      const date = toDate(d!);
      const p = str(f!, 'FORMAT');
      if (date === null || p === null) return null;
      const r = formatJava(date, p);
      return r.ok ? r.text : fail(r.message);
    },
  },
  {
    name: 'dformat',
    family: 'date',
    params: ['TIMESTAMP', 'FORMAT'],
    description: 'Writes a Unix time in milliseconds with a Java date pattern, in UTC.',
    call: ([t, f]) => {
      const ms = num(t!, 'TIMESTAMP');
      const p = str(f!, 'FORMAT');
      if (ms === null || p === null) return null;
      const r = formatJava(new ZonedDate(ms, 'UTC'), p);
      return r.ok ? r.text : fail(r.message);
    },
  },
  {
    name: 'date',
    family: 'date',
    params: ['DATE', 'FORMAT?', 'DEFAULT_DATE?'],
    description:
      "Reads a date from text, with a Java pattern describing the text (not the result) or Data Prep's format list; DEFAULT_DATE is returned when DATE is null.",
    call: ([d, f, dflt]) => {
      if (d === null || d === undefined || d === '') return dflt === undefined ? null : toDate(dflt);
      if (d instanceof ZonedDate) return d;
      const s = str(d);
      return s === null ? null : parseDate(s, f === undefined || f === null ? null : str(f));
    },
  },
  {
    name: 'date_part',
    family: 'date',
    params: ['COMPONENT', 'DATE'],
    description: 'One part of a date: year, quarter, month, dayofyear, day, week, weekday (1 = Sunday), hour, hh12, minute, second or millisecond.',
    call: ([c, d]) => {
      const part = component(c!);
      const date = toDate(d!);
      if (date === null) return null;
      const l = date.local();
      switch (part) {
        case 'year':
          return l.year;
        case 'quarter':
          return Math.floor((l.month - 1) / 3) + 1;
        case 'month':
          return l.month;
        case 'dayofyear':
          return dayOfYear(l.year, l.month, l.day);
        case 'day':
          return l.day;
        case 'week':
          return isoWeek(l.year, l.month, l.day);
        case 'weekday':
          return (l.isoWeekday % 7) + 1;
        case 'hour':
          return l.hour;
        case 'hour12':
          return l.hour % 12 === 0 ? 12 : l.hour % 12;
        case 'minute':
          return l.minute;
        case 'second':
          return l.second;
        case 'millisecond':
          return l.millis;
      }
    },
  },
  {
    name: 'set_date_part',
    family: 'date',
    params: ['COMPONENT', 'VALUE', 'DATE'],
    description: 'The date with one part (year, month, day, hour, minute or second) replaced.',
    call: ([c, v, d]) => {
      const part = component(c!);
      const value = int(v!, 'VALUE');
      const date = toDate(d!);
      if (date === null || value === null) return null;
      const l = date.local();
      const f = { ...l };
      if (part === 'year') f.year = value;
      else if (part === 'month') f.month = value;
      else if (part === 'day') f.day = value;
      else if (part === 'hour' || part === 'hour12') f.hour = value;
      else if (part === 'minute') f.minute = value;
      else if (part === 'second') f.second = value;
      else return fail(`set_date_part cannot set "${str(c!)}"`);
      const limits: [number, number, number][] = [
        [f.month, 1, 12],
        [f.day, 1, 31],
        [f.hour, 0, 23],
        [f.minute, 0, 59],
        [f.second, 0, 59],
      ];
      if (limits.some(([x, lo, hi]) => x < lo || x > hi)) return fail(`${value} is not a valid ${part}`);
      return fromLocal(f, date.zone);
    },
  },
  {
    name: 'make_date_time',
    aliases: ['make_timestamp'],
    family: 'date',
    params: ['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'NANOSECOND', 'TIMEZONE'],
    description: 'A date from its parts, in a time zone.',
    call: (args) => {
      const [y, mo, d, h, mi, s, ns] = args.slice(0, 7).map((a, i) => int(a, ['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'NANOSECOND'][i]));
      if ([y, mo, d, h, mi, s, ns].some((x) => x === null)) return null;
      if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! < 0 || h! > 23 || mi! < 0 || mi! > 59 || s! < 0 || s! > 59 || ns! < 0 || ns! > 999999999)
        return fail('a date part is out of range');
      return fromLocal({ year: y!, month: mo!, day: d!, hour: h!, minute: mi!, second: s!, millis: Math.floor(ns! / 1e6) }, zoneArg(args[7]!));
    },
  },
  {
    name: 'zone_date_to_utc',
    family: 'date',
    params: ['DATE'],
    description: 'The same instant, expressed in UTC.',
    call: ([d]) => toDate(d!)?.withZone('UTC') ?? null,
  },
  {
    name: 'zone_date_to_zone',
    family: 'date',
    params: ['DATE', 'ZONE'],
    description: 'The same instant, expressed in another time zone.',
    call: ([d, z]) => toDate(d!)?.withZone(zoneArg(z!)) ?? null,
  },
];
