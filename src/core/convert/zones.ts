/**
 * Time zones as date texts and mapping settings name them: `Z`, `UTC`, fixed offsets (`+02:00`,
 * `-0700`, `GMT+1`), the abbreviations exports write (`PST`, `CEST`) and IANA names
 * (`Europe/Paris`). IANA rules come from the runtime's Intl data, so daylight saving time is
 * applied the same way in the browser, a worker and Node.
 */

/** Zone abbreviations and their fixed offsets in minutes, as exports write them. */
export const ZONES: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  UT: 0,
  WET: 0,
  BST: 60,
  CET: 60,
  MEZ: 60,
  CEST: 120,
  MESZ: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  IST: 330,
  JST: 540,
  AEST: 600,
  AEDT: 660,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  HST: -600,
};

/** Minutes east of UTC for `UTC`, `Z`, `+02:00`, `-0800`, `GMT+1`, or an abbreviation such as PST; null for an IANA name. */
export function fixedOffset(zone: string): number | null {
  const z = zone.trim().toUpperCase();
  if (z === 'UTC' || z === 'Z' || z === 'GMT' || z === 'UT') return 0;
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  return Object.hasOwn(ZONES, z) ? ZONES[z]! : null;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatter(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
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
    } catch {
      f = null;
    }
    formatters.set(zone, f);
  }
  return f;
}

/** Whether a zone is one we can compute with: UTC, a fixed offset, an abbreviation or an IANA name. */
export function isZone(zone: string): boolean {
  return fixedOffset(zone) !== null || (/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone) && formatter(zone) !== null);
}

/** Offset of a zone from UTC, in minutes, at an instant; null for a zone that is not known. */
export function offsetAt(zone: string, epochMs: number): number | null {
  const fixed = fixedOffset(zone);
  if (fixed !== null) return fixed;
  const f = formatter(zone);
  if (!f) return null;
  const parts = f.formatToParts(new Date(epochMs));
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  for (const p of parts) {
    if (p.type === 'year') y = Number(p.value);
    else if (p.type === 'month') mo = Number(p.value);
    else if (p.type === 'day') d = Number(p.value);
    else if (p.type === 'hour') h = Number(p.value);
    else if (p.type === 'minute') mi = Number(p.value);
    else if (p.type === 'second') s = Number(p.value);
  }
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
}

/** A wall-clock date and time, without a zone. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
}

/** Milliseconds since 1970 of a wall-clock time read as UTC (years 0..99 kept as written, not as 19xx). */
export function utcMillisOf(f: LocalDateTime): number {
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.millis);
  if (f.year >= 0 && f.year < 100) {
    const d = new Date(asUtc);
    d.setUTCFullYear(f.year);
    return d.getTime();
  }
  return asUtc;
}

/**
 * The instant of a wall-clock time in a zone: the offset is looked up at the guessed instant and
 * once more at the corrected one, so times near a clock change land on the side the second
 * look-up gives. Conversion and the expression functions share this, so a mapping setting and
 * its Data Prep expression give the same instant. Null for a zone that is not known.
 */
export function localToEpoch(f: LocalDateTime, zone: string): number | null {
  const guess = utcMillisOf(f);
  const off1 = offsetAt(zone, guess);
  if (off1 === null) return null;
  const off2 = offsetAt(zone, guess - off1 * 60000)!;
  return guess - off2 * 60000;
}

/** Local hours whose offsets a reader keeps before it starts over. */
const HOURS_KEPT = 100_000;

/**
 * A zone's offset by local hour, for a reader of bytes: the minutes localToEpoch shifts every
 * time of that hour by, or NaN when they differ (a clock change falls in the hour, or the zone
 * is not known), which leaves the hour's times to the converter. With one clock change near
 * an hour, that shift switches once at most within it, so equal ends mean one shift for the
 * hour; no zone changes its clock twice within a day.
 */
export function hourOffsets(zone: string): (y: number, mo: number, d: number, h: number) => number {
  const kept = new Map<number, number>();
  const shift = (year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number) => {
    const f = { year, month, day, hour, minute, second, millis };
    const e = localToEpoch(f, zone);
    return e === null ? Number.NaN : (utcMillisOf(f) - e) / 60000;
  };
  return (y, mo, d, h) => {
    const key = ((y * 13 + mo) * 32 + d) * 24 + h;
    let v = kept.get(key);
    if (v === undefined) {
      const first = shift(y, mo, d, h, 0, 0, 0);
      v = first === shift(y, mo, d, h, 59, 59, 999) ? first : Number.NaN;
      if (kept.size >= HOURS_KEPT) kept.clear();
      kept.set(key, v);
    }
    return v;
  };
}

/** Minutes of a numeric offset (`Z`, `+02`, `-0700`, `+05:30`), or null. */
export function offsetOf(s: string): number | null {
  if (s === 'Z' || s === 'z') return 0;
  const sign = s.charCodeAt(0);
  if ((sign !== 43 && sign !== 45) || (s.length !== 3 && s.length !== 5 && s.length !== 6)) return null;
  const digit = (i: number) => {
    const c = s.charCodeAt(i) - 48;
    return c >= 0 && c <= 9 ? c : -100;
  };
  const h = digit(1) * 10 + digit(2);
  const at = s.length === 6 ? 4 : 3;
  if (s.length === 6 && s.charCodeAt(3) !== 58) return null;
  const m = s.length === 3 ? 0 : digit(at) * 10 + digit(at + 1);
  if (h < 0 || m < 0) return null;
  const v = h * 60 + m;
  return sign === 45 ? -v : v;
}
