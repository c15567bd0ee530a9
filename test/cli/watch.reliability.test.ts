import { appendFileSync, copyFileSync, existsSync, readdirSync, readFileSync, renameSync, symlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchCommand } from '../../src/cli/ingest/watch';
import { tempDir } from '../helpers/cli';
import { CREDS, type MockAep, startMockAep } from '../helpers/mockAep';
import { bigLuma, killHard, startCli, waitFor } from '../helpers/process';
import { LUMA_CSV, LUMA_MAPPING, LUMA_SCHEMA } from '../helpers/samples';

let aep: MockAep;
afterEach(async () => {
  await aep?.close();
});

const flags = (dir: string, extra: string[]) => [
  dir,
  '--mapping',
  LUMA_MAPPING,
  '--schema',
  LUMA_SCHEMA,
  '--once',
  '--settle',
  '5s',
  '--platform-url',
  aep.url,
  '--ims-url',
  aep.url,
  '--poll',
  '0',
  ...extra,
];

async function watch(dir: string, extra: string[] = []) {
  let err = '';
  const code = await watchCommand(flags(dir, extra), { out: () => {}, err: (t) => (err += t), isTTY: false }, CREDS, {
    sleep: async () => {},
    baseDelayMs: 1,
    maxAttempts: 2,
  });
  return { code, err };
}

/** Ages a file so that it counts as completely written. */
function age(path: string, seconds = 60) {
  const t = new Date(Date.now() - seconds * 1000);
  utimesSync(path, t, t);
}

function drop(dir: string, name: string, source = LUMA_CSV) {
  copyFileSync(source, join(dir, name));
  age(join(dir, name));
}

const records = () =>
  [...aep.batches.values()].reduce((n, b) => n + [...b.files.values()].reduce((k, f) => k + f.toString().split('\n').filter(Boolean).length, 0), 0);

describe('two watchers on one folder (issue 13, #2)', () => {
  it('the real command, twice at once, over several trials: no crash, each file in exactly one batch, every done/ folder whole', async () => {
    aep = await startMockAep();
    for (let trial = 0; trial < 4; trial++) {
      const dir = tempDir();
      // Three different files (the same data twice would rightly be sent once).
      for (const [i, n] of ['a.csv', 'b.csv', 'c.csv'].entries()) age(bigLuma(join(dir, n), i + 1));
      const batchesBefore = aep.batches.size;
      const [one, two] = [startCli(['watch', ...flags(dir, ['--dataset', 'ds'])], CREDS), startCli(['watch', ...flags(dir, ['--dataset', 'ds'])], CREDS)];
      const codes = await Promise.all([one.exited, two.exited]);
      expect(codes, one.err() + two.err()).toEqual([0, 0]);
      for (const r of [one, two]) expect(r.err()).not.toMatch(/unexpected failure|ENOENT|\n\s+at /);
      expect(readdirSync(join(dir, 'done')).sort()).toEqual(['a.csv', 'a.csv.xdm', 'b.csv', 'b.csv.xdm', 'c.csv', 'c.csv.xdm']);
      for (const n of ['a', 'b', 'c']) {
        const out = join(dir, 'done', `${n}.csv.xdm`);
        const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
        for (const f of manifest.files) expect(existsSync(join(out, f.path)), `${n}: ${f.path}`).toBe(true);
      }
      expect(aep.batches.size - batchesBefore).toBe(3);
      // Whichever watcher came second either waited for the lock or found nothing left to do.
      expect(one.err() + two.err()).toMatch(/Another watcher is processing|0 file\(s\) processed/);
    }
    expect(records()).toBe(4 * (1 + 2 + 3) * 92);
    // Eight command starts and twelve ingestions on two cores: more than the default 30 s when the machine is busy.
  }, 120_000);
});

