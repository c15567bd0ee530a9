import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestCommand } from '../../src/cli/ingest/command';
import { redactShapes } from '../../src/cli/ingest/secrets';
import { cli, tempDir, writeTemp } from '../helpers/cli';
import { CREDS, type MockAep, startMockAep } from '../helpers/mockAep';
import { killHard, startCli, waitFor } from '../helpers/process';
import { LUMA_CSV, LUMA_MAPPING, LUMA_SCHEMA } from '../helpers/samples';

let aep: MockAep;
afterEach(async () => {
  await aep?.close();
});

const fast = { sleep: async () => {}, baseDelayMs: 1, maxAttempts: 3 };

async function ingest(args: string[], env: Record<string, string> = CREDS) {
  let err = '';
  const io = { out: (t: string) => (err += t), err: (t: string) => (err += t), isTTY: false };
  const code = await ingestCommand([...args, '--platform-url', aep.url, '--ims-url', aep.url, '--poll', '0'], io, env, fast).catch((e: Error) => {
    err += e.message;
    return 2;
  });
  return { code, err };
}

const server = (extra: string[]) => [...extra, '--platform-url', aep.url, '--ims-url', aep.url, '--poll', '0'];

/** The Luma mapping plus `uuid()` into `_id`: every mapping run writes different records. */
function uuidMapping(dir: string): string {
  const doc = JSON.parse(readFileSync(LUMA_MAPPING, 'utf8'));
  doc.mappings.push({ sourceType: 'EXPRESSION', source: 'uuid()', destination: '_id' });
  return writeTemp(dir, 'luma-uuid.mapping.json', JSON.stringify(doc));
}

const records = () =>
  [...aep.batches.values()].reduce((n, b) => n + [...b.files.values()].reduce((k, f) => k + f.toString().split('\n').filter(Boolean).length, 0), 0);

describe('a rerun never ingests the same data twice (issue 13, #1)', () => {
  it('rerun after completion: same batch, nothing mapped or sent again', async () => {
    aep = await startMockAep();
    const dir = tempDir();
    const args = ['--dataset', 'ds', '--mapping', uuidMapping(dir), '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', join(dir, 'out')];
    const first = await ingest(args);
    expect(first.code, first.err).toBe(0);
    const second = await ingest(args);
    expect(second.code, second.err).toBe(0);
    expect(second.err).toMatch(/same data, for the same mapping, schema and options.*not mapped again/);
    expect(second.err).toMatch(/already ingested/);
    expect(aep.batches.size).toBe(1);
    expect(records()).toBe(92);
    // Asked for explicitly, it is sent again as a new batch.
    const again = await ingest([...args, '--new-batch']);
    expect(again.code, again.err).toBe(0);
    expect(aep.batches.size).toBe(2);
  });

  it('the real command killed right after "Completed batch": the restart sends nothing new', async () => {
    aep = await startMockAep();
    const dir = tempDir();
    const args = server(['ingest', '--dataset', 'ds', '--mapping', uuidMapping(dir), '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', join(dir, 'out')]);
    aep.faults.push({ method: 'GET', path: /catalog\/batches/, kind: 'hold' });
    const run = startCli(args, CREDS);
    await waitFor(() => aep.held.length > 0 && run.err().includes('Completed batch'), 20_000, 'the batch to be completed');
    await killHard(run);
    const again = startCli(args, CREDS);
    expect(await again.exited, again.err()).toBe(0);
    expect(again.err()).toMatch(/not mapped again/);
    expect(aep.batches.size).toBe(1);
    expect(records()).toBe(92);
  });

  it('a changed input, or another mapping, is mapped and sent as a new batch', async () => {
    aep = await startMockAep();
    const dir = tempDir();
    const input = join(dir, 'luma.csv');
    copyFileSync(LUMA_CSV, input);
    const args = ['--dataset', 'ds', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, input, '--out', join(dir, 'out')];
    expect((await ingest(args)).code).toBe(0);
    writeFileSync(input, `${readFileSync(input, 'latin1')}\nLLXX01,Extra,men:tops,red,m,10\n`, 'latin1');
    const changed = await ingest(args);
    expect(changed.code, changed.err).toBe(0);
    expect(changed.err).not.toMatch(/not mapped again/);
    expect(aep.batches.size).toBe(2);
  });
});

describe('the token and the secret never reach output (issue 13, #3)', () => {
  // Characters that change when percent-encoded or JSON-escaped.
  const SECRET = 'p@ss/wo+rd"s3cr=t&x';
  const env = { ...CREDS, AEP_CLIENT_SECRET: SECRET };
  const forms = (v: string) => [v, encodeURIComponent(v), new URLSearchParams({ v }).toString().slice(2), JSON.stringify(v).slice(1, -1)];

  function everythingWritten(dir: string): string {
    let all = '';
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else all += readFileSync(join(d, e.name), 'utf8');
      }
    };
    walk(dir);
    return all;
  }

  it('an IMS error that echoes the form, a gateway that echoes the request, a failed batch whose errors and diagnostics echo it', async () => {
    aep = await startMockAep({ clientSecret: SECRET });
    aep.echo.enabled = true;
    const dir = tempDir();
    const out = join(dir, 'out');
    expect((await cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', out, '--file-size', '3KB')).code).toBe(0);
    const refused = await ingest(['--dataset', 'ds', '--from', out], { ...env, AEP_CLIENT_SECRET: `${SECRET}-wrong` });
    expect(refused.err).toMatch(/IMS refused the credentials.*invalid client credentials/s);
    aep.faults.push({ method: 'PUT', path: /part-00002/, kind: 'echo' });
    const echoed = await ingest(['--dataset', 'ds', '--from', out], env);
    expect(echoed.err).toMatch(/AEP said: .*"authorization":"Bearer \[redacted\]"/);
    aep.outcome.status = 'failed';
    const failed = await ingest(['--dataset', 'ds', '--from', out], env);
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/INGEST-1212-400: .*Request: /);
    const output = refused.err + echoed.err + failed.err + everythingWritten(dir);
    expect(output).toMatch(/\[redacted\]/);
    for (const value of [SECRET, `${SECRET}-wrong`, ...aep.tokens.keys()]) for (const form of forms(value)) expect(output).not.toContain(form);
  });

  it('credentials recognised by their shape lose their whole value', () => {
    expect(redactShapes('{"authorization":"Bearer T0K3N"}')).toBe('{"authorization":"Bearer [redacted]"}');
    expect(redactShapes('client_secret=abc&scope=x')).toBe('client_secret=[redacted]&scope=x');
    expect(redactShapes('"access_token": "eyJhbGciOi.x.y", "expires_in": 3')).toBe('"access_token": "[redacted]", "expires_in": 3');
    expect(redactShapes('Authorization: Basic dXNlcjpwYXNz')).toBe('Authorization: Basic [redacted]');
  });
});

