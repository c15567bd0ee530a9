import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { posix } from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import type { Credentials, Location } from './location';
import { ChangedWhileRead, freeName, keepLocally, type RemoteFile, type RemoteFolder, watchable } from './remoteFolder';

type SftpLocation = Extract<Location, { kind: 'sftp' }>;
type SftpCredentials = Extract<Credentials, { kind: 'sftp' }>;

/** Errors after which a new connection is worth one more try: the old one broke. */
const BROKEN = /ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|No SFTP connection|Not connected|connection (lost|closed|ended)|socket|Channel open failure|end event/i;

/**
 * A folder on an SFTP server as a watched folder. SFTP has no ETag: a file is known by its size
 * and modification time, re-read after the download to be sure it did not change meanwhile; a
 * move is a rename on the server into `done/` or `failed/` beside it. A broken connection is
 * opened again (once per operation). The server's host key is checked against
 * SFTP_HOST_FINGERPRINT (`SHA256:…`, as `ssh-keygen -lf` prints it) when that is set; otherwise
 * its fingerprint is printed, so that it can be pinned.
 */
export class SftpFolder implements RemoteFolder {
  readonly name: string;
  private client: SftpClient | null = null;
  /** Size and time at the last stat or read, so that a move moves only the file that was read. */
  private readonly seen = new Map<string, string>();
  private connecting: Promise<SftpClient> | null = null;

  constructor(
    private readonly location: SftpLocation,
    private readonly credentials: SftpCredentials,
    private readonly outDir: string,
    private readonly options: { fingerprint?: string; say?: (line: string) => void } = {},
  ) {
    this.name = `sftp://${location.user}@${location.host}${location.port === 22 ? '' : `:${location.port}`}${location.path}`;
  }

  private async connect(): Promise<SftpClient> {
    const client = new SftpClient('xdm-mapper');
    const { fingerprint, say } = this.options;
    let seen = '';
    await client.connect({
      host: this.location.host,
      port: this.location.port,
      username: this.location.user,
      ...('password' in this.credentials
        ? { password: this.credentials.password }
        : { privateKey: this.credentials.privateKey, passphrase: this.credentials.passphrase }),
      readyTimeout: 15_000,
      retries: 2,
      retry_minTimeout: 500,
      hostVerifier: (key: Buffer) => {
        seen = `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
        return !fingerprint || fingerprint === seen;
      },
    });
    if (!fingerprint && say) say(`note: ${this.location.host}'s host key is ${seen}; set SFTP_HOST_FINGERPRINT=${seen} to refuse any other`);
    // A connection that ends (server restart, network) is dropped here and opened anew on next use.
    client.on('end', () => {
      if (this.client === client) this.client = null;
    });
    client.on('close', () => {
      if (this.client === client) this.client = null;
    });
    return client;
  }

  private async use<T>(op: (c: SftpClient) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (!this.client) {
        this.connecting ??= this.connect().finally(() => {
          this.connecting = null;
        });
        this.client = await this.connecting;
      }
      const client = this.client;
      try {
        return await op(client);
      } catch (e) {
        if (attempt > 0 || !BROKEN.test(String((e as Error).message ?? e))) throw e;
        this.client = null;
        await client.end().catch(() => {});
      }
    }
  }

  private path(name: string, sub?: string) {
    return sub ? posix.join(this.location.path, sub, name) : posix.join(this.location.path, name);
  }

  async list(): Promise<string[]> {
    const entries = await this.use((c) => c.list(this.location.path));
    return entries
      .filter((e) => e.type === '-' && watchable(e.name))
      .map((e) => e.name)
      .sort();
  }

  private async attrs(path: string): Promise<{ size: number; mtimeMs: number } | null> {
    return this.use(async (c) => {
      if ((await c.exists(path)) !== '-') return null;
      const st = await c.stat(path);
      return { size: st.size, mtimeMs: st.modifyTime };
    });
  }

  async stat(name: string): Promise<RemoteFile | null> {
    const a = await this.attrs(this.path(name));
    if (a) this.seen.set(name, `${a.size}:${a.mtimeMs}`);
    return a ? { size: a.size, mtimeMs: a.mtimeMs, identity: `sftp:${a.size}:${a.mtimeMs}`, link: false } : null;
  }

  async read(name: string, to: string): Promise<void> {
    const before = await this.attrs(this.path(name));
    if (!before) throw new ChangedWhileRead(name, 'it is gone');
    const bytes = (await this.use((c) => c.get(this.path(name)))) as Buffer;
    const after = await this.attrs(this.path(name));
    if (!after || after.size !== before.size || after.mtimeMs !== before.mtimeMs || bytes.length !== before.size)
      throw new ChangedWhileRead(name, 'its size or time changed while it was downloaded');
    await writeFile(to, bytes);
    this.seen.set(name, `${before.size}:${before.mtimeMs}`);
  }

  async move(name: string, to: 'done' | 'failed'): Promise<string> {
    const now = await this.attrs(this.path(name));
    const seen = this.seen.get(name);
    if (!now || (seen && seen !== `${now.size}:${now.mtimeMs}`)) throw new ChangedWhileRead(name, 'replaced after it was read; left where it is');
    const dir = posix.join(this.location.path, to);
    await this.use(async (c) => {
      if ((await c.exists(dir)) !== 'd') await c.mkdir(dir, true);
    });
    const moved = await freeName(name, async (candidate) => (await this.use((c) => c.exists(this.path(candidate, to)))) !== false);
    await this.use((c) => c.rename(this.path(name), this.path(moved, to)));
    return moved;
  }

  async keepOutputs(localDir: string, to: 'done' | 'failed', csvName: string): Promise<void> {
    const manifest = await keepLocally(this.outDir, localDir, to, csvName);
    if (manifest !== null) await this.use((c) => c.put(Buffer.from(manifest), this.path(`${csvName}.manifest.json`, to)));
  }

  async close(): Promise<void> {
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
  }
}
