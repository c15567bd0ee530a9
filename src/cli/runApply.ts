import { statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { type ApplyResult, ApplyRun } from '../core/batch/applyRun';
import { type Manifest, rejectedPercent } from '../core/batch/manifest';
import { MemorySink } from '../core/batch/memorySink';
import { HereLane } from '../core/batch/pieces';
import { describePreflight, PREFLIGHT_BYTES, type Preflight, preflightOfHead } from '../core/batch/preflight';
import { setUpRun } from '../core/batch/runSetup';
import { LineBuffer } from '../core/batch/writer';
import { notCsvReason } from '../core/csv/fileKind';
import { SNIFF_BYTES, sniff } from '../core/csv/sniff';
import type { ApplyOptions } from './applyOptions';
import { readText } from './files';
import { folderWriter } from './fsSink';
import { formatBytes, type Io, readHead, UsageError } from './io';
import type { FolderWriter } from './localSink';
import { MappingThreads, THREADS_FROM_BYTES, threadCount } from './mappingThreads';
import { NODE_PLATFORM } from './nodePlatform';
import { MANIFEST, OutputFolder } from './outputFolder';
import { PreflightAside } from './preflightAside';
import { createProgress } from './progress';
import { readInput } from './readInput';

/** The input a run read, as a resumed upload recognises it. */
export interface InputIdentity {
  /** Absolute path. */
  path: string;
  bytes: number;
  mtimeMs: number;
  sha256: string;
}

export interface ApplyOutcome {
  /**
   * 0 done; 1 more rows rejected than --max-errors allows; 2 the mapping cannot run on the file
   * (or a column's reading must be stated first); 130 interrupted.
   */
  code: 0 | 1 | 2 | 130;
  manifest: Manifest | null;
  result: ApplyResult | null;
  /** The input as read (hashed while it was mapped), when the run read it whole. */
  input: InputIdentity | null;
  /** What the file's first rows said before the run. */
  preflight?: Preflight | null;
  /** Pieces each mapping thread mapped (the main thread's first), when the input was mapped in pieces. */
  pieces?: number[];
}

/**
 * One run of a mapping over one file into a folder, as `apply`, `ingest` and `watch` make it:
 * the batch files, errors.jsonl and manifest.json, and a summary on stderr. Problems with the
 * command or its files are thrown as UsageError (exit 2); the run's own outcome is returned.
 */
export async function runApply(o: ApplyOptions, io: Io): Promise<ApplyOutcome> {
  // The pre-flight alone writes nothing and needs no folder.
  if (o.check) return mapInto(new MemorySink(), '', o, io);
  // Nothing in the folder changes until the run is complete: it writes beside it.
  const folder = await OutputFolder.open(o.out, o.force ?? false);
  const sink = folderWriter(folder.temp, await inputSize(o.input));
  sink.start();
  let outcome: ApplyOutcome;
  try {
    outcome = await mapInto(sink, folder.temp, o, io);
  } catch (e) {
    // Whatever went wrong, no partial file stays, the writer thread ends, the folder is as it was.
    await sink.abort();
    await folder.discard();
    throw e;
  }
  if (!outcome.manifest) {
    await folder.discard();
    return outcome;
  }
  await folder.commit();
  return outcome;
}

/** The input's size, or infinity when it cannot be read (mapInto then says why). */
async function inputSize(path: string): Promise<number> {
  try {
    return statSync(path).size;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

async function mapInto(sink: FolderWriter | MemorySink, temp: string, o: ApplyOptions, io: Io): Promise<ApplyOutcome> {
  const schemaText = await readText(o.schema, 'schema file');
  const mappingText = await readText(o.mapping, 'mapping file');
  let size: number;
  let mtimeMs: number;
  try {
    const st = statSync(o.input);
    if (!st.isFile()) throw new UsageError(`input "${o.input}" is not a file`);
    size = st.size;
    mtimeMs = st.mtimeMs;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`input "${o.input}" does not exist or cannot be read`);
  }
  const head = await readHead(o.input, PREFLIGHT_BYTES);
  const notCsv = notCsvReason(basename(o.input), head.bytes.subarray(0, SNIFF_BYTES));
  if (notCsv) throw new UsageError(notCsv.message);
  const sniffed = sniff(head.bytes.subarray(0, SNIFF_BYTES), o.overrides);
  const setupInput = {
    schema: { path: o.schema, text: schemaText },
    mapping: { path: o.mapping, text: mappingText },
    inputPath: o.input,
    sniffed,
    sink,
    fileSize: o.fileSize,
    emptyCells: o.emptyCells,
    ...NODE_PLATFORM,
  };
  const setup = setUpRun(setupInput);
  if (!setup.ok)
    throw new UsageError(`${setup.problem.what} "${setup.problem.path}" cannot be used:\n${setup.problem.details.map((d) => `  ${d}`).join('\n')}`);
  const { run, warnings } = setup.prepared;
  for (const w of warnings) io.err(`${w}\n`);
  // Before anything is kept: readings that must be chosen, columns that do not fit, rows that
  // would be rejected. With threads to spare, a large input's is taken beside the run, which it
  // stops if it must.
  const countRejections = o.check || o.countSampleRejections !== false;
  const threadsWanted = o.threads ?? threadCount();
  const aside =
    !(sink instanceof MemorySink) && size >= THREADS_FROM_BYTES && threadsWanted > 1
      ? new PreflightAside(
          { schema: setupInput.schema, mapping: setupInput.mapping, sniffed, head: head.bytes, whole: head.whole, maxErrors: o.maxErrors, countRejections },
          setup.prepared,
        )
      : null;
  let pre = aside ? null : preflightOfHead(setup.prepared, head.bytes, head.whole, sniffed, o.maxErrors, countRejections);
  if (o.check || sink instanceof MemorySink) {
    if (!pre) throw new UsageError(`"${o.input}" has no header row`);
    io.err(`Pre-flight on the first ${pre.sampleRows} rows of ${o.input}; nothing was written.\n`);
    for (const line of describePreflight(pre)) io.err(`${line}\n`);
    return { code: pre.blocked.length ? 2 : pre.passes ? 0 : 1, manifest: null, result: null, input: null, preflight: pre };
  }
  const blocked = async (p: Preflight): Promise<ApplyOutcome> => {
    await sink.abort();
    for (const c of p.blocked) io.err(`stop: ${c.message}\n`);
    io.err('Nothing was written: a value read the wrong way would change silently. State the reading in the mapping and run again.\n');
    return { code: 2, manifest: null, result: null, input: null, preflight: p };
  };
  const warn = (p: Preflight | null) => {
    for (const c of p?.warnings ?? []) io.err(`warning: ${c.message}\n`);
    for (const g of p?.required ?? []) io.err(`warning: ${g.message}\n`);
  };
  if (pre?.blocked.length) return blocked(pre);
  if (aside) void aside.done.then((p) => !p?.blocked.length && warn(p));
  else warn(pre);

  const started = Date.now();
  const progress = createProgress(io, size);
  // The input's hash, taken as it is read (on the writer thread): a later upload recognises the same data by it.
  // Ctrl-C: remove the partial files (they carry temporary names) and say so.
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
  };
  process.once('SIGINT', onSigint);
  const pieceBytes = o.pieceBytes ?? (Number(process.env.XDM_MAPPER_PIECE_BYTES) || undefined);
  // A large input is mapped on several threads, each set up as this run is.
  const threads =
    size >= THREADS_FROM_BYTES || pieceBytes
      ? MappingThreads.start(threadsWanted, { schema: setupInput.schema, mapping: setupInput.mapping, sniffed, emptyCells: o.emptyCells }, () => {
          // The main thread's lane: a second run over the same schema, mapping and validator.
          const lines = new LineBuffer();
          const { tree, doc, validator } = setup.prepared;
          const here = new ApplyRun({ tree, doc, validator, sniffed, sink: new MemorySink(), emptyCells: o.emptyCells, recordsTo: lines, ...NODE_PLATFORM });
          return new HereLane(here, lines, NODE_PLATFORM.allocateBytes);
        })
      : null;
  try {
    await readInput({
      run,
      path: o.input,
      sink,
      sniffed,
      lanes: threads,
      pieceBytes,
      progress: () => {
        progress.update(run.counts.bytesRead, run.counts.input);
        return interrupted || !!aside?.blocks;
      },
    });
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('a mapping thread')) throw e;
    throw new UsageError(`reading "${o.input}" failed: ${(e as Error).message}`);
  } finally {
    process.off('SIGINT', onSigint);
    progress.done();
    await threads?.close();
  }
  if (interrupted) {
    await run.end();
    await sink.abort();
    io.err(`Interrupted after ${run.counts.input} rows: no batch file was completed, the partial files were removed.\n`);
    return { code: 130, manifest: null, result: null, input: null };
  }
  if (aside) {
    pre = await aside.done;
    if (pre?.blocked.length) {
      await run.end();
      return blocked(pre);
    }
  }
  const result = await run.end();
  if (!result.ok) {
    await sink.abort();
    io.err(`The mapping cannot run on "${o.input}":\n${result.problems.map((p) => `  ${p.message}`).join('\n')}\n`);
    if (result.header)
      io.err(`The file's columns are: ${result.header.columns.map((c) => JSON.stringify(c.length > 200 ? `${c.slice(0, 200)}…` : c)).join(', ')}\n`);
    return { code: 2, manifest: null, result, input: null, preflight: pre };
  }
  const manifest = setup.prepared.manifest(result);
  const sha256 = await sink.inputDigest();
  await sink.commit();
  writeFileSync(join(temp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  const input: InputIdentity = { path: resolve(o.input), bytes: result.counts.bytesRead, mtimeMs, sha256 };
  summarize(io, o, manifest, result, size, sniffed.encoding, (Date.now() - started) / 1000);
  if (rejectedPercent(manifest.rows) > o.maxErrors) {
    io.err(`More than ${o.maxErrors} % of rows were rejected: AEP would fail this batch. Fix the rows listed in errors.jsonl, or raise --max-errors.\n`);
    return { code: 1, manifest, result, input, preflight: pre, pieces: threads?.mapped };
  }
  return { code: 0, manifest, result, input, preflight: pre, pieces: threads?.mapped };
}

function summarize(io: Io, o: ApplyOptions, manifest: Manifest, result: ApplyResult, size: number, encoding: string, secs: number): void {
  const pct = rejectedPercent(manifest.rows);
  for (const w of result.warnings) io.err(`warning: ${w}\n`);
  const { textFromRow, textRows, textToEnd } = result.reading;
  if (textFromRow !== null && textToEnd)
    io.err(
      `note: from row ${textFromRow} on, the file was read by the slower, careful reader (a quote the fast reader does not take; see errors.jsonl if that row was rejected)\n`,
    );
  else if (textFromRow !== null)
    io.err(
      `note: ${textRows === 1 ? `row ${textFromRow} was` : `${textRows} rows, the first row ${textFromRow}, were`} read by the slower, careful reader (quotes the fast reader does not take; see errors.jsonl for any it rejected); the fast reader read the others\n`,
    );
  const byCode = Object.entries(manifest.errorsByCode);
  io.err(
    `${manifest.rows.input} rows read from ${o.input} (${formatBytes(size)}, ${encoding}) in ${secs.toFixed(2)} s\n` +
      `  written:  ${manifest.rows.written} records in ${manifest.files.length} file(s) under ${o.out}\n` +
      `  rejected: ${manifest.rows.rejected} rows (${pct.toFixed(2)} %)${manifest.rows.rejected ? `, see ${join(o.out, 'errors.jsonl')}` : ''}\n` +
      (manifest.fieldErrors ? `  field errors in written rows: ${manifest.fieldErrors} (those fields were left out)\n` : '') +
      (byCode.length ? `  by code: ${byCode.map(([c, n]) => `${c} ${n}`).join(', ')}\n` : ''),
  );
}
