import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sha256Hex } from '../../core/hash';
import type { ApplyOptions } from '../applyOptions';
import { readText } from '../files';
import type { Io } from '../io';
import { type ApplyOutcome, type InputIdentity, runApply } from '../runApply';
import { fileSha256, loadState, type SourceKey, sameSource } from './state';

/** The source of a run: the input as read, the mapping's and schema's text, the options that decide the output. */
async function sourceKey(o: ApplyOptions, input: InputIdentity): Promise<SourceKey> {
  const [mapping, schema] = await Promise.all([readText(o.mapping, 'mapping file'), readText(o.schema, 'schema file')]);
  return {
    input,
    mappingSha256: sha256Hex(mapping),
    schemaSha256: sha256Hex(schema),
    options: JSON.stringify({ maxErrors: o.maxErrors, fileSize: o.fileSize, overrides: o.overrides, emptyCells: o.emptyCells ?? 'omit' }),
  };
}

/** `applied` is the mapping run, null when the files in the folder were kept. */
export type Mapped =
  | { code: 0; source: SourceKey; reused: boolean; applied: ApplyOutcome | null }
  | { code: 1 | 2 | 130; source: null; reused: false; applied: ApplyOutcome | null };

/**
 * Maps an input into `o.out` for an upload, unless the folder already holds this very data
 * mapped the same way with a batch begun for it: then the files stay as they are, so that the
 * upload continues (or finds done) that batch. Mapping again would write new files (a mapping
 * that generates ids writes different records every time) and send the same rows twice.
 */
export async function mapForIngest(o: ApplyOptions, io: Io, options: { newBatch?: boolean } = {}): Promise<Mapped> {
  const prior = options.newBatch ? null : await loadState(o.out);
  if (prior?.batchId && prior.source && existsSync(join(o.out, 'manifest.json'))) {
    const st = await stat(o.input).catch(() => null);
    // Only the same size can be the same data; the hash (one read of the file) decides.
    if (st?.isFile() && st.size === prior.source.input.bytes) {
      const input = { path: resolve(o.input), bytes: st.size, mtimeMs: st.mtimeMs, sha256: await fileSha256(o.input) };
      const source = await sourceKey(o, input);
      if (sameSource(prior.source, source)) {
        io.err(
          `${o.input} holds the same data, for the same mapping, schema and options, as the files in ${o.out} sent in batch ${prior.batchId}: not mapped again (--new-batch sends it as a new batch).\n`,
        );
        return { code: 0, source, reused: true, applied: null };
      }
    }
  }
  const applied = await runApply(o, io);
  if (applied.code !== 0 || !applied.input) return { code: applied.code === 0 ? 2 : applied.code, source: null, reused: false, applied };
  return { code: 0, source: await sourceKey(o, applied.input), reused: false, applied };
}
