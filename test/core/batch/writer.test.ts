import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemorySink } from '../../../src/core/batch/memorySink';
import { JsonLinesWriter } from '../../../src/core/batch/writer';
import { sha256Hex } from '../../../src/core/hash';

const utf8 = (s: string) => new TextEncoder().encode(s);

async function write(lines: string[], fileSize: number, flushEvery: number) {
  const sink = new MemorySink();
  const w = new JsonLinesWriter(sink, fileSize);
  for (const [i, l] of lines.entries()) {
    w.writeLine(l);
    if (i % flushEvery === 0) await w.flush();
  }
  w.ensureFile();
  return { sink, files: await w.close() };
}

describe('JsonLinesWriter', () => {
  it('writes every line once, in order, in files no larger than the limit unless one line is', async () => {
    // JSON text never holds a raw newline.
    const line = fc
      .oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 20 }))
      .map((s) => s.replaceAll('\n', ' '));
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 120 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 50 }),
        async (lines, fileSize, flushEvery) => {
          const { sink, files } = await write(lines, fileSize, flushEvery);
          const texts = files.map((f) => sink.text(f.path));
          // TextEncoder turns lone surrogates into U+FFFD, as the bytes on disk will have them.
          expect(texts.join('')).toBe(new TextDecoder().decode(utf8(lines.map((l) => `${l}\n`).join(''))));
          expect(files.reduce((n, f) => n + f.records, 0)).toBe(lines.length);
          for (const [i, f] of files.entries()) {
            const bytes = utf8(texts[i]!);
            expect(f.bytes).toBe(bytes.length);
            expect(f.sha256).toBe(sha256Hex(texts[i]!));
            if (f.records > 1) expect(f.bytes).toBeLessThanOrEqual(fileSize);
            expect(texts[i]!.split('\n').length - 1).toBe(f.records);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes a line longer than its block, and keeps earlier handed-out bytes intact', async () => {
    const long = 'é'.repeat(3_000_000);
    const { sink, files } = await write(['a', long, 'b', long.slice(0, 10)], 256 * 1024 * 1024, 1);
    expect(files).toHaveLength(1);
    expect(sink.text('part-00001.jsonl')).toBe(`a\n${long}\nb\n${long.slice(0, 10)}\n`);
    expect(files[0]?.bytes).toBe(2 + 6_000_001 + 2 + 21);
  });

  it('still creates one empty file when no line comes', async () => {
    const { sink, files } = await write([], 100, 1);
    expect(files.map((f) => [f.path, f.records, f.bytes])).toEqual([['part-00001.jsonl', 0, 0]]);
    expect(sink.text('part-00001.jsonl')).toBe('');
  });
});
