import { createReadStream, existsSync } from 'node:fs';
import { open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { compileValidator } from '../../core/validate/validator';
import { loadSchemaFile } from '../files';
import { type AepClient, AepError, type BatchInfo } from '../ingest/aepClient';
import { fileSha256 } from '../ingest/state';
import { formatBytes, type Io, UsageError } from '../io';
import { requestJson } from './platform';
import { cacheDir, schemaFileForDataset } from './schemas';

/** `.json`, `.jsonl`, `.ndjson`: records ready for the dataset, sent as they are. */
export const isJsonInput = (path: string) => /\.(json|jsonl|ndjson)$/i.test(path);

/** A JSON array (one document, AEP's `isMultiLineJson`) or JSON Lines (one record a line), decided by the first character. */
async function shapeOf(path: string): Promise<'array' | 'lines'> {
  const fh = await open(path, 'r').catch(() => {
    throw new UsageError(`input "${path}" does not exist or cannot be read`);
  });
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const first = buf
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart()[0];
    if (first === '[') return 'array';
    if (first === '{') return 'lines';
    throw new UsageError(
      `"${path}" is neither a JSON array of records nor JSON Lines (it starts with ${first === undefined ? 'nothing' : JSON.stringify(first)})`,
    );
  } finally {
    await fh.close();
  }
}

/**
 * A record as AEP reads it: a field whose value is null is absent (the tutorial's files hold
 * nulls for unknown values). A null in a required field then reads as missing, as it should.
 */
