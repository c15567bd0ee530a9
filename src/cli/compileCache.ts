import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
// The named export, not the default: the compiled file then needs no interop helper from the bundle's chunks.
import { Module } from 'node:module';
import { basename, dirname, join, sep } from 'node:path';
import { Script } from 'node:vm';

/**
 * V8's compiled code for the command's own files, kept between runs. Node 20 has no compile
 * cache of its own (`module.enableCompileCache` came in Node 22), and parsing and compiling the
 * ~1 MB of JavaScript an `apply` loads is the largest part of its start-up.
 *
 * The cache is taken at the end of a run, after the run compiled what it needed, so the next
 * run also skips the lazy compilation of every function it calls (v8-compile-cache takes it
 * before running: measured on a 1,000-row apply, it saved ~10 ms where this saves ~80 ms).
 * It is kept inside the package (`dist/cli/.cache`), never in a shared temporary folder: its
 * bytes become code, so they must be as trusted as the package itself. A folder that cannot
 * be written only means no cache.
 */

interface Compiled {
  script: Script;
  file: string;
}

interface ModuleInternals {
  _compile(content: string, filename: string): unknown;
  exports: unknown;
}

/**
 * Compiles the JavaScript files under `root` through the cache in `cacheDir` from now on. A
 * cache entry is found by the file's name and the SHA-256 of its text; V8 itself refuses an
 * entry made by another V8 version or with other flags, and the file is then compiled afresh.
 */
export function installCompileCache(root: string, cacheDir: string): void {
  const prefix = root.endsWith(sep) ? root : root + sep;
  // Code compiled by vm.Script cannot run import() in Node 20 without --experimental-vm-modules:
  // the build lists the files that do (uncached.json), and Node loads them as usual. Without the
  // list nothing is cached, rather than a file that would fail at its first import().
  let uncached: Set<string>;
  try {
    uncached = new Set((JSON.parse(readFileSync(join(root, 'uncached.json'), 'utf8')) as string[]).map((f) => join(root, f)));
  } catch {
    return;
  }
  const fresh: Compiled[] = [];
  const proto = (Module as unknown as { prototype: ModuleInternals }).prototype;
  const original = proto._compile;
  const wrap = (Module as unknown as { wrap(code: string): string }).wrap;
  proto._compile = function compile(this: ModuleInternals, content: string, filename: string) {
    if (!filename.startsWith(prefix) || uncached.has(filename)) return original.call(this, content, filename);
    const key = createHash('sha256').update(content).digest('hex').slice(0, 32);
    const file = join(cacheDir, `${basename(filename)}.${key}.v8`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    const script = new Script(wrap(content), {
      filename,
      cachedData,
    });
    if (cachedData === undefined || script.cachedDataRejected) fresh.push({ script, file });
    const fn = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return fn.call(this.exports, this.exports, Module.createRequire(filename), this, filename, dirname(filename));
  };
  process.once('exit', () => saveFresh(fresh, cacheDir));
}

/** Writes the code of the files compiled without a usable entry, as it stands after this run. */
function saveFresh(fresh: readonly Compiled[], cacheDir: string): void {
  if (fresh.length === 0) return;
  try {
    mkdirSync(cacheDir, { recursive: true });
  } catch {
    // A package folder the user cannot write to (a system-wide install) only means no cache.
    return;
  }
  for (const { script, file } of fresh) {
    // Written under a temporary name and renamed, so that a run starting meanwhile reads a whole entry or none.
    const temp = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, file);
    } catch {
      // A full disk: no entry, and no half-written one left behind.
      rmSync(temp, { force: true });
    }
  }
}
