import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli';
import { LUMA_CSV, ROOT } from '../helpers/samples';
import { type AppHarness, SHOTS, shot, startApp, step, VIEWPORTS } from './browser';

let app: AppHarness;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const counters = (page: Page) => page.getByRole('list', { name: 'Counters' }).innerText();
const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

async function openLuma(page: Page) {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Open the Luma sample' }).click();
  await page.getByRole('toolbar', { name: 'Mapper tools' }).waitFor();
  await expect.poll(() => counters(page)).toMatch(/6\/6 columns mapped/);
}

/** Drags from a handle to a target with real mouse moves, as a person does. */
async function drag(page: Page, from: string, to: string) {
  const a = await page.locator(from).boundingBox();
  const b = await page.locator(to).boundingBox();
  if (!a || !b) throw new Error(`handle not on screen: ${a ? to : from}`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

describe('editing a mapping on the graph', () => {
  it('drops a column, draws an edge, deletes one by keyboard, undoes, and adds a calculated field', async () => {
    const page = await app.newPage();
    await openLuma(page);

    // Drop a column: its edge goes, the counters say so.
    await page.getByLabel('Select a column').selectOption('Color');
    await page.getByRole('region', { name: 'Column Color' }).waitFor();
    await page.getByRole('button', { name: 'Leave unmapped' }).click();
    await expect.poll(() => counters(page)).toMatch(/5\/6 columns mapped/);
    expect(await page.locator('.react-flow__edge').count()).toBe(5);
    expect(await page.getByRole('region', { name: 'Column Color' }).innerText()).toContain('Not mapped');

    // Draw it back by dragging from the column's handle to the field's.
    await drag(
      page,
      '.react-flow__node[data-id="col:3"] .react-flow__handle',
      // Released anywhere on the field's row, the drop lands on that row and no other.
      '.react-flow__node[data-id="field:_techmarketingdemos.productColor"] .row-main',
    );
    await expect.poll(() => counters(page)).toMatch(/6\/6 columns mapped/);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(6);
    expect(await node(page, 'col:3').innerText()).toContain('mapped');

    // Delete an edge with the keyboard alone, then undo and redo it.
    await page.locator('.react-flow__edge[data-id="edge:_techmarketingdemos.productSize"]').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Delete');
    await expect.poll(() => counters(page)).toMatch(/5\/6 columns mapped/);
    await page.keyboard.press('Control+z');
    await expect.poll(() => counters(page)).toMatch(/6\/6 columns mapped/);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => counters(page)).toMatch(/5\/6 columns mapped/);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => counters(page)).toMatch(/6\/6 columns mapped/);

    // A calculated field: autocomplete, an inline error, a live result, then saved.
    await node(page, 'field:_techmarketingdemos.productName').click();
    await page.getByRole('region', { name: 'Field _techmarketingdemos.productName' }).waitFor();
    await page.getByRole('button', { name: 'Calculated field…' }).click();
    const formula = page.getByLabel(/^Formula/);
    await formula.fill('upper(Nme)');
    await page.getByRole('alert').filter({ hasText: 'the file has no column "Nme"' }).waitFor();
    await formula.fill('');
    await formula.pressSequentially('upp');
    expect(await page.getByRole('list', { name: /Completions/ }).innerText()).toContain('upper');
    await formula.press('Tab');
    await formula.pressSequentially('Name)');
    expect(await formula.inputValue()).toBe('upper(Name)');
    await expect.poll(() => page.getByRole('table', { name: 'Result on the first sample rows' }).innerText()).toContain('ABOMINABLE HOODIE');
    await shot(page, 'map-formula-editor');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.react-flow__node-formula').count()).toBe(1);
    expect(await page.locator('.react-flow__node-formula').innerText()).toContain('upper(Name)');
    await page.screenshot({ path: join(SHOTS, 'map-edited.png') });

    await step(page, 'Preview').click();
    await page.getByRole('heading', { name: /92 of 92 rows become records · 0 errors/ }).waitFor();
    const json = await page.getByRole('list', { name: 'First records' }).innerText();
    expect(json).toContain('"productName": "ABOMINABLE HOODIE"');
    expect(json).toContain('"productColor": "blue"');
    await page.context().close();
  });

  it('applies a saved mapping to a CSV whose column was renamed, with a one-click repair', async () => {
    const page = await app.newPage();
    await openLuma(page);
    const bytes = readFileSync(LUMA_CSV);
    const renamed = Buffer.concat([Buffer.from('SKU,Name,Category,Color,Size,Unit Price'), bytes.subarray(bytes.indexOf('\r'))]);
    await step(page, 'Source').click();
    await page.getByTestId('csv-file').setInputFiles({ name: 'luma-products-2.csv', mimeType: 'text/csv', buffer: renamed });
    await page.getByRole('heading', { name: /Source: luma-products-2.csv/ }).waitFor();
    const rec = page.getByRole('region', { name: 'The mapping and this file' });
    expect(await rec.innerText()).toMatch(/lacks: "Price"[\s\S]*New columns in the file: "Unit Price"[\s\S]*"Price" → "Unit Price"/);
    await shot(page, 'source-renamed-column');

    await step(page, 'Map').click();
    await page.getByRole('alert').filter({ hasText: 'the file has no column "Price"' }).waitFor();
    await step(page, 'Source').click();
    await rec.getByRole('button', { name: 'Read "Unit Price" instead' }).click();
    await step(page, 'Map').click();
    await expect.poll(() => counters(page)).toMatch(/6\/6 columns mapped\s+0 to review\s+1\/1 required fields\s+1\/1 identity fields\s+0 errors/);
    await step(page, 'Preview').click();
    await page.getByRole('heading', { name: /92 of 92 rows become records/ }).waitFor();
    expect(await page.getByRole('list', { name: 'First records' }).innerText()).toContain('"productPrice": 69');
    await page.context().close();
  });

  it('blocks Finish while a required field is unmapped, with a list that leads to it', async () => {
    const page = await app.newPage();
    await openLuma(page);
    await page.getByLabel('Select a column').selectOption('SKU');
    await page.getByRole('button', { name: 'Leave unmapped' }).click();
    await expect.poll(() => counters(page)).toMatch(/0\/1 required fields/);
    await step(page, 'Preview').click();
    const blockers = page.getByRole('region', { name: /Finish is blocked/ });
    expect(await blockers.innerText()).toContain('_techmarketingdemos.productSku');
    expect(await page.getByRole('button', { name: 'Next: finish' }).isDisabled()).toBe(true);
    await shot(page, 'preview-blocked');
    await blockers.getByRole('button', { name: 'Map it' }).click();
    await page.getByRole('region', { name: 'Field _techmarketingdemos.productSku' }).waitFor();
    await page.getByLabel('Column for _techmarketingdemos.productSku').selectOption('SKU');
    await expect.poll(() => counters(page)).toMatch(/1\/1 required fields/);
    await page.context().close();
  });
});

