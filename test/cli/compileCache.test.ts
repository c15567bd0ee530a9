import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LUMA_CSV, LUMA_MAPPING, LUMA_SCHEMA, ROOT } from '../helpers/samples';

/**
 * The compiled command keeps V8's code for its files in dist/cli/.cache and reuses it. Each
 * test runs a copy of the built package, so that its cache is its own: a cache must never
 * change what a run writes, whether it is missing, current, stale or damaged.
 */
let pkg: string;
let cacheDir: string;

beforeAll(() => {
  pkg = mkdtempSync(join(tmpdir(), 'xdm-cc-'));
  cpSync(join(ROOT, 'bin'), join(pkg, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'dist', 'cli'), join(pkg, 'dist', 'cli'), { recursive: true, filter: (src) => !src.includes(`${join('cli', '.cache')}`) });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ type: 'module' }));
  cacheDir = join(pkg, 'dist', 'cli', '.cache', `${process.version}-${process.arch}`);
});
afterAll(() => rmSync(pkg, { recursive: true, force: true }));

function apply(out: string, env: Record<string, string> = {}): string {
  rmSync(out, { recursive: true, force: true });
  const r = spawnSync(
    process.execPath,
    [join(pkg, 'bin', 'xdm-mapper.cjs'), 'apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', out],
    {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...env },
    },
  );
  expect(r.status, r.stderr).toBe(0);
  const parts = readdirSync(out).filter((f) => f.endsWith('.json') && f !== 'manifest.json');
  return parts.map((f) => readFileSync(join(out, f), 'utf8')).join('');
}

const entries = () =>
  readdirSync(cacheDir)
    .sort()
    .map((f) => ({ f, mtime: statSync(join(cacheDir, f)).mtimeMs, bytes: readFileSync(join(cacheDir, f)) }));

describe('the compile cache of the installed command', () => {
  it('is made by the first run, reused unchanged by the next, and never changes the records', () => {
    const first = apply(join(pkg, 'out1'));
    const made = entries();
    // The entry file, the apply command and the chunks it loads: every file the run compiled.
    expect(made.some((e) => e.f.startsWith('main.cjs.'))).toBe(true);
    expect(made.some((e) => e.f.startsWith('apply-'))).toBe(true);
    expect(made.every((e) => e.f.endsWith('.v8') && e.bytes.length > 0)).toBe(true);

    expect(apply(join(pkg, 'out2'))).toBe(first);
    // Accepted by V8: nothing was compiled afresh, so nothing was written again.
    expect(entries().map((e) => [e.f, e.mtime])).toEqual(made.map((e) => [e.f, e.mtime]));
  });

  it('compiles afresh over a damaged entry, and writes a good one in its place', () => {
    const clean = apply(join(pkg, 'out3'));
    for (const e of entries()) writeFileSync(join(cacheDir, e.f), Buffer.alloc(e.bytes.length, 0x5a));
    expect(apply(join(pkg, 'out4'))).toBe(clean);
    for (const e of entries()) expect(e.bytes.every((b) => b === 0x5a)).toBe(false);
  });

  it('keys entries by content: a changed file gets its own entry, the old one is not used for it', () => {
    const before = new Set(entries().map((e) => e.f));
    const main = join(pkg, 'dist', 'cli', 'main.cjs');
    writeFileSync(main, `${readFileSync(main, 'utf8')}\n// changed\n`);
    apply(join(pkg, 'out5'));
    const added = entries().filter((e) => !before.has(e.f));
    expect(added.map((e) => e.f.split('.')[0])).toEqual(['main']);
  });

  it('leaves to Node the files that import() a module at run time, which cached code could not run', () => {
    const listed: string[] = JSON.parse(readFileSync(join(ROOT, 'dist', 'cli', 'uncached.json'), 'utf8'));
    const files = ['main.cjs', ...readdirSync(join(ROOT, 'dist', 'cli', 'chunks')).map((f) => `chunks/${f}`)].filter((f) => f.endsWith('.cjs'));
    const dynamic = files.filter((f) => /\bimport\("node:/.test(readFileSync(join(ROOT, 'dist', 'cli', f), 'utf8')));
    expect(dynamic.length).toBeGreaterThan(0);
    expect(listed).toEqual(dynamic.sort());

    // A package of two files, one of them listed: run twice, the second time from the cache.
    const root = join(pkg, 'tiny');
    mkdirSync(root);
    writeFileSync(join(root, 'lazy.cjs'), "exports.status = async () => (await import('node:http')).STATUS_CODES[404];\n");
    writeFileSync(join(root, 'plain.cjs'), 'exports.twice = (n) => n * 2;\n');
    writeFileSync(join(root, 'uncached.json'), '["lazy.cjs"]');
    const run = () =>
      spawnSync(
        process.execPath,
        [
          '-e',
          `require(${JSON.stringify(join(pkg, 'dist', 'cli', 'compileCache.cjs'))}).installCompileCache(${JSON.stringify(root)}, ${JSON.stringify(join(root, '.cache'))});
           require(${JSON.stringify(join(root, 'lazy.cjs'))}).status().then((s) => console.log(s, require(${JSON.stringify(join(root, 'plain.cjs'))}).twice(21)));`,
        ],
        { encoding: 'utf8' },
      );
    for (let i = 0; i < 2; i++) expect([run().stdout.trim(), run().stderr]).toEqual(['Not Found 42', '']);
    expect(readdirSync(join(root, '.cache')).map((f) => f.split('.')[0])).toEqual(['plain']);

    // Without the build's list nothing is cached.
    rmSync(join(root, '.cache'), { recursive: true });
    rmSync(join(root, 'uncached.json'));
    expect(run().stdout.trim()).toBe('Not Found 42');
    expect(() => readdirSync(join(root, '.cache'))).toThrow();
  });

  it('runs started together all fill the cache at once without harm', async () => {
    rmSync(cacheDir, { recursive: true, force: true });
    const clean = apply(join(pkg, 'out7'), { XDM_MAPPER_COMPILE_CACHE: 'off' });
    const runs = [0, 1, 2, 3].map((i) => {
      const out = join(pkg, `together-${i}`);
      return new Promise<string>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [join(pkg, 'bin', 'xdm-mapper.cjs'), 'apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', out],
          {
            env: { PATH: process.env.PATH ?? '' },
          },
        );
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
      });
    });
    for (const out of await Promise.all(runs)) {
      const parts = readdirSync(out).filter((f) => f.endsWith('.json') && f !== 'manifest.json');
      expect(parts.map((f) => readFileSync(join(out, f), 'utf8')).join('')).toBe(clean);
    }
    // Whole entries only (no temporary file left), and each one V8 accepts: a run after them writes none again.
    const made = entries();
    expect(made.every((e) => e.f.endsWith('.v8'))).toBe(true);
    expect(apply(join(pkg, 'out8'))).toBe(clean);
    expect(entries().map((e) => [e.f, e.mtime])).toEqual(made.map((e) => [e.f, e.mtime]));
  });

  it('writes nothing when turned off', () => {
    rmSync(cacheDir, { recursive: true, force: true });
    apply(join(pkg, 'out6'), { XDM_MAPPER_COMPILE_CACHE: 'off' });
    expect(() => readdirSync(cacheDir)).toThrow();
  });
});
