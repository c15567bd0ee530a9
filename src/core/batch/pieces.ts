import { lineBreakByte } from '../csv/byteRows';
import { NEED_MORE, RowBoundary } from '../csv/rowBoundary';
import type { Sniffed } from '../csv/sniff';
import type { ApplyRun, PieceResult } from './applyRun';
import type { LineBuffer } from './writer';

/** Bytes of rows per piece. */
export const PIECE_BYTES = 1 << 20;
/** Pieces given to each lane and not yet taken back: one mapped while the next waits. */
const PIECES_PER_LANE = 2;
/** A row longer than this is left to the run itself, which hands it to the text reader. */
const LONG_ROW = 16 << 20;

/** A piece's bytes back from its lane, with what was made of them. */
export interface MappedPiece {
  result: PieceResult;
  /** The piece's records, as JSON Lines. */
  records: Uint8Array;
  bytes: Uint8Array;
  /** The lane that mapped it (see {@link PieceLanes.release}). */
  lane: number;
}

/** Where pieces are mapped: on this thread, on others, or both. */
export interface PieceLanes {
  readonly size: number;
  /** The header's columns, before the first piece. */
  header(columns: string[]): void;
  /** Maps a copy of `bytes` (the caller reuses its buffer); `final` when the file ends with them. */
  map(bytes: Uint8Array, final: boolean): Promise<MappedPiece>;
  /** A piece taken: its blocks may be reused. */
  release(p: MappedPiece): void;
}

/**
 * A lane on this thread: a second run over the same plan, whose records go to `lines`. The
 * command's main thread maps its share of the pieces through one; tests map all of them so.
 */
export class HereLane {
  private columns: string[] = [];

  constructor(
    private readonly run: ApplyRun,
    private readonly lines: LineBuffer,
    /** Memory for each piece's copy, of the platform's fastest kind (see RowSource, csv/rowSource.ts). */
    private readonly allocate: (size: number) => Uint8Array = (size) => new Uint8Array(size),
  ) {}

  header(columns: string[]): void {
    this.columns = columns;
  }

  map(bytes: Uint8Array, final: boolean, lane: number): Promise<MappedPiece> {
    const piece = this.allocate(bytes.length);
    piece.set(bytes);
    const result = this.run.mapPiece(this.columns, piece, final);
    return Promise.resolve({ result, records: this.lines.take(), bytes: piece, lane });
  }

  release(p: MappedPiece): void {
    this.lines.give(p.records.buffer as ArrayBuffer);
  }
}

export interface PieceReaderInit {
  run: ApplyRun;
  sniffed: Sniffed;
  lanes: PieceLanes;
  pieceBytes?: number;
  /**
   * Memory of the platform's fastest kind for the bytes waiting to be cut (Node's Buffer, whose
   * indexOf finds where pieces end about twice as fast as a Uint8Array's).
   */
  allocate?: (size: number) => Uint8Array;
}

/**
 * Reads a file into a run with its rows mapped in pieces, on lanes that may be other threads:
 * the run reads the header and the first chunk's rows, then the rest is cut into pieces of
 * whole rows ({@link RowBoundary}), mapped at once, and taken back in the file's order: the
 * same records, errors and counts as reading every row in the run. Where a piece could not be
 * read to its end (a quote the byte scanner does not take, a cut that was not between rows, a
 * very long row), the run reads on from there itself, as it would have, and no more pieces
 * are cut.
 */
export class PieceReader {
  private state: 'first' | 'pieces' | 'here' = 'first';
  private pending: Uint8Array = new Uint8Array(0);
  private readonly inFlight: Promise<MappedPiece>[] = [];
  /** Bytes the pieces did not read to their end: the run reads on from them. */
  private leftover: Uint8Array[] | null = null;
  private readonly work: WorkBuffer;
  private readonly boundary: RowBoundary;
  private readonly pieceBytes: number;

