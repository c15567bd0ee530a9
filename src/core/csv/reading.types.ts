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

/** Rows looked at for a column's first impression, and read one by one before a scan spreads out. */
export const HEAD_ROWS = 2000;
/** Rows a column's scan visits at most: every row of a smaller sample. */
export const SCAN_ROWS = 4096;

/**
 * The step between the rows a scan visits after the first `HEAD_ROWS`: 1 for a sample of up to
 * `SCAN_ROWS` rows, else large enough that the visited rows spread evenly over the whole sample.
 * A reading the visited rows cannot settle is scanned again over every row (step 1).
 */
export function scanStep(rows: number): number {
  return rows <= SCAN_ROWS ? 1 : Math.ceil((rows - HEAD_ROWS) / (SCAN_ROWS - HEAD_ROWS));
}

/** The next row a scan visits. */
export const nextRow = (r: number, step: number): number => (r < HEAD_ROWS ? r + 1 : r + step);

/**
 * One reading's scan of one column: fed every visited cell (trimmed, `''` for an empty one),
 * then asked for the reading. Scans of all columns are fed row by row, so that each row is
 * loaded from memory once for all of them.
 */
export interface ReadingScanner {
  feed(v: string): void;
  finish(): ColumnReading | null;
}

/** A column's scanners, made afresh for each pass (a second pass reads every row). */
export interface ScanJob {
  index: number;
  make(): ReadingScanner[];
  /** Called with each pass's readings; returns true when it wants a pass over every row. */
  done(readings: (ColumnReading | null)[], everyRow: boolean): boolean;
  /**
   * When given, called once with the readings of the first `HEAD_ROWS` rows alone: what a scan
   * of a sample cut to those rows finds (every such scan reads them all, one by one), without
   * reading them twice.
   */
  head?(readings: (ColumnReading | null)[]): void;
  /**
   * Only the first `HEAD_ROWS` rows are wanted (what `head` is told): the scan stops there and
   * `done` gets their readings, for a column whose caller asks nothing of the whole sample.
   */
  headOnly?: boolean;
}

/** Feeds the visited rows to every job's scanners, row by row, and a second pass over every row to the jobs that ask. */
export function runScans(rows: readonly (readonly string[])[], jobs: readonly ScanJob[]): void {
  const step = scanStep(rows.length);
  let pending = jobs.map((j) => ({ job: j, scanners: j.make() })).filter((x) => x.scanners.length);
  for (let pass = 0; pending.length; pass++) {
    const everyRow = pass > 0 || step === 1;
    const s = everyRow ? 1 : step;
    let cols = pending.map((x) => x.job.index);
    let scanners = pending.map((x) => x.scanners);
    const feedRow = (r: number) => {
      const row = rows[r]!;
      for (let k = 0; k < cols.length; k++) {
        const raw = row[cols[k]!];
        const v = raw === undefined || raw === '' ? '' : isBlank(raw.charCodeAt(0)) || isBlank(raw.charCodeAt(raw.length - 1)) ? raw.trim() : raw;
        const list = scanners[k]!;
        for (let j = 0; j < list.length; j++) list[j]!.feed(v);
      }
    };
    // Every pass reads the first HEAD_ROWS rows one by one (nextRow), then spreads out.
    const headEnd = Math.min(rows.length, HEAD_ROWS);
    for (let r = 0; r < headEnd; r++) feedRow(r);
    // A scanner's finish only reads its state, so it can be asked here and again at the end.
    if (pass === 0) {
      for (const x of pending) x.job.head?.(x.scanners.map((sc) => sc.finish()));
      if (pending.some((x) => x.job.headOnly)) {
        for (const x of pending)
          if (x.job.headOnly)
            x.job.done(
              x.scanners.map((sc) => sc.finish()),
              false,
            );
        pending = pending.filter((x) => !x.job.headOnly);
        cols = pending.map((x) => x.job.index);
        scanners = pending.map((x) => x.scanners);
      }
    }
    for (let r = headEnd; r < rows.length; r = nextRow(r, s)) feedRow(r);
    pending = pending
      .filter(
        (x) =>
          x.job.done(
            x.scanners.map((sc) => sc.finish()),
            everyRow,
          ) && !everyRow,
      )
      .map((x) => ({ job: x.job, scanners: x.job.make() }));
  }
}

/**
 * For every column (or the columns at `indices`, in their order), the first `max` distinct
 * non-empty values among the first rows, read row by row.
 */
export function headsOf(rows: readonly (readonly string[])[], columns: number, max: number, indices?: readonly number[]): string[][] {
  const at = indices ?? Array.from({ length: columns }, (_, c) => c);
  const seen = at.map(() => new Set<string>());
  const end = Math.min(rows.length, HEAD_ROWS);
  for (let r = 0; r < end; r++) {
    const row = rows[r]!;
    for (let c = 0; c < at.length; c++) {
      const set = seen[c]!;
      if (set.size >= max) continue;
      const v = row[at[c]!];
      if (v === undefined || v === '') continue;
      set.add(isBlank(v.charCodeAt(0)) || isBlank(v.charCodeAt(v.length - 1)) ? v.trim() : v);
    }
  }
  return seen.map((s) => [...s].filter((v) => v !== ''));
}

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
