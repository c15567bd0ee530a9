import type { ApplyCounts, ApplyResult, ApplyRun } from '../core/batch/applyRun';
import type { Manifest } from '../core/batch/manifest';
import { concat } from '../core/batch/memorySink';
import { type PreparedRun, setUpRun } from '../core/batch/runSetup';
import type { FileSink } from '../core/batch/writer';
import type { CsvEncoding } from '../core/csv/encoding';
import { type Delimiter, SNIFF_BYTES, type SniffOverrides, sniff } from '../core/csv/sniff';
import { loadMappingText } from '../core/mapping/document';
import type { EmptyCellPolicy } from '../core/mapping/mapping.types';
import { loadSchemaText } from '../core/schema/loadSchema';

/** A JSON document given as its text or as the parsed value. */
export type JsonSource = string | object;

export interface ApplyStreamOptions {
  /** The XDM schema: JSON text or the parsed value. */
  schema: JsonSource;
  /** The mapping: our document, an AEP mapping set, or AEP's CSV mapping template (as text). */
  mapping: JsonSource;
  /** Where batch files go. */
  sink: FileSink;
  /** Names the manifest records for the input, the schema and the mapping. */
  names?: { input?: string; schema?: string; mapping?: string };
  /** Largest batch file in bytes (default 256 MB, AEP's recommendation). */
  fileSize?: number;
  /** Empty cells left out (`omit`, the default) or written as `null`. */
  emptyCells?: EmptyCellPolicy;
  /** How the CSV is read; each is detected from the file's first bytes unless given. */
  encoding?: CsvEncoding;
  delimiter?: Delimiter;
  /** Physical lines before the header row. */
  skipLines?: number;
}

/** Why a run could not start or finish, with a stable code. */
export interface ApplyError {
  /**
   * `SCHEMA_INVALID`, `MAPPING_INVALID`: the document cannot be used (details name the JSON
   * pointer or the template line); `MAPPING_CANNOT_RUN`: the mapping does not fit the file (a
   * column it reads is missing, …); `INPUT_UNREADABLE`: the file could not be read;
   * `ABORTED`: the run was stopped and its files discarded; `OUTPUT_FOLDER`: the output folder
   * holds files that are not the outputs of an earlier run (see `force`), and nothing was changed.
   */
  code: 'SCHEMA_INVALID' | 'MAPPING_INVALID' | 'MAPPING_CANNOT_RUN' | 'INPUT_UNREADABLE' | 'ABORTED' | 'OUTPUT_FOLDER';
  message: string;
  details: string[];
}

/** How a run ended: its result and manifest, or why it could not run. */
export type ApplyOutcome = { ok: true; result: ApplyResult; manifest: Manifest; warnings: string[] } | { ok: false; error: ApplyError; result?: ApplyResult };

/** A run in progress: bytes in with `push`, the outcome from `end`. */
export interface ApplyStream {
  /** Feeds the next bytes of the file (any chunk size); resolves once the sink has taken what is ready. */
  push(chunk: Uint8Array): Promise<void>;
  /** Ends the file: the last rows are mapped, files closed, the manifest built. */
  end(): Promise<ApplyOutcome>;
  /** Rows and bytes so far, for progress (rows are counted once the file's first 256 KB are in). */
  readonly counts: ApplyCounts;
}

/** @internal */
export const textOf = (source: JsonSource): string => (typeof source === 'string' ? source : JSON.stringify(source));

const problemsOf = (problems: { pointer: string; message: string }[]): string[] => problems.map((p) => `at ${p.pointer || '/'}: ${p.message}`);

/** @internal Platform helpers the Node entry passes in. */
export interface Platform {
  decodeSingleByte?: (bytes: Uint8Array) => string;
  isUtf8?: (bytes: Uint8Array) => boolean;
  allocateBytes?: (size: number) => Uint8Array;
}

