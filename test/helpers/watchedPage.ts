import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium; CI installs it with apt-get (see .ci/run). */
/** Debian's Chromium; CI installs it with apt-get (see .ci/run). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What a page did that a clean app never does: console errors, failed requests, requests off 127.0.0.1. */
export interface PageTrouble {
  consoleErrors: string[];
  failedRequests: string[];
  foreignRequests: string[];
}

/** Headless Chromium, started as the probe of this machine starts it (no background networking). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it with "apt-get install chromium" (.ci/run does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page that records everything a clean app must not do: a console error or uncaught
 * exception, a request that fails or answers 4xx/5xx, a request to anything but 127.0.0.1.
 */
export async function watchedPage(browser: Browser, viewport = { width: 1366, height: 768 }): Promise<{ page: Page; trouble: PageTrouble }> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const trouble: PageTrouble = { consoleErrors: [], failedRequests: [], foreignRequests: [] };
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.protocol !== 'data:' && u.protocol !== 'blob:' && u.hostname !== '127.0.0.1') {
      trouble.foreignRequests.push(u.href);
      return route.abort();
    }
    return route.continue();
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') trouble.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => trouble.consoleErrors.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => trouble.failedRequests.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) trouble.failedRequests.push(`${r.url()}: HTTP ${r.status()}`);
  });
  return { page, trouble };
}
