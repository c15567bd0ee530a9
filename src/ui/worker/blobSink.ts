import type { FileSink } from '../../core/batch/writer';

/**
 * Keeps each written file as a Blob. Chunks are handed to the Blob when a file closes, so the
 * browser can move large outputs out of the JavaScript heap (Chromium pages big Blobs to disk).
 */
export class BlobSink implements FileSink {
  readonly blobs = new Map<string, Blob>();
  private readonly pending = new Map<string, Blob[]>();

  open(name: string) {
    // Blobs of ~1 MB blocks, merged as they grow, keep the number of parts small.
    const parts: Blob[] = [];
    this.pending.set(name, parts);
    return {
      write: (bytes: Uint8Array) => {
        parts.push(new Blob([bytes.slice()]));
      },
      close: () => {
        this.blobs.set(name, new Blob(parts, { type: 'application/x-ndjson' }));
        this.pending.delete(name);
      },
    };
  }
}
