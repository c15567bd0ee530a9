import { converterFor } from '../convert/coerce';
import { type ReadingKind, readingExpression, readingKinds, recogniseReading } from './aepReadings';
import type { MappingDocument, MappingEntry, MappingProblem, SourceType } from './mapping.types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Source types of older Data Prep API versions, by their MIME-like names. */
const LEGACY_SOURCE_TYPES: Record<string, SourceType> = {
  'text/x.schema-path': 'ATTRIBUTE',
  'text/x.aep-xl': 'EXPRESSION',
  'text/plain': 'STATIC',
};

const entriesOf = (json: unknown): unknown[] | null => (Array.isArray(json) ? json : isObj(json) && Array.isArray(json.mappings) ? json.mappings : null);

/** True for an AEP mapping set (current or legacy entries) rather than one of our documents. */
export function isAepMappingSet(json: unknown): boolean {
  if (Array.isArray(json)) return true;
  if (!isObj(json) || json.kind === 'xdm-mapper/mapping') return false;
  if ('outputSchema' in json || 'inputSchema' in json) return true;
  const entries = entriesOf(json);
  if (entries?.some((e) => isObj(e) && ('sourceAttribute' in e || 'destinationXdmPath' in e))) return true;
  // Our documents always carry a version; a bare `{mappings: [...]}` is an AEP set.
  return entries !== null && json.version === undefined;
}

/**
 * Converts an AEP mapping set (`{sourceType, source, destination}` entries, or the legacy
 * `{sourceAttribute, destinationXdmPath}` entries) into an xdm-mapper mapping.
 */
export function fromAepMappingSet(
  json: unknown,
): { ok: true; doc: MappingDocument; format: 'aep-mapping-set' | 'aep-legacy'; warnings: string[] } | { ok: false; problems: MappingProblem[] } {
  const entries = entriesOf(json) ?? [];
  const problems: MappingProblem[] = [];
  const warnings: string[] = [];
  const mappings: MappingEntry[] = [];
  let legacy = false;
  const base = Array.isArray(json) ? '' : '/mappings';
  entries.forEach((e, i) => {
    const at = `${base}/${i}`;
    if (!isObj(e)) {
      problems.push({ pointer: at, message: 'a mapping entry must be an object' });
      return;
    }
    if ('sourceAttribute' in e || 'destinationXdmPath' in e) {
      legacy = true;
      if (typeof e.sourceAttribute !== 'string' || typeof e.destinationXdmPath !== 'string') {
        problems.push({ pointer: at, message: 'a legacy entry needs string "sourceAttribute" and "destinationXdmPath"' });
        return;
      }
      mappings.push({ sourceType: 'ATTRIBUTE', source: e.sourceAttribute, destination: e.destinationXdmPath });
      if (e.identity === true) warnings.push(`mapping ${i}: identity settings are kept in the schema's descriptors, not in the mapping; ignored`);
      return;
    }
    const rawType = typeof e.sourceType === 'string' ? e.sourceType : 'ATTRIBUTE';
    const sourceType = (LEGACY_SOURCE_TYPES[rawType] ?? rawType.toUpperCase()) as SourceType;
    if (!['ATTRIBUTE', 'STATIC', 'EXPRESSION'].includes(sourceType)) {
      problems.push({ pointer: `${at}/sourceType`, message: `unknown sourceType "${rawType}"` });
      return;
    }
    if (typeof e.source !== 'string' || typeof e.destination !== 'string') {
      problems.push({ pointer: at, message: 'an entry needs string "source" and "destination"' });
      return;
    }
    // An expression this tool wrote for a column's reading is that column and reading again.
    const reading = sourceType === 'EXPRESSION' ? recogniseReading(e.source) : null;
    const entry: MappingEntry = reading
      ? { sourceType: 'ATTRIBUTE', source: reading.column, destination: e.destination, settings: reading.settings }
      : { sourceType, source: e.source, destination: e.destination };
    if (typeof e.name === 'string' && e.name !== e.source && e.name !== reading?.column) entry.name = e.name;
    if (typeof e.description === 'string' && e.description) entry.description = e.description;
    mappings.push(entry);
  });
  if (problems.length) return { ok: false, problems };
  const set = isObj(json) ? json : {};
  const out = isObj(set.outputSchema) && isObj(set.outputSchema.schemaRef) ? set.outputSchema.schemaRef : {};
  const columns = [...new Set(mappings.filter((m) => m.sourceType === 'ATTRIBUTE').map((m) => m.source))];
  const doc: MappingDocument = {
    kind: 'xdm-mapper/mapping',
    version: 1,
    name: typeof set.name === 'string' ? set.name : '',
    source: { columns },
    target: { schemaId: typeof out.id === 'string' ? out.id : '' },
    mappings,
  };
  return { ok: true, doc, format: legacy ? 'aep-legacy' : 'aep-mapping-set', warnings };
}

