import { AepError, type ClientOptions } from '../ingest/aepClient';
import type { Io } from '../io';
import { UsageError } from '../io';
import { platformClient } from './connect';
import { cacheDir, schemaFileForDataset } from './schemas';

/**
 * `--dataset ID` in place of `--schema FILE`: the dataset's schema pulled from AEP (and cached
 * with its version), or the cached copy when AEP cannot be reached. Returns the local file.
 */
export async function schemaPathForDataset(
  datasetId: string,
  flags: { cache?: string; 'platform-url'?: string; 'ims-url'?: string },
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
  clientOptions: ClientOptions = {},
): Promise<string> {
  // A copy pulled earlier may stand in: do not keep the user waiting through every retry.
  const client = platformClient(io, env, flags, { maxAttempts: 3, baseDelayMs: 200, ...clientOptions });
  try {
    const r = await schemaFileForDataset(client, datasetId, {
      cache: cacheDir(flags.cache, env),
      sandbox: env.AEP_SANDBOX ?? '',
      say: (l) => io.err(`${l}\n`),
    });
    return r.path;
  } catch (e) {
    // A dataset that cannot give its schema is a problem with the command's arguments.
    if (e instanceof AepError) throw new UsageError(`the schema of dataset ${datasetId} could not be pulled: ${e.message}`);
    throw e;
  }
}
