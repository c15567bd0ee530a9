import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/core/version';
import { cli, readJsonl, tempDir, writeTemp } from '../helpers/cli';
import { LUMA_CSV, LUMA_EXPECTED, LUMA_MAPPING, LUMA_SCHEMA, ROOT } from '../helpers/samples';

describe('the xdm-mapper command', () => {
  it('runs through npx with --help on this Node', () => {
    const r = spawnSync('npx', ['--no-install', 'xdm-mapper', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/xdm-mapper apply --mapping/);
  });

  it('keeps its version in step with package.json', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('answers bad arguments with a message a person can act on, exit 2', async () => {
    const missing = await cli('apply', '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', tempDir());
    expect([missing.code, missing.err]).toEqual([2, expect.stringContaining('apply needs --mapping FILE')]);
    const nofile = await cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, '/nonexistent.csv', '--out', tempDir());
    expect(nofile.err).toMatch(/input "\/nonexistent.csv" does not exist/);
    const unknown = await cli('apply', '--bogus');
    expect([unknown.code, unknown.err]).toEqual([2, expect.stringContaining("Unknown option '--bogus'")]);
    expect((await cli('frobnicate')).code).toBe(2);
    const badSize = await cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', tempDir(), '--file-size', 'big');
    expect(badSize.err).toMatch(/"big" is not a size/);
  });

  it('explains a broken schema or mapping, with the pointer', async () => {
    const dir = tempDir();
    const schema = writeTemp(dir, 's.json', '{"type":"object","properties":{"a":{"title":"no type"}}}');
    const r = await cli('apply', '--mapping', LUMA_MAPPING, '--schema', schema, LUMA_CSV, '--out', join(dir, 'o'));
    expect([r.code, r.err]).toEqual([2, expect.stringContaining('at /properties/a: field "a" has no type')]);
    const mapping = writeTemp(dir, 'm.json', '{"version":1,"mappings":[{"sourceType":"ATTRIBUTE","source":"x","destination":"__proto__.y"}]}');
    const m = await cli('apply', '--mapping', mapping, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', join(dir, 'o'));
    expect(m.err).toMatch(/at \/mappings\/0\/destination: path segment "__proto__" is not allowed/);
  });

  it('says which column the file lacks, and lists the columns it has', async () => {
    const dir = tempDir();
    const csv = writeTemp(dir, 'in.csv', 'Sku,Name\nA,B\n');
    const r = await cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, csv, '--out', join(dir, 'o'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the file has no column "SKU"/);
    expect(r.err).toMatch(/The file's columns are: "Sku", "Name"/);
  });

  it('accepts an AEP legacy mapping set with --mapping', async () => {
    const dir = tempDir();
    const legacy = writeTemp(
      dir,
      'legacy.json',
      JSON.stringify([
        { sourceAttribute: 'SKU', destinationXdmPath: '_techmarketingdemos.productSku', identity: false, version: 0 },
        { sourceAttribute: 'Price', destinationXdmPath: '_techmarketingdemos.productPrice', identity: false, version: 0 },
      ]),
    );
    const r = await cli('apply', '--mapping', legacy, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', join(dir, 'o'));
    expect(r.code).toBe(0);
    expect(readJsonl(join(dir, 'o', 'part-00001.jsonl'))[0]).toEqual({ _techmarketingdemos: { productSku: 'LLMH09', productPrice: 69 } });
  });

  it('splits batch files by --file-size, in order, none larger than the limit', async () => {
    const out = join(tempDir(), 'o');
    const r = await cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', out, '--file-size', '2KB');
    expect(r.code).toBe(0);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(m.files.length).toBeGreaterThan(5);
    expect(m.files.every((f: { bytes: number }) => f.bytes <= 2048)).toBe(true);
    const all = m.files.flatMap((f: { path: string }) => readJsonl(join(out, f.path)));
    expect(all).toHaveLength(92);
    expect((all[0] as { _techmarketingdemos: { productSku: string } })._techmarketingdemos.productSku).toBe('LLMH09');
    expect(m.files.reduce((n: number, f: { records: number }) => n + f.records, 0)).toBe(92);
  });

  it('validate checks JSON Lines and JSON arrays, reporting what is wrong', async () => {
    const dir = tempDir();
    const bad = writeTemp(dir, 'r.jsonl', '{"_techmarketingdemos":{"productSku":"A"}}\n{"_techmarketingdemos":{"productPrice":"x"}}\nnot json\n');
    const r = await cli('validate', '--schema', LUMA_SCHEMA, bad);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/line 2: .*productSku is missing.*productPrice must be number/);
    expect(r.out).toMatch(/line 3: not JSON/);
    const arr = await cli('validate', '--schema', LUMA_SCHEMA, LUMA_EXPECTED);
    // The tutorial writes productSize as a number although the schema says string.
    expect(arr.code).toBe(1);
    expect(arr.out).toMatch(/record \d+: _techmarketingdemos.productSize must be string/);
  });
});

describe('xdm-mapper convert', () => {
  it('exports an AEP mapping set and reads it back to the same mappings', async () => {
    const dir = tempDir();
    const aep = await cli('convert', LUMA_MAPPING, '--to', 'aep', '--out', join(dir, 'set.json'));
    expect(aep.code).toBe(0);
    const set = JSON.parse(readFileSync(join(dir, 'set.json'), 'utf8'));
    expect(set.outputSchema.schemaRef.contentType).toBe('application/vnd.adobe.xed-full+json;version=1');
    expect(set.mappings[0]).toEqual({ sourceType: 'ATTRIBUTE', source: 'SKU', destination: '_techmarketingdemos.productSku' });
    const back = await cli('convert', join(dir, 'set.json'), '--to', 'xdm-mapper');
    expect(JSON.parse(back.out).mappings).toEqual(JSON.parse(readFileSync(LUMA_MAPPING, 'utf8')).mappings);
    const legacy = await cli('convert', LUMA_MAPPING, '--to', 'aep-legacy');
    expect(JSON.parse(legacy.out)[5]).toEqual({
      sourceAttribute: 'Price',
      destinationXdmPath: '_techmarketingdemos.productPrice',
      identity: false,
      version: 0,
    });
    expect((await cli('convert', LUMA_MAPPING, '--to', 'yaml')).code).toBe(2);
  });
});
