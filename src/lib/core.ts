/**
 * xdm-mapper's core as a library for browsers, web workers and Node alike: it imports nothing
 * from Node, reads bytes you give it and writes through a {@link FileSink} you choose.
 * `import { … } from 'xdm-mapper/core'`; the Node entry (`'xdm-mapper'`) has all of this and
 * `applyFile` for paths and streams.
 *
 * @packageDocumentation
 */
import { MemorySink } from '../core/batch/memorySink';
import type { FileSink } from '../core/batch/writer';
import { SNIFF_BYTES } from '../core/csv/sniff';
import { loadMapping, loadMappingText } from '../core/mapping/document';
import type { MappingLoadResult } from '../core/mapping/mapping.types';
import type { SchemaLoadResult } from '../core/schema/field.types';
import { loadSchema as loadSchemaJson, loadSchemaText } from '../core/schema/loadSchema';
import type { RowError } from '../core/types';
import { type ApplyError, type ApplyOutcome, type ApplyStream, ApplyStreamImpl, type ApplyStreamOptions } from './applyStream';

export type { ApplyCounts, ApplyResult } from '../core/batch/applyRun';
export type { Manifest } from '../core/batch/manifest';
export type { FileSink, Hasher, SinkFile, WrittenFile } from '../core/batch/writer';
export type { CsvEncoding } from '../core/csv/encoding';
export { type ColumnProfile, profileColumns } from '../core/csv/profile';
export type { Delimiter } from '../core/csv/sniff';
export { type Sniffed, type SniffOverrides, sniff } from '../core/csv/sniff';
export { type CompiledExpression, compileExpression } from '../core/expr/compile';
export { fromAepMappingSet, isAepMappingSet, toAepLegacy, toAepMappingSet } from '../core/mapping/aep';
export { isAepTemplate, TEMPLATE_COLUMNS, toAepTemplate } from '../core/mapping/aepTemplate';
export { checkDocument, createMappingDocument, serializeMapping } from '../core/mapping/document';
export type { EmptyCellPolicy, MappingDocument, MappingEntry, MappingLoadResult, MappingProblem, SourceType } from '../core/mapping/mapping.types';
export type { Field, FieldTree, SchemaLoadResult, SchemaProblem, XdmType } from '../core/schema/field.types';
export type { Candidate, Suggestion } from '../core/suggest/suggest.types';
export { type CompiledMapping, type CompileOptions, type CompileProblem, compileMapping, type RowResult, type XdmRecord } from '../core/transform/compile';
export type { RowError, RowErrorCode } from '../core/types';
export { compileValidator, type RecordValidator, type Violation } from '../core/validate/validator';
export { VERSION } from '../core/version';
export type { ApplyError, ApplyOutcome, ApplyStream, ApplyStreamOptions, JsonSource } from './applyStream';
/** @internal For the Node entry. */
export { ApplyStreamImpl } from './applyStream';
export { type SuggestInput, type SuggestResult, suggest } from './suggest';
export { MemorySink };

/**
 * Loads an XDM schema (the Schema Registry's `xed-full` form) or a plain JSON Schema into its
 * field tree. Takes the JSON text or the parsed value. Never throws: problems come back with
 * the JSON pointer they are at.
 */
export function loadSchema(schema: string | object): SchemaLoadResult {
  return typeof schema === 'string' ? loadSchemaText(schema) : loadSchemaJson(schema);
}

/**
 * Reads a mapping: xdm-mapper's document, an AEP mapping set (current or legacy entries) or
 * AEP's CSV mapping template, as text or (for the JSON forms) as the parsed value. Older
 * document versions are migrated; unsafe destination paths are refused. Never throws.
 */
export function readMapping(mapping: string | object): MappingLoadResult {
  return typeof mapping === 'string' ? loadMappingText(mapping) : loadMapping(mapping);
}

/**
 * Starts a streaming run of a mapping over one CSV file: push the file's bytes in chunks of any
 * size (`await stream.push(chunk)`, which waits while the sink drains), then `await
 * stream.end()`. Every row ends as a record in `part-00001.jsonl`, … or as an entry in
 * `errors.jsonl`, written through `options.sink`. The schema and the mapping are checked here:
 * a problem with either comes back as `{ ok: false, error }`.
 *
 * @example
 * ```ts
 * const opened = openApply({ schema, mapping, sink: new MemorySink() });
 * if (!opened.ok) throw new Error(opened.error.message);
 * for await (const chunk of file.stream()) await opened.stream.push(chunk);
 * const { result, manifest } = await opened.stream.end();
 * ```
 */
export function openApply(options: ApplyStreamOptions & { sink: FileSink }): { ok: true; stream: ApplyStream } | { ok: false; error: ApplyError } {
  return ApplyStreamImpl.open(options);
}

/** Records and errors of a run kept in memory by {@link mapCsv}. */
export interface MappedCsv {
  /** The records, in row order. */
  records: Record<string, unknown>[];
  /** Every rejected row and every failed cell, in row order. */
  errors: RowError[];
  outcome: ApplyOutcome;
}

/**
 * Maps a whole CSV held in memory (bytes, text or a stream of bytes) and returns its records and
 * errors: for small files, tests and previews. Larger files belong to {@link openApply} with a
 * sink that writes where they should go (or `applyFile` in Node).
 */
export async function mapCsv(
  csv: Uint8Array | string | AsyncIterable<Uint8Array>,
  options: Omit<ApplyStreamOptions, 'sink'>,
): Promise<{ ok: true; mapped: MappedCsv } | { ok: false; error: ApplyError }> {
  const sink = new MemorySink();
  const opened = openApply({ ...options, sink });
  if (!opened.ok) return opened;
  const { stream } = opened;
  if (typeof csv === 'string') await stream.push(new TextEncoder().encode(csv));
  else if (csv instanceof Uint8Array) {
    for (let i = 0; i < csv.length || i === 0; i += SNIFF_BYTES * 4) await stream.push(csv.subarray(i, i + SNIFF_BYTES * 4));
  } else for await (const chunk of csv) await stream.push(chunk);
  const outcome = await stream.end();
  if (!outcome.ok) return outcome;
  const lines = (name: string): Record<string, unknown>[] =>
    sink
      .text(name)
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const records = outcome.result.files.flatMap((f) => lines(f.path));
  const errors = outcome.result.errorsFile ? (lines(outcome.result.errorsFile.path) as unknown as RowError[]) : [];
  return { ok: true, mapped: { records, errors, outcome } };
}
