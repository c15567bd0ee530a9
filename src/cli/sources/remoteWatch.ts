import { join, resolve } from 'node:path';
import type { Redactor } from '../ingest/secrets';
import type { WatchedFolder } from '../ingest/watchFolder';
import { type Io, UsageError } from '../io';
import { text } from '../options';
import { CREDENTIALS_HELP, credentialsFor, isRemote, parseLocation, secretsOf } from './location';
import { openRemoteFolder } from './openFolder';
import type { RemoteFolder } from './remoteFolder';

/** watch's options for a folder on a server. */
export const REMOTE_WATCH_OPTIONS = {
  out: text('DIR', "remote folders: where the watcher's state and each file's outputs are kept\n(OUT/done/NAME.xdm, OUT/failed/NAME.xdm)"),
  endpoint: text('URL', 'an S3-compatible endpoint (MinIO, Ceph, …), or a Blob endpoint for a SAS token'),
  'private-key': text('FILE', 'SFTP: log in with this private key instead of SFTP_PASSWORD'),
};

export const REMOTE_WATCH_HELP = `A folder on a server is watched the same way: s3://BUCKET/PREFIX, sftp://USER@HOST[:PORT]/PATH
or azure://ACCOUNT/CONTAINER/PREFIX, with --out DIR on this machine for the state and outputs.
Each CSV is moved on the server to done/ or failed/ beside it, with NAME.manifest.json (tagged
xdm-mapper-status where the credentials may not write there).
${CREDENTIALS_HELP}
SFTP_HOST_FINGERPRINT=SHA256:… pins the server's host key (watch prints the key it sees).`;

/**
 * The folder of a remote `watch DIR`: null for a local path. The credentials' values join the
 * run's redactor, so no message, state file or diagnostics file can carry them.
 */
export async function remoteWatch(
  dir: string,
  values: { out?: string; endpoint?: string; 'private-key'?: string },
  env: NodeJS.ProcessEnv,
  redactor: Redactor | undefined,
  io: Io,
): Promise<{ folder: WatchedFolder & RemoteFolder; stateDir: string } | null> {
  if (!isRemote(dir)) return null;
  if (!values.out) throw new UsageError(`watching ${dir} needs --out DIR: the folder on this machine for the watcher's state and the outputs`);
  const location = parseLocation(dir, values.endpoint);
  const credentials = credentialsFor(location, env, values['private-key']);
  for (const s of secretsOf(credentials)) redactor?.add(s);
  const out = resolve(values.out);
  const folder = await openRemoteFolder(location, credentials, out, { fingerprint: env.SFTP_HOST_FINGERPRINT, say: (l) => io.err(`${l}\n`) });
  return { folder, stateDir: join(out, '.xdm-mapper') };
}
