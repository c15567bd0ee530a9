import { appendFileSync, chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { credentialsFor, parseLocation } from '../../src/cli/sources/location';
import { openRemoteFolder } from '../../src/cli/sources/openFolder';
import { type RemoteBench, remoteFolderScenarios } from '../helpers/remoteScenarios';
import { watchOverRemote } from '../helpers/remoteWatchScenario';
import { type CutProxy, startCutProxy } from '../helpers/servers/cutProxy';
import { type SshServer, startSshd } from '../helpers/servers/sshd';

let sshd: SshServer;
let proxy: CutProxy;
beforeAll(async () => {
  sshd = await startSshd();
  proxy = await startCutProxy(sshd.port);
}, 60_000);
afterAll(async () => {
  await proxy?.close();
  await sshd?.close();
});

/** Files land as the export job (the SFTP user) would leave them: owned by that user. */
function own(path: string) {
  const { uid, gid } = statSync(sshd.folder);
  chownSync(path, uid, gid);
}

const local = (folder: string, name: string) => join(sshd.folder, folder, name);

/** The folder of a file, made as the SFTP user's. */
function folderFor(path: string) {
  if (existsSync(dirname(path))) return;
  mkdirSync(dirname(path), { recursive: true });
  own(dirname(path));
}

const bench = (viaKey: boolean) => (): RemoteBench => ({
  open: (folder, out, viaProxy) => {
    if (!existsSync(join(sshd.folder, folder))) {
      mkdirSync(join(sshd.folder, folder));
      own(join(sshd.folder, folder));
    }
    const location = parseLocation(`sftp://${sshd.user}@127.0.0.1:${viaProxy ? proxy.port : sshd.port}${sshd.folder}/${folder}`);
    const env = viaKey ? { SFTP_PRIVATE_KEY_FILE: sshd.privateKeyFile } : { SFTP_PASSWORD: sshd.password };
    return openRemoteFolder(location, credentialsFor(location, env), out, { fingerprint: sshd.fingerprint });
  },
  put: async (folder, name, bytes) => {
    folderFor(local(folder, name));
    writeFileSync(local(folder, name), bytes);
    own(local(folder, name));
  },
  startSlowWrite: async (folder, name, first) => {
    folderFor(local(folder, name));
    writeFileSync(local(folder, name), first);
    own(local(folder, name));
    // The file grows on the server as an export job writes it (the size changes on every write).
    const more = async (bytes: Buffer) => {
      appendFileSync(local(folder, name), bytes);
    };
    return { more, finish: async () => {} };
  },
  exists: async (folder, path) => existsSync(local(folder, path)),
  readText: async (folder, path) => readFileSync(local(folder, path), 'utf8'),
  proxy: () => proxy,
  dropAll: () => sshd.dropSessions(),
});

describe('an SFTP folder as a watched folder (OpenSSH sshd on 127.0.0.1), password login', () => {
  remoteFolderScenarios(bench(false));
});

describe('an SFTP folder, private-key login', () => {
  remoteFolderScenarios(bench(true));
});

describe('xdm-mapper watch sftp://…', () => {
  it('a slow writer, a replaced file, a kill mid-upload and a dropped connection: each file sent exactly once', async () => {
    await watchOverRemote(bench(false)(), {
      url: (folder) => `sftp://${sshd.user}@127.0.0.1:${proxy.port}${sshd.folder}/${folder}`,
      flags: [],
      env: { SFTP_PASSWORD: sshd.password, SFTP_HOST_FINGERPRINT: sshd.fingerprint },
    });
  }, 180_000);
});
