import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMappingText } from '../../src/core/mapping/document';
import { cli, tempDir } from '../helpers/cli';
import { LUMA_CSV, LUMA_MAPPING, LUMA_SCHEMA } from '../helpers/samples';
import { type AppHarness, axeProblems, shot, startApp, step, VIEWPORTS } from './browser';

let app: AppHarness;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

async function downloadText(page: Page, button: string | RegExp): Promise<{ name: string; text: string }> {
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const d = await pending;
  return { name: d.suggestedFilename(), text: readFileSync((await d.path())!, 'utf8') };
}

describe('the Luma workflow in Chromium', () => {
  for (const viewport of VIEWPORTS) {
    it(`goes from the Mac Roman file to batch files equal to the CLI's (${viewport.width}x${viewport.height})`, async () => {
      const page = await app.newPage(viewport);
      const tag = `${viewport.width}`;
      await page.goto(app.url);
      await shot(page, `${tag}-1-target`);
      expect(await axeProblems(page), 'axe on Target').toEqual([]);
      await page.getByRole('button', { name: 'Open the Luma sample' }).click();

      // Map: the saved mapping arrives drawn, every column mapped.
      await page.getByRole('toolbar', { name: 'Mapper tools' }).waitFor();
      await expect
        .poll(() => page.getByRole('list', { name: 'Counters' }).innerText())
        .toMatch(/6\/6 columns mapped\s+0 to review\s+1\/1 required fields\s+1\/1 identity fields\s+0 errors/);
      // Edges are drawn a frame after the rows they join.
      await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(6);
      expect(await axeProblems(page), 'axe on Map').toEqual([]);
      await page.screenshot({ path: join('test-results', 'screenshots', `${tag}-3-map.png`) });
      // The identity's column and arrow whole, on one line (once, "SKU" and its arrow wrapped onto two lines).
      expect(
        await page
          .locator('.identity-list .identity-from')
          .evaluateAll((parts) =>
            parts
              .filter(
                (el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().height > 1.5 * Number.parseFloat(getComputedStyle(el).lineHeight),
              )
              .map((el) => el.textContent),
          ),
      ).toEqual([]);

      // Source: read as Mac Roman, said so, changeable.
      await step(page, 'Source').click();
      expect(await page.getByLabel('Encoding').inputValue()).toBe('macintosh');
      await page.getByText('was read as Mac Roman').first().waitFor();
      expect(await page.getByRole('table', { name: 'First rows' }).innerText()).toContain('Abominable Hoodie');
      expect(await page.getByRole('figure', { name: 'Profile of Price' }).innerText()).toMatch(/decimal[\s\S]*100% filled · 50 distinct/);
      await shot(page, `${tag}-2-source`);
      expect(await axeProblems(page), 'axe on Source').toEqual([]);

      // Preview: 92 records, no errors, Finish open.
      await step(page, 'Preview').click();
      await page.getByRole('heading', { name: /92 of 92 rows become records · 0 errors/ }).waitFor();
      expect(await page.getByRole('list', { name: 'First records' }).innerText()).toContain('Deion Long-Sleeve EverCool™ Tee');
      await page.getByRole('tab', { name: 'Records as a table' }).click();
      expect(await page.getByRole('table', { name: 'Records as a table' }).innerText()).toContain('_techmarketingdemos.productSku');
      await shot(page, `${tag}-4-preview`);
      expect(await axeProblems(page), 'axe on Preview').toEqual([]);
      await page.getByRole('button', { name: 'Next: finish' }).click();

      // The same run on the command line, its file names never broken at their hyphens.
      const command = page.locator('code.command-line');
      expect((await command.innerText()).replace(/\s+/g, ' ').trim()).toMatch(
        /^npx xdm-mapper apply --mapping luma-products\.mapping\.json --schema \S+\.json luma-products\.csv --out out\/$/,
      );
      const lines = await command.locator('.word').evaluateAll((words) => words.map((w) => w.getClientRects().length));
      expect(lines.length).toBe(10);
      expect(lines.every((n) => n === 1)).toBe(true);

      // Finish: the mapping, then the whole file through the worker.
      const mapping = await downloadText(page, 'Download mapping (xdm-mapper)');
      expect(mapping.name).toBe('luma-products.mapping.json');
      const reloaded = loadMappingText(mapping.text);
      expect(reloaded.ok && reloaded.doc.mappings.length).toBe(6);
      await page.getByRole('button', { name: 'Run and create batch files' }).click();
      await page.getByRole('heading', { name: /Run summary/ }).waitFor();
      expect(await page.locator('.summary-line').innerText()).toMatch(/92 rows written\s+0 rejected\s+of 92 rows/);
      const records = await downloadText(page, /Download part-00001\.jsonl \(92 records/);
      // Downloads carry the names the manifest lists; the encoding has the name people know.
      expect(records.name).toBe('part-00001.jsonl');
      expect(await page.getByText(/^luma-products\.csv · [0-9.]+ KB · Mac Roman$/).count()).toBe(1);
      const manifest = JSON.parse((await downloadText(page, 'Download manifest.json')).text);
      await shot(page, `${tag}-5-finish`);
      expect(await axeProblems(page), 'axe on Finish').toEqual([]);

      const out = tempDir();
      const r = await cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', out);
      expect(r.code).toBe(0);
      expect(records.text).toBe(readFileSync(join(out, 'part-00001.jsonl'), 'utf8'));
      const cliManifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      expect(manifest.files).toEqual(cliManifest.files);
      expect(manifest.rows).toEqual({ input: 92, written: 92, rejected: 0 });
      expect(app.foreignRequests).toEqual([]);
      await page.context().close();
    });
  }

  it('explains a file that is not CSV and a schema that does not parse, keeping what was loaded', async () => {
    const page = await app.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Open the Luma sample' }).click();
    await page.getByRole('toolbar', { name: 'Mapper tools' }).waitFor();
    await step(page, 'Source').click();
    await page.getByTestId('csv-file').setInputFiles({
      name: 'book.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from('PK\u0003\u0004rest-of-zip'),
    });
    await page.getByRole('alert').filter({ hasText: '"book.xlsx" is an Excel workbook (.xlsx), not CSV text' }).waitFor();
    await page.getByTestId('csv-file').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await page.getByRole('alert').filter({ hasText: 'is empty (0 bytes)' }).waitFor();
    expect(await page.getByRole('heading', { name: /Source: luma-products.csv/ }).count()).toBe(1);
    await shot(page, 'source-not-csv');

    await step(page, 'Target').click();
    await page
      .getByTestId('schema-file')
      .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"type": "object", "properties": ') });
    await page.getByRole('alert').filter({ hasText: 'cannot be used' }).first().waitFor();
    expect(await page.getByRole('heading', { name: /Target: Luma Product Catalog Schema/ }).count()).toBe(1);
    await step(page, 'Map').click();
    await expect.poll(() => page.getByRole('list', { name: 'Counters' }).innerText()).toMatch(/6\/6 columns mapped/);
    await page.context().close();
  });

  it('keeps the session across a reload, and Start over clears it', async () => {
    const page = await app.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Open the Luma sample' }).click();
    await page.getByRole('toolbar', { name: 'Mapper tools' }).waitFor();
    // One edit, so that the restored mapping is not simply the saved file again.
    await page.getByLabel('Select a column').selectOption('Color');
    await page.getByRole('button', { name: 'Leave unmapped' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Counters' }).innerText()).toMatch(/5\/6 columns mapped/);
    // At once, within the save's debounce: the page saves a pending change as it goes.
    await page.reload();
    await page.getByRole('toolbar', { name: 'Mapper tools' }).waitFor();
    await expect.poll(() => page.getByRole('list', { name: 'Counters' }).innerText()).toMatch(/5\/6 columns mapped/);
    await step(page, 'Preview').click();
    await page.getByRole('heading', { name: /92 of 92 rows become records/ }).waitFor();

    await page.getByRole('button', { name: 'Start over' }).click();
    await page.getByRole('button', { name: 'Open the Luma sample' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Open the Luma sample' }).waitFor();
    expect(await step(page, 'Map').isDisabled()).toBe(true);
    await page.context().close();
  });
});
