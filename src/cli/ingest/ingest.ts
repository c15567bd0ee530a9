import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '../../core/batch/manifest';
import { formatBytes } from '../io';
import { type AepClient, AepError, type BatchInfo } from './aepClient';
import { checkedOutput } from './checkedOutput';
import { diagnosticsFileName } from './diagnostics';
import { type IngestState, loadState, type SourceKey, STATE_FILE, saveState } from './state';

export { MAX_BATCH_BYTES, MAX_FILES } from './checkedOutput';
/** Files above this go up in chunks (AEP's large-file upload). */
export const LARGE_FILE = 256 * 1024 * 1024;

const SUCCESS = new Set(['success', 'active']);
const FAILURE = new Set(['failed', 'aborted', 'abandoned', 'inactive', 'deleted']);

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
  /** What the files were mapped from, recorded with the batch (ingest INPUT.csv and watch). */
  source?: SourceKey | null;
  /** Start a new batch whatever ingest.json says was sent. */
  newBatch?: boolean;
}

export type IngestResult = { code: 0 | 1 | 4 | 5; batchId: string | null; outcome: BatchInfo | null };

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
  const { files, manifest } = await checkedOutput(o.dir);
  const save = (st: IngestState) => saveState(o.dir, st, (t) => o.client.redactor.redact(t));
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
    source: o.source ?? null,
    batchId: null,
    files: Object.assign(
      Object.create(null),
      Object.fromEntries(files.map((f) => [f.path, { bytes: f.bytes, sha256: f.sha256, status: 'pending' as const, sent: 0 }])),
    ),
    batchCompleted: false,
    outcome: null,
  });
  let state = (await loadState(o.dir)) ?? fresh();
  const sameFiles =
    files.every((f) => Object.hasOwn(state.files, f.path) && state.files[f.path]!.sha256 === f.sha256) && Object.keys(state.files).length === files.length;
  if (o.newBatch || state.datasetId !== o.datasetId || !sameFiles) state = fresh();
  else if (o.source) state.source = o.source;

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
      await save(state);
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
          await save(state);
        }
        await sendChunks(o, batchId, f.path, path, s, () => save(state));
      }
      s.status = 'uploaded';
      s.sent = f.bytes;
      await save(state);
      o.say(`Uploaded ${f.path} (${formatBytes(f.bytes)}, ${f.records} records).`);
    }
    if (!state.batchCompleted) {
      await o.client.completeBatch(batchId);
      state.batchCompleted = true;
      await save(state);
      o.say(`Completed batch ${batchId}; waiting for AEP to process it.`);
    }
  } catch (e) {
    if (!(e instanceof AepError)) throw e;
    const transient = e.status === null || e.status === 429 || (e.status !== null && e.status >= 500);
    if (transient) {
      o.say(
        `Stopped: ${e.message}.\nWhat was sent is recorded in ${join(o.dir, STATE_FILE)}: run the same command again to continue batch ${state.batchId ?? '(none yet)'}.`,
      );
      return { code: 4, batchId: state.batchId, outcome: null };
    }
    if (state.batchId) {
      await o.client.abortBatch(state.batchId).catch(() => {});
      o.say(`Aborted batch ${state.batchId}.`);
      state = { ...fresh() };
      await save(state);
    }
    o.say(`Failed: ${e.message}${e.body ? `\nAEP said: ${e.body.slice(0, 500)}` : ''}`);
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
  await saveState(o.dir, state, (t) => o.client.redactor.redact(t));
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
        const index: { name: string; file: string }[] = [];
        for (const d of diags) {
          const file = diagnosticsFileName(d.name, ['index.json', ...index.map((i) => i.file)]);
          try {
            await writeFile(join(dir, file), o.client.redactor.redact(d.text));
            index.push({ name: d.name, file });
          } catch (e) {
            o.say(`AEP's diagnostics file "${d.name}" could not be saved: ${(e as Error).message}`);
          }
        }
        await writeFile(join(dir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
        o.say(`Saved AEP's error diagnostics for ${index.length} file(s) in ${dir} (index.json names each one's file).`);
      }
    } catch (e) {
      o.say(`AEP's error diagnostics could not be fetched: ${(e as Error).message}`);
    }
  }
  return { code: SUCCESS.has(b.status) ? 0 : 1, batchId, outcome: b };
}

/**
 * Sends a large file's chunks from where AEP's acknowledgements stopped. A chunk that was sent
 * when the last run was killed may be on AEP's side already: resent, AEP refuses it as an
 * overlap. Then the next step (the next chunk, or completing the file) asks AEP whether it holds
 * it: accepted, the chunk was there and sending goes on; refused as well, the first error stands.
 */
async function sendChunks(
  o: IngestOptions,
  batchId: string,
  name: string,
  path: string,
  s: IngestState['files'][string],
  save: () => Promise<void>,
): Promise<void> {
  const total = s.bytes;
  // Everything was acknowledged but the file's completion was not recorded: it may be complete.
  const completionResent = s.sent === total;
  while (s.sent < total) {
    const end = Math.min(total, s.sent + o.chunkSize);
    const resend = s.inFlight?.start === s.sent && s.inFlight.end === end;
    s.inFlight = { start: s.sent, end };
    await save();
    try {
      await o.client.patchChunk(batchId, o.datasetId, name, path, s.sent, end, total);
    } catch (e) {
      if (!(resend && e instanceof AepError && e.status === 400)) throw e;
      o.say(`${name}: AEP refused the chunk at ${s.sent} sent again after an interruption; checking whether it holds it already.`);
      if (end < total) {
        const next = Math.min(total, end + o.chunkSize);
        try {
          await o.client.patchChunk(batchId, o.datasetId, name, path, end, next, total);
        } catch {
          throw e;
        }
        s.sent = next;
        s.inFlight = undefined;
        await save();
        continue;
      }
      try {
        await o.client.completeLargeFile(batchId, o.datasetId, name);
      } catch {
        throw e;
      }
      s.sent = total;
      s.inFlight = undefined;
      return;
    }
    s.sent = end;
    s.inFlight = undefined;
    await save();
  }
  try {
    await o.client.completeLargeFile(batchId, o.datasetId, name);
  } catch (e) {
    if (!(completionResent && e instanceof AepError && e.status === 400)) throw e;
    o.say(`${name}: AEP refused to complete the file again after an interruption; it was completed before.`);
  }
}
