import { parseExpression, referencedColumns } from '../expr/parser';
import type { MappingDocument, MappingEntry, MappingSettings } from './mapping.types';
import { parsePath } from './paths';

/**
 * Changes to a mapping document, as pure functions: each returns a new document (the same
 * object when nothing changed, so callers can skip a no-op) or says why it cannot be made.
 * The web app's graph, table and inspector and any script make their edits through these.
 */

export type EditErrorCode = 'BAD_DESTINATION' | 'BAD_EXPRESSION' | 'EMPTY_NAME' | 'NAME_TAKEN' | 'NOT_MAPPED';

export type EditResult = { ok: true; doc: MappingDocument; warnings: string[] } | { ok: false; code: EditErrorCode; message: string };

const done = (doc: MappingDocument, warnings: string[] = []): EditResult => ({ ok: true, doc, warnings });
const refused = (code: EditErrorCode, message: string): EditResult => ({ ok: false, code, message });

/**
 * The destination a mapping writes for a field-tree path: every array level takes an item
 * index (`productListItems[].SKU` -> `productListItems[0].SKU`); `indexes` gives them in
 * order, 0 where none is given.
 */
export function destinationForField(fieldPath: string, indexes: readonly number[] = []): string {
  let k = 0;
  return fieldPath.replace(/\[\]/g, () => `[${indexes[k++] ?? 0}]`);
}

function sameEntry(a: MappingEntry, b: MappingEntry): boolean {
  return (
    a.sourceType === b.sourceType &&
    a.source === b.source &&
    a.destination === b.destination &&
    JSON.stringify(a.settings ?? null) === JSON.stringify(b.settings ?? null)
  );
}

/**
 * Writes `entry` into the document: whatever wrote its destination before is replaced, so a
 * destination is never filled twice. The entry keeps the place of the one it replaces.
 */
export function setEntry(doc: MappingDocument, entry: MappingEntry): EditResult {
  const path = parsePath(entry.destination);
  if (!path.ok) return refused('BAD_DESTINATION', `cannot map to "${entry.destination}": ${path.message}`);
  const at = doc.mappings.findIndex((m) => m.destination === entry.destination);
  if (at >= 0 && sameEntry(doc.mappings[at]!, entry)) return done(doc);
  const mappings = at >= 0 ? doc.mappings.map((m, i) => (i === at ? entry : m)) : [...doc.mappings, entry];
  return done({ ...doc, mappings });
}

/** Maps a column to a destination (replacing what wrote it), keeping the column's other destinations. */
export function mapColumn(doc: MappingDocument, column: string, destination: string, settings?: MappingSettings): EditResult {
  if (!column) return refused('EMPTY_NAME', 'a column to map needs a name');
  return setEntry(doc, { sourceType: 'ATTRIBUTE', source: column, destination, ...(settings ? { settings } : {}) });
}

/** Fills a destination with a constant (Data Prep's STATIC source). */
export function setConstant(doc: MappingDocument, destination: string, value: string): EditResult {
  return setEntry(doc, { sourceType: 'STATIC', source: value, destination });
}

/** Fills a destination with a calculated field; the formula must at least parse. */
export function setExpression(doc: MappingDocument, destination: string, expression: string): EditResult {
  const parsed = parseExpression(expression);
  if (!parsed.ok) return refused('BAD_EXPRESSION', `the formula for "${destination}" does not parse: ${parsed.error.message}`);
  return setEntry(doc, { sourceType: 'EXPRESSION', source: expression, destination });
}

/** Empties a destination; a destination nothing writes leaves the document as it was. */
export function unmap(doc: MappingDocument, destination: string): EditResult {
  if (!doc.mappings.some((m) => m.destination === destination)) return done(doc);
  return done({ ...doc, mappings: doc.mappings.filter((m) => m.destination !== destination) });
}

/** Leaves a column out of the mapping: every destination it fills directly is emptied. */
export function dropColumn(doc: MappingDocument, column: string): EditResult {
  const keep = doc.mappings.filter((m) => !(m.sourceType === 'ATTRIBUTE' && m.source === column));
  if (keep.length === doc.mappings.length) return done(doc);
  const readers = doc.mappings.filter((m) => m.sourceType === 'EXPRESSION' && referencedColumns(m.source).includes(column)).map((m) => m.destination);
  return done({ ...doc, mappings: keep }, readers.length ? [`formulas that read "${column}" stay as they are: ${readers.join(', ')}`] : []);
}

/** Moves what fills `from` to `to` (replacing what filled `to`). */
export function moveEntry(doc: MappingDocument, from: string, to: string): EditResult {
  const entry = doc.mappings.find((m) => m.destination === from);
  if (!entry) return refused('NOT_MAPPED', `nothing fills "${from}"`);
  if (from === to) return done(doc);
  const path = parsePath(to);
  if (!path.ok) return refused('BAD_DESTINATION', `cannot move to "${to}": ${path.message}`);
  const mappings: MappingEntry[] = [];
  for (const m of doc.mappings) {
    if (m.destination === to) continue;
    mappings.push(m === entry ? { ...m, destination: to } : m);
  }
  return done({ ...doc, mappings });
}

/** Sets (or, with undefined, clears) how an entry's source is read: a date pattern and the like. */
export function setReading(doc: MappingDocument, destination: string, settings: MappingSettings | undefined): EditResult {
  const at = doc.mappings.findIndex((m) => m.destination === destination);
  if (at < 0) return refused('NOT_MAPPED', `nothing fills "${destination}"`);
  const { settings: _old, ...rest } = doc.mappings[at]!;
  const entry: MappingEntry = settings && Object.keys(settings).length ? { ...rest, settings } : rest;
  return setEntry(doc, entry);
}
