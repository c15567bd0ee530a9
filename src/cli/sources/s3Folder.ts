import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { Credentials, Location } from './location';
import { ChangedWhileRead, freeName, joinKey, keepLocally, type RemoteFile, type RemoteFolder, watchable } from './remoteFolder';

type S3Location = Extract<Location, { kind: 's3' }>;
type S3Credentials = Extract<Credentials, { kind: 's3' }>;

const status = (e: unknown) => (e instanceof S3ServiceException ? e.$metadata.httpStatusCode : undefined);

/**
 * An S3 prefix (AWS, or an S3-compatible endpoint with path-style addressing) as a watched
 * folder. An object appears only once its upload is complete, so "settled" means its ETag and
 * time stayed the same. A read is checked against the ETag seen before and after it; a move is
 * a copy made only from that same ETag, then a delete; where the credentials may not write the
 * prefix, the object is tagged `xdm-mapper-status=done|failed` instead.
 */
export class S3Folder implements RemoteFolder {
  readonly name: string;
  private readonly client: S3Client;
  private readonly prefix: string;
  /** ETags seen at the last stat, so that a move copies only the file that was read. */
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly location: S3Location,
    credentials: S3Credentials,
    private readonly outDir: string,
  ) {
    this.name = `s3://${location.bucket}/${location.prefix}`;
    this.prefix = location.prefix.replace(/\/+$/, '');
    this.client = new S3Client({
      region: credentials.region,
      credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken },
      ...(location.endpoint ? { endpoint: location.endpoint, forcePathStyle: true } : {}),
      maxAttempts: 6,
      // S3-compatible servers differ in the checksums they take; send them only where S3 needs them.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private key(name: string, sub?: string) {
    return joinKey(sub ? joinKey(this.prefix, sub) : this.prefix, name);
  }

  async list(): Promise<string[]> {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.location.bucket, Prefix: this.prefix ? `${this.prefix}/` : '', Delimiter: '/', ContinuationToken: token }),
      );
      for (const o of page.Contents ?? []) {
        const name = (o.Key ?? '').slice(this.prefix ? this.prefix.length + 1 : 0);
        if (watchable(name)) names.push(name);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return names.sort();
  }

  private async head(key: string): Promise<{ size: number; mtimeMs: number; etag: string } | null> {
    try {
      const h = await this.client.send(new HeadObjectCommand({ Bucket: this.location.bucket, Key: key }));
      return { size: Number(h.ContentLength ?? 0), mtimeMs: h.LastModified?.getTime() ?? 0, etag: h.ETag ?? '' };
    } catch (e) {
      if (status(e) === 404) return null;
      throw e;
    }
  }

  async stat(name: string): Promise<RemoteFile | null> {
    const h = await this.head(this.key(name));
    if (!h) return null;
    this.seen.set(name, h.etag);
    return { size: h.size, mtimeMs: h.mtimeMs, identity: `etag:${h.etag}:${h.size}`, link: false };
  }

  async read(name: string, to: string): Promise<void> {
    const before = await this.head(this.key(name));
    if (!before) throw new ChangedWhileRead(name, 'it is gone');
    let body: Readable;
    try {
      const got = await this.client.send(new GetObjectCommand({ Bucket: this.location.bucket, Key: this.key(name), IfMatch: before.etag }));
      body = got.Body as Readable;
    } catch (e) {
      if (status(e) === 412 || status(e) === 404) throw new ChangedWhileRead(name, 'replaced before it could be read');
      throw e;
    }
    try {
      await pipeline(body, createWriteStream(to));
    } catch (e) {
      // A server may cut the download of an object being replaced: say so when that is what happened.
      const now = await this.head(this.key(name)).catch(() => before);
      if (!now || now.etag !== before.etag) throw new ChangedWhileRead(name, 'replaced while it was downloaded');
      throw e;
    }
    const after = await this.head(this.key(name));
    if (!after || after.etag !== before.etag || after.size !== before.size) throw new ChangedWhileRead(name, 'replaced while it was downloaded');
    this.seen.set(name, before.etag);
  }

  async move(name: string, to: 'done' | 'failed'): Promise<string> {
    const etag = this.seen.get(name);
    const now = await this.head(this.key(name));
    if (!now || (etag && now.etag !== etag)) throw new ChangedWhileRead(name, 'replaced after it was read; left where it is');
    const moved = await freeName(name, async (c) => (await this.head(this.key(c, to))) !== null);
    try {
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.location.bucket,
          Key: this.key(moved, to),
          CopySource: `${this.location.bucket}/${this.key(name).split('/').map(encodeURIComponent).join('/')}`,
          CopySourceIfMatch: now.etag,
        }),
      );
      await this.client.send(new DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.key(name) }));
      return moved;
    } catch (e) {
      if (status(e) !== 403) throw e;
      // No right to write the prefix: mark the object where it is (the local state remembers it too).
      await this.client.send(
        new PutObjectTaggingCommand({ Bucket: this.location.bucket, Key: this.key(name), Tagging: { TagSet: [{ Key: 'xdm-mapper-status', Value: to }] } }),
      );
      return name;
    }
  }

  async keepOutputs(localDir: string, to: 'done' | 'failed', csvName: string): Promise<void> {
    const manifest = await keepLocally(this.outDir, localDir, to, csvName);
    if (manifest === null) return;
    await this.client
      .send(
        new PutObjectCommand({ Bucket: this.location.bucket, Key: this.key(`${csvName}.manifest.json`, to), Body: manifest, ContentType: 'application/json' }),
      )
      .catch((e) => {
        if (status(e) !== 403) throw e;
      });
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