describe('files that change under the watcher (issue 13, #2)', () => {
  it('a CSV renamed while it is processed is moved under its new name and never ingested again', async () => {
    aep = await startMockAep();
    const dir = tempDir();
    drop(dir, 'luma.csv');
    aep.faults.push({ method: 'POST', path: /import\/batches$/, kind: 'hold' });
    const running = watch(dir, ['--dataset', 'ds']);
    await waitFor(() => aep.held.length > 0, 20_000, 'the batch to be created');
    renameSync(join(dir, 'luma.csv'), join(dir, 'luma-renamed.csv'));
    aep.release();
    const r = await running;
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/renamed to luma-renamed\.csv while it was processed/);
    expect(readdirSync(join(dir, 'done')).sort()).toEqual(['luma-renamed.csv', 'luma-renamed.csv.xdm']);
    const again = await watch(dir, ['--dataset', 'ds']);
    expect(again.err).toMatch(/0 file\(s\) processed/);
    expect(aep.batches.size).toBe(1);
    expect(records()).toBe(92);
  });

  it('the same data dropped again under another name is not sent twice', async () => {
    aep = await startMockAep();
    const dir = tempDir();
    drop(dir, 'monday.csv');
    expect((await watch(dir, ['--dataset', 'ds'])).code).toBe(0);
    drop(dir, 'monday-copy.csv');
    const r = await watch(dir, ['--dataset', 'ds']);
    expect(r.err).toMatch(/monday-copy\.csv: same data as monday\.csv, already ingested in batch batch-\d+; not sent again; moved to done\//);
    expect(aep.batches.size).toBe(1);
  });

  it('a symlinked CSV is processed through the link; the link is moved, its target left; a broken link is reported', async () => {
    aep = await startMockAep();
    const dir = tempDir();
    const elsewhere = join(tempDir(), 'export.csv');
    copyFileSync(LUMA_CSV, elsewhere);
    age(elsewhere);
    symlinkSync(elsewhere, join(dir, 'linked.csv'));
    symlinkSync(join(dir, 'missing.csv'), join(dir, 'broken.csv'));
    const r = await watch(dir);
    expect(r.err).toMatch(/linked\.csv: mapped; moved to done\//);
    expect(r.err).toMatch(/broken\.csv: skipped: it is a symbolic link to nothing/);
    expect(JSON.parse(readFileSync(join(dir, 'done', 'linked.csv.xdm', 'manifest.json'), 'utf8')).rows.written).toBe(92);
    expect(existsSync(elsewhere)).toBe(true);
  });

  it('a writer that pauses longer than --settle and writes again while the file is mapped (the real command): nothing is sent, the whole file is taken later', async () => {
    aep = await startMockAep();
    const dir = tempDir();
    const path = bigLuma(join(dir, 'growing.csv'), 3000);
    age(path);
    const run = startCli(['watch', ...flags(dir, ['--dataset', 'ds'])], CREDS);
    // The writer goes on once the mapping has started.
    const work = join(dir, '.xdm-mapper', 'work');
    const mapping = () => existsSync(work) && readdirSync(work).some((w) => readdirSync(join(work, w)).some((n) => n.startsWith('.out.partial-')));
    await waitFor(mapping, 20_000, 'the mapping to start');
    appendFileSync(path, 'LATE01,Late Row,men:tops,red,m,10\r\n', 'latin1');
    age(path);
    expect(await run.exited).toBe(0);
    expect(run.err()).toMatch(/changed while it was being mapped.*nothing was sent/);
    expect(aep.batches.size).toBe(0);
    expect(existsSync(path)).toBe(true);
    const later = await watch(dir, ['--dataset', 'ds']);
    expect(later.err).toMatch(/growing\.csv: ingested in batch/);
    expect(records()).toBe(3000 * 92 + 1);
  });

  it('a writer that writes again while the file is being sent: the file is not moved to done/ as if it were all sent', async () => {
    aep = await startMockAep();
    const dir = tempDir();
    drop(dir, 'luma.csv');
    aep.faults.push({ method: 'POST', path: /import\/batches$/, kind: 'hold' });
    const running = watch(dir, ['--dataset', 'ds']);
    await waitFor(() => aep.held.length > 0, 20_000, 'the batch to be created');
    appendFileSync(join(dir, 'luma.csv'), '\nLATE01,Late Row,men:tops,red,m,10\n', 'latin1');
    aep.release();
    const r = await running;
    expect(r.err).toMatch(/changed while it was being sent: only its first \d+ bytes were sent.*the rows after them were not; moved to failed\//);
    expect(readdirSync(join(dir, 'failed')).sort()).toEqual(['luma.csv', 'luma.csv.xdm']);
    expect(existsSync(join(dir, 'failed', 'luma.csv.xdm', 'sent-input.csv'))).toBe(true);
    expect(existsSync(join(dir, 'done'))).toBe(false);
  });

  it('the real command killed right after "Completed batch": the restarted watcher sends nothing new', async () => {
    aep = await startMockAep();
    const dir = tempDir();
    drop(dir, 'luma.csv');
    aep.faults.push({ method: 'GET', path: /catalog\/batches/, kind: 'hold' });
    const args = ['watch', ...flags(dir, ['--dataset', 'ds'])];
    const run = startCli(args, CREDS);
    await waitFor(() => aep.held.length > 0 && run.err().includes('Completed batch'), 20_000, 'the batch to be completed');
    await killHard(run);
    const again = startCli(args, CREDS);
    expect(await again.exited, again.err()).toBe(0);
    expect(again.err()).toMatch(/not mapped again/);
    expect(again.err()).toMatch(/luma\.csv: ingested in batch batch-\d+; moved to done\//);
    expect(aep.batches.size).toBe(1);
    expect(records()).toBe(92);
  });
});
