import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCommand } from '../../src/cli/ingest/command';
import { cli, tempDir, writeTemp } from '../helpers/cli';
import { CREDS, type MockAep, startMockAep } from '../helpers/mockAep';
import { LUMA_CSV, LUMA_EXPECTED, LUMA_MAPPING, LUMA_SCHEMA } from '../helpers/samples';

/** `--json` prints exactly one JSON object on stdout; the rest goes to stderr. */
function one(out: string): Record<string, unknown> {
  const lines = out.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
}

describe('--json: one summary object on stdout', () => {
  it('apply: rows, files with their hashes, errors by code, the manifest', async () => {
    const out = join(tempDir(), 'out');
    const r = await cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', out, '--json');
    const s = one(r.out);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(s).toMatchObject({ command: 'apply', ok: true, exitCode: 0, rows: { input: 92, written: 92, rejected: 0 }, rejectedPercent: 0, maxErrors: 5 });
    expect(s.files).toEqual(manifest.files);
    expect(s.manifest).toBe(join(out, 'manifest.json'));
    expect(r.err).toMatch(/92 rows read/);
  });
  it('apply over --max-errors: ok false, exit 1, the rejections by code', async () => {
    const dir = tempDir();
    const lines = readFileSync(LUMA_CSV, 'latin1').split(/\r?\n/);
    // The third data row loses its SKU, which the schema requires.
    lines[3] = lines[3]!.replace(/^[^,]*/, '');
    const csv = writeTemp(dir, 'broken.csv', Buffer.from(lines.join('\n'), 'latin1'));
    const r = await cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, csv, '--out', join(dir, 'out'), '--max-errors', '0', '--json');
    expect(r.code).toBe(1);
    expect(one(r.out)).toMatchObject({ ok: false, exitCode: 1, rows: { input: 92, written: 91, rejected: 1 }, errorsByCode: { REQUIRED_MISSING: 1 } });
  });
  it('a command that cannot run still prints its object, with the reason', async () => {
    const r = await cli('apply', '--mapping', LUMA_MAPPING, '--schema', join(tempDir(), 'none.json'), LUMA_CSV, '--out', tempDir(), '--json');
    expect(r.code).toBe(2);
    expect(one(r.out)).toEqual({ command: 'apply', ok: false, exitCode: 2, error: expect.stringMatching(/schema file ".*none.json" does not exist/) });
  });
  it('validate: counts and the invalid records, not one line each', async () => {
    const r = await cli('validate', '--schema', LUMA_SCHEMA, LUMA_EXPECTED, '--json', '--max-report', '2');
    expect(r.code).toBe(1);
    const s = one(r.out);
    expect(s).toMatchObject({ command: 'validate', ok: false, exitCode: 1, file: LUMA_EXPECTED, schema: { title: 'Luma Product Catalog Schema' } });
    expect((s.records as number) > 0 && s.valid === (s.records as number) - (s.invalid as number)).toBe(true);
    expect(s.invalidRecords).toHaveLength(2);
    expect((s.invalidRecords as { messages: string[] }[])[0]!.messages[0]).toMatch(/productSize must be string/);
  });
  it('suggest: the document, the unmapped columns, evidence per column', async () => {
    const r = await cli('suggest', '--schema', LUMA_SCHEMA, LUMA_CSV, '--json');
    const s = one(r.out);
    expect(s).toMatchObject({ command: 'suggest', ok: true, exitCode: 0, columns: 6, mapped: 6, unmapped: [] });
    expect((s.document as { mappings: unknown[] }).mappings).toEqual(JSON.parse(readFileSync(LUMA_MAPPING, 'utf8')).mappings);
    expect((s.suggestions as { confidence: number }[]).every((x) => x.confidence > 0.5)).toBe(true);
  });
});

describe('ingest --json', () => {
  let aep: MockAep;
  beforeAll(async () => {
    aep = await startMockAep();
  });
  afterAll(async () => {
    await aep.close();
  });
  it('maps, sends, and prints the mapping step and the batch in one object', async () => {
    let out = '';
    const dir = join(tempDir(), 'out');
    const code = await ingestCommand(
      [
        '--dataset',
        'ds1',
        '--mapping',
        LUMA_MAPPING,
        '--schema',
        LUMA_SCHEMA,
        LUMA_CSV,
        '--out',
        dir,
        '--platform-url',
        aep.url,
        '--ims-url',
        aep.url,
        '--poll',
        '0',
        '--json',
      ],
      { out: (t) => (out += t), err: () => {}, isTTY: false },
      CREDS,
      { sleep: async () => {}, baseDelayMs: 1 },
    );
    expect(code).toBe(0);
    const s = one(out);
    expect(s).toMatchObject({
      command: 'ingest',
      ok: true,
      exitCode: 0,
      dataset: 'ds1',
      dir,
      sent: true,
      mapped: { rows: { written: 92 } },
      batch: { status: 'success' },
    });
    expect(aep.batches.has(s.batchId as string)).toBe(true);
    expect(out).not.toContain(CREDS.AEP_CLIENT_SECRET);
  });
});
