import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaCommand } from '../../src/cli/aep/schemaCommand';
import { cli, tempDir } from '../helpers/cli';
import { CREDS } from '../helpers/mockAep';
import { LUMA_CSV, LUMA_MAPPING, LUMA_SCHEMA } from '../helpers/samples';
import { LUMA_DATASET, type PlatformStandIn, startPlatformStandIn } from '../helpers/standIn';

let aep: PlatformStandIn;
beforeAll(async () => {
  aep = await startPlatformStandIn();
});
afterAll(async () => {
  await aep.close();
});

const luma = JSON.parse(readFileSync(LUMA_SCHEMA, 'utf8'));
const fast = { sleep: async () => {}, baseDelayMs: 1, maxAttempts: 2 };

async function pull(args: string[], env: Record<string, string> = CREDS) {
  let out = '';
  let err = '';
  const code = await schemaCommand(
    ['pull', ...args, '--platform-url', aep.aep.url, '--ims-url', aep.aep.url],
    { out: (t) => (out += t), err: (t) => (err += t), isTTY: false },
    env,
    fast,
  );
  return { code, out, err };
}

/** Runs a command in-process with the stand-in's credentials in the environment. */
async function withCreds<T>(run: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, CREDS);
  try {
    return await run();
  } finally {
    for (const k of Object.keys(CREDS)) if (saved[k] === undefined) delete process.env[k];
  }
}

describe('xdm-mapper schema pull', () => {
  it('pulls a dataset’s schema through the Catalog in xed-full form and caches it by version', async () => {
    const cache = tempDir();
    const out = join(tempDir(), 'luma.schema.json');
    const r = await pull(['--dataset', LUMA_DATASET, '--out', out, '--cache', cache, '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(luma);
    const summary = JSON.parse(r.out);
    expect(summary).toMatchObject({ ok: true, schema: { id: luma.$id, version: '1.0', fields: 7 }, dataset: { id: LUMA_DATASET } });
    // One file per schema version, named by the schema's altId and version.
    const cached = readdirSync(join(cache, 'dev', 'schemas'));
    expect(cached).toEqual([`${luma['meta:altId']}@1.0.schema.json`]);
    expect(aep.registry.accepts.at(-1)).toBe('application/vnd.adobe.xed-full+json;version=1');
  });

  it('pulls a schema by its $id, and says what AEP answered when it does not exist', async () => {
    const r = await pull(['--schema', luma.$id, '--cache', tempDir()]);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(r.out.trim())).toBe(true);
    const missing = await pull(['--schema', 'https://ns.adobe.com/techmarketingdemos/schemas/nope', '--cache', tempDir()]);
    expect(missing.code).toBe(4);
    expect(missing.err).toMatch(/HTTP 404.*Schema not found/);
    const noDataset = await pull(['--dataset', 'nope', '--cache', tempDir()]);
    expect(noDataset.err).toMatch(/HTTP 404.*Dataset nope was not found/);
  });

  it('refuses to run without credentials, and never prints the secret', async () => {
    const r = await pull(['--dataset', LUMA_DATASET, '--cache', tempDir()], { ...CREDS, AEP_CLIENT_SECRET: '' }).catch((e: Error) => ({
      code: 2,
      out: '',
      err: e.message,
    }));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/AEP_CLIENT_SECRET/);
    const ok = await pull(['--dataset', LUMA_DATASET, '--cache', tempDir()]);
    expect(ok.out + ok.err).not.toContain(CREDS.AEP_CLIENT_SECRET);
  });
});

describe('--dataset in place of --schema', () => {
  it('apply maps the Luma file onto the schema pulled for the dataset', async () => {
    const cache = tempDir();
    const out = join(tempDir(), 'out');
    const r = await withCreds(() =>
      cli(
        'apply',
        '--mapping',
        LUMA_MAPPING,
        '--dataset',
        LUMA_DATASET,
        '--cache',
        cache,
        LUMA_CSV,
        '--out',
        out,
        '--platform-url',
        aep.aep.url,
        '--ims-url',
        aep.aep.url,
      ),
    );
    expect(r.code, r.err).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.rows).toEqual({ input: 92, written: 92, rejected: 0 });
    expect(JSON.stringify(manifest)).toContain(`${luma['meta:altId']}@1.0.schema.json`);
  });

  it('uses the cached version when AEP cannot be reached, and says so', async () => {
    const cache = tempDir();
    const first = await withCreds(() =>
      cli('suggest', '--dataset', LUMA_DATASET, '--cache', cache, LUMA_CSV, '--platform-url', aep.aep.url, '--ims-url', aep.aep.url),
    );
    expect(first.code, first.err).toBe(0);
    // Nothing listens on port 9 of the loopback address: the connection is refused.
    const offline = await withCreds(() =>
      cli('suggest', '--dataset', LUMA_DATASET, '--cache', cache, LUMA_CSV, '--platform-url', 'http://127.0.0.1:9', '--ims-url', 'http://127.0.0.1:9'),
    );
    expect(offline.code, offline.err).toBe(0);
    expect(offline.err).toMatch(/warning: AEP cannot be reached .* using the schema of dataset .* \(version 1\.0\)/);
    expect(JSON.parse(offline.out).mappings).toEqual(JSON.parse(first.out).mappings);
    // Without a cached copy, the same failure is a usage error naming the dataset.
    const none = await withCreds(() =>
      cli('suggest', '--dataset', LUMA_DATASET, '--cache', tempDir(), LUMA_CSV, '--platform-url', 'http://127.0.0.1:9', '--ims-url', 'http://127.0.0.1:9'),
    );
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/the schema of dataset .* could not be pulled/);
  });

  it('refuses --schema and --dataset together', async () => {
    const r = await cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, '--dataset', LUMA_DATASET, LUMA_CSV, '--out', tempDir());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not both/);
  });
});
