import { copyFileSync, existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchCommand } from '../../src/cli/ingest/watch';
import { tempDir } from '../helpers/cli';
import { CREDS, type MockAep, startMockAep } from '../helpers/mockAep';
import { LUMA_CSV, LUMA_MAPPING, LUMA_SCHEMA } from '../helpers/samples';

let aep: MockAep;
beforeEach(async () => {
  aep = await startMockAep();
});
afterEach(async () => {
  await aep.close();
});

async function watch(dir: string, extra: string[] = [], env: Record<string, string> = CREDS) {
  let err = '';
  const code = await watchCommand(
    [dir, '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, '--once', '--settle', '5s', '--platform-url', aep.url, '--ims-url', aep.url, ...extra],
    { out: () => {}, err: (t) => (err += t), isTTY: false },
    env,
    {
      sleep: async () => {},
      baseDelayMs: 1,
      maxAttempts: 2,
    },
  );
  return { code, err };
}

/** Drops a copy of the Luma file into the folder, written `ageSeconds` ago. */
function drop(dir: string, name: string, ageSeconds: number) {
  copyFileSync(LUMA_CSV, join(dir, name));
  const t = new Date(Date.now() - ageSeconds * 1000);
  utimesSync(join(dir, name), t, t);
}

describe('xdm-mapper watch', () => {
  it('maps each settled CSV once and moves it with its outputs to done/', async () => {
    const dir = tempDir();
    drop(dir, 'luma-monday.csv', 60);
    drop(dir, 'luma-growing.csv', 0);
    const r = await watch(dir);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/1 file\(s\) processed, 1 still being written/);
    expect(existsSync(join(dir, 'done', 'luma-monday.csv'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, 'done', 'luma-monday.csv.xdm', 'manifest.json'), 'utf8'));
    expect(manifest.rows).toEqual({ input: 92, written: 92, rejected: 0 });
    expect(existsSync(join(dir, 'luma-growing.csv'))).toBe(true);
    // The next pass finds nothing new to do.
    const again = await watch(dir);
    expect(again.err).toMatch(/0 file\(s\) processed, 1 still being written/);
  });

  it('ingests when a dataset is given, and after a restart continues the same batch without sending a file twice', async () => {
    const dir = tempDir();
    drop(dir, 'luma.csv', 60);
    aep.faults.push({ method: 'PUT', kind: '503', times: 10 });
    const first = await watch(dir, ['--dataset', 'ds']);
    expect(first.err).toMatch(/sending was cut short; continuing on the next pass/);
    expect(existsSync(join(dir, 'luma.csv'))).toBe(true);
    aep.faults.length = 0;
    const second = await watch(dir, ['--dataset', 'ds']);
    expect(second.err).toMatch(/ingested in batch batch-\d+; moved to done\//);
    expect(aep.batches.size).toBe(1);
    const b = [...aep.batches.values()][0]!;
    expect(b.status).toBe('success');
    for (const n of b.puts.values()) expect(n).toBe(1);
    const state = JSON.parse(readFileSync(join(dir, '.xdm-mapper', 'watch.json'), 'utf8'));
    expect(state.files['luma.csv'].status).toBe('done');
    // A third pass, as after a restart, touches nothing.
    const logged = aep.log.length;
    await watch(dir, ['--dataset', 'ds']);
    expect(aep.log.length).toBe(logged);
  });

  it('moves a file the mapping cannot read to failed/, with what apply said', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'other.csv'), 'Sku,Title\nA,B\n');
    const t = new Date(Date.now() - 60_000);
    utimesSync(join(dir, 'other.csv'), t, t);
    const r = await watch(dir);
    expect(r.err).toMatch(/the file has no column "SKU"/);
    expect(readdirSync(join(dir, 'failed'))).toContain('other.csv');
  });
});
