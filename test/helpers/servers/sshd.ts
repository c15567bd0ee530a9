import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopServer } from '../process';
import { freePort } from './freePort';

/**
 * Debian's OpenSSH server on a free high port of 127.0.0.1, started by the test and stopped
 * with it: its own host key, configuration and pid file in a temp folder, SFTP only (internal-
 * sftp), one test user who may log in with a password or a key. The user is a system account
 * created once (tests run as root here; `.ci/run` installs openssh-server when it is missing).
 */
export interface SshServer {
  port: number;
  host: '127.0.0.1';
  user: string;
  password: string;
  /** A private key file (OpenSSH ed25519) the user's authorized_keys accepts. */
  privateKeyFile: string;
  /** The folder the user's files land in (SFTP path and local path are the same). */
  folder: string;
  /** `SHA256:…` of the server's host key. */
  fingerprint: string;
  /** Ends every SFTP session (each runs in its own sshd process), as a dropped connection would. */
  dropSessions(): void;
  close(): Promise<void>;
}

const USER = 'xdm-sftp-test';
export const SSHD = '/usr/sbin/sshd';

/** The SFTP tests fail loudly, never skip, where the machine cannot run them. */
function requireSshd(): void {
  if (!existsSync(SSHD)) throw new Error(`${SSHD} is missing: install Debian's openssh-server (.ci/run does)`);
  if (process.getuid?.() !== 0) throw new Error('the SFTP tests add a local test user for sshd, which needs root');
}

function ensureUser(password: string): string {
  try {
    execFileSync('id', ['-u', USER], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--create-home', '--shell', '/bin/sh', USER], { stdio: 'ignore' });
  }
  execFileSync('chpasswd', [], { input: `${USER}:${password}\n` });
  return execFileSync('getent', ['passwd', USER], { encoding: 'utf8' }).split(':')[5]!;
}

export async function startSshd(): Promise<SshServer> {
  requireSshd();
  const dir = mkdtempSync(join(tmpdir(), 'xdm-sshd-'));
  chmodSync(dir, 0o755);
  const password = `pw-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const home = ensureUser(password);
  const uid = Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }).trim());
  const folder = join(home, `exports-${Date.now()}`);
  mkdirSync(folder, { recursive: true });
  chownSync(folder, uid, gid);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'user_key')]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'user_key.pub')));
  chmodSync(join(dir, 'authorized_keys'), 0o644);
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dir, 'host_key.pub')], { encoding: 'utf8' }).split(' ')[1]!;
  const port = await freePort();
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PasswordAuthentication yes',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'UsePAM yes',
      'StrictModes no',
      `AllowUsers ${USER}`,
      'Subsystem sftp internal-sftp',
      'ForceCommand internal-sftp',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );
  // sshd needs its privilege-separation folder (made by the service unit on a booted system).
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  // Ready once it accepts TCP connections.
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sshd exited: ${stderr}`);
    const up = await new Promise<boolean>((r) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        r(true);
      });
      s.once('error', () => r(false));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error(`sshd did not listen on ${port}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    host: '127.0.0.1',
    user: USER,
    password,
    privateKeyFile: join(dir, 'user_key'),
    folder,
    fingerprint,
    dropSessions() {
      // Only the children of the sshd this test started: each serves one connection.
      let listed = '';
      try {
        listed = execFileSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], { encoding: 'utf8' });
      } catch {
        // ps exits 1 when there is no such process: no session is open.
      }
      const kids = listed
        .split('\n')
        .map((s) => Number(s.trim()))
        .filter(Boolean);
      for (const pid of kids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch (e) {
          // A session that ended between ps and the kill (ESRCH) is already dropped.
          if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
        }
      }
    },
    close: async () => {
      await stopServer(child);
      rmSync(dir, { recursive: true, force: true });
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
