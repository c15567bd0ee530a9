import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Where a command prints; tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress bars only then). */
  isTTY: boolean;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
};

/** A problem the user can fix by changing the command or its files; exit code 2. */
export class UsageError extends Error {}

/** `256MB`, `10 MiB`, `1g`, `5000` (bytes) -> bytes. */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$/i.exec(text);
  if (!m) throw new UsageError(`"${text}" is not a size (examples: 256MB, 10MB, 500KB)`);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const n = Math.floor(Number(m[1]) * mult);
  if (n < 1) throw new UsageError(`size "${text}" must be at least 1 byte`);
  return n;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** The first `n` bytes of a file, and whether that is the whole file. */
export async function readHead(path: string, n: number): Promise<{ bytes: Uint8Array; whole: boolean; size: number }> {
  // Synchronous: four calls through the thread pool were four round trips of a small run's start.
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new UsageError(`input "${path}" does not exist or cannot be read`);
  }
  try {
    const size = fstatSync(fd).size;
    const buf = new Uint8Array(Math.min(n, size));
    let bytesRead = 0;
    while (bytesRead < buf.length) {
      const got = readSync(fd, buf, bytesRead, buf.length - bytesRead, bytesRead);
      if (got === 0) break;
      bytesRead += got;
    }
    return { bytes: buf.subarray(0, bytesRead), whole: bytesRead >= size, size };
  } finally {
    closeSync(fd);
  }
}
