import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApp } from '../../src/cli/appServer';
import { cli, tempDir } from '../helpers/cli';
import { LUMA_CSV, LUMA_MAPPING, LUMA_SCHEMA, ROOT } from '../helpers/samples';
import { launchChromium, watchedPage } from '../helpers/watchedPage';

const run = promisify(execFile);
/** npm without its update check, audit and funding messages: nothing but the registry's cache. */
const NPM_ENV = { ...process.env, npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' };
const SHOTS = join(ROOT, 'test-results', 'screenshots');

let work: string;
let project: string;
let pkg: string;
let browser: Browser;

/**
 * The package as a user gets it: the command (built by the test setup), the app and the library
 * built as `npm run build` builds them, packed with `npm pack`, and installed with `npm install`
 * into a fresh project. The package has no runtime dependencies, so the install needs nothing
 * beyond the tarball (`--offline`).
 */
beforeAll(async () => {
  await Promise.all([run('npm', ['run', 'build:app'], { cwd: ROOT, env: NPM_ENV }), run('npm', ['run', 'build:lib'], { cwd: ROOT, env: NPM_ENV })]);
  await run('node', ['tools/notices.mjs'], { cwd: ROOT });
  work = tempDir('xdm-package-');
  const packed = JSON.parse((await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, env: NPM_ENV })).stdout);
  project = join(work, 'project');
  await run('mkdir', [project]);
  const tarball = join(work, packed[0].filename);
  // Install scripts allowed, as a user who approves them would: the package's `prepare` (which
  // builds a repository checkout) must do nothing in an installed copy.
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true, type: 'module', allowScripts: { [`file:${tarball}`]: true } })}\n`,
  );
  const installed = await run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, env: NPM_ENV });
  expect(installed.stderr).not.toMatch(/install-scripts|ERR/);
  pkg = join(project, 'node_modules', 'xdm-mapper');
  browser = await launchChromium();
}, 240_000);
afterAll(async () => {
  await browser?.close();
});

describe('the packed package', () => {
  it('holds what it runs, and nothing of the repository it does not need', () => {
    const top = readdirSync(pkg).sort();
    expect(top).toEqual(['README.md', 'bin', 'dist', 'mappings', 'package.json']);
    expect(readdirSync(join(pkg, 'dist')).sort()).toEqual(['THIRD-PARTY-NOTICES.md', 'app', 'cli', 'lib']);
    expect(readdirSync(join(pkg, 'dist', 'app', 'assets')).filter((f) => f.endsWith('.map'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    // Nothing but the package itself was installed.
    expect(readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['xdm-mapper']);
    expect(readFileSync(join(pkg, 'dist', 'THIRD-PARTY-NOTICES.md'), 'utf8')).toMatch(/## react [\s\S]*## ua-parser-js 1\./);
  });

  it('runs `npx xdm-mapper apply` on the Luma sample, writing what the repository build writes', async () => {
    const samples = join(pkg, 'dist', 'app', 'samples', 'luma');
    const { stderr } = await run(
      'npx',
      [
        'xdm-mapper',
        'apply',
        '--mapping',
        join(pkg, 'mappings', 'luma-products.mapping.json'),
        '--schema',
        join(samples, 'luma-product-catalog.schema.json'),
        join(samples, 'luma-products.csv'),
        '--out',
        'out',
      ],
      { cwd: project, env: NPM_ENV },
    );
    expect(stderr).toMatch(/92 rows read/);
    const here = tempDir();
    expect((await cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', here)).code).toBe(0);
    expect(readFileSync(join(project, 'out', 'part-00001.jsonl'), 'utf8')).toBe(readFileSync(join(here, 'part-00001.jsonl'), 'utf8'));
  });

  it("runs the README's library example, importing the package by name", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = /<!-- example: library -->\n```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    writeFileSync(join(project, 'example.mjs'), example!);
    const { stdout } = await run('node', ['example.mjs'], { cwd: project });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'SKU -> _techmarketingdemos.productSku, Name -> _techmarketingdemos.productName, Category -> _techmarketingdemos.productCategory, Color -> _techmarketingdemos.productColor, Size -> _techmarketingdemos.productSize, Price -> _techmarketingdemos.productPrice',
    );
    expect(lines[1]).toBe('{ input: 92, written: 92, rejected: 0 }');
    expect(stdout).toMatch(/productSize: 'XS'\n {2}}\n} TYPE_NUMBER\n/);
    expect(lines.at(-1)).toBe('ATTRIBUTE,SKU,_techmarketingdemos.productSku,,');
    expect(readFileSync(join(project, 'out', 'part-00001.jsonl'), 'utf8').split('\n').length).toBe(93);
  });

  it('types both entries for a TypeScript user (strict, Node module resolution)', async () => {
    writeFileSync(
      join(project, 'consumer.ts'),
      `import { type ApplyOutcome, applyFile, type MappingDocument, readMapping } from 'xdm-mapper';
import { loadSchema, mapCsv, MemorySink, openApply } from 'xdm-mapper/core';
const s = loadSchema('{}');
export const leaves: number = s.ok ? s.tree.leaves.length : 0;
const m = readMapping('{}');
const doc: MappingDocument | null = m.ok ? m.doc : null;
export const outcome: Promise<ApplyOutcome> = applyFile('x.csv', { schema: 's.json', mapping: 'm.json', out: 'out' });
const opened = openApply({ schema: '{}', mapping: '{}', sink: new MemorySink() });
if (opened.ok) void opened.stream.push(new Uint8Array(0));
void mapCsv('a\\n1\\n', { schema: {}, mapping: doc ?? {} });
// @ts-expect-error: options are required (the declarations are real types, not any)
void applyFile('x.csv');
// @ts-expect-error: the core entry has no applyFile
import('xdm-mapper/core').then((core) => core.applyFile);
`,
    );
    const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
    const args = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck'];
    await run(tsc, [...args, '--types', 'node', '--typeRoots', join(ROOT, 'node_modules', '@types'), 'consumer.ts'], { cwd: project });
  });

  it('maps a CSV in a browser with xdm-mapper/core (no Node import)', async () => {
    const site = tempDir('xdm-core-page-');
    writeFileSync(join(site, 'index.html'), '<!doctype html><html><head><title>core</title></head><body></body></html>');
    copyFileSync(join(pkg, 'dist', 'lib', 'core.js'), join(site, 'core.js'));
    copyFileSync(LUMA_SCHEMA, join(site, 'schema.json'));
    copyFileSync(LUMA_CSV, join(site, 'luma.csv'));
    const served = await serveApp(site, [], 0);
    try {
      const { page, trouble } = await watchedPage(browser);
      await page.goto(served.url);
      // Given as text: the test runner rewrites import() in functions it compiles.
      const result = (await page.evaluate(`(async () => {
        const core = await import('/core.js');
        const schema = await (await fetch('/schema.json')).text();
        const csv = new Uint8Array(await (await fetch('/luma.csv')).arrayBuffer());
        const tree = core.loadSchema(schema);
        const { document } = core.suggest(tree.tree, { csv, whole: true });
        const mapped = await core.mapCsv(csv, { schema, mapping: document });
        return { records: mapped.mapped.records.length, first: mapped.mapped.records[0], encoding: mapped.mapped.outcome.manifest.input.encoding };
      })()`)) as { records: number; first: { _techmarketingdemos: { productSku: string } }; encoding: string };
      expect(result.records).toBe(92);
      expect(result.encoding).toBe('macintosh');
      expect(result.first._techmarketingdemos.productSku).toBe('LLMH09');
      expect(trouble).toEqual({ consoleErrors: [], failedRequests: [], foreignRequests: [] });
      await page.context().close();
    } finally {
      served.server.close();
    }
  });
});

