import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/**
 * An S3-compatible server on 127.0.0.1: s3rver (npm), storing objects on disk. It accepts any
 * access key (S3RVER / S3RVER by convention) and path-style addressing, as MinIO or Ceph do.
 * It does not enforce conditional requests (If-Match), so the folder code checks ETags itself.
 */
export interface S3Server {
  endpoint: string;
  port: number;
  bucket: string;
  credentials: { AWS_ACCESS_KEY_ID: string; AWS_SECRET_ACCESS_KEY: string; AWS_REGION: string };
  close(): Promise<void>;
}

export async function startS3(bucket = 'luma-exports'): Promise<S3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'xdm-s3rver-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = (await server.run()) as unknown as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    bucket,
    credentials: { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' },
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
