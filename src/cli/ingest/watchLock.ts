import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

interface Holder {
  pid: number;
  host: string;
  since: string;
}

/** A watcher's hold on a folder's state; `release` gives it up. */
export interface WatchLock {
  release(): Promise<void>;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock of a watcher's state folder, or says who holds it. The lock is a file created
 * only if absent (O_EXCL), naming the process; a lock whose process on this machine is gone is
 * taken over (renamed away first, so that two watchers taking it over cannot both win).
 */
export async function lockWatch(stateDir: string): Promise<{ ok: true; lock: WatchLock } | { ok: false; holder: string }> {
  const path = join(stateDir, 'lock');
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(path, `${JSON.stringify(me)}\n`, { flag: 'wx' });
      return {
        ok: true,
        lock: {
          release: async () => {
            const now = await readFile(path, 'utf8').catch(() => '');
            if (now.includes(`"pid":${me.pid},`)) await rm(path, { force: true });
          },
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let holder: Holder | null = null;
    try {
      holder = JSON.parse(await readFile(path, 'utf8')) as Holder;
    } catch {
      // Being written this very moment, or unreadable: treated as held.
    }
    const stale = holder !== null && holder.host === me.host && Number.isInteger(holder.pid) && !running(holder.pid);
    if (!stale) return { ok: false, holder: holder ? `process ${holder.pid} on ${holder.host}, since ${holder.since}` : 'another watcher' };
    // Only one of several watchers can rename the stale lock away; the others find it gone.
    await rename(path, `${path}.stale-${me.pid}`).then(
      () => rm(`${path}.stale-${me.pid}`, { force: true }),
      () => {},
    );
  }
  return { ok: false, holder: 'another watcher' };
}
