import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { credentialsFor, parseLocation } from '../../src/cli/sources/location';
import { openRemoteFolder } from '../../src/cli/sources/openFolder';
import { type RemoteBench, remoteFolderScenarios } from '../helpers/remoteScenarios';
import { watchOverRemote } from '../helpers/remoteWatchScenario';
import { type AzuriteServer, startAzurite } from '../helpers/servers/azurite';
import { type CutProxy, startCutProxy } from '../helpers/servers/cutProxy';

let azurite: AzuriteServer;
let proxy: CutProxy;
let container: ContainerClient;
beforeAll(async () => {
  azurite = await startAzurite();
  proxy = await startCutProxy(azurite.port);
  container = BlobServiceClient.fromConnectionString(azurite.connectionString()).getContainerClient('exports');
  await container.createIfNotExists();
}, 90_000);
afterAll(async () => {
  await proxy?.close();
  await azurite?.close();
});

const key = (folder: string, name: string) => `incoming/${folder}/${name}`;

const bench = (): RemoteBench => ({
  open: (folder, out, viaProxy) => {
    const location = parseLocation(`azure://${azurite.account}/exports/incoming/${folder}`);
    const env = { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString(viaProxy ? proxy.port : azurite.port) };
    return openRemoteFolder(location, credentialsFor(location, env), out);
  },
  put: async (folder, name, bytes) => {
    await container.getBlockBlobClient(key(folder, name)).upload(bytes, bytes.length);
  },
  startSlowWrite: async (folder, name, first) => {
    // Blocks staged but not committed: the blob does not exist until the block list is.
    const blob = container.getBlockBlobClient(key(folder, name));
    const ids: string[] = [];
    const stage = async (bytes: Buffer) => {
      const id = Buffer.from(String(ids.length).padStart(6, '0')).toString('base64');
      await blob.stageBlock(id, bytes, bytes.length);
      ids.push(id);
    };
    await stage(first);
    return { more: stage, finish: async () => void (await blob.commitBlockList(ids)) };
  },
  exists: (folder, path) => container.getBlobClient(key(folder, path)).exists(),
  readText: async (folder, path) => (await container.getBlobClient(key(folder, path)).downloadToBuffer()).toString(),
  proxy: () => proxy,
});

describe('an Azure Blob prefix as a watched folder (Azurite on 127.0.0.1)', () => {
  remoteFolderScenarios(bench);
});

describe('xdm-mapper watch azure://…', () => {
  it('a slow writer, a replaced file, a kill mid-upload and a dropped connection: each file sent exactly once', async () => {
    await watchOverRemote(bench(), {
      url: (folder) => `azure://${azurite.account}/exports/incoming/${folder}`,
      flags: [],
      env: { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString(proxy.port) },
    });
  }, 180_000);
});
