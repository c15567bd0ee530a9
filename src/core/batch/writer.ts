import { createSha256 } from '../hash';

/** Where batch files go: the CLI writes to disk, the browser to memory or a download. */
export interface FileSink {
  /** Opens a file by name; the sink decides where the bytes really go. */
  open(name: string): SinkFile;
  /**
   * An incremental SHA-256 for the manifest. Node's native one is several times faster than
   * the portable one the core falls back to.
   */
  createHash?(): Hasher;
  /**
   * True when the sink hashes each file itself (say, on another thread, as it writes it): its
   * files' `close()` then resolves to the SHA-256 in hex, and the writer does not hash.
   */
  hashesFiles?: boolean;
  /**
   * Memory for the writer's blocks. A sink that hands bytes to another thread gives shared
   * memory, so that nothing is copied; it may hand out again a block that was retired and
   * whose bytes it is done with.
   */
  allocate?(size: number): Uint8Array;
  /** The writer puts nothing more into this block (allocated by `allocate`). */
  retire?(block: Uint8Array): void;
}

export interface Hasher {
  update(bytes: Uint8Array): void;
  hex(): string;
}

export interface SinkFile {
  /** Takes bytes that the writer never changes afterwards (the sink may keep them without copying). */
  write(bytes: Uint8Array): void | Promise<void>;
  /** Resolves to the file's SHA-256 (hex) when the sink `hashesFiles`. */
  close(): void | Promise<void | string>;
}

export interface WrittenFile {
  path: string;
  records: number;
  bytes: number;
  sha256: string;
}

/** Where a run writes its records' lines: the batch files' writer, or a mapping thread's buffer. */
export interface LineTarget {
  /** Room for one line of at most `max` bytes (newline included) in {@link buffer}, at the offset returned. */
  reserve(max: number): number;
  readonly buffer: Uint8Array;
  /** Takes the `size` bytes written at the offset {@link reserve} returned as one line. */
  commit(size: number): void;
  /** Appends one line (without its newline). */
  writeLine(line: string): void;
}

/**
 * Lines in one growing buffer, for a mapping thread that sends its records to the main thread
 * as one block per piece ({@link take}); the blocks come back for reuse ({@link give}).
 */
export class LineBuffer implements LineTarget {
  private block: Uint8Array;
  private end = 0;
  private readonly free: ArrayBuffer[] = [];
  private readonly encoder = new TextEncoder();

  constructor(private readonly size: number = BLOCK) {
    this.block = new Uint8Array(size);
  }

  get buffer(): Uint8Array {
    return this.block;
  }

  reserve(max: number): number {
    if (this.block.length - this.end < max) {
      const bigger = new Uint8Array(Math.max(this.block.length * 2, this.end + max));
      bigger.set(this.block.subarray(0, this.end));
      this.block = bigger;
    }
    return this.end;
  }

  commit(size: number): void {
    this.end += size;
  }

  writeLine(line: string): void {
    const at = this.reserve(line.length * 3 + 1);
    const { written } = this.encoder.encodeInto(line, this.block.subarray(at));
    this.block[at + written] = 0x0a;
    this.end = at + written + 1;
  }

  /** The lines so far, in a block of their own (whose buffer may be handed to another thread); the buffer starts empty. */
  take(): Uint8Array {
    const lines = this.block.subarray(0, this.end);
    const next = this.free.pop();
    this.block = next ? new Uint8Array(next) : new Uint8Array(this.size);
    this.end = 0;
    return lines;
  }

  /** A block from {@link take} that is no longer used. */
  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength >= this.size && this.free.length < 2) this.free.push(buffer);
  }
}

/** AEP's recommended upper size of one file in a batch. */
export const DEFAULT_FILE_SIZE = 256 * 1024 * 1024;
const FLUSH_AT = 1 << 20;
/** Lines are encoded straight into blocks of this size; a longer line gets a block of its own. */
const BLOCK = 4 << 20;

/**
 * Writes JSON Lines into files of at most `fileSize` bytes (`part-00001.jsonl`, …), hashing
 * each as it goes. Each line is UTF-8 encoded once, straight into a block (its byte size comes
 * from that encoding); `flush()` hands the filled parts of blocks to the sink and awaits it,
 * which is where backpressure happens. Parts handed out are never written again: a new block
 * is allocated instead, so sinks may keep them without copying.
 */
export class JsonLinesWriter implements LineTarget {
  readonly files: WrittenFile[] = [];
  private current: { file: SinkFile; info: WrittenFile; hash: Hasher | null } | null = null;
  private readonly encoder = new TextEncoder();
  private block: Uint8Array;
  /** Next free byte of the block. */
  private end = 0;
  /** First byte of the block not yet handed to the pending queue. */
  private start = 0;
  private pending: { bytes: Uint8Array; newFile: boolean; records: number }[] = [];
  private started = false;
  /** Bytes assigned to the file being filled, flushed or not. */
  private fileBytes = 0;
  private blockRecords = 0;

