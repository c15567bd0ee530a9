/**
 * Every reading of a column, inferred once from the whole sample: as a date, a number and a
 * flag, whichever its values support. Which one applies depends on the field the column goes
 * into (`readingFor`), so the same `1/0` column reads as a flag into a boolean and as a number
 * into an integer.
 */
import { type ReadingSettings, SETTINGS_FOR } from '../convert/coerce';
import { dateScanner } from './dateReading';
import { epochScanner } from './epochReading';
import { flagScanner } from './flagReading';
import { headerLanguage } from './language';
import { numberScanner } from './numberReading';
import { type ColumnReading, type ColumnReadings, headsOf, type ReadingContext, type ReadingScanner, runScans, type ScanJob } from './reading.types';

export type { ColumnReading, ColumnReadings, ReadingOption } from './reading.types';

/** Distinct first values each column's readings start from. */
const HEAD_VALUES = 256;

type Kind = 'epoch' | 'date' | 'number' | 'boolean';

/**
 * A column's scan job: scanners for the readings its first values allow, results into `out`,
 * and into `headOut` the readings of the first rows alone when asked.
 */
function jobFor(index: number, head: readonly string[], ctx: ReadingContext, out: ColumnReadings, headOut?: ColumnReadings, headOnly = false): ScanJob {
  let kinds: Kind[] = [];
  const collect = (readings: (ColumnReading | null)[], into: ColumnReadings) => {
    delete into.date;
    delete into.number;
    delete into.boolean;
    readings.forEach((r, i) => {
      if (!r) return;
      const kind = kinds[i]!;
      if (kind === 'epoch' || (kind === 'date' && !into.date)) into.date = r;
      else if (kind === 'number') into.number = r;
      else if (kind === 'boolean') into.boolean = r;
    });
  };
  return {
    index,
    make: () => {
      const made: [Kind, ReadingScanner | null][] = [
        ['epoch', epochScanner(head)],
        ['date', dateScanner(head, ctx)],
        ['number', numberScanner(head, ctx)],
        ['boolean', flagScanner(head)],
      ];
      const live = made.filter((m): m is [Kind, ReadingScanner] => m[1] !== null);
      kinds = live.map((m) => m[0]);
      return live.map((m) => m[1]);
    },
    done: (readings) => {
      collect(readings, out);
      // Undecided on the visited rows: every row is read, since one value anywhere may settle it.
      return readings.some((r) => r?.status === 'ambiguous');
    },
    ...(headOut ? { head: (readings: (ColumnReading | null)[]) => collect(readings, headOut) } : {}),
    ...(headOnly ? { headOnly } : {}),
  };
}

/**
 * The readings of every column of a sample, with the file's header language as context. One
 * pass reads the first rows and then rows spread over the whole sample, row by row for all
 * columns; a column whose reading those rows cannot settle is read again over every row.
 */
export function inferReadings(columns: readonly string[], rows: readonly (readonly string[])[], now?: number): ColumnReadings[] {
  const language = headerLanguage(columns)?.language ?? null;
  const heads = headsOf(rows, columns.length, HEAD_VALUES);
  const out: ColumnReadings[] = columns.map(() => ({}));
  runScans(
    rows,
    columns.map((header, index) => jobFor(index, heads[index]!, { header, language, now }, out[index]!)),
  );
  return out;
}

/**
 * The readings of some columns of a sample (`indices` into its rows), as `inferReadings` of
 * those columns alone gives them, and in `head` what it gives on the sample's first
 * `HEAD_ROWS` rows (what a column's kind is told from), both from one scan. A column marked in
 * `headOnly` is scanned over those first rows alone: its `readings` are its `head`.
 */
export function inferReadingsAndHead(
  columns: readonly string[],
  indices: readonly number[],
  rows: readonly (readonly string[])[],
  now?: number,
  headOnly?: readonly boolean[],
): { readings: ColumnReadings[]; head: ColumnReadings[] } {
  const language = headerLanguage(columns)?.language ?? null;
  const heads = headsOf(rows, columns.length, HEAD_VALUES, indices);
  const readings: ColumnReadings[] = columns.map(() => ({}));
  const head: ColumnReadings[] = columns.map(() => ({}));
  runScans(
    rows,
    columns.map((header, k) => jobFor(indices[k]!, heads[k]!, { header, language, now }, readings[k]!, head[k]!, headOnly?.[k] ?? false)),
  );
  return { readings, head };
}

/** The readings of one column given as its cells, with the file's header language as context. */
export function inferColumnReadings(cells: readonly string[], ctx: ReadingContext): ColumnReadings {
  const rows = cells.map((c) => [c]);
  const out: ColumnReadings = {};
  runScans(rows, [jobFor(0, headsOf(rows, 1, HEAD_VALUES)[0]!, ctx, out)]);
  return out;
}

/** Which reading a field type takes: dates for date and date-time, numbers for numeric types, flags for booleans. */
export function readingKindOf(type: string): 'date' | 'number' | 'boolean' | null {
  if (type === 'date' || type === 'date-time') return 'date';
  if (type === 'number' || type === 'byte' || type === 'short' || type === 'int' || type === 'long') return 'number';
  if (type === 'boolean') return 'boolean';
  return null;
}

/** The reading a column takes into a field of this type, or null when the type reads text as it is. */
export function readingFor(readings: ColumnReadings | undefined, type: string): ColumnReading | null {
  const kind = readingKindOf(type);
  return (kind && readings?.[kind]) || null;
}

/** Only the settings that matter to a field type, from an entry's settings. */
export function settingsForType(settings: ReadingSettings | undefined, type: string): ReadingSettings {
  const kind = readingKindOf(type);
  const out: ReadingSettings = {};
  if (!kind || !settings) return out;
  for (const key of SETTINGS_FOR[kind]) if (settings[key] !== undefined) (out as Record<string, unknown>)[key] = settings[key];
  return out;
}

/** Whether settings state the reading of a field type (any of its keys). */
export function statesReading(settings: ReadingSettings | undefined, type: string): boolean {
  return Object.keys(settingsForType(settings, type)).length > 0;
}
