import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LUMA_CSV, ROOT } from './samples';

/** The compiled command, as a user runs it (built once per test run by test/setup/buildCli.ts). */
export const BIN = join(ROOT, 'bin', 'xdm-mapper.cjs');

export interface Running {
  child: ChildProcess;
  /** What it printed so far. */
  out(): string;
  err(): string;
  /** Its exit code (null when killed by a signal), once it ends. */
  exited: Promise<number | null>;
}

/** Starts `node bin/xdm-mapper.cjs ARGS` with the given environment added to a clean one. */
export function startCli(args: string[], env: Record<string, string> = {}, cwd = ROOT): Running {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

/** Runs the real command to its end. */
export async function runCli(args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<{ code: number | null; out: string; err: string }> {
  const r = startCli(args, env, cwd);
  const code = await r.exited;
  return { code, out: r.out(), err: r.err() };
}

/** Waits until `ready()` holds, checking every few milliseconds; fails after `ms`. */
export async function waitFor(ready: () => boolean, ms = 20_000, what = 'the condition'): Promise<void> {
  const until = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Kills a process at once (no chance to clean up), as a power cut or `kill -9` would, and waits for it to end. */
export async function killHard(r: Running): Promise<void> {
  r.child.kill('SIGKILL');
  await r.exited;
}

/** Ends a test server with SIGTERM and waits for it; one that already ended sends no further exit event, so it is not waited for. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** The Luma tutorial's file with its data rows repeated `times` times (Mac Roman bytes, as the original). */
export function bigLuma(path: string, times: number): string {
  const bytes = readFileSync(LUMA_CSV);
  const text = bytes.toString('latin1');
  const headerEnd = text.indexOf('\n') + 1;
  // The original's last line has no line break: one is added, of the file's own kind (CRLF).
  const eol = text[headerEnd - 2] === '\r' ? '\r\n' : '\n';
  const body = Buffer.concat([bytes.subarray(headerEnd), Buffer.from(bytes[bytes.length - 1] === 0x0a ? '' : eol)]);
  const parts: Buffer[] = [bytes.subarray(0, headerEnd)];
  for (let i = 0; i < times; i++) parts.push(body);
  writeFileSync(path, Buffer.concat(parts));
  return path;
}
