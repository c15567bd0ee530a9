/// <reference lib="webworker" />
import { setUpRun } from '../../core/batch/runSetup';
import type { RowError } from '../../core/types';
import type { OutputFile, RunDone, RunRequest, WorkerMessage } from './protocol';
import { createRunFiles } from './runFiles';

/**
 * The full run, off the page's thread: the file streams through the core's ApplyRun chunk by
 * chunk; progress is posted at most every 100 ms. The page cancels by terminating the worker.
 */
const post = (m: WorkerMessage) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

self.onmessage = (e: MessageEvent<RunRequest>) => {
  run(e.data).catch((err: unknown) => post({ type: 'failed', message: err instanceof Error ? err.message : String(err) }));
};

async function run(req: RunRequest): Promise<void> {
  const started = performance.now();
  const sink = await createRunFiles();
  // The same setup as the command line's: schema, validator, mapping, run and manifest.
  const setup = setUpRun({
    schema: { path: req.schemaName, text: req.schemaText },
    mapping: { path: req.mappingName, text: req.mappingText },
    inputPath: req.fileName,
    sniffed: req.sniffed,
    sink,
    fileSize: req.fileSize,
  });
  if (!setup.ok) {
    const { what, details } = setup.problem;
    return post({ type: 'failed', message: `The ${what} cannot be used: ${details[0] ?? 'unknown problem'}` });
  }
  const apply = setup.prepared.run;
  const total = req.file.size;
  const progress = () =>
    post({
      type: 'progress',
      bytesRead: apply.counts.bytesRead,
      totalBytes: total,
      rows: apply.counts.input,
      written: apply.counts.written,
      rejected: apply.counts.rejected,
    });
  let last = 0;
  // Slices of a few megabytes, read while the previous one is mapped: fewer, larger reads than
  // the 64 KB pieces of a Blob stream.
  let next: Promise<ArrayBuffer> | null = total > 0 ? req.file.slice(0, Math.min(total, CHUNK)).arrayBuffer() : null;
  for (let at = 0; next; ) {
    const bytes = new Uint8Array(await next);
    at += bytes.length;
    next = at < total ? req.file.slice(at, Math.min(total, at + CHUNK)).arrayBuffer() : null;
    await apply.push(bytes);
    if (apply.failed) break;
    const now = performance.now();
    if (now - last > 100) {
      last = now;
      progress();
    }
  }
  const result = await apply.end();
  progress();
  const file = (w: { path: string; records: number; bytes: number }): OutputFile => ({ ...w, blob: sink.file(w.path) ?? new Blob([]) });
  const manifest = result.ok ? setup.prepared.manifest(result) : null;
  const errorsFile = result.errorsFile ? file(result.errorsFile) : null;
  const done: RunDone = {
    type: 'done',
    ok: result.ok,
    problems: result.problems.map((p) => p.message),
    files: result.files.map(file),
    errorsFile,
    manifest,
    examples: errorsFile ? await examplesOf(errorsFile.blob) : [],
    counts: result.counts,
    errorsByCode: result.errorsByCode,
    errorsByColumn: result.errorsByColumn,
    seconds: (performance.now() - started) / 1000,
  };
  post(done);
}

const CHUNK = 4 << 20;

/** Up to five errors of each column and each code, from the first 4 MB of the errors file. */
async function examplesOf(errors: Blob): Promise<RowError[]> {
  const text = await errors.slice(0, 4 * 1024 * 1024).text();
  const lines = text.split('\n');
  if (errors.size > 4 * 1024 * 1024) lines.pop();
  const perKey = new Map<string, number>();
  const out: RowError[] = [];
  for (const line of lines) {
    if (!line) continue;
    let e: RowError;
    try {
      e = JSON.parse(line) as RowError;
    } catch {
      continue;
    }
    const keys = [`col:${e.column ?? ''}`, `code:${e.code}`];
    if (keys.every((k) => (perKey.get(k) ?? 0) >= 5)) continue;
    for (const k of keys) perKey.set(k, (perKey.get(k) ?? 0) + 1);
    out.push(e);
  }
  return out;
}
