/**
 * xdm-mapper as a Node library: everything of `xdm-mapper/core`, plus {@link applyFile}, which
 * maps a CSV file or stream into a folder of batch files as `xdm-mapper apply` does.
 *
 * @packageDocumentation
 */
import { createReadStream } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { folderWriter } from '../cli/fsSink';
import { NODE_PLATFORM } from '../cli/nodePlatform';
import { OutputFolder } from '../cli/outputFolder';
// The core is imported as the built package imports it: one copy of it, shared with `xdm-mapper/core`.
import { type ApplyCounts, type ApplyError, type ApplyOutcome, ApplyStreamImpl, type ApplyStreamOptions, type FileSink, type JsonSource } from './core.js';

export * from './core.js';

export interface ApplyFileOptions extends Omit<ApplyStreamOptions, 'sink' | 'schema' | 'mapping'> {
  /** The schema: a path to its JSON file, or the parsed JSON. */
  schema: string | object;
  /** The mapping: a path (our document, an AEP mapping set, or AEP's CSV template), or the parsed JSON. */
  mapping: string | object;
  /**
   * The folder for `part-00001.jsonl` …, `errors.jsonl` and `manifest.json` (created when
   * missing). The run writes into a temporary folder beside it and moves its files in when it
   * completes, replacing only what the folder's earlier manifest lists. Give `sink` instead to
   * send the files elsewhere.
   */
  out?: string;
  /** Write into an `out` folder that holds files but no manifest of xdm-mapper (same-named files are replaced). */
  force?: boolean;
  /** Where batch files go instead of a folder (no manifest.json is written then). */
  sink?: FileSink;
  /** Stops the run: the files written so far are removed and the outcome is `ABORTED`. */
  signal?: AbortSignal;
  /** Called after each chunk of the file with the counts so far. */
  onProgress?: (counts: ApplyCounts) => void;
}

/** Reads a JSON source given as a path: its text, or a value as it is. */
async function load(
  source: string | object,
  what: 'schema' | 'mapping',
): Promise<{ ok: true; json: JsonSource; name: string } | { ok: false; error: ApplyError }> {
  if (typeof source !== 'string') return { ok: true, json: source, name: what };
  try {
    return { ok: true, json: await readFile(source, 'utf8'), name: source };
  } catch (e) {
    return {
      ok: false,
      error: {
        code: what === 'schema' ? 'SCHEMA_INVALID' : 'MAPPING_INVALID',
        message: `cannot read the ${what} "${source}"`,
        details: [(e as Error).message],
      },
    };
  }
}

/**
 * Maps a CSV file (a path, a Node stream or any async iterable of bytes) with a mapping onto a
 * schema, streaming: memory stays flat whatever the file's size. Every row ends as a record in
 * the batch files or as an entry of `errors.jsonl` naming its line, column, value and reason.
 * Problems with the schema, the mapping or the file come back as `{ ok: false, error }` with a
 * stable code; the function does not throw for bad input.
 *
 * @example
 * ```ts
 * import { applyFile } from 'xdm-mapper';
 * const outcome = await applyFile('products.csv', { schema: 'schema.json', mapping: 'products.mapping.json', out: 'out/' });
 * if (outcome.ok) console.log(outcome.manifest.rows); // { input: 92, written: 92, rejected: 0 }
 * ```
 */
export async function applyFile(input: string | Readable | AsyncIterable<Uint8Array>, options: ApplyFileOptions): Promise<ApplyOutcome> {
  if (!options.out && !options.sink) throw new TypeError('applyFile needs options.out (a folder) or options.sink');
  const schema = await load(options.schema, 'schema');
  if (!schema.ok) return schema;
  const mapping = await load(options.mapping, 'mapping');
  if (!mapping.ok) return mapping;
  // A stream's size is unknown: it is written through the writer thread, as a large file is.
  let size = Number.POSITIVE_INFINITY;
  if (typeof input === 'string') {
    // Before anything in the output folder is touched.
    const st = await stat(input).catch((e: Error) => e);
    if (st instanceof Error || !st.isFile()) {
      return { ok: false, error: { code: 'INPUT_UNREADABLE', message: `"${input}" is not a readable file`, details: st instanceof Error ? [st.message] : [] } };
    }
    size = st.size;
  }
  let out: OutputFolder | null = null;
  if (!options.sink) {
    try {
      out = await OutputFolder.open(options.out!, options.force ?? false);
    } catch (e) {
      return { ok: false, error: { code: 'OUTPUT_FOLDER', message: (e as Error).message, details: [] } };
    }
  }
  const folder = out ? folderWriter(out.temp, size) : null;
  const discard = async () => {
    await folder?.abort();
    await out?.discard();
  };
  const sink = options.sink ?? folder!;
  const inputName = typeof input === 'string' ? input : (options.names?.input ?? 'input.csv');
  const opened = ApplyStreamImpl.open(
    { ...options, schema: schema.json, mapping: mapping.json, sink, names: { schema: schema.name, mapping: mapping.name, ...options.names, input: inputName } },
    NODE_PLATFORM,
  );
  if (!opened.ok) {
    await discard();
    return opened;
  }
  const { stream } = opened;
  const source = typeof input === 'string' ? createReadStream(input, { highWaterMark: 1 << 20 }) : input;
  folder?.start();
  const aborted = async (): Promise<ApplyOutcome> => {
    await stream.end();
    await discard();
    if (typeof (source as Readable).destroy === 'function') (source as Readable).destroy();
    return { ok: false, error: { code: 'ABORTED', message: 'the run was stopped; its files were removed', details: [] } };
  };
  try {
    for await (const chunk of source as AsyncIterable<Uint8Array>) {
      if (options.signal?.aborted) return await aborted();
      await stream.push(chunk);
      options.onProgress?.(stream.counts);
    }
  } catch (e) {
    await discard();
    return { ok: false, error: { code: 'INPUT_UNREADABLE', message: `reading "${inputName}" failed`, details: [(e as Error).message] } };
  }
  if (options.signal?.aborted) return aborted();
  const outcome = await stream.end();
  if (!folder || !out) return outcome;
  if (!outcome.ok) {
    await discard();
    return outcome;
  }
  await folder.commit();
  await writeFile(join(out.temp, 'manifest.json'), `${JSON.stringify(outcome.manifest, null, 2)}\n`);
  try {
    await out.commit();
  } catch (e) {
    return { ok: false, error: { code: 'OUTPUT_FOLDER', message: (e as Error).message, details: [] } };
  }
  return outcome;
}
