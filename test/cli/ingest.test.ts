import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../src/cli/ingest/aepClient';
import { ingestCommand } from '../../src/cli/ingest/command';
import { UsageError } from '../../src/cli/io';
import { cli, tempDir } from '../helpers/cli';
import { CREDS, type MockAep, startMockAep } from '../helpers/mockAep';
import { LUMA_CSV, LUMA_MAPPING, LUMA_SCHEMA } from '../helpers/samples';

let aep: MockAep;
beforeEach(async () => {
  aep = await startMockAep();
});
afterEach(async () => {
  await aep.close();
});

const fast = { sleep: async () => {}, baseDelayMs: 1 };

async function ingest(args: string[], env: Record<string, string> = CREDS, opts = fast) {
  let out = '';
  let err = '';
  let code: number;
  try {
    code = await ingestCommand(
      [...args, '--platform-url', aep.url, '--ims-url', aep.url, '--poll', '0'],
      { out: (t) => (out += t), err: (t) => (err += t), isTTY: false },
      env,
      opts,
    );
  } catch (e) {
    // What main() does with a usage error.
    if (!(e instanceof UsageError)) throw e;
    err += e.message;
    code = 2;
  }
  return { code, out, err };
}

/** A Luma apply output split into several files, so that uploads and faults have something to bite. */
async function lumaOutput(fileSize = '4KB') {
  const dir = join(tempDir(), 'out');
  const r = await cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', dir, '--file-size', fileSize);
  expect(r.code).toBe(0);
  return { dir, manifest: JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string; records: number }[] } };
}

/** The batch holds every manifest file exactly once, byte for byte. */
function expectExactlyOnce(batchId: string, dir: string, files: { path: string; sha256: string }[]) {
  const b = aep.batches.get(batchId)!;
  expect([...b.files.keys()].sort()).toEqual(files.map((f) => f.path).sort());
  for (const f of files) {
    expect(createHash('sha256').update(b.files.get(f.path)!).digest('hex')).toBe(f.sha256);
    expect(readFileSync(join(dir, f.path)).equals(b.files.get(f.path)!)).toBe(true);
  }
}

const state = (dir: string) => JSON.parse(readFileSync(join(dir, 'ingest.json'), 'utf8'));

