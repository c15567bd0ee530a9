import { cellAt, type ReadingContext, type SampleColumn } from './reading.types';
import { type ColumnReading, type ColumnReadings, inferColumnReadings, inferReadings } from './readings';

export type ColumnKind = 'empty' | 'boolean' | 'integer' | 'decimal' | 'date' | 'date-time' | 'email' | 'phone' | 'url' | 'uuid' | 'text';

/** What a sample says about one CSV column. */
export interface ColumnProfile {
  name: string;
  index: number;
  kind: ColumnKind;
  /** For dates: the pattern of the column's date reading (for an ambiguous one, its first option). */
  dateFormat?: string;
  /** How the values read as dates, numbers and flags, decided from the whole sample (see readings.ts). */
  readings: ColumnReadings;
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

const RE = {
  integer: /^[+-]?\d+$/,
  decimal: /^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  url: /^(https?|ftp):\/\/[^\s]+$/i,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  phone: /^\+?[\d\s().-]{7,20}$/,
};

/** Share of non-empty values a kind must explain. */
const KIND_SHARE = 0.95;
/** Distinct values the kind tests look at. */
const KIND_VALUES = 4096;

/**
 * Profiles each column of a sample of rows. Kinds and readings are decided on the whole sample,
 * so a single odd value does not flip a column; the order of tests puts narrower kinds first.
 * The headers' language is a hint for readings the values cannot settle.
 */
export function profileColumns(columns: readonly string[], rows: readonly (readonly string[])[], now?: number): ColumnProfile[] {
  const readings = inferReadings(columns, rows, now);
  return columns.map((name, index) => profileOf({ rows, index }, name, readings[index]!));
}

/** Profiles one column given as its cells. */
export function profileColumn(name: string, index: number, cells: readonly string[], language: ReadingContext['language'] = null): ColumnProfile {
  const readings = inferColumnReadings(cells, { header: name, language });
  return { ...profileOf({ rows: cells.map((c) => [c]), index: 0 }, name, readings), index };
}

/** How often each non-empty cell of a column occurs, in order of first appearance, and how many there are. */
function countCells(col: SampleColumn): { counts: Map<string, number>; filled: number } {
  const { rows, index } = col;
  const counts = new Map<string, number>();
  let filled = 0;
  for (let r = 0; r < rows.length; r++) {
    const v = cellAt(rows, r, index);
    if (v === '') continue;
    filled++;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return { counts, filled };
}

function profileOf(col: SampleColumn, name: string, readings: ColumnReadings): ColumnProfile {
  const { rows, index } = col;
  const { counts, filled } = countCells(col);
  let maxLength = 0;
  let leadingZeros = false;
  for (const v of counts.keys()) {
    if (v.length > maxLength) maxLength = v.length;
    if (!leadingZeros && /^[+-]?0\d/.test(v)) leadingZeros = true;
  }
  const distinct = [...counts.keys()];
  const profile: ColumnProfile = {
    name,
    index,
    kind: 'empty',
    readings: {},
    fillRate: rows.length ? filled / rows.length : 0,
    distinct: counts.size,
    sampled: rows.length,
    samples: distinct.slice(0, 5),
    values: distinct.slice(0, 50),
    top: [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([value, count]) => ({ value, count })),
    leadingZeros,
    maxLength,
  };
  if (!filled) return profile;
  profile.readings = readings;
  const kind = kindOf(counts, readings);
  profile.kind = kind.kind;
  if ('dateFormat' in kind) profile.dateFormat = kind.dateFormat;
  if (profile.kind === 'integer' || profile.kind === 'decimal') {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const v of counts.keys()) {
      const n = Number(v);
      if (Number.isFinite(n)) {
        if (n < min) min = n;
        if (n > max) max = n;
      }
    }
    if (min <= max) {
      profile.min = min;
      profile.max = max;
    }
  }
  return profile;
}

/**
 * A column's kind alone, as its profile has it, for a caller that needs no more: the pre-flight
 * of a run asks for it only where its checks depend on it.
 */
export function columnKind(col: SampleColumn, readings: ColumnReadings): ColumnKind {
  const { counts } = countCells(col);
  return counts.size ? kindOf(counts, readings).kind : 'empty';
}

const fits = (r: ColumnReading | undefined) => !!r && r.fit >= KIND_SHARE;

/**
 * False when a column with these readings cannot be of kind boolean, date or date-time (those
 * kinds need a flag or a date reading that fits), so that a check that asks only that is
 * answered without the kind's tests.
 */
export function mayHoldFlagsOrDates(readings: ColumnReadings): boolean {
  return fits(readings.boolean) || fits(readings.date);
}

/** The kind of a column with these counts of its non-empty cells (in order of first appearance). */
function kindOf(counts: ReadonlyMap<string, number>, readings: ColumnReadings): { kind: ColumnKind; dateFormat?: string } {
  // Kinds are tested on the first distinct values (weighted by how often each occurs): enough to
  // tell an e-mail column from a URL one, without a pattern per cell of a large sample.
  const tested = [...counts].slice(0, KIND_VALUES);
  const weight = tested.reduce((n, [, c]) => n + c, 0);
  const share = (test: (v: string) => boolean) => {
    let n = 0;
    for (const [v, c] of tested) if (test(v)) n += c;
    return n / weight;
  };
  const { date, number, boolean } = readings;
  const compactDate = fits(date) && !!date!.pattern && /^[yMd]{8}$/.test(date!.pattern);
  const numberKind = (): ColumnKind | null => {
    if (share((v) => RE.integer.test(v)) >= KIND_SHARE) return 'integer';
    if (share((v) => RE.decimal.test(v)) >= KIND_SHARE) return 'decimal';
    // Written with separators, a currency or a percent sign; grouped by spaces only, it may be a phone number.
    if (fits(number) && (number!.settings.thousandsSeparator !== ' ' || !number!.integral)) return number!.integral ? 'integer' : 'decimal';
    return null;
  };
  if (fits(boolean) && !boolean!.settings.trueWords?.includes('1')) return { kind: 'boolean' };
  if (!compactDate) {
    const n = numberKind();
    if (n) return { kind: n };
  }
  if (share((v) => RE.uuid.test(v)) >= KIND_SHARE) return { kind: 'uuid' };
  if (share((v) => RE.email.test(v)) >= KIND_SHARE) return { kind: 'email' };
  if (share((v) => RE.url.test(v)) >= KIND_SHARE) return { kind: 'url' };
  if (fits(date) && !date!.settings.epoch && !date!.options[0]?.settings.epoch)
    return { kind: date!.hasTime ? 'date-time' : 'date', dateFormat: date!.pattern };
  if (share((v) => RE.phone.test(v) && digitCount(v) >= 7 && digitCount(v) <= 15) >= KIND_SHARE) return { kind: 'phone' };
  return { kind: 'text' };
}

const digitCount = (v: string) => v.replace(/\D/g, '').length;
