import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Hasher, SinkFile } from '../core/batch/writer';
import { type FolderWriter, IN_THREAD_INPUT_BYTES, LocalFolderSink, nodeSha256 } from './localSink';

/**
 * The thread that writes and hashes batch files: plain JavaScript (it runs without the
 * TypeScript loader), one message per part, every part acknowledged once written.
 */
const WRITER_THREAD = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const files = new Map();
let input = null;
// Parts are written past the page cache (O_DIRECT) where the file system takes it: on the
// virtual machines measured, a page the kernel caches for the first time cost ~2.5 ms a MB
// (1.27 s for 500 MB against 0.23 s written direct), more than mapping the rows took. Direct
// writes need an aligned address, whole blocks and block offsets: the bytes are gathered in a
// staging block found aligned by trying (Node gives no address), the last block padded and the
// file cut to its length.
const BLOCK = 4096;
const STAGE = 4 << 20;
const stages = [];
function directFile(path) {
  const flag = fs.constants.O_DIRECT;
  if (!flag) return null;
  let fd;
  try {
    fd = fs.openSync(path, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | flag, 0o666);
  } catch {
    return null;
  }
  let stage = stages.pop();
  if (!stage) {
    const memory = new ArrayBuffer(STAGE + BLOCK);
    for (let at = 0; at < BLOCK && !stage; at += 16) {
      try {
        if (fs.writeSync(fd, new Uint8Array(memory, at, BLOCK), 0, BLOCK, 0) === BLOCK) stage = new Uint8Array(memory, at, STAGE);
      } catch {}
    }
  }
  if (!stage) {
    fs.closeSync(fd);
    return null;
  }
  return { fd, stage, used: 0, pos: 0 };
}
function flush(d, bytes) {
  for (let off = 0; off < bytes; ) off += fs.writeSync(d.fd, d.stage, off, bytes - off, d.pos + off);
  d.pos += bytes;
  d.used = 0;
}
function writeDirect(d, bytes) {
  for (let i = 0; i < bytes.length; ) {
    const n = Math.min(bytes.length - i, STAGE - d.used);
    d.stage.set(bytes.subarray(i, i + n), d.used);
    d.used += n;
    i += n;
    if (d.used === STAGE) flush(d, STAGE);
  }
}
function closeDirect(d) {
  const used = d.used;
  if (used) {
    const whole = Math.ceil(used / BLOCK) * BLOCK;
    d.stage.fill(0, used, whole);
    flush(d, whole);
    d.pos -= whole - used;
  }
  fs.ftruncateSync(d.fd, d.pos);
  fs.closeSync(d.fd);
  stages.push(d.stage);
}
parentPort.on('message', (m) => {
  try {
    if (m.op === 'hash') {
      (input ??= crypto.createHash('sha256')).update(new Uint8Array(m.memory, 0, m.size));
      parentPort.postMessage({ op: 'hashed', memory: m.memory, size: m.size });
    } else if (m.op === 'digest') {
      parentPort.postMessage({ op: 'digest', sha256: (input ?? crypto.createHash('sha256')).digest('hex') });
      input = null;
    } else if (m.op === 'open') {
      const direct = m.direct ? directFile(m.path) : null;
      files.set(m.id, { fd: direct ? null : fs.openSync(m.path, 'w'), direct, hash: crypto.createHash('sha256') });
    } else if (m.op === 'write') {
      const f = files.get(m.id);
      if (f.direct) writeDirect(f.direct, m.bytes);
      else for (let off = 0; off < m.bytes.length; ) off += fs.writeSync(f.fd, m.bytes, off);
      f.hash.update(m.bytes);
      parentPort.postMessage({ op: 'written', seq: m.seq });
    } else if (m.op === 'close') {
      const f = files.get(m.id);
      if (f.direct) closeDirect(f.direct);
      else fs.closeSync(f.fd);
      files.delete(m.id);
      parentPort.postMessage({ op: 'closed', id: m.id, sha256: f.hash.digest('hex'), direct: !!f.direct });
    }
  } catch (e) {
    parentPort.postMessage({ op: 'failed', seq: m.seq, id: m.id, message: (e && e.message) || String(e) });
  }
});
`;

/** Parts handed to the writer thread and not yet written, in bytes, before `write` waits. */
const IN_FLIGHT = 16 << 20;
/** Input bytes handed to the thread for hashing and not yet hashed, before `hashInput` waits. */
const HASH_IN_FLIGHT = 8 << 20;
/** Size of the shared blocks the input is copied into for hashing (the reader's chunk size). */
const HASH_BLOCK = 1 << 20;

/**
 * Writes batch files into a folder under temporary names (`.name.partial`); `commit()` renames
 * them when the run is complete, so an interrupted run never leaves a file that looks whole.
 *
 * Writing and hashing happen on a second thread: the writer's blocks live in shared memory,
 * parts of them go to the thread without a copy, and a block comes back for reuse once it is
 * retired and all its parts are on disk. The main thread only maps rows.
 */
export class FolderSink implements FolderWriter {
  readonly hashesFiles = true;
  /** Files written past the page cache (O_DIRECT), for diagnostics and tests. */
  directFiles = 0;
  private readonly written: { temp: string; final: string }[] = [];
  private worker: Worker | null = null;
  private failure: Error | null = null;
  private seq = 0;
  private inFlight = 0;
  /** Part number -> its size and its block's memory. */
  private readonly parts = new Map<number, { size: number; memory: SharedArrayBuffer }>();
  /** Per block: parts not yet written, and whether the writer has retired it. */
  private readonly blocks = new Map<SharedArrayBuffer, { pending: number; retired: boolean }>();
  private readonly free: SharedArrayBuffer[] = [];
  private readonly closing = new Map<number, { resolve: (sha: string) => void; reject: (e: Error) => void }>();
  private waiting: { resolve: () => void; reject: (e: Error) => void } | null = null;
  private hashing = 0;
  /**
   * Shared blocks for the input's bytes on their way to the hash: reused, so hashing a large
   * file allocates a few MB once (posting each chunk as a copy left ~30 MB of garbage behind).
   */
  private readonly hashFree: SharedArrayBuffer[] = [];
  private hashWaiting: { resolve: () => void; reject: (e: Error) => void } | null = null;
  private digesting: { resolve: (sha: string) => void; reject: (e: Error) => void } | null = null;

  constructor(
    private readonly dir: string,
    /** False writes through the page cache, as every file system takes (tests compare both ways). */
    private readonly options: { direct?: boolean } = {},
  ) {}

  /** Node's SHA-256 on this thread, for small texts (the mapping and schema in the manifest); batch files are hashed on the writer thread. */
  createHash(): Hasher {
    return nodeSha256();
  }

  /**
   * Starts the writer thread now: a new thread takes tens of milliseconds to boot, which a run
   * can spend loading its schema and mapping instead of waiting for it at the first file.
   */
  start(): void {
    this.thread();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(WRITER_THREAD, { eval: true });
    w.on(
      'message',
      (m: { op: string; seq?: number; id?: number; size?: number; memory?: SharedArrayBuffer; sha256?: string; message?: string; direct?: boolean }) => {
        if (m.op === 'written') this.onWritten(m.seq!);
        else if (m.op === 'hashed') {
          this.hashing -= m.size!;
          if (m.memory!.byteLength === HASH_BLOCK) this.hashFree.push(m.memory!);
          if (this.hashWaiting && this.hashing <= HASH_IN_FLIGHT / 2) {
            this.hashWaiting.resolve();
            this.hashWaiting = null;
          }
        } else if (m.op === 'digest') {
          this.digesting?.resolve(m.sha256!);
          this.digesting = null;
        } else if (m.op === 'closed') {
          if (m.direct) this.directFiles++;
          this.closing.get(m.id!)?.resolve(m.sha256!);
          this.closing.delete(m.id!);
        } else this.fail(new Error(m.message));
      },
    );
    w.on('error', (e) => this.fail(e));
    this.worker = w;
    return w;
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const c of this.closing.values()) c.reject(e);
    this.closing.clear();
    this.waiting?.reject(e);
    this.waiting = null;
    this.hashWaiting?.reject(e);
    this.hashWaiting = null;
    this.digesting?.reject(e);
    this.digesting = null;
  }

  /**
   * Adds the input's next bytes to its SHA-256, taken on the writer thread: on the main thread
   * it would cost a few percent of a large run. The bytes are copied into a shared block, so
   * the caller keeps them; resolves at once unless the thread is several MB behind.
   */
  hashInput(bytes: Uint8Array): Promise<void> | undefined {
    if (this.failure) throw this.failure;
    const memory = bytes.length <= HASH_BLOCK ? (this.hashFree.pop() ?? new SharedArrayBuffer(HASH_BLOCK)) : new SharedArrayBuffer(bytes.length);
    new Uint8Array(memory, 0, bytes.length).set(bytes);
    this.hashing += bytes.length;
    this.thread().postMessage({ op: 'hash', memory, size: bytes.length });
    if (this.hashing <= HASH_IN_FLIGHT) return;
    return new Promise<void>((resolve, reject) => {
      this.hashWaiting = { resolve, reject };
    });
  }

  /** The SHA-256 of the bytes given to hashInput, in hex. */
  inputDigest(): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.digesting = { resolve, reject };
      this.thread().postMessage({ op: 'digest' });
    });
  }

  private onWritten(seq: number): void {
    const part = this.parts.get(seq);
    if (!part) return;
    this.parts.delete(seq);
    this.inFlight -= part.size;
    const block = this.blocks.get(part.memory);
    if (block) {
      block.pending--;
      this.recycle(part.memory, block);
    }
    if (this.waiting && this.inFlight <= IN_FLIGHT / 2) {
      this.waiting.resolve();
      this.waiting = null;
    }
  }

  private recycle(memory: SharedArrayBuffer, block: { pending: number; retired: boolean }): void {
    if (!block.retired || block.pending > 0) return;
    this.blocks.delete(memory);
    this.free.push(memory);
  }

  allocate(size: number): Uint8Array {
    const i = this.free.findIndex((m) => m.byteLength === size);
    const memory = i >= 0 ? this.free.splice(i, 1)[0]! : new SharedArrayBuffer(size);
    this.blocks.set(memory, { pending: 0, retired: false });
    return new Uint8Array(memory);
  }

  retire(block: Uint8Array): void {
    const memory = block.buffer as SharedArrayBuffer;
    const b = this.blocks.get(memory);
    if (!b) return;
    b.retired = true;
    this.recycle(memory, b);
  }

  open(name: string): SinkFile {
    const final = join(this.dir, name);
    const temp = join(this.dir, `.${name}.partial`);
    this.written.push({ temp, final });
    const id = this.written.length;
    const worker = this.thread();
    worker.postMessage({ op: 'open', id, path: temp, direct: this.options.direct !== false });
    return {
      write: (bytes) => {
        if (this.failure) throw this.failure;
        const memory = bytes.buffer;
        // Shared memory crosses to the thread as it is; anything else is copied by postMessage.
        const seq = ++this.seq;
        if (memory instanceof SharedArrayBuffer) {
          this.parts.set(seq, { size: bytes.length, memory });
          const block = this.blocks.get(memory);
          if (block) block.pending++;
          this.inFlight += bytes.length;
        }
        worker.postMessage({ op: 'write', id, seq, bytes });
        if (this.inFlight <= IN_FLIGHT) return;
        return new Promise<void>((resolve, reject) => {
          this.waiting = { resolve, reject };
        });
      },
      close: () =>
        new Promise<string>((resolve, reject) => {
          if (this.failure) return reject(this.failure);
          this.closing.set(id, { resolve, reject });
          worker.postMessage({ op: 'close', id });
        }),
    };
  }

  /** Renames the finished files to their final names. */
  async commit(): Promise<void> {
    await this.stop();
    if (this.failure) throw this.failure;
    for (const w of this.written) await rename(w.temp, w.final);
  }

  /** Removes whatever was written. */
  async abort(): Promise<void> {
    await this.stop();
    for (const w of this.written) await rm(w.temp, { force: true });
  }

  private async stop(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

/** The sink for a run's folder: on this thread for a small input, on the writer thread otherwise. */
export function folderWriter(dir: string, inputBytes: number): FolderWriter {
  return inputBytes <= IN_THREAD_INPUT_BYTES ? new LocalFolderSink(dir) : new FolderSink(dir);
}
