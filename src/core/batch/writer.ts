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
}

export interface Hasher {
  update(bytes: Uint8Array): void;
  hex(): string;
}

export interface SinkFile {
  write(bytes: Uint8Array): void | Promise<void>;
  close(): void | Promise<void>;
}

export interface WrittenFile {
  path: string;
  records: number;
  bytes: number;
  sha256: string;
}

/** AEP's recommended upper size of one file in a batch. */
export const DEFAULT_FILE_SIZE = 256 * 1024 * 1024;
const FLUSH_AT = 1 << 20;

/**
 * Writes JSON Lines into files of at most `fileSize` bytes (`part-00001.jsonl`, …), hashing
 * each as it goes. Lines are appended synchronously to an in-memory block; `flush()` hands
 * full blocks to the sink and awaits it, which is where backpressure happens.
 */
export class JsonLinesWriter {
  readonly files: WrittenFile[] = [];
  private current: { file: SinkFile; info: WrittenFile; hash: Hasher } | null = null;
  private block: string[] = [];
  private blockBytes = 0;
  private readonly encoder = new TextEncoder();
  private pending: { bytes: Uint8Array; newFile: boolean; records: number }[] = [];

  constructor(
    private readonly sink: FileSink,
    private readonly fileSize: number = DEFAULT_FILE_SIZE,
    /** File name of the n-th file (1-based). */
    private readonly nameOf: (n: number) => string = (n) => `part-${String(n).padStart(5, '0')}.jsonl`,
  ) {
    if (!(fileSize > 0)) throw new Error('fileSize must be positive');
  }

  /** Bytes buffered and not yet handed to the sink. */
  get buffered(): number {
    return this.blockBytes;
  }

  /** Appends one line (without its newline); splits files so that none exceeds the size. */
  writeLine(line: string): void {
    const size = utf8Length(line) + 1;
    if (!this.started || (this.fileBytes > 0 && this.fileBytes + size > this.fileSize)) {
      this.cut(true);
      this.started = true;
      this.fileBytes = 0;
    }
    this.block.push(line, '\n');
    this.blockBytes += size;
    this.blockRecords++;
    this.fileBytes += size;
    if (this.blockBytes >= FLUSH_AT) this.cut(false);
  }

  private started = false;
  /** Bytes assigned to the file being filled, flushed or not. */
  private fileBytes = 0;
  private blockRecords = 0;

  /** Moves the current block into the pending queue; `newFile` starts a file after it. */
  private cut(newFile: boolean): void {
    if (this.blockBytes > 0) {
      this.pending.push({ bytes: this.encoder.encode(this.block.join('')), newFile: false, records: this.blockRecords });
      this.block = [];
      this.blockBytes = 0;
      this.blockRecords = 0;
    }
    if (newFile) this.pending.push({ bytes: new Uint8Array(0), newFile: true, records: 0 });
  }

  /** Hands everything buffered to the sink. */
  async flush(): Promise<void> {
    this.cut(false);
    const queue = this.pending;
    this.pending = [];
    for (const p of queue) {
      if (p.newFile) {
        await this.closeCurrent();
        const name = this.nameOf(this.files.length + 1);
        const info: WrittenFile = { path: name, records: 0, bytes: 0, sha256: '' };
        this.files.push(info);
        this.current = { file: this.sink.open(name), info, hash: this.sink.createHash?.() ?? createSha256() };
        continue;
      }
      const cur = this.current!;
      cur.hash.update(p.bytes);
      cur.info.bytes += p.bytes.length;
      cur.info.records += p.records;
      await cur.file.write(p.bytes);
    }
  }

  /** Starts the first file even when no line comes, so that an empty output still exists. */
  ensureFile(): void {
    if (!this.started) {
      this.cut(true);
      this.started = true;
    }
  }

  /** Flushes and closes the last file. */
  async close(): Promise<WrittenFile[]> {
    await this.flush();
    await this.closeCurrent();
    return this.files;
  }

  private async closeCurrent(): Promise<void> {
    if (!this.current) return;
    this.current.info.sha256 = this.current.hash.hex();
    await this.current.file.close();
    this.current = null;
  }
}

/** UTF-8 byte length without encoding: the writer sizes files before it encodes. */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}