/** 60 distinct columns from the suggestion benchmark's real exports, rows side by side. */
function sixtyColumnCsv(): string {
  const files = [
    'bench/suggest-validation/v1-shopify-customers.csv',
    'bench/suggest-validation/v2-salesforce-contacts.csv',
    'bench/suggest/d2-hubspot-contacts.csv',
    'bench/suggest-validation-2/w5-consumer-profiles.csv',
    'bench/suggest-validation-2/w1-woocommerce-orders.csv',
  ];
  const header: string[] = [];
  const picks: { file: number; col: number }[] = [];
  const tables = files.map((f) => Papa.parse<string[]>(readFileSync(join(ROOT, f), 'utf8').trim()).data);
  for (const [file, t] of tables.entries()) {
    for (const [col, name] of (t[0] ?? []).entries()) {
      if (header.length < 60 && !header.some((h) => h.toLowerCase() === name.toLowerCase())) {
        header.push(name);
        picks.push({ file, col });
      }
    }
  }
  const rows = Array.from({ length: 20 }, (_, i) => picks.map((p) => tables[p.file]?.[1 + (i % ((tables[p.file]?.length ?? 2) - 1))]?.[p.col] ?? ''));
  return Papa.unparse([header, ...rows]);
}

describe('a large schema', () => {
  it('maps a 60-column CSV onto the 1,307-field profile schema, drawing only what is in view', async () => {
    const csv = sixtyColumnCsv();
    expect(Papa.parse<string[]>(csv).data[0]).toHaveLength(60);
    for (const viewport of VIEWPORTS) {
      const page = await app.newPage(viewport);
      await page.goto(app.url);
      await page.getByRole('button', { name: 'Acme Profile, large (1,307 fields)' }).click();
      await page.getByRole('heading', { name: 'The CSV file' }).waitFor();
      await page.getByTestId('csv-file').setInputFiles({ name: 'contacts-60.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Next: map the columns' }).click();
      await page.getByRole('toolbar', { name: 'Mapper tools' }).waitFor();
      // Suggestions arrive for review; accepting the high ones maps them.
      const pending = Number((await counters(page)).match(/(\d+) to review/)?.[1]);
      expect(pending).toBeGreaterThanOrEqual(25);
      await page.getByRole('button', { name: /Accept all high/ }).click();
      await expect.poll(async () => Number((await counters(page)).match(/(\d+)\/60 columns mapped/)?.[1])).toBeGreaterThanOrEqual(20);
      const mapped = Number((await counters(page)).match(/(\d+)\/60 columns mapped/)?.[1]);
      // React Flow draws only the nodes in view: far fewer than the graph holds.
      const drawn = await page.locator('.react-flow__node').count();
      expect(drawn).toBeGreaterThan(10);
      expect(drawn).toBeLessThan(60 + mapped);
      await page.screenshot({ path: join(SHOTS, `${viewport.width}-large-schema-map.png`) });

      const t0 = Date.now();
      await page.getByLabel('Search fields by path, title or description').fill('loyalty points');
      await expect.poll(() => page.locator('.react-flow__node-field', { hasText: 'points' }).count()).toBeGreaterThan(0);
      console.log(`large schema, ${viewport.width}px: ${drawn} nodes drawn of ${60}+ columns; search answered in ${Date.now() - t0} ms`);
      await page.getByLabel('Search fields by path, title or description').fill('');
      await page.getByRole('radio', { name: 'Unmapped' }).check();
      await expect.poll(() => counters(page)).toMatch(new RegExp(`${mapped}/60 columns mapped`));
      await page.screenshot({ path: join(SHOTS, `${viewport.width}-large-schema-unmapped.png`) });
      await page.context().close();
    }
  }, 60_000);
});

