import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ChangedWhileRead, type RemoteFolder } from '../../src/cli/sources/remoteFolder';
import { tempDir } from './cli';
import { LUMA_CSV } from './samples';
import type { CutProxy } from './servers/cutProxy';

/** What a scenario needs of a server: write files there as a user's export job would, and look. */
export interface RemoteBench {
  /** A folder client for a fresh, empty folder (through the cut proxy when `viaProxy`), outputs kept under `out`. */
  open(folder: string, out: string, viaProxy?: boolean): Promise<RemoteFolder>;
  put(folder: string, name: string, bytes: Buffer): Promise<void>;
  /** Starts writing a file that is not complete yet; `finish` completes it. */
  startSlowWrite(folder: string, name: string, first: Buffer): Promise<{ more(bytes: Buffer): Promise<void>; finish(): Promise<void> }>;
  exists(folder: string, path: string): Promise<boolean>;
  readText(folder: string, path: string): Promise<string>;
  proxy: () => CutProxy;
  /** Drops every connection the server has open (beyond what the proxy cuts), when it can. */
  dropAll?: () => void;
}

let n = 0;
const fresh = () => `f${Date.now().toString(36)}${(++n).toString(36)}`;

/** The same behaviour asked of every kind of remote folder. */
export function remoteFolderScenarios(bench: () => RemoteBench): void {
  const luma = readFileSync(LUMA_CSV);

  it('lists CSV files only, reads one byte for byte, moves it to done/ with its manifest, and keeps outputs locally', async () => {
    const b = bench();
    const folder = fresh();
    const out = tempDir();
    await b.put(folder, 'luma.csv', luma);
    await b.put(folder, 'notes.pdf', Buffer.from('x'));
    await b.put(folder, '.hidden.csv', Buffer.from('x'));
    const f = await b.open(folder, out);
    try {
      expect(await f.list()).toEqual(['luma.csv']);
      const st = await f.stat('luma.csv');
      expect(st).toMatchObject({ size: luma.length, link: false });
      const local = join(tempDir(), 'copy.csv');
      await f.read('luma.csv', local);
      expect(readFileSync(local).equals(luma)).toBe(true);
      expect(await f.move('luma.csv', 'done')).toBe('luma.csv');
      const outputs = join(tempDir(), 'work');
      mkdirSync(outputs);
      writeFileSync(join(outputs, 'manifest.json'), '{"rows":{"input":92}}');
      await f.keepOutputs(outputs, 'done', 'luma.csv');
      expect(await f.list()).toEqual([]);
      expect(await b.exists(folder, 'done/luma.csv')).toBe(true);
      expect(await b.readText(folder, 'done/luma.csv.manifest.json')).toBe('{"rows":{"input":92}}');
      expect(existsSync(join(out, 'done', 'luma.csv.xdm', 'manifest.json'))).toBe(true);
      // The same name again gets a free one beside the first.
      await b.put(folder, 'luma.csv', luma);
      await f.stat('luma.csv');
      expect(await f.move('luma.csv', 'done')).toBe('luma (2).csv');
    } finally {
      await f.close();
    }
  });

  it('a file still being written is not taken as complete', async () => {
    const b = bench();
    const folder = fresh();
    await b.put(folder, 'other.csv', Buffer.from('a,b\n1,2\n'));
    const f = await b.open(folder, tempDir());
    try {
      const w = await b.startSlowWrite(folder, 'slow.csv', luma.subarray(0, 1000));
      const first = (await f.list()).includes('slow.csv') ? await f.stat('slow.csv') : null;
      await w.more(luma.subarray(1000, 2000));
      const second = (await f.list()).includes('slow.csv') ? await f.stat('slow.csv') : null;
      // Either not visible at all until complete (object stores), or visibly growing (SFTP).
      if (first || second) expect(JSON.stringify(first)).not.toBe(JSON.stringify(second));
      await w.finish();
      expect(await f.list()).toContain('slow.csv');
      const done = await f.stat('slow.csv');
      const again = await f.stat('slow.csv');
      expect(again).toEqual(done);
    } finally {
      await f.close();
    }
  });

  it('a file replaced while it is read, or after, is not taken and not moved', async () => {
    const b = bench();
    const folder = fresh();
    // About 2 MB over a link slowed to 1 MB/s: the download is still under way when the new file lands.
    const big = Buffer.concat(Array.from({ length: 400 }, () => luma));
    await b.put(folder, 'big.csv', big);
    const f = await b.open(folder, tempDir(), true);
    try {
      await f.stat('big.csv');
      b.proxy().slow(1_000_000);
      const reading = f.read('big.csv', join(tempDir(), 'big.csv'));
      reading.catch(() => {});
      await new Promise((r) => setTimeout(r, 300));
      await b.put(folder, 'big.csv', luma);
      await expect(reading).rejects.toBeInstanceOf(ChangedWhileRead);
      b.proxy().slow(null);
      // Read now, then replaced before the move: the move refuses, the new file stays.
      await f.read('big.csv', join(tempDir(), 'again.csv'));
      await b.put(folder, 'big.csv', Buffer.concat([luma, Buffer.from('\r\nNEW,row,,,,1')]));
      await expect(f.move('big.csv', 'done')).rejects.toBeInstanceOf(ChangedWhileRead);
      expect(await f.list()).toEqual(['big.csv']);
    } finally {
      b.proxy().slow(null);
      await f.close();
    }
  });

  it('carries on after its connection is dropped', async () => {
    const b = bench();
    const folder = fresh();
    await b.put(folder, 'a.csv', luma);
    const f = await b.open(folder, tempDir(), true);
    try {
      expect(await f.list()).toEqual(['a.csv']);
      b.proxy().cut();
      b.dropAll?.();
      expect(await f.list()).toEqual(['a.csv']);
      await f.stat('a.csv');
      b.proxy().cut();
      const local = join(tempDir(), 'a.csv');
      await f.read('a.csv', local);
      expect(readFileSync(local).equals(luma)).toBe(true);
      b.proxy().cut();
      expect(await f.move('a.csv', 'done')).toBe('a.csv');
      expect(await b.exists(folder, 'done/a.csv')).toBe(true);
    } finally {
      await f.close();
    }
  });
}