/**
 * One entry in AEP's shape: a column read with settings a mapping set cannot hold becomes the
 * Data Prep expression that reads it the same way (see aepReadings.ts). `typeOf` gives a
 * destination's field type when the schema is known; without it, settings of one kind say
 * which reading applies.
 */
function toAepEntry(m: MappingEntry, typeOf?: (destination: string) => string | undefined): Obj {
  const base = { ...(m.name ? { name: m.name } : {}), ...(m.description ? { description: m.description } : {}) };
  if (m.sourceType === 'ATTRIBUTE' && m.settings) {
    const type = typeOf?.(m.destination);
    const kinds = readingKinds(m.settings);
    const kind = type ? (readingKindOfType(type) ?? null) : (kinds[0] ?? null);
    const expr = kind && kinds.includes(kind) ? readingExpression(m.source, m.settings, kind) : null;
    if (expr) return { sourceType: 'EXPRESSION', source: expr, destination: m.destination, ...(m.name ? {} : { name: m.source }), ...base };
  }
  // A constant read with settings (`31/12/2030` as dd/MM/yyyy) goes as the value it reads as,
  // in the form Data Prep reads the same way by itself (`2030-12-31`).
  if (m.sourceType === 'STATIC' && m.settings) {
    const type = typeOf?.(m.destination);
    const conv = type ? converterFor(type, m.settings) : null;
    const r = conv?.ok ? conv.convert(m.source) : null;
    if (r?.ok) return { sourceType: 'STATIC', source: String(r.value), destination: m.destination, ...base };
  }
  return { sourceType: m.sourceType, source: m.source, destination: m.destination, ...base };
}

const readingKindOfType = (t: string): ReadingKind | null =>
  t === 'date' || t === 'date-time' ? 'date' : t === 'boolean' ? 'boolean' : ['number', 'byte', 'short', 'int', 'long'].includes(t) ? 'number' : null;

/** Our document as an AEP mapping set, ready for the Data Prep API (`POST /mappingSets`). */
export function toAepMappingSet(doc: MappingDocument, typeOf?: (destination: string) => string | undefined): Obj {
  const set: Obj = {
    outputSchema: { schemaRef: { id: doc.target.schemaId, contentType: 'application/vnd.adobe.xed-full+json;version=1' } },
    mappings: doc.mappings.map((m) => toAepEntry(m, typeOf)),
  };
  if (doc.name) set.name = doc.name;
  return set;
}

/** Our document in the legacy shape; only ATTRIBUTE entries exist there. */
export function toAepLegacy(doc: MappingDocument): { mappings: Obj[]; dropped: number } {
  const attrs = doc.mappings.filter((m) => m.sourceType === 'ATTRIBUTE');
  return {
    mappings: attrs.map((m) => ({ sourceAttribute: m.source, destinationXdmPath: m.destination, identity: false, version: 0 })),
    dropped: doc.mappings.length - attrs.length,
  };
}