  constructor(
    private readonly sink: FileSink,
    private readonly fileSize: number = DEFAULT_FILE_SIZE,
    /** File name of the n-th file (1-based). */
    private readonly nameOf: (n: number) => string = (n) => `part-${String(n).padStart(5, '0')}.jsonl`,
  ) {
    if (!(fileSize > 0)) throw new Error('fileSize must be positive');
    this.block = this.allocate(BLOCK);
  }

  private allocate(size: number): Uint8Array {
    return this.sink.allocate?.(size) ?? new Uint8Array(size);
  }

  /** Bytes buffered and not yet handed to the sink. */
  get buffered(): number {
    return this.end - this.start;
  }

  /** Appends one line (without its newline); splits files so that none exceeds the size. */
  writeLine(line: string): void {
    // A UTF-16 code unit never takes more than 3 UTF-8 bytes.
    const at = this.reserve(line.length * 3 + 1);
    const block = this.block;
    const { written } = this.encoder.encodeInto(line, block.subarray(at));
    block[at + written] = 0x0a;
    this.commit(written + 1);
  }

  /**
   * Room for one line of at most `max` bytes, newline included: the caller writes the line's
   * UTF-8 bytes and its newline into {@link buffer} from the offset returned, then calls
   * {@link commit} with their count.
   */
  reserve(max: number): number {
    if (this.block.length - this.end < max) {
      this.cut(this.end, false);
      this.sink.retire?.(this.block);
      this.block = this.allocate(Math.max(BLOCK, max));
      this.start = this.end = 0;
    }
    return this.end;
  }

  /**
   * Appends `count` whole lines made elsewhere (each ending in its newline), into the same
   * files as writing them one by one would: copied in one piece where no file ends among them.
   */
  writeLines(bytes: Uint8Array, count: number): void {
    let p = 0;
    while (count > 0) {
      const rest = bytes.length - p;
      if (this.started && this.fileBytes + rest <= this.fileSize) {
        const at = this.reserve(rest);
        this.block.set(p === 0 ? bytes : bytes.subarray(p), at);
        this.end = at + rest;
        this.blockRecords += count;
        this.fileBytes += rest;
        if (this.end - this.start >= FLUSH_AT) this.cut(this.end, false);
        return;
      }
      // A file ends among these lines (or none has started): one line at a time.
      const nl = bytes.indexOf(0x0a, p);
      const size = nl + 1 - p;
      const at = this.reserve(size);
      this.block.set(bytes.subarray(p, nl + 1), at);
      this.commit(size);
      p = nl + 1;
      count--;
    }
  }

  /** The block that {@link reserve} made room in. */
  get buffer(): Uint8Array {
    return this.block;
  }

  /** Takes the `size` bytes (newline included) written after the last {@link reserve} as one line. */
  commit(size: number): void {
    const at = this.end;
    if (!this.started || (this.fileBytes > 0 && this.fileBytes + size > this.fileSize)) {
      this.cut(at, true);
      this.started = true;
      this.fileBytes = 0;
    }
    this.end = at + size;
    this.blockRecords++;
    this.fileBytes += size;
    if (this.end - this.start >= FLUSH_AT) this.cut(this.end, false);
  }

  /** Queues the block's bytes up to `upTo`; `newFile` starts a file after them. */
  private cut(upTo: number, newFile: boolean): void {
    if (upTo > this.start) {
      this.pending.push({ bytes: this.block.subarray(this.start, upTo), newFile: false, records: this.blockRecords });
      this.start = upTo;
      this.blockRecords = 0;
    }
    if (newFile) this.pending.push({ bytes: new Uint8Array(0), newFile: true, records: 0 });
  }

  /** Hands everything buffered to the sink. */
  async flush(): Promise<void> {
    this.cut(this.end, false);
    const queue = this.pending;
    this.pending = [];
    for (const p of queue) {
      if (p.newFile) {
        await this.closeCurrent();
        const name = this.nameOf(this.files.length + 1);
        const info: WrittenFile = { path: name, records: 0, bytes: 0, sha256: '' };
        this.files.push(info);
        const hash = this.sink.hashesFiles ? null : (this.sink.createHash?.() ?? createSha256());
        this.current = { file: this.sink.open(name), info, hash };
        continue;
      }
      const cur = this.current!;
      cur.hash?.update(p.bytes);
      cur.info.bytes += p.bytes.length;
      cur.info.records += p.records;
      await cur.file.write(p.bytes);
    }
  }

  /** Starts the first file even when no line comes, so that an empty output still exists. */
  ensureFile(): void {
    if (!this.started) {
      this.cut(this.end, true);
      this.started = true;
    }
  }

  /** Flushes and closes the last file. */
  async close(): Promise<WrittenFile[]> {
    await this.flush();
    await this.closeCurrent();
    this.sink.retire?.(this.block);
    return this.files;
  }

  private async closeCurrent(): Promise<void> {
    if (!this.current) return;
    const { file, info, hash } = this.current;
    this.current = null;
    const digest = await file.close();
    info.sha256 = hash ? hash.hex() : typeof digest === 'string' ? digest : '';
  }
}
