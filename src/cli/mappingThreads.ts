import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { HereLane, MappedPiece, PieceLanes } from '../core/batch/pieces';
import type { MapThreadInit, MapThreadReply, MapThreadRequest } from './mapThread';

/** Inputs smaller than this are mapped on the main thread alone: starting a thread costs more than it saves. */
export const THREADS_FROM_BYTES = 16 << 20;

/** A compiled thread script of dist/cli (`mapThread.cjs`, …), also when the command runs from its sources; null if not built. */
export function threadScript(name: string): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, name), join(here, '..', name), join(here, '..', '..', 'dist', 'cli', name)]) if (existsSync(candidate)) return candidate;
  return null;
}

/**
 * How many threads map a large input, the main one included (with more than one, its
 * pre-flight is taken on a thread of its own too): `XDM_MAPPER_THREADS` when set, else one per
 * core but one, up to four, and the main thread alone on one or two cores. Measured on two
 * cores, the writer thread, the garbage collector and the compiler already take ~40 % of the
 * second core: a mapping thread there gave 0.97-1.24 times the speed for a third more CPU time
 * and 60-90 MB more memory, and the pre-flight beside the run no measurable gain.
 */
export function threadCount(env: NodeJS.ProcessEnv = process.env): number {
  const stated = env.XDM_MAPPER_THREADS;
  if (stated !== undefined && /^\d+$/.test(stated)) return Math.min(Number(stated), 16);
  const cores = availableParallelism();
  return cores < 3 ? 1 : Math.min(cores - 1, 4);
}

type Lane = { worker: Worker } | { here: HereLane };

/**
 * Lanes that map pieces of whole rows of one input: the main thread's own (between reading and
 * writing, it maps every n-th piece itself) and worker threads (`mapThread.ts`), each set up
 * as the main run is. Pieces go to the lanes in turn and come back as promises, which the
 * caller takes in the file's order.
 */
export class MappingThreads implements PieceLanes {
  private readonly lanes: Lane[];
  private readonly waiting = new Map<number, { lane: number; resolve(p: MappedPiece): void; reject(e: Error): void }>();
  /** Blocks of pieces that came back, for the next pieces' bytes. */
  private readonly spare: ArrayBuffer[] = [];
  /** Pieces given to each lane so far. */
  readonly mapped: number[];
  private nextId = 0;
  private turn = 0;
  private failure: Error | null = null;
  private closed = false;

  private constructor(script: string, workers: number, init: MapThreadInit, here: HereLane) {
    this.lanes = [{ here }];
    this.mapped = new Array(workers + 1).fill(0);
    for (let k = 0; k < workers; k++) {
      // A smaller young generation than the main thread's: the thread keeps little between pieces.
      const w = new Worker(script, { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
      w.on('message', (m: MapThreadReply) => this.reply(m));
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a mapping thread stopped (exit code ${code})`));
      });
      this.lanes.push({ worker: w });
    }
  }

  /**
   * `count` lanes for a run (the main thread's and count - 1 threads), or null where fewer than
   * two are wanted or the thread script is not built.
   */
  static start(count: number, init: MapThreadInit, here: () => HereLane): MappingThreads | null {
    if (count < 2) return null;
    const script = threadScript('mapThread.cjs');
    return script ? new MappingThreads(script, count - 1, init, here()) : null;
  }

  get size(): number {
    return this.lanes.length;
  }

  /** The header's columns, before the first piece. */
  header(columns: string[]): void {
    for (const l of this.lanes)
      if ('here' in l) l.here.header(columns);
      else l.worker.postMessage({ op: 'header', columns } satisfies MapThreadRequest);
  }

  /**
   * Maps a copy of `bytes`, in a block of its own that comes back with the result: on the main
   * thread at once, or on a worker thread (the block goes there and back without a copy).
   */
  map(bytes: Uint8Array, final: boolean): Promise<MappedPiece> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const lane = this.turn;
    this.turn = (this.turn + 1) % this.lanes.length;
    const l = this.lanes[lane]!;
    this.mapped[lane]!++;
    if ('here' in l) return l.here.map(bytes, final, lane);
    let block = this.spare.pop();
    if (!block || block.byteLength < bytes.length) block = new ArrayBuffer(Math.max(bytes.length, 1 << 20) + (64 << 10));
    const piece = new Uint8Array(block, 0, bytes.length);
    piece.set(bytes);
    const mapped = new Promise<MappedPiece>((resolve, reject) => {
      this.waiting.set(id, { lane, resolve, reject });
      l.worker.postMessage({ op: 'piece', id, bytes: piece, final } satisfies MapThreadRequest, [block]);
    });
    // A thread that fails fails the pieces it holds before they are awaited: the reader awaits
    // them in order and then sees the error, which must not end the process as unhandled first.
    mapped.catch(() => undefined);
    return mapped;
  }

  /** A piece taken: its blocks go back for reuse (the records' block to its lane). */
  release(p: MappedPiece): void {
    const l = this.lanes[p.lane];
    if (!l) return;
    if ('here' in l) {
      l.here.release(p);
      return;
    }
    if (this.spare.length < 2 * this.lanes.length) this.spare.push(p.bytes.buffer as ArrayBuffer);
    const buffer = p.records.buffer as ArrayBuffer;
    l.worker.postMessage({ op: 'free', buffer } satisfies MapThreadRequest, [buffer]);
  }

  async close(): Promise<void> {
    // Threads stopped here are not failures, and the pieces they held are no longer wanted.
    this.closed = true;
    await Promise.all(this.lanes.map((l) => ('worker' in l ? l.worker.terminate() : undefined)));
  }

  private reply(m: MapThreadReply): void {
    const w = this.waiting.get(m.id);
    if (!w) return;
    this.waiting.delete(m.id);
    if ('failed' in m) w.reject(new Error(`a mapping thread failed: ${m.failed}`));
    else w.resolve({ result: m.result, records: m.records, bytes: m.bytes, lane: w.lane });
  }

  private fail(e: Error): void {
    if (this.closed) return;
    this.failure ??= e;
    for (const w of this.waiting.values()) w.reject(this.failure);
    this.waiting.clear();
  }
}
