import type { ErrorObject } from 'ajv';
import { checkReadingSettings } from '../convert/coerce';
import { headerFingerprint } from '../hash';
import { fromAepMappingSet, isAepMappingSet } from './aep';
import { isAepTemplate, readAepTemplate } from './aepTemplate';
import { validate as generatedValidator } from './documentValidator.generated';
import { CURRENT_VERSION, type MappingDocument, type MappingEntry, type MappingLoadResult, type MappingProblem } from './mapping.types';
import { migrate } from './migrations';
import { parsePath } from './paths';

export { MAPPING_DOCUMENT_SCHEMA } from './documentSchema';

/** The structural check of MAPPING_DOCUMENT_SCHEMA, generated ahead of time (tools/generate-validators.ts). */
const validateStructure = generatedValidator as ((doc: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Parses mapping text: our document, an AEP mapping set, the legacy AEP shape, or AEP's CSV mapping template. */
export function loadMappingText(text: string): MappingLoadResult {
  if (isAepTemplate(text)) return loadTemplate(text);
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { ok: false, problems: [{ pointer: '', message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  return loadMapping(json);
}

/**
 * Validates and, when needed, migrates or converts a mapping. Structural problems are located
 * by JSON pointer; unsafe destination paths are refused here, before anything runs.
 */
export function loadMapping(json: unknown): MappingLoadResult {
  if (typeof json !== 'object' || json === null) return { ok: false, problems: [{ pointer: '', message: 'a mapping must be a JSON object or array' }] };
  if (isAepMappingSet(json)) {
    const converted = fromAepMappingSet(json);
    if (!converted.ok) return converted;
    const checked = checkDocument(converted.doc);
    return checked.length ? { ok: false, problems: checked } : { ok: true, doc: converted.doc, format: converted.format, warnings: converted.warnings };
  }
  const obj = json as Record<string, unknown>;
  const migrated = migrate(obj);
  if (!migrated.ok) return { ok: false, problems: [{ pointer: '/version', message: migrated.message }] };
  if (!validateStructure(migrated.doc)) return { ok: false, problems: (validateStructure.errors ?? []).map(describeAjvError) };
  const { explain: _explain, ...rest } = migrated.doc;
  const doc = normalise(rest as unknown as MappingDocument);
  const problems = checkDocument(doc);
  if (problems.length) return { ok: false, problems };
  const warnings = migrated.from < CURRENT_VERSION ? [`migrated from version ${migrated.from} to ${CURRENT_VERSION}`] : [];
  return { ok: true, doc, format: 'xdm-mapper', warnings };
}

/** A template read as the mapping set it describes; problems name the template's line. */
function loadTemplate(text: string): MappingLoadResult {
  const read = readAepTemplate(text);
  if (!read.ok) return read;
  const { set, lines, warnings } = read.entries;
  const loaded = loadMapping(set);
  if (!loaded.ok)
    return {
      ok: false,
      problems: loaded.problems.map((p) => {
        const m = /^\/mappings\/(\d+)/.exec(p.pointer);
        return m ? { pointer: `line ${lines[Number(m[1])]}`, message: p.message } : p;
      }),
    };
  return { ...loaded, format: 'aep-template', warnings: [...warnings, ...loaded.warnings] };
}

function describeAjvError(e: ErrorObject): MappingProblem {
  const where = e.instancePath || '/';
  if (e.keyword === 'additionalProperties')
    return { pointer: where, message: `unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"` };
  if (e.keyword === 'enum')
    return { pointer: where, message: `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` };
  if (e.keyword === 'required') return { pointer: where, message: `"${(e.params as { missingProperty: string }).missingProperty}" is required` };
  return { pointer: where, message: e.message ?? e.keyword };
}

/** Fills the optional parts so that the rest of the tool never checks for them. */
function normalise(doc: MappingDocument): MappingDocument {
  return {
    ...doc,
    kind: 'xdm-mapper/mapping',
    name: doc.name ?? '',
    source: { ...doc.source, columns: doc.source?.columns ?? [] },
    target: { ...doc.target, schemaId: doc.target?.schemaId ?? '' },
  };
}

/** Semantic checks beyond structure: safe paths, one entry per destination, sane settings. */
export function checkDocument(doc: MappingDocument): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const seen = new Map<string, number>();
  doc.mappings.forEach((m, i) => {
    const at = `/mappings/${i}`;
    const parsed = parsePath(m.destination);
    if (!parsed.ok) problems.push({ pointer: `${at}/destination`, message: parsed.message });
    const key = m.destination;
    const first = seen.get(key);
    if (first !== undefined) problems.push({ pointer: `${at}/destination`, message: `"${key}" is already the destination of mapping ${first}` });
    else seen.set(key, i);
    if (m.sourceType === 'ATTRIBUTE' && m.source === '') problems.push({ pointer: `${at}/source`, message: 'an ATTRIBUTE mapping needs a column name' });
    if (m.settings) for (const p of checkReadingSettings(m.settings)) problems.push({ pointer: `${at}/settings/${p.key}`, message: p.message });
  });
  return problems;
}

/** Builds a new document for a file and a schema. */
export function createMappingDocument(init: {
  name?: string;
  columns: string[];
  delimiter?: MappingDocument['source']['delimiter'];
  encoding?: MappingDocument['source']['encoding'];
  schemaId: string;
  schemaTitle?: string;
  tenant?: string | null;
  mappings?: MappingEntry[];
}): MappingDocument {
  const doc: MappingDocument = {
    kind: 'xdm-mapper/mapping',
    version: 1,
    name: init.name ?? '',
    source: { columns: [...init.columns], headerFingerprint: headerFingerprint(init.columns) },
    target: { schemaId: init.schemaId },
    mappings: init.mappings ?? [],
  };
  if (init.delimiter) doc.source.delimiter = init.delimiter;
  if (init.encoding) doc.source.encoding = init.encoding;
  if (init.schemaTitle) doc.target.title = init.schemaTitle;
  if (init.tenant !== undefined) doc.target.tenant = init.tenant;
  return doc;
}

/** Stable text for git: two-space JSON, keys in document order, final newline. */
export function serializeMapping(doc: MappingDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The columns a mapping reads (ATTRIBUTE sources). */
export function columnsUsed(doc: MappingDocument): string[] {
  return [...new Set(doc.mappings.filter((m) => m.sourceType === 'ATTRIBUTE').map((m) => m.source))];
}
