import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderSink } from '../../src/cli/fsSink';
import { type FolderWriter, LocalFolderSink } from '../../src/cli/localSink';
import { JsonLinesWriter } from '../../src/core/batch/writer';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'xdm-sink-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Lines long enough to fill several 4 MiB blocks, numbered so that order shows. */
const line = (i: number) => JSON.stringify({ i, text: `row ${i} ${'x'.repeat(200)} Zoë` });

describe('FolderSink: batch files written and hashed on a second thread', () => {
  it('writes every line in order, hashes each file, and reuses blocks it is done with', async () => {
    const dir = tempDir();
    const sink = new FolderSink(dir);
    const made = new Set<ArrayBufferLike>();
    const allocate = sink.allocate.bind(sink);
    let blocks = 0;
    sink.allocate = (size) => {
      const b = allocate(size);
      blocks++;
      made.add(b.buffer);
      return b;
    };
    const writer = new JsonLinesWriter(sink, 5_000_000);
    const n = 60_000;
    for (let i = 0; i < n; i++) {
      writer.writeLine(line(i));
      if (i % 1000 === 0) await writer.flush();
    }
    const files = await writer.close();
    await sink.commit();

    expect(files.length).toBeGreaterThan(2);
    let next = 0;
    for (const f of files) {
      const bytes = readFileSync(join(dir, f.path));
      expect(bytes.length).toBe(f.bytes);
      expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      const lines = bytes.toString('utf8').split('\n').filter(Boolean);
      expect(lines.length).toBe(f.records);
      for (const l of lines) expect(l).toBe(line(next++));
    }
    expect(next).toBe(n);
    expect(readdirSync(dir).some((f) => f.endsWith('.partial'))).toBe(false);
    // About 13 MB went through 4 MiB blocks: some blocks must have been handed out twice.
    expect(blocks).toBeGreaterThan(made.size);
  });

  it("hashes the input on its thread: the digest is the input's SHA-256, and the caller's bytes are untouched", async () => {
    const sink = new FolderSink(tempDir());
    const whole = createHash('sha256');
    // 40 MB in chunks of 1 MiB and odd sizes, more than the thread is let fall behind.
    for (let i = 0; i < 40; i++) {
      const chunk = Buffer.alloc((1 << 20) + (i % 7) * 13, i);
      whole.update(chunk);
      const behind = sink.hashInput(chunk);
      if (behind) await behind;
      expect(chunk[0]).toBe(i);
    }
    expect(await sink.inputDigest()).toBe(whole.digest('hex'));
    expect(await sink.inputDigest()).toBe(createHash('sha256').digest('hex'));
    await sink.abort();
  });
});

describe('FolderSink: parts written past the page cache where the file system takes it', () => {
  // ext4 and XFS take O_DIRECT (where another refuses it, the parts are written the ordinary way, as with direct: false).
  const DIRECT_FS = new Set([0xef53, 0x58465342]);
  it.each([true, false].flatMap((direct) => [1, 4095, 4096, 4097, 4 << 20, (4 << 20) + 1, 9_000_001].map((size) => [size, direct] as const)))(
    'a part of %i bytes (direct %s) is written byte for byte, its hash that of its bytes',
    async (size, direct) => {
      const dir = tempDir();
      const sink = new FolderSink(dir, { direct });
      const writer = new JsonLinesWriter(sink, 64 << 20);
      // Lines of 1 to 9,973 bytes (newline included), the last one cut to make the size.
      const lines: string[] = [];
      for (let left = size, i = 0; left > 0; i++) {
        const n = Math.min(left, 1 + ((i * 7919) % 9973));
        lines.push(String.fromCharCode(97 + (i % 26)).repeat(n - 1));
        left -= n;
      }
      for (const [i, l] of lines.entries()) {
        writer.writeLine(l);
        if (i % 300 === 0) await writer.flush();
      }
      const files = await writer.close();
      await sink.commit();
      expect(files.length).toBe(1);
      const bytes = readFileSync(join(dir, files[0]!.path));
      expect(bytes.length).toBe(size);
      expect(bytes.toString('utf8')).toBe(lines.map((l) => `${l}\n`).join(''));
      expect(files[0]!.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      if (!direct) expect(sink.directFiles).toBe(0);
      else if (process.platform === 'linux' && DIRECT_FS.has(statfsSync(dir).type)) expect(sink.directFiles).toBe(1);
    },
  );
});

describe('LocalFolderSink: the same files written on the calling thread (small inputs)', () => {
  async function writeAll(sink: FolderWriter, n: number): Promise<{ names: string[]; shas: string[] }> {
    const writer = new JsonLinesWriter(sink, 2_000_000);
    for (let i = 0; i < n; i++) {
      writer.writeLine(line(i));
      if (i % 500 === 0) await writer.flush();
    }
    const files = await writer.close();
    return { names: files.map((f) => f.path), shas: files.map((f) => f.sha256) };
  }

  it('writes byte for byte what the writer thread writes, with the same names and hashes', async () => {
    const threaded = tempDir();
    const local = tempDir();
    const a = new FolderSink(threaded);
    const b = new LocalFolderSink(local);
    const [ra, rb] = [await writeAll(a, 20_000), await writeAll(b, 20_000)];
    await a.commit();
    await b.commit();
    expect(rb.names.length).toBeGreaterThan(1);
    expect(rb.names).toEqual(ra.names);
    expect(rb.shas).toEqual(ra.shas);
    expect(readdirSync(local).sort()).toEqual(readdirSync(threaded).sort());
    for (const name of ra.names) {
      const bytes = readFileSync(join(local, name));
      expect(bytes.equals(readFileSync(join(threaded, name)))).toBe(true);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(rb.shas[ra.names.indexOf(name)]);
    }
  });

  it("hashes the input as given: the digest is the input's SHA-256", async () => {
    const sink = new LocalFolderSink(tempDir());
    const whole = createHash('sha256');
    for (let i = 0; i < 5; i++) {
      const chunk = Buffer.alloc(1000 + i * 17, i);
      whole.update(chunk);
      expect(sink.hashInput(chunk)).toBeUndefined();
    }
    expect(await sink.inputDigest()).toBe(whole.digest('hex'));
    expect(await sink.inputDigest()).toBe(createHash('sha256').digest('hex'));
  });
});

describe.each([
  ['FolderSink (writer thread)', (dir: string): FolderWriter => new FolderSink(dir)],
  ['LocalFolderSink (this thread)', (dir: string): FolderWriter => new LocalFolderSink(dir)],
])('%s', (_name, make) => {
  it('abort leaves no file behind, also with a file still open', async () => {
    const dir = tempDir();
    const sink = make(dir);
    const writer = new JsonLinesWriter(sink);
    for (let i = 0; i < 1000; i++) writer.writeLine(line(i));
    await writer.flush();
    await sink.abort();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a file that cannot be written fails the run instead of hanging it', async () => {
    const dir = join(tempDir(), 'missing', 'folder');
    const sink = make(dir);
    const writer = new JsonLinesWriter(sink);
    writer.writeLine(line(1));
    await expect(writer.close()).rejects.toThrow(/ENOENT/);
    await sink.abort();
    expect(existsSync(dir)).toBe(false);
  });
});
