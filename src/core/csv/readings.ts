/**
 * Every reading of a column, inferred once from the whole sample: as a date, a number and a
 * flag, whichever its values support. Which one applies depends on the field the column goes
 * into (`readingFor`), so the same `1/0` column reads as a flag into a boolean and as a number
 * into an integer.
 */
import { type ReadingSettings, SETTINGS_FOR } from '../convert/coerce';
import { inferDateReading } from './dateReading';
import { inferEpochReading } from './epochReading';
import { inferFlagReading } from './flagReading';
import { headerLanguage } from './language';
import { inferNumberReading } from './numberReading';
import { type ColumnReading, type ColumnReadings, headValues, type ReadingContext, type SampleColumn } from './reading.types';

export type { ColumnReading, ColumnReadings, ReadingOption } from './reading.types';

/** The readings of one column of a sample. */
export function inferColumnReadings(col: SampleColumn, ctx: ReadingContext): ColumnReadings {
  const head = headValues(col, 256);
  const out: ColumnReadings = {};
  if (!head.length) return out;
  const date = inferEpochReading(col, head) ?? inferDateReading(col, ctx);
  if (date) out.date = date;
  const number = inferNumberReading(col, head, ctx);
  if (number) out.number = number;
  const flag = inferFlagReading(col, head);
  if (flag) out.boolean = flag;
  return out;
}

/** The readings of every column of a sample, with the file's header language as context. */
export function inferReadings(columns: readonly string[], rows: readonly (readonly string[])[], now?: number): ColumnReadings[] {
  const language = headerLanguage(columns)?.language ?? null;
  return columns.map((header, index) => inferColumnReadings({ rows, index }, { header, language, now }));
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
