import { BlobServiceClient, type ContainerClient, RestError } from '@azure/storage-blob';
import type { Credentials, Location } from './location';
import { ChangedWhileRead, freeName, joinKey, keepLocally, type RemoteFile, type RemoteFolder, watchable } from './remoteFolder';

type AzureLocation = Extract<Location, { kind: 'azure' }>;
type AzureCredentials = Extract<Credentials, { kind: 'azure' }>;

const status = (e: unknown) => (e instanceof RestError ? e.statusCode : undefined);

/**
 * An Azure Blob container prefix as a watched folder. Block blobs appear once their blocks are
 * committed; a read downloads only the ETag seen when it began (the service refuses the rest
 * of a replaced blob); a move is a server-side copy from that ETag, then a delete of that ETag.
 * Where the credentials (a read-only SAS) may not write, the blob gets the index tag
 * `xdmmapperstatus=done|failed` instead.
 */
export class AzureFolder implements RemoteFolder {
  readonly name: string;
  private readonly container: ContainerClient;
  private readonly prefix: string;
  private readonly seen = new Map<string, string>();

  constructor(
    location: AzureLocation,
    credentials: AzureCredentials,
    private readonly outDir: string,
  ) {
    this.name = `azure://${location.account}/${location.container}/${location.prefix}`;
    this.prefix = location.prefix.replace(/\/+$/, '');
    const retryOptions = { maxTries: 6, retryDelayInMs: 200, maxRetryDelayInMs: 5000 };
    const service =
      'connectionString' in credentials
        ? BlobServiceClient.fromConnectionString(credentials.connectionString, { retryOptions })
        : new BlobServiceClient(`${location.endpoint ?? `https://${location.account}.blob.core.windows.net`}?${credentials.sasToken}`, undefined, {
            retryOptions,
          });
    this.container = service.getContainerClient(location.container);
  }

  private key(name: string, sub?: string) {
    return joinKey(sub ? joinKey(this.prefix, sub) : this.prefix, name);
  }

  async list(): Promise<string[]> {
    const names: string[] = [];
    for await (const item of this.container.listBlobsByHierarchy('/', { prefix: this.prefix ? `${this.prefix}/` : '' })) {
      if (item.kind !== 'blob') continue;
      const name = item.name.slice(this.prefix ? this.prefix.length + 1 : 0);
      if (watchable(name)) names.push(name);
    }
    return names.sort();
  }

  private async props(key: string): Promise<{ size: number; mtimeMs: number; etag: string } | null> {
    try {
      const p = await this.container.getBlobClient(key).getProperties();
      return { size: Number(p.contentLength ?? 0), mtimeMs: p.lastModified?.getTime() ?? 0, etag: p.etag ?? '' };
    } catch (e) {
      if (status(e) === 404) return null;
      throw e;
    }
  }

  async stat(name: string): Promise<RemoteFile | null> {
    const p = await this.props(this.key(name));
    if (!p) return null;
    this.seen.set(name, p.etag);
    return { size: p.size, mtimeMs: p.mtimeMs, identity: `etag:${p.etag}:${p.size}`, link: false };
  }

  async read(name: string, to: string): Promise<void> {
    const before = await this.props(this.key(name));
    if (!before) throw new ChangedWhileRead(name, 'it is gone');
    try {
      await this.container.getBlobClient(this.key(name)).downloadToFile(to, 0, undefined, { conditions: { ifMatch: before.etag } });
    } catch (e) {
      if (status(e) === 412 || status(e) === 404) throw new ChangedWhileRead(name, 'replaced while it was downloaded');
      throw e;
    }
    // A download served in one response is not stopped by the condition: look again.
    const after = await this.props(this.key(name));
    if (!after || after.etag !== before.etag) throw new ChangedWhileRead(name, 'replaced while it was downloaded');
    this.seen.set(name, before.etag);
  }

  async move(name: string, to: 'done' | 'failed'): Promise<string> {
    const source = this.container.getBlobClient(this.key(name));
    const etag = this.seen.get(name);
    const now = await this.props(this.key(name));
    if (!now || (etag && now.etag !== etag)) throw new ChangedWhileRead(name, 'replaced after it was read; left where it is');
    const moved = await freeName(name, async (c) => (await this.props(this.key(c, to))) !== null);
    try {
      const copy = await this.container.getBlobClient(this.key(moved, to)).beginCopyFromURL(source.url, { sourceConditions: { ifMatch: now.etag } });
      await copy.pollUntilDone();
      await source.delete({ conditions: { ifMatch: now.etag } });
      return moved;
    } catch (e) {
      if (status(e) === 412) throw new ChangedWhileRead(name, 'replaced while it was moved; left where it is');
      if (status(e) !== 403) throw e;
      await source.setTags({ xdmmapperstatus: to });
      return name;
    }
  }

  async keepOutputs(localDir: string, to: 'done' | 'failed', csvName: string): Promise<void> {
    const manifest = await keepLocally(this.outDir, localDir, to, csvName);
    if (manifest === null) return;
    await this.container
      .getBlockBlobClient(this.key(`${csvName}.manifest.json`, to))
      .upload(manifest, Buffer.byteLength(manifest), { blobHTTPHeaders: { blobContentType: 'application/json' } })
      .catch((e) => {
        if (status(e) !== 403) throw e;
      });
  }

  async close(): Promise<void> {}
}