describe('ingest --from trusts only what it checks (issue 13, #11)', () => {
  async function output() {
    const out = join(tempDir(), 'out');
    expect((await cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', out, '--file-size', '3KB')).code).toBe(0);
    return out;
  }
  const sentNothing = () => expect(aep.log.filter((l) => !l.path.startsWith('/ims'))).toEqual([]);

  it.each(['../../../../etc/hostname', '/etc/hostname', '..', 'sub/part.jsonl'])('a manifest listing %s is refused before anything is sent', async (listed) => {
    aep = await startMockAep();
    const out = await output();
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    m.files[0].path = listed;
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(m));
    const r = await ingest(['--dataset', 'ds', '--from', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`lists "${listed}", which is not a file inside`);
    sentNothing();
  });

  it('a part file changed after apply (same size or not) is refused, naming it', async () => {
    aep = await startMockAep();
    const out = await output();
    const part = join(out, 'part-00002.jsonl');
    const original = readFileSync(part);
    const flipped = Buffer.from(original);
    flipped[10] = flipped[10] === 0x41 ? 0x42 : 0x41;
    writeFileSync(part, flipped);
    const same = await ingest(['--dataset', 'ds', '--from', out]);
    expect([same.code, same.err]).toEqual([2, expect.stringMatching(/part-00002\.jsonl does not match its sha256 in the manifest/)]);
    writeFileSync(part, Buffer.concat([original, Buffer.from('{"extra":1}\n')]));
    const longer = await ingest(['--dataset', 'ds', '--from', out]);
    expect(longer.err).toMatch(/part-00002\.jsonl has \d+ bytes, the manifest says \d+/);
    rmSync(part);
    symlinkSync(join(tempDir(), 'elsewhere.jsonl'), part);
    const linked = await ingest(['--dataset', 'ds', '--from', out]);
    expect(linked.err).toMatch(/part-00002\.jsonl .*is a symbolic link/);
    sentNothing();
    writeFileSync(part, original, { flag: 'w' });
  });
});

describe('a chunked upload killed between AEP accepting a chunk and the state being saved (issue 13, #12)', () => {
  it('the real command, killed there, continues on restart and the file arrives once, byte for byte', async () => {
    aep = await startMockAep();
    const out = join(tempDir(), 'out');
    expect((await cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', out)).code).toBe(0);
    const args = server(['ingest', '--dataset', 'ds', '--from', out, '--large-file', '2KB', '--chunk-size', '1KB']);
    let patches = 0;
    aep.faults.push({ method: 'PATCH', path: { test: () => ++patches === 3 } as unknown as RegExp, kind: 'hold', times: 50 });
    const run = startCli(args, CREDS);
    await waitFor(() => aep.held.length > 0, 20_000, 'the third chunk to be accepted');
    await killHard(run);
    const saved = JSON.parse(readFileSync(join(out, 'ingest.json'), 'utf8')).files['part-00001.jsonl'];
    expect(saved).toMatchObject({ status: 'uploading', sent: 2048, inFlight: { start: 2048, end: 3072 } });
    const again = startCli(args, CREDS);
    expect(await again.exited, again.err()).toBe(0);
    expect(again.err()).toMatch(/checking whether it holds it already/);
    const [batch] = [...aep.batches.values()];
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(batch!.status).toBe('success');
    expect(createHash('sha256').update(batch!.files.get('part-00001.jsonl')!).digest('hex')).toBe(manifest.files[0].sha256);
  });
});

describe("AEP's diagnostics file names (issue 13, #13)", () => {
  it('every file is saved under its own name inside aep-errors/, whatever AEP calls it', async () => {
    aep = await startMockAep();
    const out = join(tempDir(), 'out');
    expect((await cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', out)).code).toBe(0);
    const names = ['a/b', 'a_b', '..', '', '.', 'index.json', '../../escape', 'x'.repeat(400), 'ü/ü', 'a%2Fb'];
    aep.diagnosticsNames = names;
    aep.outcome.status = 'failed';
    const r = await ingest(['--dataset', 'ds', '--from', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`Saved AEP's error diagnostics for ${names.length} file\\(s\\)`));
    const dir = join(out, 'aep-errors');
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { name: string; file: string }[];
    expect(index.map((i) => i.name)).toEqual(names);
    expect(new Set(index.map((i) => i.file)).size).toBe(names.length);
    expect(readdirSync(dir).sort()).toEqual([...index.map((i) => i.file), 'index.json'].sort());
    for (const i of index) expect(readFileSync(join(dir, i.file), 'utf8')).toContain(`sample error for ${i.name}`);
    expect(readdirSync(join(out, '..')).sort()).toEqual(['out']);
  });
});
