/// <reference lib="webworker" />
import type { FileSink, SinkFile } from '../../core/batch/writer';
import { createSha256 } from '../../core/hash';
import { RUNS_FOLDER } from './runFolder';

/** What a run's files end up as: Files the page can download. */
export interface RunFiles extends FileSink {
  /** A written file, once closed. */
  file(name: string): Blob | undefined;
}

/**
 * SHA-256 of each closed file: the platform's native digest over the file read back (a part is
 * at most the file size, 256 MB by default), which is several times faster than hashing in
 * JavaScript as the parts go by; that is the fallback where Web Crypto is missing (a page
 * served over plain HTTP from another machine).
 */
class Hasher {
  private readonly incremental = new Map<number, ReturnType<typeof createSha256>>();
  private readonly native = typeof crypto !== 'undefined' && !!crypto.subtle;

  open(id: number): void {
    if (!this.native) this.incremental.set(id, createSha256());
  }

  update(id: number, bytes: Uint8Array): void {
    this.incremental.get(id)?.update(bytes);
  }

  async close(id: number, file: Blob): Promise<string> {
    const running = this.incremental.get(id);
    this.incremental.delete(id);
    if (running) return running.hex();
    const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  }
}

/**
 * Writes a run's files into the origin-private file system with synchronous access handles
 * (files on disk, nothing kept in memory, no copy through the browser's blob store), replacing
 * the previous run's. Where that is not available, files are kept as Blobs instead.
 */
export async function createRunFiles(): Promise<RunFiles> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  const canSync = typeof FileSystemFileHandle !== 'undefined' && 'createSyncAccessHandle' in FileSystemFileHandle.prototype;
  if (storage?.getDirectory && canSync) {
    try {
      const runs = await (await storage.getDirectory()).getDirectoryHandle(RUNS_FOLDER, { create: true });
      // Earlier runs' files go; one still locked by a worker being stopped is left for later.
      const earlier: string[] = [];
      for await (const name of (runs as unknown as { keys(): AsyncIterable<string> }).keys()) earlier.push(name);
      for (const name of earlier) await runs.removeEntry(name, { recursive: true }).catch(() => {});
      // A folder of its own per run: nothing from an earlier run can be in the way.
      const id = `run-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
      return new OpfsFiles(await runs.getDirectoryHandle(id, { create: true }));
    } catch {
      // Storage refused (a private window, a quota): keep the files in memory.
    }
  }
  return new BlobFiles();
}

class OpfsFiles implements RunFiles {
  readonly hashesFiles = true;
  private readonly files = new Map<string, Blob>();
  private readonly hasher = new Hasher();
  private count = 0;

  constructor(private readonly dir: FileSystemDirectoryHandle) {}

  file(name: string): Blob | undefined {
    return this.files.get(name);
  }

  open(name: string): SinkFile {
    const id = ++this.count;
    this.hasher.open(id);
    const handle = this.dir.getFileHandle(name, { create: true });
    const access = handle.then((h) => h.createSyncAccessHandle());
    let sync: FileSystemSyncAccessHandle | null = null;
    let at = 0;
    const write = (h: FileSystemSyncAccessHandle, bytes: Uint8Array) => {
      for (let done = 0; done < bytes.length; ) done += h.write(bytes.subarray(done), { at: at + done });
      at += bytes.length;
      this.hasher.update(id, bytes);
    };
    return {
      write: (bytes) => {
        if (sync) return write(sync, bytes);
        return access.then((h) => {
          sync = h;
          write(h, bytes);
        });
      },
      close: async () => {
        const h = await access;
        h.flush();
        h.close();
        const file = await (await handle).getFile();
        this.files.set(name, file);
        return this.hasher.close(id, file);
      },
    };
  }
}

/** Files kept as Blobs of ~1 MB parts (the browser may page large Blobs to disk). */
class BlobFiles implements RunFiles {
  readonly hashesFiles = true;
  private readonly files = new Map<string, Blob>();
  private readonly hasher = new Hasher();
  private count = 0;

  file(name: string): Blob | undefined {
    return this.files.get(name);
  }

  open(name: string): SinkFile {
    const id = ++this.count;
    this.hasher.open(id);
    const parts: Blob[] = [];
    return {
      write: (bytes) => {
        parts.push(new Blob([bytes.slice()]));
        this.hasher.update(id, bytes);
      },
      close: () => {
        const file = new Blob(parts, { type: 'application/x-ndjson' });
        this.files.set(name, file);
        return this.hasher.close(id, file);
      },
    };
  }
}
