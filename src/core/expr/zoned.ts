import { type DateParts, ZONES } from '../convert/dates';

export interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  /** 1 = Monday .. 7 = Sunday */
  isoWeekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether a zone is one we can compute with: UTC, a fixed offset, an abbreviation or an IANA name. */
export function isZone(zone: string): boolean {
  if (fixedOffset(zone) !== null) return true;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Minutes east of UTC for `UTC`, `Z`, `+02:00`, `-0800`, `GMT+1`, or an abbreviation such as PST. */
export function fixedOffset(zone: string): number | null {
  const z = zone.trim().toUpperCase();
  if (z === 'UTC' || z === 'Z' || z === 'GMT' || z === 'UT') return 0;
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  return ZONES[z] ?? null;
}

/** A date-time with its zone, like Java's ZonedDateTime. */
export class ZonedDate {
  constructor(
    readonly epochMs: number,
    /** `UTC`, a fixed offset such as `-08:00`, or an IANA name such as `Europe/Paris`. */
    readonly zone: string = 'UTC',
  ) {}

  /** Offset from UTC, in minutes, at this instant. */
  offsetMinutes(): number {
    const fixed = fixedOffset(this.zone);
    if (fixed !== null) return fixed;
    const parts = formatter(this.zone).formatToParts(new Date(this.epochMs));
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return Math.round((asUtc - Math.floor(this.epochMs / 1000) * 1000) / 60000);
  }

  local(): LocalFields {
    const d = new Date(this.epochMs + this.offsetMinutes() * 60000);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      millis: d.getUTCMilliseconds(),
      isoWeekday: ((d.getUTCDay() + 6) % 7) + 1,
    };
  }

  withZone(zone: string): ZonedDate {
    return new ZonedDate(this.epochMs, zone);
  }

  /**
   * The text Data Prep gives a date: its local date and time in its own zone, to the second,
   * written with a `Z` (`make_date_time(…, "America/Los_Angeles")` reads `2019-10-17T11:55:12Z`).
   */
  toString(): string {
    const l = this.local();
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    return `${p(l.year, 4)}-${p(l.month)}-${p(l.day)}T${p(l.hour)}:${p(l.minute)}:${p(l.second)}Z`;
  }

  /** The instant in UTC, with milliseconds when there are any: what a date-time field stores. */
  toIsoInstant(): string {
    const s = new Date(this.epochMs).toISOString();
    return s.endsWith('.000Z') ? `${s.slice(0, -5)}Z` : s;
  }
}

/** The instant of a local date-time in a zone (the earlier one when a clock change makes two). */
export function fromLocal(
  f: { year: number; month: number; day: number; hour: number; minute: number; second: number; millis: number },
  zone: string,
): ZonedDate {
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.millis);
  const d0 = new Date(asUtc);
  if (f.year >= 0 && f.year < 100) d0.setUTCFullYear(f.year);
  const guess = d0.getTime();
  const off1 = new ZonedDate(guess, zone).offsetMinutes();
  const off2 = new ZonedDate(guess - off1 * 60000, zone).offsetMinutes();
  return new ZonedDate(guess - off2 * 60000, zone);
}

/** A ZonedDate from parsed parts: a zone in the text wins, else the given default zone. */
export function fromParts(p: DateParts, zone = 'UTC'): ZonedDate {
  if (p.offsetMinutes !== null) {
    const off = p.offsetMinutes;
    const name =
      off === 0 ? 'UTC' : `${off < 0 ? '-' : '+'}${String(Math.floor(Math.abs(off) / 60)).padStart(2, '0')}:${String(Math.abs(off) % 60).padStart(2, '0')}`;
    return fromLocal(p, name);
  }
  return fromLocal(p, zone);
}
