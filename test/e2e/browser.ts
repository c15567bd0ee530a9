import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build, createServer, preview } from 'vite';
import { expect } from 'vitest';
import { ROOT } from '../helpers/samples';
import { launchChromium } from '../helpers/watchedPage';

export const SHOTS = join(ROOT, 'test-results', 'screenshots');

export { CHROMIUM } from '../helpers/watchedPage';

export interface AppHarness {
  url: string;
  browser: Browser;
  /** Requests that left 127.0.0.1: the app must make none. */
  foreignRequests: string[];
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts the app on a free loopback port and a headless Chromium: Vite's dev server, or with
 * `production` the app built as `npm start` serves it (React's development build is several
 * times slower, so speed is measured on the built app).
 */
export async function startApp({ production = false } = {}): Promise<AppHarness> {
  mkdirSync(SHOTS, { recursive: true });
  const configFile = join(ROOT, 'vite.config.ts');
  let server: { httpServer: { address(): unknown } | null; close(): Promise<void> };
  if (production) {
    const outDir = mkdtempSync(join(tmpdir(), 'xdm-app-'));
    // Vitest sets NODE_ENV to "test", which Vite would write into the bundle, so React's
    // development build would be measured; the app is built as `npm run build` builds it.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ root: ROOT, configFile, logLevel: 'error', mode: 'production', build: { outDir, emptyOutDir: true } });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    server = await preview({ root: ROOT, configFile, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  } else {
    const dev = await createServer({ root: ROOT, configFile, logLevel: 'error', server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false } });
    await dev.listen();
    server = dev;
  }
  const address = server.httpServer?.address() as { port: number } | string | null;
  if (!address || typeof address === 'string') throw new Error('vite did not listen on a port');
  const url = `http://127.0.0.1:${address.port}/`;
  const browser = await launchChromium();
  const foreignRequests: string[] = [];
  return {
    url,
    browser,
    foreignRequests,
    async newPage(viewport = { width: 1280, height: 800 }) {
      const context = await browser.newContext({ viewport, acceptDownloads: true });
      await context.route('**/*', (route) => {
        const u = new URL(route.request().url());
        if (u.hostname !== '127.0.0.1' && u.protocol !== 'data:' && u.protocol !== 'blob:') {
          foreignRequests.push(route.request().url());
          return route.abort();
        }
        return route.continue();
      });
      const page = await context.newPage();
      page.on('pageerror', (e) => {
        throw e;
      });
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

/** The step button of that name in the app's step bar. */
export const step = (page: Page, name: string) => page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: new RegExp(name) });

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the page as it is now, as `rule: target` lines. */
export async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as {
    violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.slice(0, 5).map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

/** Fails with axe's serious and critical findings, naming the state the page is in. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  expect(await axeProblems(page), `axe on ${where}`).toEqual([]);
}

/** Opens the app, picks a sample schema by its button, loads a CSV file and goes on to the Map step. */
export async function openOnMap(page: Page, url: string, schemaButton: string, csv: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: schemaButton }).click();
  await page.getByRole('heading', { name: 'The CSV file' }).waitFor();
  await page.getByTestId('csv-file').setInputFiles(csv);
  await page.getByRole('heading', { name: /^Source:/ }).waitFor();
  await page.getByRole('button', { name: 'Next: map the columns' }).click();
  await page.getByRole('toolbar', { name: 'Mapper tools' }).waitFor();
}

/** Both sizes every browser test looks at. */
export const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
