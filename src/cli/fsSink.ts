import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileSink, Hasher, SinkFile } from '../core/batch/writer';

/**
 * Writes batch files into a folder under temporary names (`.name.partial`); `commit()` renames
 * them when the run is complete, so an interrupted run never leaves a file that looks whole.
 */
export class FolderSink implements FileSink {
  private readonly written: { temp: string; final: string }[] = [];

  constructor(private readonly dir: string) {}

  open(name: string): SinkFile {
    const final = join(this.dir, name);
    const temp = join(this.dir, `.${name}.partial`);
    this.written.push({ temp, final });
    const stream = createWriteStream(temp);
    let failure: Error | null = null;
    stream.on('error', (e) => {
      failure = e;
    });
    return {
      write: (bytes) => writeWithBackpressure(stream, bytes, () => failure),
      close: () =>
        new Promise<void>((resolve, reject) => {
          if (failure) return reject(failure);
          stream.end((err?: Error | null) => (err ? reject(err) : resolve()));
        }),
    };
  }

  createHash(): Hasher {
    const h = createHash('sha256');
    return {
      update: (bytes) => {
        h.update(bytes);
      },
      hex: () => h.digest('hex'),
    };
  }

  async commit(): Promise<void> {
    for (const w of this.written) await rename(w.temp, w.final);
  }

  async abort(): Promise<void> {
    for (const w of this.written) await rm(w.temp, { force: true });
  }
}

function writeWithBackpressure(stream: WriteStream, bytes: Uint8Array, failure: () => Error | null): Promise<void> | void {
  const f = failure();
  if (f) throw f;
  if (stream.write(bytes)) return;
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (e: Error) => {
      stream.off('drain', onDrain);
      reject(e);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}