/** A Luma-shaped CSV of about `mb` MB; every 5,000th row lacks its SKU (rejected: required). */
async function bigCsv(path: string, mb: number): Promise<{ rows: number; rejectedLines: number[] }> {
  const out = createWriteStream(path);
  out.write('SKU,Name,Category,Color,Size,Price\n');
  let bytes = 0;
  let rows = 0;
  const rejectedLines: number[] = [];
  const colors = ['blue', 'black', 'gray', 'red', ''];
  while (bytes < mb * 1024 * 1024) {
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      rows++;
      const sku = rows % 5000 === 0 ? '' : `LL-${rows}`;
      if (!sku) rejectedLines.push(rows + 1);
      lines.push(`${sku},"Product ${rows}, size ${rows % 7}",women:tops:tees,${colors[rows % 5]},${rows % 40},${(rows % 9000) / 100}`);
    }
    const chunk = `${lines.join('\n')}\n`;
    bytes += chunk.length;
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return { rows, rejectedLines };
}

describe('a 100 MB file', () => {
  it('streams through the worker to batch files, with progress, while the page answers clicks', async () => {
    const dir = tempDir();
    const path = join(dir, 'products-100mb.csv');
    const { rows, rejectedLines } = await bigCsv(path, 100);
    const page = await app.newPage();
    await openLuma(page);
    await step(page, 'Source').click();
    await page.getByTestId('csv-file').setInputFiles(path);
    await page.getByRole('heading', { name: /Source: products-100mb.csv \(10\d\.\d MB\)/ }).waitFor();
    await step(page, 'Finish').click();
    const started = Date.now();
    await page.getByRole('button', { name: 'Run and create batch files' }).click();

    // Progress shows, and the page keeps working: other steps open and come back.
    const bar = page.getByRole('progressbar', { name: 'Progress of the run' });
    await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 60_000 }).toBeGreaterThan(0);
    const seen = Number(await bar.getAttribute('value'));
    expect(seen).toBeLessThan(100);
    await shot(page, 'finish-running');
    await step(page, 'Map').click();
    await page.getByRole('toolbar', { name: 'Mapper tools' }).waitFor();
    await page.getByLabel('Select a column').selectOption('Price');
    await page.getByRole('region', { name: 'Column Price' }).waitFor();
    await step(page, 'Finish').click();
    const later = await bar.getAttribute('value').catch(() => '100');
    expect(Number(later ?? 100)).toBeGreaterThanOrEqual(seen);

    await page.getByRole('heading', { name: /Run summary/ }).waitFor({ timeout: 150_000 });
    console.log(`100 MB file: run to summary in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const written = rows - rejectedLines.length;
    const fmt = (n: number) => n.toLocaleString('en-US');
    expect(await page.locator('.summary-line').innerText()).toMatch(
      new RegExp(`${fmt(written)} rows written\\s+${fmt(rejectedLines.length)} rejected\\s+of ${fmt(rows)} rows`),
    );
    await shot(page, 'finish-100mb-summary');

    const pending = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download manifest.json' }).click();
    const manifest = JSON.parse(readFileSync((await (await pending).path())!, 'utf8'));
    expect(manifest.rows).toEqual({ input: rows, written, rejected: rejectedLines.length });
    expect(manifest.files.length).toBeGreaterThanOrEqual(1);
    expect(manifest.files.reduce((n: number, f: { records: number }) => n + f.records, 0)).toBe(written);

    // The chart's code links to example rows: the first rejected lines of the file.
    await page.getByRole('button', { name: 'Example rows for REQUIRED_MISSING' }).click();
    const examples = await page.getByRole('region', { name: 'Example rows' }).innerText();
    expect(examples).toContain(`\t${rejectedLines[0]}\t`);

    // The run's files were written into the browser's origin-private file system.
    const runFolderLeft = () =>
      page.evaluate("navigator.storage.getDirectory().then((root) => root.getDirectoryHandle('xdm-mapper-run')).then(() => true, () => false)");
    expect(await runFolderLeft()).toBe(true);

    // A second run can be cancelled midway: no files, and it says so.
    await page.getByRole('button', { name: 'Run again' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('status').filter({ hasText: 'Cancelled: no file was produced.' }).waitFor();
    expect(await page.getByRole('heading', { name: /Run summary/ }).count()).toBe(0);
    // A cancelled run's files go from the browser's origin-private file system.
    await expect.poll(runFolderLeft, { timeout: 10_000 }).toBe(false);
    await page.context().close();
  }, 240_000);
});