/** @internal The stream behind {@link ApplyStream}: it waits for the file's first bytes to know how to read it. */
export class ApplyStreamImpl implements ApplyStream {
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private prepared: PreparedRun | null = null;
  private run: ApplyRun | null = null;
  private failure: ApplyError | null = null;

  private constructor(
    private readonly options: ApplyStreamOptions,
    private readonly texts: { schema: string; mapping: string },
    private readonly platform: Platform,
  ) {}

  static open(options: ApplyStreamOptions, platform: Platform = {}): { ok: true; stream: ApplyStream } | { ok: false; error: ApplyError } {
    const schema = textOf(options.schema);
    const mapping = textOf(options.mapping);
    const s = loadSchemaText(schema);
    if (!s.ok) return { ok: false, error: { code: 'SCHEMA_INVALID', message: 'the schema cannot be used', details: problemsOf(s.problems) } };
    const m = loadMappingText(mapping);
    if (!m.ok) return { ok: false, error: { code: 'MAPPING_INVALID', message: 'the mapping cannot be used', details: problemsOf(m.problems) } };
    return { ok: true, stream: new ApplyStreamImpl(options, { schema, mapping }, platform) };
  }

  get counts(): ApplyCounts {
    return this.run?.counts ?? { input: 0, written: 0, rejected: 0, fieldErrors: 0, blankLines: 0, bytesRead: this.headBytes };
  }

  async push(chunk: Uint8Array): Promise<void> {
    if (this.failure) return;
    if (this.run) return this.run.push(chunk);
    // Kept until the first bytes are complete: copied, in case the caller reuses its buffer.
    this.head.push(chunk.slice());
    this.headBytes += chunk.length;
    if (this.headBytes >= SNIFF_BYTES) await this.start();
  }

  async end(): Promise<ApplyOutcome> {
    if (!this.run && !this.failure) await this.start();
    if (this.failure || !this.run || !this.prepared) return { ok: false, error: this.failure! };
    const result = await this.run.end();
    if (!result.ok)
      return {
        ok: false,
        result,
        error: {
          code: 'MAPPING_CANNOT_RUN',
          message: 'the mapping cannot run on this file',
          details: [...result.problems.map((p) => p.message), ...(result.header ? [`the file's columns are: ${result.header.columns.join(', ')}`] : [])],
        },
      };
    return { ok: true, result, manifest: this.prepared.manifest(result), warnings: this.prepared.warnings };
  }

  /** Reads how the file is written from its first bytes, sets the run up and gives it those bytes. */
  private async start(): Promise<void> {
    const head = concat(this.head);
    this.head = [];
    const { options } = this;
    const overrides: SniffOverrides = {};
    if (options.encoding) overrides.encoding = options.encoding;
    if (options.delimiter) overrides.delimiter = options.delimiter;
    if (options.skipLines !== undefined) overrides.skipLines = options.skipLines;
    const setup = setUpRun({
      schema: { path: options.names?.schema ?? 'schema', text: this.texts.schema },
      mapping: { path: options.names?.mapping ?? 'mapping', text: this.texts.mapping },
      inputPath: options.names?.input ?? 'input.csv',
      sniffed: sniff(head.subarray(0, SNIFF_BYTES), overrides),
      sink: options.sink,
      fileSize: options.fileSize,
      emptyCells: options.emptyCells,
      decodeSingleByte: this.platform.decodeSingleByte,
      isUtf8: this.platform.isUtf8,
      allocateBytes: this.platform.allocateBytes,
    });
    if (!setup.ok) {
      this.failure = {
        code: setup.problem.what === 'schema' ? 'SCHEMA_INVALID' : 'MAPPING_INVALID',
        message: `the ${setup.problem.what} cannot be used`,
        details: setup.problem.details,
      };
      return;
    }
    this.prepared = setup.prepared;
    this.run = setup.prepared.run;
    if (head.length) await this.run.push(head);
  }
}
