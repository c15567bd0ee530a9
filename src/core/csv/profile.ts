import { type CompiledDatePattern, compileDatePattern, DATA_PREP_DATE_FORMATS, EXTRA_ISO_FORMATS } from '../convert/dates';

export type ColumnKind = 'empty' | 'boolean' | 'integer' | 'decimal' | 'date' | 'date-time' | 'email' | 'phone' | 'url' | 'uuid' | 'text';

/** What a sample says about one CSV column. */
export interface ColumnProfile {
  name: string;
  index: number;
  kind: ColumnKind;
  /** For dates: the first pattern that reads every sampled value. */
  dateFormat?: string;
  /** Share of non-empty cells, 0..1. */
  fillRate: number;
  /** Distinct non-empty values in the sample. */
  distinct: number;
  /** Rows sampled. */
  sampled: number;
  /** Up to 5 distinct non-empty values, in order of appearance. */
  samples: string[];
  /** Up to 50 distinct non-empty values, in order of appearance: for value evidence. */
  values: string[];
  /** Most frequent values with their counts, most frequent first (up to 8). */
  top: { value: string; count: number }[];
  /** Integers written with leading zeros (`00501`): keep them as strings. */
  leadingZeros: boolean;
  min?: number;
  max?: number;
  maxLength: number;
}

const BOOLEAN_WORDS = new Set(['y', 'yes', 'on', 'true', 'n', 'no', 'off', 'false']);
const RE = {
  integer: /^[+-]?\d+$/,
  decimal: /^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  url: /^(https?|ftp):\/\/[^\s]+$/i,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  phone: /^\+?[\d\s().-]{7,20}$/,
};

/** Extra day-first and slash shapes that exports use; tried after Data Prep's own list. */
const PROFILE_ONLY_FORMATS = ['dd/MM/yyyy', 'MM/dd/yyyy', 'd/M/yyyy', 'dd-MM-yyyy', 'dd.MM.yyyy'];
let profilePatterns: CompiledDatePattern[] | null = null;
function datePatterns(): CompiledDatePattern[] {
  profilePatterns ??= [...DATA_PREP_DATE_FORMATS, ...EXTRA_ISO_FORMATS, ...PROFILE_ONLY_FORMATS].flatMap((f) => {
    const r = compileDatePattern(f);
    return r.ok ? [r.value] : [];
  });
  return profilePatterns;
}

/** Share of non-empty values a kind must explain. */
const KIND_SHARE = 0.95;

/**
 * Profiles each column of a sample of rows. Kinds are decided on the whole sample, so a
 * single odd value does not flip a column; the order of tests puts narrower kinds first.
 */
export function profileColumns(columns: readonly string[], rows: readonly (readonly string[])[]): ColumnProfile[] {
  return columns.map((name, index) =>
    profileColumn(
      name,
      index,
      rows.map((r) => r[index] ?? ''),
    ),
  );
}

export function profileColumn(name: string, index: number, cells: readonly string[]): ColumnProfile {
  const values = cells.map((c) => c.trim()).filter((c) => c !== '');
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const top = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([value, count]) => ({ value, count }));
  const profile: ColumnProfile = {
    name,
    index,
    kind: 'empty',
    fillRate: cells.length ? values.length / cells.length : 0,
    distinct: counts.size,
    sampled: cells.length,
    samples: [...counts.keys()].slice(0, 5),
    values: [...counts.keys()].slice(0, 50),
    top,
    leadingZeros: values.some((v) => /^[+-]?0\d/.test(v)),
    maxLength: values.reduce((m, v) => Math.max(m, v.length), 0),
  };
  if (!values.length) return profile;
  const share = (test: (v: string) => boolean) => values.filter(test).length / values.length;
  const compactDates = isDateLike(values);
  if (share((v) => BOOLEAN_WORDS.has(v.toLowerCase())) >= KIND_SHARE) profile.kind = 'boolean';
  else if (!compactDates && share((v) => RE.integer.test(v)) >= KIND_SHARE) profile.kind = 'integer';
  else if (!compactDates && share((v) => RE.decimal.test(v)) >= KIND_SHARE) profile.kind = 'decimal';
  else if (share((v) => RE.uuid.test(v)) >= KIND_SHARE) profile.kind = 'uuid';
  else if (share((v) => RE.email.test(v)) >= KIND_SHARE) profile.kind = 'email';
  else if (share((v) => RE.url.test(v)) >= KIND_SHARE) profile.kind = 'url';
  else {
    const date = detectDateFormat(values);
    if (date) {
      profile.kind = date.hasTime ? 'date-time' : 'date';
      profile.dateFormat = date.pattern;
    } else if (share((v) => RE.phone.test(v) && digitCount(v) >= 7 && digitCount(v) <= 15) >= KIND_SHARE) profile.kind = 'phone';
    else profile.kind = 'text';
  }
  if (profile.kind === 'integer' || profile.kind === 'decimal') {
    const nums = values.map(Number).filter((n) => Number.isFinite(n));
    profile.min = Math.min(...nums);
    profile.max = Math.max(...nums);
  }
  return profile;
}

const digitCount = (v: string) => v.replace(/\D/g, '').length;

/** 8-digit values such as `20240301` read as dates only when every one is a valid date. */
function isDateLike(values: string[]): boolean {
  if (!values.every((v) => /^\d{8}$/.test(v))) return false;
  return detectDateFormat(values) !== null;
}

/** The first pattern that reads (nearly) every value, and whether it carries a time. */
export function detectDateFormat(values: readonly string[]): { pattern: string; hasTime: boolean } | null {
  const sample = values.slice(0, 200);
  for (const p of datePatterns()) {
    let ok = 0;
    let hasTime = false;
    for (const v of sample) {
      const parts = p.parse(v);
      if (parts) {
        ok++;
        hasTime ||= parts.hasTime;
      }
    }
    if (ok / sample.length >= KIND_SHARE) return { pattern: p.pattern, hasTime };
  }
  return null;
}
