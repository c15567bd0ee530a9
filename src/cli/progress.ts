import { formatBytes, type Io } from './io';

/**
 * A one-line progress report on a terminal (rows, MB/s, percent, ETA), redrawn at most five
 * times a second; nothing at all when stderr is not a terminal, so logs and pipes stay clean.
 */
export function createProgress(io: Io, totalBytes: number): { update(bytes: number, rows: number): void; done(): void } {
  if (!io.isTTY) return { update: () => {}, done: () => {} };
  const started = Date.now();
  let last = 0;
  let drawn = false;
  return {
    update(bytes, rows) {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      const secs = (now - started) / 1000;
      const rate = secs > 0 ? bytes / secs : 0;
      const pct = totalBytes ? Math.min(100, (100 * bytes) / totalBytes) : 0;
      const eta = rate > 0 ? Math.max(0, (totalBytes - bytes) / rate) : 0;
      const width = 24;
      const filled = Math.round((pct / 100) * width);
      const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
      io.err(
        `\r[${bar}] ${pct.toFixed(0).padStart(3)}%  ${rows.toLocaleString('en')} rows  ${(rate / 1e6).toFixed(1)} MB/s  ${formatBytes(bytes)} of ${formatBytes(totalBytes)}  ETA ${Math.ceil(eta)} s   `,
      );
      drawn = true;
    },
    done() {
      if (drawn) io.err('\r\x1b[K');
    },
  };
}
