import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BatchInfo } from './aepClient';

/**
 * What the mapped files were made from: the input (its path, size, time and hash), the mapping
 * and schema (their hashes) and the options that change what is written. A rerun with the same
 * source recognises the batch it already sent, even when the mapping writes different records
 * each time (`uuid()` into `_id`).
 */
export interface SourceKey {
  input: { path: string; bytes: number; mtimeMs: number; sha256: string };
  mappingSha256: string;
  schemaSha256: string;
  /** The options that decide the output, as JSON. */
  options: string;
}

export interface FileState {
  bytes: number;
  sha256: string;
  status: 'pending' | 'uploading' | 'uploaded';
  /** Bytes AEP acknowledged (chunked uploads). */
  sent: number;
  /** A chunk sent and not yet acknowledged when the state was saved: AEP may hold it already. */
  inFlight?: { start: number; end: number };
}

/** What a run sent, kept beside the manifest so that a second run continues instead of starting over. */
export interface IngestState {
  version: 1;
  datasetId: string;
  /** The data the files were mapped from, when ingest mapped them. */
  source: SourceKey | null;
  batchId: string | null;
  files: Record<string, FileState>;
  batchCompleted: boolean;
  outcome: (BatchInfo & { checkedAt: string }) | null;
}

export const STATE_FILE = 'ingest.json';

/** Writes the state through a temporary file, so that a kill leaves the old state or the new, never half. */
export async function saveState(dir: string, state: IngestState, redact: (t: string) => string = (t) => t): Promise<void> {
  const tmp = join(dir, `.${STATE_FILE}.partial`);
  await writeFile(tmp, redact(`${JSON.stringify(state, null, 2)}\n`));
  await rename(tmp, join(dir, STATE_FILE));
}

/** The saved state, or null when there is none or it cannot be read (then the run starts afresh). */
export async function loadState(dir: string): Promise<IngestState | null> {
  const path = join(dir, STATE_FILE);
  if (!existsSync(path)) return null;
  try {
    const s = JSON.parse(await readFile(path, 'utf8')) as IngestState;
    if (s?.version !== 1 || typeof s.files !== 'object' || s.files === null) return null;
    // Names from the file become keys: kept in a null-prototype object.
    s.files = Object.assign(Object.create(null), s.files);
    s.source ??= null;
    return s;
  } catch {
    return null;
  }
}

/** Whether two sources are the same data through the same mapping (the path and time may differ: a copy is the same data). */
export function sameSource(a: SourceKey | null, b: SourceKey | null): boolean {
  if (!a || !b) return false;
  return (
    a.input.sha256 === b.input.sha256 &&
    a.input.bytes === b.input.bytes &&
    a.mappingSha256 === b.mappingSha256 &&
    a.schemaSha256 === b.schemaSha256 &&
    a.options === b.options
  );
}

/** sha256 of a file's bytes, read as a stream. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
