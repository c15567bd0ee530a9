import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySink, openApply, readMapping, suggest } from '../../src/lib/core';
import { applyFile, loadSchema, mapCsv } from '../../src/lib/index';
import { cli, tempDir } from '../helpers/cli';
import { LUMA_CSV, LUMA_MAPPING, LUMA_SCHEMA } from '../helpers/samples';

const lumaRecords = async () => {
  const out = tempDir();
  expect((await cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', out)).code).toBe(0);
  return readFileSync(join(out, 'part-00001.jsonl'), 'utf8');
};

describe('applyFile (the Node entry)', () => {
  it('writes what `xdm-mapper apply` writes, from a path or from a stream', async () => {
    const expected = await lumaRecords();
    const a = join(tempDir(), 'a');
    const fromPath = await applyFile(LUMA_CSV, { schema: LUMA_SCHEMA, mapping: LUMA_MAPPING, out: a });
    expect(fromPath.ok && fromPath.manifest.rows).toEqual({ input: 92, written: 92, rejected: 0 });
    expect(readFileSync(join(a, 'part-00001.jsonl'), 'utf8')).toBe(expected);
    expect(JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8')).input.encoding).toBe('macintosh');

    const b = join(tempDir(), 'b');
    const counts: number[] = [];
    const mapping = readMapping(readFileSync(LUMA_MAPPING, 'utf8'));
    const fromStream = await applyFile(createReadStream(LUMA_CSV, { highWaterMark: 700 }), {
      schema: JSON.parse(readFileSync(LUMA_SCHEMA, 'utf8')),
      mapping: mapping.ok ? mapping.doc : {},
      out: b,
      onProgress: (c) => counts.push(c.bytesRead),
    });
    expect(fromStream.ok).toBe(true);
    expect(readFileSync(join(b, 'part-00001.jsonl'), 'utf8')).toBe(expected);
    expect(counts.at(-1)).toBe(readFileSync(LUMA_CSV).length);
  });

  it('returns problems as values with stable codes, and leaves the output folder alone when the input is missing', async () => {
    // In a folder of its own: the temporary folders a run makes sit beside its output folder.
    const out = join(tempDir(), 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'part-00001.jsonl'), 'earlier run\n');
    const earlierManifest = JSON.stringify({ tool: { name: 'xdm-mapper' }, files: [{ path: 'part-00001.jsonl' }], errors: null });
    writeFileSync(join(out, 'manifest.json'), earlierManifest);
    const missing = await applyFile(join(out, 'nope.csv'), { schema: LUMA_SCHEMA, mapping: LUMA_MAPPING, out });
    expect(!missing.ok && missing.error.code).toBe('INPUT_UNREADABLE');
    expect(readFileSync(join(out, 'part-00001.jsonl'), 'utf8')).toBe('earlier run\n');
    const badSchema = await applyFile(LUMA_CSV, { schema: { type: 'object', properties: { a: { $ref: '#/nowhere' } } }, mapping: LUMA_MAPPING, out });
    expect(!badSchema.ok && badSchema.error.code).toBe('SCHEMA_INVALID');
    const badMapping = await applyFile(LUMA_CSV, { schema: LUMA_SCHEMA, mapping: { kind: 'xdm-mapper/mapping', version: 1, mappings: 3 }, out });
    expect(!badMapping.ok && badMapping.error).toMatchObject({ code: 'MAPPING_INVALID', details: [expect.stringMatching(/^at \/mappings: /)] });
    const wrongFile = await applyFile(LUMA_SCHEMA, { schema: LUMA_SCHEMA, mapping: LUMA_MAPPING, out });
    expect(!wrongFile.ok && wrongFile.error.code).toBe('MAPPING_CANNOT_RUN');
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'part-00001.jsonl']);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(earlierManifest);
    expect(readdirSync(join(out, '..')).filter((n) => n.includes('.partial-'))).toEqual([]);
    // A folder that holds files but no manifest of ours is refused, unless forced.
    const other = tempDir();
    writeFileSync(join(other, 'notes.txt'), 'mine');
    const notOurs = await applyFile(LUMA_CSV, { schema: LUMA_SCHEMA, mapping: LUMA_MAPPING, out: other });
    expect(!notOurs.ok && notOurs.error.code).toBe('OUTPUT_FOLDER');
    const forced = await applyFile(LUMA_CSV, { schema: LUMA_SCHEMA, mapping: LUMA_MAPPING, out: other, force: true });
    expect(forced.ok).toBe(true);
    expect(readFileSync(join(other, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('stops on an abort signal and removes what it wrote', async () => {
    const out = join(tempDir(), 'out');
    const controller = new AbortController();
    const r = await applyFile(createReadStream(LUMA_CSV, { highWaterMark: 512 }), {
      schema: LUMA_SCHEMA,
      mapping: LUMA_MAPPING,
      out,
      onProgress: (c) => {
        if (c.bytesRead > 2000) controller.abort();
      },
      signal: controller.signal,
    });
    expect(!r.ok && r.error.code).toBe('ABORTED');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});

describe('the core entry: streaming in any chunk size, and in memory', () => {
  it('gives the same records pushed byte by byte as mapped whole', async () => {
    const bytes = readFileSync(LUMA_CSV);
    const schema = readFileSync(LUMA_SCHEMA, 'utf8');
    const mapping = readFileSync(LUMA_MAPPING, 'utf8');
    const whole = await mapCsv(new Uint8Array(bytes), { schema, mapping });
    if (!whole.ok) throw new Error(whole.error.message);
    const sink = new MemorySink();
    const opened = openApply({ schema, mapping, sink });
    if (!opened.ok) throw new Error(opened.error.message);
    for (let i = 0; i < bytes.length; i += 7) await opened.stream.push(bytes.subarray(i, i + 7));
    const outcome = await opened.stream.end();
    expect(outcome.ok).toBe(true);
    expect(sink.text('part-00001.jsonl')).toBe(await lumaRecords());
    expect(whole.mapped.records).toEqual(
      sink
        .text('part-00001.jsonl')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    );
  });
  it('suggests the Luma mapping from the file, as the command does', () => {
    const tree = loadSchema(readFileSync(LUMA_SCHEMA, 'utf8'));
    if (!tree.ok) throw new Error('schema');
    const { document, suggestions } = suggest(tree.tree, { csv: readFileSync(LUMA_CSV), whole: true });
    expect(document.mappings).toEqual(JSON.parse(readFileSync(LUMA_MAPPING, 'utf8')).mappings);
    expect(suggestions.every((s) => s.destination !== null)).toBe(true);
  });
});
