import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopServer } from '../process';
import { ROOT } from '../samples';
import { freePort } from './freePort';

/** Azurite's documented development account (public, the same in every Azurite). */
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteServer {
  port: number;
  account: string;
  connectionString(port?: number): string;
  close(): Promise<void>;
}

/** Microsoft's Azurite (npm), its Blob service only, on a free port of 127.0.0.1, data in a temp folder. */
export async function startAzurite(): Promise<AzuriteServer> {
  const location = mkdtempSync(join(tmpdir(), 'xdm-azurite-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js'),
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--location',
      location,
      '--skipApiVersionCheck',
      '--loose',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`azurite did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('successfully listens')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (d) => {
      out += d;
    });
    child.once('exit', (code) => reject(new Error(`azurite exited with ${code}: ${out}`)));
  });
  return {
    port,
    account: ACCOUNT,
    connectionString: (p = port) => `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:${p}/${ACCOUNT};`,
    close: async () => {
      await stopServer(child);
      rmSync(location, { recursive: true, force: true });
    },
  };
}
