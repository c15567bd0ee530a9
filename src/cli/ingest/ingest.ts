import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '../../core/batch/manifest';
import { formatBytes } from '../io';
import { type AepClient, AepError, type BatchInfo, redact } from './aepClient';

/** AEP's limits for one batch. */
export const MAX_FILES = 1500;
export const MAX_BATCH_BYTES = 100 * 1024 ** 3;
/** Files above this go up in chunks (AEP's large-file upload). */
export const LARGE_FILE = 256 * 1024 * 1024;

const SUCCESS = new Set(['success', 'active']);
const FAILURE = new Set(['failed', 'aborted', 'abandoned', 'inactive', 'deleted']);

/** What a run sent, kept beside the manifest so that a second run continues instead of starting over. */
export interface IngestState {
  version: 1;
  datasetId: string;
  batchId: string | null;
  files: Record<string, { bytes: number; sha256: string; status: 'pending' | 'uploading' | 'uploaded'; sent: number }>;
  batchCompleted: boolean;
  outcome: (BatchInfo & { checkedAt: string }) | null;
}

export interface IngestOptions {
  dir: string;
  datasetId: string;
  maxErrors: number;
  client: AepClient;
  chunkSize: number;
  /** Files above this size go up in chunks (default: AEP's 256 MB). */
  largeFile?: number;
  pollMs: number;
  timeoutMs: number;
  dryRun: boolean;
  say: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

export type IngestResult = { code: 0 | 1 | 4 | 5; batchId: string | null; outcome: BatchInfo | null };

const STATE = 'ingest.json';

async function saveState(dir: string, state: IngestState): Promise<void> {
  const tmp = join(dir, `.${STATE}.partial`);
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`);
  await rename(tmp, join(dir, STATE));
}

async function readJson<T>(path: string): Promise<T | null> {
  if (!existsSync(path)) return null;
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

/** The files of an `apply` output folder, checked against AEP's batch limits. */
export async function readOutput(dir: string): Promise<{ manifest: Manifest; files: Manifest['files'] }> {
  const manifest = await readJson<Manifest>(join(dir, 'manifest.json'));
  if (!manifest) throw new AepError(`"${dir}" has no manifest.json: give the folder "xdm-mapper apply --out" wrote`, null, '');
  const files = manifest.files.filter((f) => f.records > 0);
  for (const f of files) if (!existsSync(join(dir, f.path))) throw new AepError(`${f.path} is listed in the manifest but missing from "${dir}"`, null, '');
  if (files.length > MAX_FILES)
    throw new AepError(`${files.length} files exceed AEP's limit of ${MAX_FILES} per batch: run apply again with a larger --file-size`, null, '');
  const total = files.reduce((n, f) => n + f.bytes, 0);
  if (total > MAX_BATCH_BYTES) throw new AepError(`${formatBytes(total)} exceeds AEP's limit of 100 GB per batch: split the input`, null, '');
  return { manifest, files };
}

/** Requests a run will make, for --dry-run. */
export function plan(files: Manifest['files'], datasetId: string, maxErrors: number, chunkSize: number, large = LARGE_FILE): string[] {
  const lines = [
    `POST /data/foundation/import/batches  {"datasetId": "${datasetId}", "inputFormat": {"format": "json"}, "enableErrorDiagnostics": true, "partialIngestionPercentage": ${maxErrors}}`,
  ];
  for (const f of files) {
    const at = `/data/foundation/import/batches/{BATCH_ID}/datasets/${datasetId}/files/${f.path}`;
    if (f.bytes <= large) lines.push(`PUT  ${at}  (${formatBytes(f.bytes)}, ${f.records} records)`);
    else {
      const chunks = Math.ceil(f.bytes / chunkSize);
      lines.push(`POST ${at}?action=INITIALIZE  (${formatBytes(f.bytes)}, ${f.records} records)`);
      lines.push(`PATCH ${at}  x ${chunks} chunks of up to ${formatBytes(chunkSize)}, Content-Range: bytes START-END/${f.bytes}`);
      lines.push(`POST ${at}?action=COMPLETE`);
    }
  }
  lines.push('POST /data/foundation/import/batches/{BATCH_ID}?action=COMPLETE');
  lines.push('GET  /data/foundation/catalog/batches/{BATCH_ID}  (until success or failure)');
  return lines;
}

/**
 * Sends an apply output folder to a dataset as one batch and waits for AEP's verdict. What was
 * sent is recorded in ingest.json after every file and every chunk, so a run that broke off is
 * continued by the next one: same batch, no file sent twice.
 */
export async function ingestFolder(o: IngestOptions): Promise<IngestResult> {
  const { files, manifest } = await readOutput(o.dir);
  const large = o.largeFile ?? LARGE_FILE;
  const sleep = o.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  if (o.dryRun) {
    o.say(`Plan for ${o.dir}: ${files.length} file(s), ${manifest.rows.written} records, dataset ${o.datasetId}`);
    for (const l of plan(files, o.datasetId, o.maxErrors, o.chunkSize, large)) o.say(`  ${l}`);
    o.say('Dry run: nothing was sent.');
    return { code: 0, batchId: null, outcome: null };
  }
  if (!files.length) {
    o.say('No records to ingest: the manifest lists no file with records.');
    return { code: 0, batchId: null, outcome: null };
  }
  const fresh = (): IngestState => ({
    version: 1,
    datasetId: o.datasetId,
    batchId: null,
    files: Object.fromEntries(files.map((f) => [f.path, { bytes: f.bytes, sha256: f.sha256, status: 'pending' as const, sent: 0 }])),
    batchCompleted: false,
    outcome: null,
  });
  let state = (await readJson<IngestState>(join(o.dir, STATE))) ?? fresh();
  const sameFiles = files.every((f) => state.files[f.path]?.sha256 === f.sha256) && Object.keys(state.files).length === files.length;
  if (state.datasetId !== o.datasetId || !sameFiles) state = fresh();

  if (state.batchId) {
    const b = await o.client.getBatch(state.batchId);
    if (SUCCESS.has(b.status)) {
      o.say(`Batch ${state.batchId} was already ingested (${b.status}); nothing to send again.`);
      return report(o, state, b, sleep);
    }
    if (FAILURE.has(b.status) || (state.batchCompleted && !['loading', 'loaded', 'queued', 'processing', 'staging', 'retrying'].includes(b.status))) {
      o.say(`Batch ${state.batchId} ended as "${b.status}"; starting a new batch.`);
      state = fresh();
    } else
      o.say(
        `Continuing batch ${state.batchId} (${b.status}): ${Object.values(state.files).filter((f) => f.status === 'uploaded').length} of ${files.length} file(s) already sent.`,
      );
  }

  try {
    if (!state.batchId) {
      state.batchId = await o.client.createBatch(o.datasetId, o.maxErrors);
      o.say(`Created batch ${state.batchId} for dataset ${o.datasetId}.`);
      await saveState(o.dir, state);
    }
    const batchId = state.batchId;
    for (const f of files) {
      const s = state.files[f.path]!;
      if (s.status === 'uploaded') continue;
      const path = join(o.dir, f.path);
      if (f.bytes <= large) {
        await o.client.putFile(batchId, o.datasetId, f.path, path, f.bytes);
      } else {
        if (s.status === 'pending') {
          await o.client.initializeLargeFile(batchId, o.datasetId, f.path);
          s.status = 'uploading';
          s.sent = 0;
          await saveState(o.dir, state);
        }
        while (s.sent < f.bytes) {
          const end = Math.min(f.bytes, s.sent + o.chunkSize);
          await o.client.patchChunk(batchId, o.datasetId, f.path, path, s.sent, end, f.bytes);
          s.sent = end;
          await saveState(o.dir, state);
        }
        await o.client.completeLargeFile(batchId, o.datasetId, f.path);
      }
      s.status = 'uploaded';
      s.sent = f.bytes;
      await saveState(o.dir, state);
      o.say(`Uploaded ${f.path} (${formatBytes(f.bytes)}, ${f.records} records).`);
    }
    if (!state.batchCompleted) {
      await o.client.completeBatch(batchId);
      state.batchCompleted = true;
      await saveState(o.dir, state);
      o.say(`Completed batch ${batchId}; waiting for AEP to process it.`);
    }
  } catch (e) {
    if (!(e instanceof AepError)) throw e;
    const transient = e.status === null || e.status === 429 || (e.status !== null && e.status >= 500);
    if (transient) {
      o.say(
        `Stopped: ${e.message}.\nWhat was sent is recorded in ${join(o.dir, STATE)}: run the same command again to continue batch ${state.batchId ?? '(none yet)'}.`,
      );
      return { code: 4, batchId: state.batchId, outcome: null };
    }
    if (state.batchId) {
      await o.client.abortBatch(state.batchId).catch(() => {});
      o.say(`Aborted batch ${state.batchId}.`);
      state = { ...fresh() };
      await saveState(o.dir, state);
    }
    o.say(`Failed: ${e.message}${e.body ? `\nAEP said: ${redact(e.body).slice(0, 500)}` : ''}`);
    return { code: 4, batchId: null, outcome: null };
  }
  return report(o, state, null, sleep);
}

/** Polls the batch until AEP says success or failure, then prints the outcome. */
async function report(o: IngestOptions, state: IngestState, known: BatchInfo | null, sleep: (ms: number) => Promise<void>): Promise<IngestResult> {
  const batchId = state.batchId!;
  const deadline = Date.now() + o.timeoutMs;
  let b = known ?? (await o.client.getBatch(batchId));
  while (!SUCCESS.has(b.status) && !FAILURE.has(b.status)) {
    if (Date.now() > deadline) {
      o.say(`Batch ${batchId} is still "${b.status}" after ${Math.round(o.timeoutMs / 1000)} s; run the same command later to see its outcome.`);
      return { code: 5, batchId, outcome: b };
    }
    await sleep(o.pollMs);
    b = await o.client.getBatch(batchId);
  }
  state.outcome = { ...b, checkedAt: new Date().toISOString() };
  await saveState(o.dir, state);
  const counts = [
    b.inputRecordCount !== undefined ? `${b.inputRecordCount} records in` : '',
    b.outputRecordCount !== undefined ? `${b.outputRecordCount} ingested` : '',
    b.failedRecordCount ? `${b.failedRecordCount} failed` : '',
  ]
    .filter(Boolean)
    .join(', ');
  o.say(`Batch ${batchId}: ${b.status}${counts ? ` (${counts})` : ''}.`);
  for (const e of b.errors) o.say(`  ${e.code}: ${e.description}${e.recordCount ? ` (${e.recordCount} records)` : ''}`);
  if (FAILURE.has(b.status) || (b.failedRecordCount ?? 0) > 0) {
    try {
      const diags = await o.client.errorDiagnostics(batchId);
      if (diags.length) {
        const dir = join(o.dir, 'aep-errors');
        await mkdir(dir, { recursive: true });
        for (const d of diags) await writeFile(join(dir, d.name.replace(/[^A-Za-z0-9._-]+/g, '_')), d.text);
        o.say(`Saved AEP's error diagnostics for ${diags.length} file(s) in ${dir}.`);
      }
    } catch (e) {
      o.say(`AEP's error diagnostics could not be fetched: ${(e as Error).message}`);
    }
  }
  return { code: SUCCESS.has(b.status) ? 0 : 1, batchId, outcome: b };
}
