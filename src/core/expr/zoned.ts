import type { DateParts } from '../convert/dates';
import { type LocalDateTime, localToEpoch, offsetAt } from '../convert/zones';

export interface LocalFields extends LocalDateTime {
  /** 1 = Monday .. 7 = Sunday */
  isoWeekday: number;
}

export { fixedOffset, isZone } from '../convert/zones';

/** A date-time with its zone, like Java's ZonedDateTime. */
export class ZonedDate {
  constructor(
    readonly epochMs: number,
    /** `UTC`, a fixed offset such as `-08:00`, or an IANA name such as `Europe/Paris`. */
    readonly zone: string = 'UTC',
  ) {}

  /** Offset from UTC, in minutes, at this instant. */
  offsetMinutes(): number {
    return offsetAt(this.zone, this.epochMs) ?? 0;
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

/** The instant of a local date-time in a zone (as conversion computes it, so that both agree). */
export function fromLocal(
  f: { year: number; month: number; day: number; hour: number; minute: number; second: number; millis: number },
  zone: string,
): ZonedDate {
  return new ZonedDate(localToEpoch(f, zone) ?? Number.NaN, zone);
}

/** A ZonedDate from parsed parts: a zone in the text wins, else the given default zone. */
export function fromParts(p: DateParts, zone = 'UTC'): ZonedDate {
  if (p.offsetMinutes !== null) {
    const off = p.offsetMinutes;
    const name =
      off === 0 ? 'UTC' : `${off < 0 ? '-' : '+'}${String(Math.floor(Math.abs(off) / 60)).padStart(2, '0')}:${String(Math.abs(off) % 60).padStart(2, '0')}`;
    return fromLocal(p, name);
  }
  return fromLocal(p, p.zone ?? zone);
}