describe('xdm-mapper ingest', () => {
  it('maps, creates a batch, uploads, completes, waits and reports', async () => {
    const dir = join(tempDir(), 'luma.xdm');
    const r = await ingest(['--dataset', 'ds-luma', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', dir, '--max-errors', '10']);
    expect(r.code, r.err).toBe(0);
    const s = state(dir);
    const b = aep.batches.get(s.batchId)!;
    expect(b).toMatchObject({ datasetId: 'ds-luma', status: 'success', errorDiagnostics: true, partialIngestionPercentage: 10 });
    expectExactlyOnce(s.batchId, dir, JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).files);
    expect(r.err).toMatch(new RegExp(`Batch ${s.batchId}: success \\(92 records in, 92 ingested\\)`));
    expect(s.outcome.status).toBe('success');
  });

  it('uploads files over the large-file size in contiguous chunks', async () => {
    const { dir, manifest } = await lumaOutput('16KB');
    const r = await ingest(['--dataset', 'ds', '--from', dir, '--large-file', '4KB', '--chunk-size', '1KB']);
    expect(r.code, r.err).toBe(0);
    const batchId = state(dir).batchId;
    expectExactlyOnce(batchId, dir, manifest.files);
    expect(aep.log.filter((l) => l.method === 'PATCH').length).toBeGreaterThan(10);
    expect(aep.log.filter((l) => l.method === 'PUT')).toEqual([]);
    expect(aep.log.some((l) => l.path.endsWith('?action=INITIALIZE'))).toBe(true);
  });

  it('survives 429 with Retry-After, 500s, a dropped connection and an expired token; each file exactly once', async () => {
    const { dir, manifest } = await lumaOutput('3KB');
    aep.faults.push(
      { method: 'POST', path: /import\/batches$/, kind: '429', retryAfter: '0' },
      { method: 'PUT', path: /part-00002/, kind: '500', times: 2 },
      { method: 'PUT', path: /part-00003/, kind: 'drop' },
      { method: 'PUT', path: /part-00004/, kind: 'expire-token' },
      { method: 'GET', path: /catalog/, kind: '503' },
    );
    const r = await ingest(['--dataset', 'ds', '--from', dir]);
    expect(r.code, r.err).toBe(0);
    expect(aep.faults.every((f) => (f.times ?? 1) <= 0)).toBe(true);
    expectExactlyOnce(state(dir).batchId, dir, manifest.files);
    expect(r.err).toMatch(/HTTP 429; retrying/);
    expect(r.err).toMatch(/the access token was refused; fetching a new one/);
    expect(r.err).toMatch(/retrying in/);
  });

  it('honours Retry-After in seconds and as a date', () => {
    expect(retryAfterMs('3', 0)).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs('soon', 0)).toBe(0);
  });

  it('continues the same batch after an interruption, never sending a file twice', async () => {
    const { dir, manifest } = await lumaOutput('3KB');
    aep.faults.push({ method: 'PUT', path: /part-00003/, kind: '503', times: 20 });
    const first = await ingest(['--dataset', 'ds', '--from', dir], CREDS, { ...fast, maxAttempts: 3 } as never);
    expect(first.code).toBe(4);
    expect(first.err).toMatch(/run the same command again to continue batch/);
    const batchId = state(dir).batchId;
    expect(state(dir).files['part-00001.jsonl'].status).toBe('uploaded');
    aep.faults.length = 0;
    const second = await ingest(['--dataset', 'ds', '--from', dir]);
    expect(second.code, second.err).toBe(0);
    expect(second.err).toMatch(new RegExp(`Continuing batch ${batchId}`));
    expect(state(dir).batchId).toBe(batchId);
    expect(aep.batches.size).toBe(1);
    expectExactlyOnce(batchId, dir, manifest.files);
    for (const n of aep.batches.get(batchId)!.puts.values()) expect(n).toBe(1);
    // A third run finds the batch done and sends nothing.
    const before = aep.log.length;
    const third = await ingest(['--dataset', 'ds', '--from', dir]);
    expect(third.err).toMatch(/already ingested/);
    expect(aep.log.slice(before).filter((l) => l.method !== 'GET' && !l.path.startsWith('/ims'))).toEqual([]);
  });

  it('continues a large file from the last chunk AEP acknowledged', async () => {
    const { dir, manifest } = await lumaOutput('16KB');
    const args = ['--dataset', 'ds', '--from', dir, '--large-file', '4KB', '--chunk-size', '1KB'];
    // Two chunks get through, then every connection drops.
    let patches = 0;
    aep.faults.push({ method: 'PATCH', path: { test: () => ++patches > 2 } as unknown as RegExp, kind: 'drop', times: 50 });
    const first = await ingest(args, CREDS, { ...fast, maxAttempts: 2 } as never);
    expect(first.code).toBe(4);
    expect(state(dir).files['part-00001.jsonl']).toMatchObject({ status: 'uploading', sent: 2048 });
    aep.faults.length = 0;
    const second = await ingest(args);
    expect(second.code, second.err).toBe(0);
    expectExactlyOnce(state(dir).batchId, dir, manifest.files);
  });

  it('aborts the batch on an error that retrying cannot fix, and says so', async () => {
    const { dir } = await lumaOutput('3KB');
    aep.faults.push({ method: 'PUT', path: /part-00002/, kind: '400' });
    const r = await ingest(['--dataset', 'ds', '--from', dir]);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/Aborted batch batch-\d+/);
    expect(r.err).toMatch(/failed with HTTP 400: injected 400/);
    expect([...aep.batches.values()][0]!.status).toBe('aborted');
  });

  it('saves the error diagnostics of a failed batch beside the manifest', async () => {
    const { dir } = await lumaOutput('8KB');
    aep.outcome.status = 'failed';
    const r = await ingest(['--dataset', 'ds', '--from', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/INGEST-1212-400: Encountered 2 errors/);
    const diags = readdirSync(join(dir, 'aep-errors'));
    expect(diags.length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'aep-errors', diags[0]!), 'utf8')).toMatch(/_errors/);
  });

  it('--dry-run prints the plan and sends nothing, even without credentials', async () => {
    const { dir } = await lumaOutput('16KB');
    const r = await ingest(['--dataset', 'ds', '--from', dir, '--dry-run', '--large-file', '4KB', '--chunk-size', '1KB'], {});
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/POST \/data\/foundation\/import\/batches {2}\{"datasetId": "ds"/);
    expect(r.err).toMatch(/PATCH .*part-00001\.jsonl {2}x \d+ chunks/);
    expect(r.err).toMatch(/Dry run: nothing was sent/);
    expect(aep.log).toEqual([]);
  });

  it('asks for missing credentials, and never prints or stores the token or the secret', async () => {
    const { dir } = await lumaOutput();
    const missing = await ingest(['--dataset', 'ds', '--from', dir], { AEP_CLIENT_ID: 'x' });
    expect([missing.code, missing.err]).toEqual([2, expect.stringContaining('set AEP_CLIENT_SECRET, AEP_ORG_ID, AEP_SANDBOX')]);
    const bad = await ingest(['--dataset', 'ds', '--from', dir], { ...CREDS, AEP_CLIENT_SECRET: 'wrong' });
    expect(bad.err).toMatch(/Adobe IMS refused the credentials/);
    aep.faults.push({ method: 'PUT', kind: 'expire-token' });
    const ok = await ingest(['--dataset', 'ds', '--from', dir]);
    expect(ok.code).toBe(0);
    const everything = ok.err + ok.out + missing.err + bad.err + readFileSync(join(dir, 'ingest.json'), 'utf8');
    for (const t of [...aep.tokens.keys(), CREDS.AEP_CLIENT_SECRET]) expect(everything).not.toContain(t);
    expect(existsSync(join(dir, 'ingest.json'))).toBe(true);
  });
});
