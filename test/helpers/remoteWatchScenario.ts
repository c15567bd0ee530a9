import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { tempDir } from './cli';
import { CREDS, type MockAep, startMockAep } from './mockAep';
import { killHard, type Running, startCli, waitFor } from './process';
import type { RemoteBench } from './remoteScenarios';
import { LUMA_CSV, LUMA_MAPPING, LUMA_SCHEMA } from './samples';

/** How the real command reaches one server: its folder URL, flags and environment (through the cut proxy). */
export interface WatchTarget {
  url(folder: string): string;
  flags: string[];
  env: Record<string, string>;
}

/**
 * The real command (`node bin/xdm-mapper.cjs watch URL --out DIR --dataset ID`) over a remote
 * folder, against the local AEP stand-in: a file written slowly, a file replaced while it is
 * read, the watcher killed in the middle of an upload and started again, and its connection
 * dropped. At the end every file's final version is in exactly one batch, each once, and on the
 * server in done/.
 */
export async function watchOverRemote(bench: RemoteBench, target: WatchTarget): Promise<void> {
  const aep: MockAep = await startMockAep();
  const luma = readFileSync(LUMA_CSV);
  // Each file has rows of its own, so that none is taken for a copy of another (watch sends the same data once).
  const withRows = (...rows: string[]) => Buffer.concat([luma, Buffer.from(rows.map((r) => `\r\n${r}`).join(''), 'latin1')]);
  const monday = luma;
  const tuesday = withRows('XTUE01,Tuesday Tee,men:tops:tees,red,m,10');
  const wednesday = withRows('XWED01,Wednesday Tee,men:tops:tees,red,m,11', 'XWED02,Wednesday Cap,gear:hats,,,12');
  const folder = `w${Date.now().toString(36)}`;
  const out = tempDir();
  const args = [
    'watch',
    target.url(folder),
    '--out',
    out,
    '--mapping',
    LUMA_MAPPING,
    '--schema',
    LUMA_SCHEMA,
    '--dataset',
    'ds-luma',
    '--every',
    '1s',
    '--settle',
    // Past the slow writer's 300 ms steps with room: SFTP gives whole-second times, and a stall
    // of this busy test process must not look like a finished file.
    '4s',
    '--poll',
    '0',
    '--platform-url',
    aep.url,
    '--ims-url',
    aep.url,
    ...target.flags,
  ];
  const env = { ...CREDS, ...target.env };
  let run: Running | null = null;
  // A wait that fails shows what the watcher said.
  const until = async (ready: () => boolean, ms: number, what: string) =>
    waitFor(ready, ms, what).catch((e: Error) => {
      throw new Error(`${e.message}; the watcher said:\n${run?.err().slice(-3000)}`);
    });
  try {
    await bench.put(folder, 'monday.csv', monday);
    // tuesday.csv is written 200 bytes at a time, every 300 ms, while the watcher runs.
    const slow = await bench.startSlowWrite(folder, 'tuesday.csv', tuesday.subarray(0, 200));
    const writing = (async () => {
      for (let at = 200; at < tuesday.length; at += 200) {
        await new Promise((r) => setTimeout(r, 300));
        await slow.more(tuesday.subarray(at, at + 200));
      }
    })();
    // 1. Killed while the first file's upload is under way (its answer held back), then started again.
    aep.faults.push({ method: 'PUT', path: /\/files\//, kind: 'hold' });
    run = startCli(args, env);
    await until(() => aep.held.length > 0, 40_000, 'the first upload');
    await killHard(run);
    aep.release();
    run = startCli(args, env);
    await until(() => run!.err().includes('monday.csv: ingested in batch'), 40_000, 'monday.csv to be ingested after the restart');
    // 2. The connection drops while the watcher runs; the file still being written is not taken yet.
    bench.proxy().cut();
    bench.dropAll?.();
    expect(await bench.exists(folder, 'done/tuesday.csv')).toBe(false);
    await writing;
    await slow.finish();
    await until(() => run!.err().includes('tuesday.csv: ingested in batch'), 40_000, 'tuesday.csv once complete');
    // 3. A file replaced while the watcher reads it (2 MB over a link slowed to 500 KB/s): only the new one is sent.
    const big = Buffer.concat(Array.from({ length: 400 }, () => luma));
    bench.proxy().slow(500_000);
    await bench.put(folder, 'wednesday.csv', big);
    await until(() => run!.err().includes('wednesday.csv: mapping'), 40_000, 'wednesday.csv to be taken');
    await new Promise((r) => setTimeout(r, 300));
    await bench.put(folder, 'wednesday.csv', wednesday);
    await until(() => run!.err().includes('wednesday.csv: not read'), 40_000, 'the watcher to see the file replaced while it read it');
    bench.proxy().slow(null);
    await until(() => run!.err().includes('wednesday.csv: ingested in batch'), 60_000, 'the new wednesday.csv');
    await killHard(run);
    run = null;

    const batches = [...aep.batches.values()].filter((b) => b.files.size > 0);
    const records = batches.map((b) => [...b.files.values()].reduce((n, f) => n + f.toString().split('\n').filter(Boolean).length, 0));
    // 92, 93 and 94 rows: each file in exactly one batch (the upload cut by the kill was sent again
    // into the same batch, under the same name, which replaces it there); never the 36,800 rows
    // of the replaced version.
    expect(records.sort()).toEqual([92, 93, 94]);
    expect(batches.every((b) => b.status === 'success')).toBe(true);
    for (const [name, rows] of [
      ['monday.csv', 92],
      ['tuesday.csv', 93],
      ['wednesday.csv', 94],
    ] as const) {
      expect(await bench.exists(folder, `done/${name}`)).toBe(true);
      expect(JSON.parse(await bench.readText(folder, `done/${name}.manifest.json`)).rows).toEqual({ input: rows, written: rows, rejected: 0 });
    }
    expect(await bench.exists(folder, 'done/wednesday (2).csv')).toBe(false);
  } finally {
    if (run) await killHard(run);
    await aep.close();
  }
}
