import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { credentialsFor, parseLocation } from '../../src/cli/sources/location';
import { openRemoteFolder } from '../../src/cli/sources/openFolder';
import { type RemoteBench, remoteFolderScenarios } from '../helpers/remoteScenarios';
import { watchOverRemote } from '../helpers/remoteWatchScenario';
import { type CutProxy, startCutProxy } from '../helpers/servers/cutProxy';
import { type S3Server, startS3 } from '../helpers/servers/s3';

let s3: S3Server;
let proxy: CutProxy;
let client: S3Client;
beforeAll(async () => {
  s3 = await startS3();
  proxy = await startCutProxy(s3.port);
  client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
});
afterAll(async () => {
  client?.destroy();
  await proxy?.close();
  await s3?.close();
});

const key = (folder: string, name: string) => `exports/${folder}/${name}`;

const bench = (): RemoteBench => ({
  open: (folder, out, viaProxy) => {
    const endpoint = viaProxy ? `http://127.0.0.1:${proxy.port}` : s3.endpoint;
    const location = parseLocation(`s3://${s3.bucket}/exports/${folder}`, endpoint);
    return openRemoteFolder(location, credentialsFor(location, s3.credentials), out);
  },
  put: async (folder, name, bytes) => {
    await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key(folder, name), Body: bytes }));
  },
  startSlowWrite: async (folder, name, first) => {
    // A multipart upload: the object exists only once it is completed, as S3 has it.
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key: key(folder, name) }));
    const parts: { ETag?: string; PartNumber: number }[] = [];
    const upload = async (bytes: Buffer) => {
      const PartNumber = parts.length + 1;
      const r = await client.send(new UploadPartCommand({ Bucket: s3.bucket, Key: key(folder, name), UploadId, PartNumber, Body: bytes }));
      parts.push({ ETag: r.ETag, PartNumber });
    };
    await upload(first);
    return {
      more: upload,
      finish: async () => {
        await client.send(new CompleteMultipartUploadCommand({ Bucket: s3.bucket, Key: key(folder, name), UploadId, MultipartUpload: { Parts: parts } }));
      },
    };
  },
  exists: async (folder, path) =>
    client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key(folder, path) })).then(
      () => true,
      () => false,
    ),
  readText: async (folder, path) => (await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key(folder, path) }))).Body!.transformToString(),
  proxy: () => proxy,
});

describe('an S3 prefix as a watched folder (s3rver on 127.0.0.1)', () => {
  remoteFolderScenarios(bench);
});

describe('xdm-mapper watch s3://…', () => {
  it('a slow writer, a replaced file, a kill mid-upload and a dropped connection: each file sent exactly once', async () => {
    await watchOverRemote(bench(), {
      url: (folder) => `s3://${s3.bucket}/exports/${folder}`,
      flags: ['--endpoint', `http://127.0.0.1:${proxy.port}`],
      env: s3.credentials,
    });
  }, 180_000);
});