  constructor(private readonly init: PieceReaderInit) {
    const { delimiter, lineEnding } = init.sniffed;
    this.boundary = new RowBoundary(delimiter.charCodeAt(0), lineEnding === '\r\n', lineBreakByte(lineEnding));
    this.pieceBytes = init.pieceBytes ?? PIECE_BYTES;
    this.work = new WorkBuffer(init.allocate ?? ((size) => new Uint8Array(size)));
  }

  /** Feeds the next chunk of the file (the caller may reuse its buffer once this resolves). */
  async push(chunk: Uint8Array): Promise<void> {
    const { run } = this.init;
    await run.push(chunk);
    if (run.failed || this.state === 'here') return;
    if (this.state === 'first') {
      const h = run.handOff();
      if (!h) {
        this.state = 'here';
        return;
      }
      this.init.lanes.header(h.columns);
      this.pending = h.rest;
      this.state = 'pieces';
      return;
    }
    this.pending = this.work.append(this.pending, chunk);
    while (this.state === 'pieces' && this.pending.length >= this.pieceBytes) {
      const cut = this.boundary.rowEndAfter(this.pending, 0, this.pieceBytes - 1);
      if (cut < 0) {
        // NEED_MORE: the row goes on in the next chunk, unless it is a very long one.
        if (cut === NEED_MORE && this.pending.length <= LONG_ROW) break;
        await this.readHere();
        break;
      }
      this.inFlight.push(this.init.lanes.map(this.pending.subarray(0, cut), false));
      this.pending = this.pending.subarray(cut);
      while (this.inFlight.length >= PIECES_PER_LANE * this.init.lanes.size) await this.take(await this.inFlight.shift()!);
      if (this.leftover) await this.readHere();
    }
  }

  /** The end of the file: the last piece, then every piece taken (the caller then ends the run). */
  async end(): Promise<void> {
    if (this.state !== 'pieces' || this.init.run.failed) return;
    if (this.pending.length) this.inFlight.push(this.init.lanes.map(this.pending, true));
    this.pending = new Uint8Array(0);
    await this.readHere();
  }

  private async take(p: MappedPiece): Promise<void> {
    if (this.leftover) {
      this.leftover.push(p.bytes);
      return;
    }
    await this.init.run.absorb(p.result, p.records);
    if (p.result.next < p.bytes.length) this.leftover = [new Uint8Array(p.bytes.subarray(p.result.next))];
    this.init.lanes.release(p);
  }

  /** Takes every piece in flight, then goes on in the run from the first byte not read. */
  private async readHere(): Promise<void> {
    while (this.inFlight.length) await this.take(await this.inFlight.shift()!);
    this.init.run.resume(concat([...(this.leftover ?? []), this.pending]));
    this.leftover = null;
    this.pending = new Uint8Array(0);
    this.state = 'here';
  }
}

/** The bytes not yet cut into pieces, in one buffer reused from chunk to chunk. */
class WorkBuffer {
  private buf: Uint8Array;

  constructor(private readonly allocate: (size: number) => Uint8Array) {
    this.buf = allocate(4 << 20);
  }

  /** `pending` (a view of this buffer, or not) followed by `bytes`, as a view of this buffer. */
  append(pending: Uint8Array, bytes: Uint8Array): Uint8Array {
    const need = pending.length + bytes.length;
    if (this.buf.length < need) {
      const bigger = this.allocate(Math.max(need, this.buf.length * 2));
      bigger.set(pending);
      this.buf = bigger;
    } else if (pending.buffer !== this.buf.buffer || pending.byteOffset !== 0) {
      // The unfinished bytes move to the start (set() copies right when they overlap).
      this.buf.set(pending);
    }
    this.buf.set(bytes, pending.length);
    return this.buf.subarray(0, need);
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const nonEmpty = parts.filter((p) => p.length > 0);
  // Copies, whatever kind of array they are (a Buffer's slice() is a view).
  if (nonEmpty.length === 1) return new Uint8Array(nonEmpty[0]!);
  let size = 0;
  for (const p of nonEmpty) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of nonEmpty) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
