import type { ReadingSettings } from '../convert/coerce';
import type { DateLanguage } from '../convert/monthNames';

/** One way of reading a column, as it would be written into a mapping entry's settings. */
export interface ReadingOption {
  settings: ReadingSettings;
  /** What it means, for people: `day first (dd/MM/yyyy)`. */
  label: string;
  /** A sample value and what it becomes under this reading: `12/03/1985` -> `1985-03-12`. */
  example?: { text: string; value: string };
}

/**
 * How a column's values read as dates, numbers or flags, decided from the whole sample. When the
 * sample cannot decide (every value fits two readings that give different results) the reading
 * is `ambiguous`: its options are listed and nothing is chosen for the user.
 */
export interface ColumnReading {
  kind: 'date' | 'number' | 'boolean';
  status: 'decided' | 'ambiguous';
  /** The reading to write into the entry: empty while ambiguous. */
  settings: ReadingSettings;
  /** The decided reading alone, or the readings to choose from (most likely first). */
  options: ReadingOption[];
  /** Why, in sentences that name the values: `day first: 23/04/1990 has 23 in the first part`. */
  evidence: string[];
  /** Share of the column's non-empty sampled values the (first) reading reads, 0..1. */
  fit: number;
  /** Up to 5 non-empty values the (first) reading does not read. */
  misfits: string[];
  /** Dates: whether the values carry a time of day. */
  hasTime?: boolean;
  /** Dates: the first option's pattern, for code that only wants to parse the values. */
  pattern?: string;
  /** Numbers: whether every value read is a whole number (no decimal part written). */
  integral?: boolean;
}

export interface ColumnReadings {
  date?: ColumnReading;
  number?: ColumnReading;
  boolean?: ColumnReading;
}

/** What the rest of the file says about a column: its header, and the language of the file's headers. */
export interface ReadingContext {
  header: string;
  language: DateLanguage | null;
  /** The current time, for telling a past two-digit year from a future one. */
  now?: number;
}

/** A column of a parsed sample: each row's cell at one index. */
export interface SampleColumn {
  rows: readonly (readonly string[])[];
  index: number;
}

const isBlank = (c: number) => c === 32 || c === 9 || c === 0xa0;

/** The cell trimmed; most cells need no trimming, so the check comes first. */
export function cellAt(rows: readonly (readonly string[])[], row: number, index: number): string {
  const v = rows[row]![index];
  if (v === undefined || v === '') return '';
  return isBlank(v.charCodeAt(0)) || isBlank(v.charCodeAt(v.length - 1)) ? v.trim() : v;
}

/** Rows looked at for a column's first impression. */
export const HEAD_ROWS = 2000;

/** The first `max` distinct non-empty values among a column's first rows, in order of appearance. */
export function headValues(col: SampleColumn, max: number): string[] {
  const seen = new Set<string>();
  const { rows, index } = col;
  const end = Math.min(rows.length, HEAD_ROWS);
  for (let r = 0; r < end && seen.size < max; r++) {
    const v = cellAt(rows, r, index);
    if (v !== '') seen.add(v);
  }
  return [...seen];
}
