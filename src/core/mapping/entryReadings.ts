/**
 * A mapping entry and its column's reading: which reading applies to the entry's destination,
 * and the entry with the inferred reading written into its settings (what `suggest` and the
 * web app propose, also for columns whose destination came from memory).
 */
import type { ReadingSettings } from '../convert/coerce';
import type { ColumnReading, ColumnReadings } from '../csv/reading.types';
import { readingFor, settingsForType } from '../csv/readings';
import type { FieldTree } from '../schema/field.types';
import { writeTypeOf } from '../schema/xdmType';
import type { MappingEntry } from './mapping.types';
import { schemaPathOf } from './paths';

/** The type a destination's values are written as (an array field's item type), or undefined when the schema has no such field. */
export function destinationType(tree: FieldTree, destination: string): string | undefined {
  const path = schemaPathOf(destination);
  const field = tree.fields.get(path as never) ?? tree.fields.get(`${path}[]` as never);
  return field ? writeTypeOf(field) : undefined;
}

/** The reading of a column into a destination: null when the field takes text as it is, or the column has none. */
export function readingForEntry(readings: ColumnReadings | undefined, tree: FieldTree, destination: string): ColumnReading | null {
  const type = destinationType(tree, destination);
  return type ? readingFor(readings, type) : null;
}

/**
 * The entry with its column's decided reading in `settings` (what Data Prep would not do by
 * itself); an ambiguous reading writes nothing, so that it is asked for, and settings already
 * in the entry for that kind of field are kept.
 */
export function withInferredReading(entry: MappingEntry, readings: ColumnReadings | undefined, tree: FieldTree): MappingEntry {
  if (entry.sourceType !== 'ATTRIBUTE') return entry;
  const type = destinationType(tree, entry.destination);
  if (!type) return entry;
  const reading = readingFor(readings, type);
  if (reading?.status !== 'decided' || Object.keys(settingsForType(entry.settings, type)).length) return entry;
  const inferred: ReadingSettings = settingsForType(reading.settings, type);
  if (!Object.keys(inferred).length) return entry;
  return { ...entry, settings: { ...entry.settings, ...inferred } };
}
