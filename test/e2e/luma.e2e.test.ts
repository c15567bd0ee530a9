import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli';
import { LUMA_CSV, LUMA_MAPPING, LUMA_SCHEMA } from '../helpers/samples';
import { type AppHarness, shot, startApp } from './browser';

let app: AppHarness;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

describe('the app in Chromium', () => {
  it('opens the Luma sample in one click and downloads records equal to the CLI output', async () => {
    const page = await app.newPage();
    await page.goto(app.url);
    await shot(page, '01-start');
    await page.getByRole('button', { name: 'Open the Luma sample' }).click();
    await page.getByRole('heading', { name: /Target: Luma Product Catalog Schema/ }).waitFor();
    await expect.poll(() => page.getByText('was read as Mac Roman').count()).toBeGreaterThan(0);
    expect(await page.getByLabel('Encoding').inputValue()).toBe('macintosh');
    await expect.poll(() => page.getByText(/92 of 92 sampled rows become records/).count()).toBe(1);
    await shot(page, '02-luma-loaded');

    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download records (.jsonl)' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe('part-00001.jsonl');
    const browserText = readFileSync((await download.path())!, 'utf8');

    const out = tempDir();
    const r = await cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', out);
    expect(r.code).toBe(0);
    expect(browserText).toBe(readFileSync(join(out, 'part-00001.jsonl'), 'utf8'));
    expect(browserText).toContain('Deion Long-Sleeve EverCool™ Tee');
    await expect.poll(() => page.getByText(/92 rows: 92 written in 1 file\(s\), 0 rejected/).count()).toBe(1);
    expect(app.foreignRequests).toEqual([]);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shot(page, '03-luma-1920');
  });

  it('explains a file that is not CSV, keeping what was loaded', async () => {
    const page = await app.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Open the Luma sample' }).click();
    await page.getByRole('heading', { name: /Source: luma-products.csv/ }).waitFor();
    await page.getByLabel('CSV file').setInputFiles({
      name: 'book.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from('PK\u0003\u0004rest-of-zip'),
    });
    await page.getByRole('alert').filter({ hasText: 'is a zip archive' }).waitFor();
    expect(await page.getByRole('heading', { name: /Source: luma-products.csv/ }).count()).toBe(1);
    await page
      .getByLabel('Schema file')
      .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"type": "object", "properties": ') });
    await page.getByRole('alert').filter({ hasText: 'cannot be used' }).first().waitFor();
    expect(await page.getByRole('heading', { name: /Target: Luma Product Catalog Schema/ }).count()).toBe(1);
    await shot(page, '04-not-csv');
  });
});

describe('suggestions in the app', () => {
  it('suggests a mapping for a new file against a sample schema, with confidence and reasons', async () => {
    const page = await app.newPage();
    await page.goto(app.url);
    await page.getByLabel('Sample schema').selectOption('profile');
    await page.getByRole('heading', { name: /Target: Acme Loyalty Profile/ }).waitFor();
    await page.getByLabel('CSV file').setInputFiles(join(import.meta.dirname, '..', 'fixtures', 'hubspot-contacts.csv'));
    await page.getByRole('heading', { name: 'Suggested mapping' }).waitFor();
    const table = page.getByRole('table', { name: 'Mappings' });
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'personalEmail.address' }).count()).toBe(1);
    expect(await table.getByRole('row').filter({ hasText: 'Date of birth' }).innerText()).toMatch(/person\.birthDate/);
    expect(await table.getByRole('row').filter({ hasText: 'Lifecycle Stage' }).innerText()).toMatch(/not mapped/);
    expect(await table.getByRole('row').filter({ hasText: 'Email' }).first().innerText()).toMatch(/\d+% \((high|medium|low)\)/);
    await shot(page, '05-suggested-mapping');
  });
});
