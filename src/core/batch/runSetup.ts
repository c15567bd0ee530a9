import type { Sniffed } from '../csv/sniff';
import { LINE_ENDING_NAMES } from '../csv/sniff';
import { sha256Hex } from '../hash';
import { loadMappingText } from '../mapping/document';
import type { MappingDocument } from '../mapping/mapping.types';
import { parsePath } from '../mapping/paths';
import type { FieldTree } from '../schema/field.types';
import { loadSchemaText } from '../schema/loadSchema';
import { compileValidator, type RecordValidator } from '../validate/validator';
import { VERSION } from '../version';
import { ApplyRun, type ApplyRunInit } from './applyRun';
import { buildManifest, type Manifest } from './manifest';
import type { FileSink } from './writer';

/** A text the run reads (a schema or a mapping), with the name it is known by. */
export interface NamedText {
  /** A path on the command line, a file name in the browser. */
  path: string;
  text: string;
}

export interface RunSetupInput {
  schema: NamedText;
  mapping: NamedText;
  /** The input file's name, as the manifest records it. */
  inputPath: string;
  sniffed: Sniffed;
  sink: FileSink;
  fileSize?: number;
  emptyCells?: ApplyRunInit['emptyCells'];
  reader?: ApplyRunInit['reader'];
  decodeSingleByte?: ApplyRunInit['decodeSingleByte'];
  isUtf8?: ApplyRunInit['isUtf8'];
  allocateBytes?: ApplyRunInit['allocateBytes'];
  recordsTo?: ApplyRunInit['recordsTo'];
}

/** Why a run cannot start: what could not be used, and each problem with where it is. */
export interface SetupProblem {
  what: 'schema' | 'mapping';
  path: string;
  /** `at /pointer: message` lines. */
  details: string[];
}

export interface PreparedRun {
  run: ApplyRun;
  tree: FieldTree;
  doc: MappingDocument;
  /** The schema's compiled validator (for a pre-flight on a sample before the run). */
  validator: RecordValidator;
  /** Lines worth printing before the run (`mapping: …` notes of the loader, another schema, …). */
  warnings: string[];
  /** The manifest of the finished run. */
  manifest(result: Awaited<ReturnType<ApplyRun['end']>>, createdAt?: Date): Manifest;
}

/** The key path of each destination, or none when one is not a path (the mapping's compile says why). */
function destinationKeys(doc: MappingDocument): string[][] | undefined {
  const out: string[][] = [];
  for (const entry of doc.mappings) {
    const parsed = parsePath(entry.destination);
    if (!parsed.ok) return undefined;
    out.push(parsed.segments.map((s) => s.key));
  }
  return out;
}

/**
 * Everything a run needs before its first byte, done the same way for the command line and the
 * browser's worker: the schema loaded and its validator compiled once, the mapping loaded (ours
 * or an AEP mapping set), the run created, and the manifest's description of its inputs.
 */
export function setUpRun(input: RunSetupInput): { ok: true; prepared: PreparedRun } | { ok: false; problem: SetupProblem } {
  const schema = loadSchemaText(input.schema.text);
  if (!schema.ok)
    return { ok: false, problem: { what: 'schema', path: input.schema.path, details: schema.problems.map((p) => `at ${p.pointer || '/'}: ${p.message}`) } };
  const mapping = loadMappingText(input.mapping.text);
  if (!mapping.ok)
    return { ok: false, problem: { what: 'mapping', path: input.mapping.path, details: mapping.problems.map((p) => `at ${p.pointer || '/'}: ${p.message}`) } };
  const tree = schema.tree;
  const doc = mapping.doc;
  // Records come from the transformer, whose date conversions only write valid ISO 8601, and
  // hold only what the mapping's destinations name.
  const validator = compileValidator(tree.jsonSchema, { trustDateFormats: true, fields: destinationKeys(doc) });
  if (!validator.ok) return { ok: false, problem: { what: 'schema', path: input.schema.path, details: [validator.message] } };
  const warnings = mapping.warnings.map((w) => `mapping: ${w}`);
  if (doc.target.schemaId && tree.id && doc.target.schemaId !== tree.id)
    warnings.push(`warning: the mapping was made for schema ${doc.target.schemaId}, not ${tree.id}`);
  const run = new ApplyRun({
    tree,
    doc,
    sniffed: input.sniffed,
    validator: validator.validator,
    sink: input.sink,
    fileSize: input.fileSize,
    emptyCells: input.emptyCells,
    reader: input.reader,
    decodeSingleByte: input.decodeSingleByte,
    isUtf8: input.isUtf8,
    allocateBytes: input.allocateBytes,
    recordsTo: input.recordsTo,
  });
  const { sniffed } = input;
  // The sink's hash is the platform's native one where there is one (Node's is ~50 times faster).
  const digest = (text: string): string => {
    const h = input.sink.createHash?.();
    if (!h) return sha256Hex(text);
    h.update(new TextEncoder().encode(text));
    return h.hex();
  };
  const manifest: PreparedRun['manifest'] = (result, createdAt = new Date()) =>
    buildManifest(result, {
      version: VERSION,
      createdAt,
      input: { path: input.inputPath, encoding: sniffed.encoding, delimiter: sniffed.delimiter, lineEnding: LINE_ENDING_NAMES[sniffed.lineEnding] },
      mapping: { path: input.mapping.path, name: doc.name, sha256: digest(input.mapping.text) },
      schema: { path: input.schema.path, id: tree.id, title: tree.title, sha256: digest(input.schema.text) },
    });
  return { ok: true, prepared: { run, tree, doc, validator: validator.validator, warnings, manifest } };
}