/** Starts the installed `xdm-mapper ui` and waits for the address it prints. */
async function startUi(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => { out: string; err: string } }> {
  const child = spawn(join(project, 'node_modules', '.bin', 'xdm-mapper'), ['ui', '--port', '0', ...args], { cwd: project });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ui did not start: ${out} ${err}`)), 20_000);
    child.stdout!.on('data', () => {
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.on('exit', (code) => reject(new Error(`ui exited with ${code}: ${err}`)));
  });
  return { child, url, output: () => ({ out, err }) };
}

// 'close', not 'exit': by then the child's output has been read to its end.
const exitOf = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

describe('xdm-mapper ui from the installed package', () => {
  it('opens the named files in the app, which runs through every step with a clean console and no request off 127.0.0.1', async () => {
    const samples = join(pkg, 'dist', 'app', 'samples', 'luma');
    const ui = await startUi([
      '--schema',
      join(samples, 'luma-product-catalog.schema.json'),
      '--csv',
      join(samples, 'luma-products.csv'),
      '--mapping',
      join(pkg, 'mappings', 'luma-products.mapping.json'),
    ]);
    const { page, trouble } = await watchedPage(browser, { width: 1366, height: 768 });
    const step = (name: string) => page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: new RegExp(name) });
    await page.goto(ui.url);
    await page.getByRole('toolbar', { name: 'Mapper tools' }).waitFor();
    await expect.poll(() => page.getByRole('list', { name: 'Counters' }).innerText()).toMatch(/6\/6 columns mapped\s+0 to review\s+1\/1 required fields/);
    await page.screenshot({ path: join(SHOTS, 'package-ui-1366-map.png') });
    await step('Source').click();
    expect(await page.getByLabel('Encoding').inputValue()).toBe('macintosh');
    await step('Preview').click();
    await page.getByRole('heading', { name: /92 of 92 rows become records · 0 errors/ }).waitFor();
    await step('Finish').click();
    const pending = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download as AEP mapping template (CSV)' }).click();
    const download = await pending;
    const template = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toBe('luma-products.aep-template.csv');
    expect(template.split('\r\n').slice(0, 2)).toEqual(['sourceType,source,destination,name,description', 'ATTRIBUTE,SKU,_techmarketingdemos.productSku,,']);
    await page.screenshot({ path: join(SHOTS, 'package-ui-1366-finish.png') });

    // A reload keeps the session: the named files are opened once per start of the server.
    await step('Map').click();
    await page.getByLabel('Select a column').selectOption('Color');
    await page.getByRole('button', { name: 'Leave unmapped' }).click();
    // At once, within the save's debounce: the page saves a pending change as it goes.
    await page.reload();
    await expect.poll(() => page.getByRole('list', { name: 'Counters' }).innerText()).toMatch(/5\/6 columns mapped/);

    // The template goes back in as a mapping, where a saved mapping is reused.
    await step('Source').click();
    await page.getByTestId('mapping-file').setInputFiles({ name: 'luma-products.aep-template.csv', mimeType: 'text/csv', buffer: Buffer.from(template) });
    await page.getByText('Loaded the mapping "luma-products.aep-template.csv" (aep-template, 6 entries)').waitFor();
    await step('Map').click();
    await expect.poll(() => page.getByRole('list', { name: 'Counters' }).innerText()).toMatch(/6\/6 columns mapped/);

    // The app's own samples come from the installed package too.
    await page.getByRole('button', { name: 'Start over' }).click();
    await page.getByRole('button', { name: 'Open the Luma sample' }).click();
    await page.getByRole('toolbar', { name: 'Mapper tools' }).waitFor();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: join(SHOTS, 'package-ui-1920-map.png') });
    expect(trouble).toEqual({ consoleErrors: [], failedRequests: [], foreignRequests: [] });
    await page.context().close();

    const exited = exitOf(ui.child);
    ui.child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(ui.output().err).toMatch(/stopped\n$/);
  }, 120_000);

  it('says when the port is taken', async () => {
    const first = await startUi([]);
    const port = new URL(first.url).port;
    const second = await run(join(project, 'node_modules', '.bin', 'xdm-mapper'), ['ui', '--port', port], { cwd: project }).catch((e) => e);
    expect([second.code, second.stderr]).toEqual([2, expect.stringMatching(`port ${port} is in use`)]);
    const exited = exitOf(first.child);
    first.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
