import type { FileSink } from '../../core/batch/writer';
import type { HashRequest, HashResult } from './protocol';

/**
 * Keeps each written file as a Blob. Chunks are handed to the Blob when a file closes, so the
 * browser can move large outputs out of the JavaScript heap (Chromium pages big Blobs to disk).
 * Files are hashed on a second worker: each part's copy goes there (transferred, so not copied
 * again) once its Blob is made, and the apply worker goes on mapping rows meanwhile.
 */
export class BlobSink implements FileSink {
  readonly hashesFiles = true;
  readonly blobs = new Map<string, Blob>();
  private readonly pending = new Map<string, Blob[]>();
  private hasher: Worker | null = null;
  private readonly waiting = new Map<number, (sha256: string) => void>();
  private files = 0;

  private hash(m: HashRequest, transfer: Transferable[] = []): void {
    if (!this.hasher) {
      this.hasher = new Worker(new URL('./hashWorker.ts', import.meta.url), { type: 'module', name: 'xdm-mapper hash' });
      this.hasher.onmessage = (e: MessageEvent<HashResult>) => {
        this.waiting.get(e.data.id)?.(e.data.sha256);
        this.waiting.delete(e.data.id);
      };
    }
    this.hasher.postMessage(m, transfer);
  }

  open(name: string) {
    // Blobs of ~1 MB blocks, merged as they grow, keep the number of parts small.
    const parts: Blob[] = [];
    this.pending.set(name, parts);
    const id = ++this.files;
    this.hash({ op: 'open', id });
    return {
      write: (bytes: Uint8Array) => {
        const copy = bytes.slice();
        parts.push(new Blob([copy]));
        this.hash({ op: 'update', id, bytes: copy }, [copy.buffer]);
      },
      close: () =>
        new Promise<string>((resolve) => {
          this.blobs.set(name, new Blob(parts, { type: 'application/x-ndjson' }));
          this.pending.delete(name);
          this.waiting.set(id, resolve);
          this.hash({ op: 'close', id });
        }),
    };
  }

  /** Ends the hashing worker once every file is closed. */
  dispose(): void {
    this.hasher?.terminate();
    this.hasher = null;
  }
}
