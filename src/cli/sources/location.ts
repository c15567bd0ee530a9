import { readFileSync } from 'node:fs';
import { UsageError } from '../io';

/** A remote folder, as the user names it on the command line (never with a secret in it). */
export type Location =
  | { kind: 's3'; bucket: string; prefix: string; endpoint?: string }
  | { kind: 'sftp'; user: string; host: string; port: number; path: string }
  | { kind: 'azure'; account: string; container: string; prefix: string; endpoint?: string };

/** The URL of a location without credentials, for messages, state files and ids. */
export function describeLocation(l: Location): string {
  if (l.kind === 's3') return `s3://${l.bucket}/${l.prefix}`;
  if (l.kind === 'sftp') return `sftp://${l.user}@${l.host}${l.port === 22 ? '' : `:${l.port}`}${l.path}`;
  return `azure://${l.account}/${l.container}/${l.prefix}`;
}

export const isRemote = (text: string) => /^(s3|sftp|azure):\/\//i.test(text);

/**
 * `s3://bucket/prefix`, `sftp://user@host[:port]/path`, `azure://account/container/prefix`.
 * A password in the URL is refused: it would stay in the shell's history and in process lists.
 */
export function parseLocation(text: string, endpoint?: string): Location {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`"${text}" is not a location: give s3://BUCKET/PREFIX, sftp://USER@HOST[:PORT]/PATH or azure://ACCOUNT/CONTAINER/PREFIX`);
  }
  const scheme = url.protocol.replace(/:$/, '').toLowerCase();
  const path = decodeURIComponent(url.pathname);
  if (url.password) throw new UsageError(`put the password in SFTP_PASSWORD, not in the URL (it would stay in the shell's history)`);
  if (url.search || url.hash) throw new UsageError(`"${text}": a location has no ?query or #fragment (credentials come from the environment)`);
  if (scheme === 's3') {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(url.hostname))
      throw new UsageError(`"${url.hostname}" is not an S3 bucket name (3 to 63 lowercase letters, digits, dots, hyphens)`);
    return { kind: 's3', bucket: url.hostname, prefix: path.replace(/^\/+/, ''), ...(endpoint ? { endpoint } : {}) };
  }
  if (scheme === 'sftp') {
    if (!url.username) throw new UsageError(`"${text}": name the SFTP user, as sftp://USER@HOST/PATH`);
    if (!url.hostname) throw new UsageError(`"${text}": name the SFTP host`);
    return { kind: 'sftp', user: decodeURIComponent(url.username), host: url.hostname, port: url.port ? Number(url.port) : 22, path: path || '/' };
  }
  if (scheme === 'azure') {
    const [container, ...rest] = path.replace(/^\/+/, '').split('/');
    if (!url.hostname || !container) throw new UsageError(`"${text}": give azure://ACCOUNT/CONTAINER/PREFIX`);
    return { kind: 'azure', account: url.hostname, container, prefix: rest.join('/'), ...(endpoint ? { endpoint } : {}) };
  }
  throw new UsageError(`"${text}": the location must start with s3://, sftp:// or azure://`);
}

/** Credentials of a location, read from the environment (and a key file): never from a flag's value. */
export type Credentials =
  | { kind: 's3'; accessKeyId: string; secretAccessKey: string; sessionToken?: string; region: string }
  | { kind: 'sftp'; password: string }
  | { kind: 'sftp'; privateKey: string; passphrase?: string }
  | { kind: 'azure'; connectionString: string }
  | { kind: 'azure'; sasToken: string };

/** Every secret value of a set of credentials, for redaction by value. */
export function secretsOf(c: Credentials): string[] {
  const all = Object.entries(c).filter(([k]) => !['kind', 'accessKeyId', 'region'].includes(k));
  return all.map(([, v]) => String(v)).filter((v) => v.length >= 4);
}

/** What each location reads from the environment, for help texts. */
export const CREDENTIALS_HELP = `Credentials come from the environment, never from the command line:
  s3://     AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (AWS_SESSION_TOKEN, AWS_REGION optional)
  sftp://   SFTP_PASSWORD, or a private key: --private-key FILE or SFTP_PRIVATE_KEY_FILE
            (SFTP_PASSPHRASE when the key has one)
  azure://  AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_SAS_TOKEN (the query part of a SAS URL)`;

export function credentialsFor(l: Location, env: NodeJS.ProcessEnv, privateKeyFile?: string): Credentials {
  const need = (names: string[]) => {
    throw new UsageError(`set ${names.join(' and ')} in the environment for ${describeLocation(l)}`);
  };
  if (l.kind === 's3') {
    if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) need(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']);
    return {
      kind: 's3',
      accessKeyId: env.AWS_ACCESS_KEY_ID!,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY!,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
      region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
    };
  }
  if (l.kind === 'sftp') {
    const keyFile = privateKeyFile ?? env.SFTP_PRIVATE_KEY_FILE;
    if (keyFile) {
      let privateKey: string;
      try {
        privateKey = readFileSync(keyFile, 'utf8');
      } catch (e) {
        throw new UsageError(`cannot read the private key "${keyFile}": ${(e as Error).message}`);
      }
      return { kind: 'sftp', privateKey, ...(env.SFTP_PASSPHRASE ? { passphrase: env.SFTP_PASSPHRASE } : {}) };
    }
    if (!env.SFTP_PASSWORD) need(['SFTP_PASSWORD (or --private-key FILE, or SFTP_PRIVATE_KEY_FILE)']);
    return { kind: 'sftp', password: env.SFTP_PASSWORD! };
  }
  if (env.AZURE_STORAGE_CONNECTION_STRING) return { kind: 'azure', connectionString: env.AZURE_STORAGE_CONNECTION_STRING };
  if (env.AZURE_STORAGE_SAS_TOKEN) return { kind: 'azure', sasToken: env.AZURE_STORAGE_SAS_TOKEN.replace(/^\?/, '') };
  return need(['AZURE_STORAGE_CONNECTION_STRING (or AZURE_STORAGE_SAS_TOKEN)']);
}