function withoutNulls(value: unknown, depth = 0): unknown {
  if (depth > 200 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => withoutNulls(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    if (v !== null) Object.defineProperty(out, k, { value: withoutNulls(v, depth + 1), enumerable: true, writable: true, configurable: true });
  return out;
}

interface Invalid {
  where: string;
  messages: string[];
}

/** Every record checked against the schema; what does not parse or does not fit is named. */
async function validateRecords(path: string, shape: 'array' | 'lines', check: (r: unknown) => string[]): Promise<{ records: number; invalid: Invalid[] }> {
  const invalid: Invalid[] = [];
  let records = 0;
  if (shape === 'array') {
    let arr: unknown;
    try {
      arr = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new UsageError(`"${path}" starts like a JSON array but is not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(arr)) throw new UsageError(`"${path}" is not a JSON array`);
    arr.forEach((rec, i) => {
      records++;
      const m = check(rec);
      if (m.length) invalid.push({ where: `record ${i + 1}`, messages: m });
    });
    return { records, invalid };
  }
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY })) {
    line++;
    if (text.trim() === '') continue;
    records++;
    let rec: unknown;
    try {
      rec = JSON.parse(text);
    } catch (e) {
      invalid.push({ where: `line ${line}`, messages: [`not JSON: ${(e as Error).message}`] });
      continue;
    }
    const m = check(rec);
    if (m.length) invalid.push({ where: `line ${line}`, messages: m });
  }
  return { records, invalid };
}

export interface JsonIngestOptions {
  input: string;
  datasetId: string;
  schema?: string;
  cache?: string;
  maxErrors: number;
  largeFile: number;
  chunkSize: number;
  pollMs: number;
  timeoutMs: number;
  dryRun: boolean;
  client: AepClient | null;
  env: NodeJS.ProcessEnv;
  io: Io;
}

/** What was sent for a JSON file, kept beside it, so that a rerun continues or reports that batch. */
interface JsonState {
  datasetId: string;
  sha256: string;
  batchId: string;
  uploaded: boolean;
  completed: boolean;
}

const SUCCESS = new Set(['success', 'active']);
const FAILURE = new Set(['failed', 'aborted', 'abandoned', 'inactive', 'deleted']);

/**
 * `ingest --dataset ID FILE.json`: a file of XDM records (a JSON array such as the tutorial's
 * luma-loyalty.json, or JSON Lines) checked locally against the dataset's schema, record by
 * record, then sent as it is in one batch (`inputFormat: {format: json, isMultiLineJson: true}`
 * for an array, as the Batch Ingestion API requires for a document spread over lines).
 */
export async function ingestJson(o: JsonIngestOptions): Promise<{ code: number; summary: Record<string, unknown> }> {
  const say = (l: string) => o.io.err(`${l}\n`);
  const shape = await shapeOf(o.input);
  let schemaPath = o.schema;
  if (!schemaPath) {
    if (!o.client) throw new UsageError('a dry run without AEP credentials needs --schema FILE to check the records');
    schemaPath = (await schemaFileForDataset(o.client, o.datasetId, { cache: cacheDir(o.cache, o.env), sandbox: o.env.AEP_SANDBOX ?? '', say })).path;
  }
  const schema = await loadSchemaFile(schemaPath);
  const compiled = compileValidator(schema.result.tree.jsonSchema);
  if (!compiled.ok) throw new UsageError(compiled.message);
  const { records, invalid } = await validateRecords(o.input, shape, (r) => compiled.validator.validate(withoutNulls(r)).map((v) => v.message));
  const pct = records ? (100 * invalid.length) / records : 0;
  for (const bad of invalid.slice(0, 20)) say(`${bad.where}: ${bad.messages.join('; ')}`);
  if (invalid.length > 20) say(`… and ${invalid.length - 20} more invalid records`);
  say(
    `${records} records in ${o.input} (${shape === 'array' ? 'a JSON array' : 'JSON Lines'}) checked against ${schema.result.tree.title}: ${records - invalid.length} valid, ${invalid.length} invalid`,
  );
  const base = { input: o.input, shape, records, invalid: invalid.length, invalidRecords: invalid.slice(0, 50) };
  if (!records) return { code: 0, summary: { ...base, batchId: null, sent: false } };
  if (pct > o.maxErrors) {
    say(`Nothing was sent: ${pct.toFixed(2)} % of the records are invalid, more than --max-errors ${o.maxErrors} % (AEP would fail the batch).`);
    return { code: 1, summary: { ...base, batchId: null, sent: false } };
  }
  const size = (await stat(o.input)).size;
  const name = basename(o.input);
  const inputFormat = shape === 'array' ? { format: 'json', isMultiLineJson: true } : { format: 'json' };
  const createBody = {
    datasetId: o.datasetId,
    inputFormat,
    enableErrorDiagnostics: true,
    ...(o.maxErrors > 0 ? { partialIngestionPercent: o.maxErrors } : {}),
  };
  if (o.dryRun || !o.client) {
    say(`Plan: POST ${'/data/foundation/import/batches'}  ${JSON.stringify(createBody)}`);
    say(
      `      ${size > o.largeFile ? 'POST …?action=INITIALIZE, PATCH chunks, POST …?action=COMPLETE' : 'PUT'} /data/foundation/import/batches/{BATCH_ID}/datasets/${o.datasetId}/files/${name}  (${formatBytes(size)}, as it is)`,
    );
    say('      POST /data/foundation/import/batches/{BATCH_ID}?action=COMPLETE, then GET /data/foundation/catalog/batches/{BATCH_ID}');
    say('Dry run: nothing was sent.');
    return { code: 0, summary: { ...base, batchId: null, sent: false, plan: createBody } };
  }
  const client = o.client;
  const statePath = `${o.input}.ingest.json`;
  const sha256 = await fileSha256(o.input);
  let state = existsSync(statePath) ? (JSON.parse(await readFile(statePath, 'utf8')) as JsonState) : null;
  if (state && (state.sha256 !== sha256 || state.datasetId !== o.datasetId)) state = null;
  const save = async (s: JsonState) => {
    await writeFile(`${statePath}.partial`, `${JSON.stringify(s, null, 2)}\n`);
    await rename(`${statePath}.partial`, statePath);
  };
  if (state) {
    const b = await client.getBatch(state.batchId);
    if (FAILURE.has(b.status)) state = null;
    else say(`${o.input} was sent before in batch ${state.batchId} (${b.status}): continuing that batch, nothing is sent twice.`);
  }
  if (!state) {
    const created = await requestJson<{ id?: string }>(client, 'POST', '/data/foundation/import/batches', createBody);
    if (!created.id) throw new AepError('creating the batch returned no batch id', null, '');
    state = { datasetId: o.datasetId, sha256, batchId: created.id, uploaded: false, completed: false };
    await save(state);
    say(`Created batch ${state.batchId} for dataset ${o.datasetId}${shape === 'array' ? ' (isMultiLineJson)' : ''}.`);
  }
  if (!state.uploaded) {
    if (size <= o.largeFile) await client.putFile(state.batchId, o.datasetId, name, o.input, size);
    else {
      await client.initializeLargeFile(state.batchId, o.datasetId, name);
      for (let at = 0; at < size; at += o.chunkSize)
        await client.patchChunk(state.batchId, o.datasetId, name, o.input, at, Math.min(size, at + o.chunkSize), size);
      await client.completeLargeFile(state.batchId, o.datasetId, name);
    }
    state.uploaded = true;
    await save(state);
    say(`Uploaded ${name} (${formatBytes(size)}, ${records} records).`);
  }
  if (!state.completed) {
    await client.completeBatch(state.batchId);
    state.completed = true;
    await save(state);
  }
  const deadline = Date.now() + o.timeoutMs;
  let b: BatchInfo = await client.getBatch(state.batchId);
  while (!SUCCESS.has(b.status) && !FAILURE.has(b.status)) {
    if (Date.now() > deadline) {
      say(`Batch ${state.batchId} is still "${b.status}"; run the same command later to see its outcome.`);
      return { code: 5, summary: { ...base, batchId: state.batchId, sent: true, batch: b } };
    }
    await new Promise((r) => setTimeout(r, o.pollMs));
    b = await client.getBatch(state.batchId);
  }
  say(
    `Batch ${state.batchId}: ${b.status}${b.outputRecordCount !== undefined ? ` (${b.inputRecordCount ?? '?'} records in, ${b.outputRecordCount} ingested)` : ''}.`,
  );
  for (const e of b.errors) say(`  ${e.code}: ${e.description}`);
  return { code: SUCCESS.has(b.status) ? 0 : 1, summary: { ...base, batchId: state.batchId, sent: true, batch: b } };
}
