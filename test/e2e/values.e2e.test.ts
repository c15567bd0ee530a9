import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppHarness, SHOTS, startApp } from './browser';

const DIR = join(import.meta.dirname, '../fixtures/values');
let app: AppHarness;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

/** Opens the app with the values test schema and a file, on the Map step. */
async function open(page: Page, file: string, name = file, buffer = readFileSync(join(DIR, file))) {
  await page.goto(app.url);
  await page
    .getByTestId('schema-file')
    .setInputFiles({ name: 'values.schema.json', mimeType: 'application/json', buffer: readFileSync(join(DIR, 'values.schema.json')) });
  await page.getByRole('heading', { name: 'The CSV file' }).waitFor();
  await page.getByTestId('csv-file').setInputFiles({ name, mimeType: 'text/csv', buffer });
  await page.getByRole('button', { name: 'Next: map the columns' }).click();
  await page.getByRole('toolbar', { name: 'Mapper tools' }).waitFor();
}

const reading = (page: Page, column: string) => page.getByRole('group', { name: `Reading of ${column}` });
async function column(page: Page, name: string) {
  const select = page.getByLabel('Select a column');
  if (await select.count()) await select.selectOption(name);
  else await page.locator('.react-flow__node-column', { hasText: name }).first().click();
  await page.getByRole('region', { name: `Column ${name}` }).waitFor();
}
/** Selects a column and makes sure it is mapped: its waiting suggestion accepted, or else its first suggested field used. */
async function mapped(page: Page, name: string) {
  await column(page, name);
  const region = page.getByRole('region', { name: `Column ${name}` });
  const accept = region.getByRole('button', { name: 'Accept', exact: true });
  if (await accept.count()) await accept.click();
  else if (!(await region.innerText()).includes('Remove')) await region.getByRole('button', { name: 'Use', exact: true }).first().click();
  await reading(page, name).waitFor();
}
/** The Preview's first records as JSON. */
async function records(page: Page): Promise<Record<string, unknown>[]> {
  await page
    .getByRole('navigation', { name: 'Steps' })
    .getByRole('button', { name: /Preview/ })
    .click();
  const list = page.getByRole('list', { name: 'First records' });
  await list.waitFor();
  return Promise.all((await list.locator('pre').all()).slice(0, 3).map(async (p) => JSON.parse(await p.innerText())));
}

describe('values read the way the file writes them, in the web app', () => {
  it('French birth dates day first and decimal-comma amounts, with the evidence and the sample converted live', { timeout: 120_000 }, async () => {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      const page = await app.newPage(viewport);
      await open(page, 'fr-clients.csv');
      await mapped(page, 'Date de naissance');
      const r = reading(page, 'Date de naissance');
      await expect.poll(() => r.innerText()).toContain('day first: 23/04/1990 has 23 in the first part');
      expect(await r.innerText()).toMatch(/12\/03\/1985\s*→\s*"1985-03-12"/);
      expect(await r.getByLabel('Date format').inputValue()).toBe('dd/MM/yyyy');
      await page.screenshot({ path: join(SHOTS, `${viewport.width}-values-reading-date.png`) });
      await mapped(page, 'Montant');
      expect(await reading(page, 'Montant').innerText()).toMatch(/1\.234,56\s*→\s*1234\.56/);
      const [first] = await records(page);
      expect(first).toMatchObject({ person: { birthDate: '1985-03-12' }, commerce: { amount: 1234.56 } });
      await page.screenshot({ path: join(SHOTS, `${viewport.width}-values-preview.png`), fullPage: true });
      await page.close();
    }
  });

  it('Shopify timestamps: the reading, the record and the formula editor agree on 12:20:57Z', async () => {
    const page = await app.newPage();
    await open(page, 'shopify-orders.csv');
    await mapped(page, 'Created at');
    const r = reading(page, 'Created at');
    await expect.poll(() => r.innerText()).toMatch(/2025-03-20 05:20:57 -0700\s*→\s*"2025-03-20T12:20:57Z"/);
    const [first] = await records(page);
    expect(first).toMatchObject({ commerce: { createdAt: '2025-03-20T12:20:57Z' } });
    await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Map/ }).click();
    await column(page, 'Created at');
    // The same instant from a calculated field: the editor shows what the record gets.
    await page.getByRole('region', { name: 'Column Created at' }).getByRole('button', { name: 'Use in a formula…' }).click();
    const editor = page.locator('section.formula-editor');
    await editor.waitFor();
    await editor.getByLabel(/^Formula/).fill('date(${Created at}, "yyyy-MM-dd HH:mm:ss Z")');
    await editor.getByLabel('Choose the destination').fill('paidAt');
    await editor
      .getByRole('option', { name: /commerce\.paidAt/ })
      .first()
      .click();
    await expect.poll(() => editor.innerText()).toContain('"2025-03-20T12:20:57Z"');
    expect(await editor.innerText()).not.toContain('05:20:57Z');
    await page.screenshot({ path: join(SHOTS, 'values-formula-editor.png') });
  });

  it('asks for the reading of an ambiguous column, blocks Finish until it is chosen, then converts with it', async () => {
    const page = await app.newPage();
    const csv = Buffer.from('Artikelnummer,Angelegt am\nA-1,03/04/2021\nA-2,07/04/2021\nA-3,01/05/2021\n');
    await open(page, 'ambiguous.csv', 'ambiguous.csv', csv);
    // Mapped by hand when the suggester leaves it (or places it elsewhere).
    await column(page, 'Angelegt am');
    const region = page.getByRole('region', { name: 'Column Angelegt am' });
    if (!(await region.innerText()).includes('product.since')) {
      await region.getByLabel('Map this column to…').fill('since');
      await region
        .getByRole('option', { name: /product\.since/ })
        .first()
        .click();
    }
    const r = reading(page, 'Angelegt am');
    await expect.poll(() => r.innerText()).toContain('Choose how to read this column');
    expect(await r.innerText()).toMatch(/03\/04\/2021 is (4 March 2021 or 3 April 2021|3 April 2021 or 4 March 2021)/);
    await page.screenshot({ path: join(SHOTS, 'values-ambiguous.png') });
    await page
      .getByRole('navigation', { name: 'Steps' })
      .getByRole('button', { name: /Preview/ })
      .click();
    const pre = page.getByRole('region', { name: 'Before the run' });
    await expect.poll(() => pre.innerText()).toContain('Finish is blocked until these columns have a reading');
    expect(await page.getByRole('button', { name: 'Next: finish' }).isDisabled()).toBe(true);
    await pre.getByRole('button', { name: 'Choose a reading' }).click();
    await reading(page, 'Angelegt am')
      .getByRole('button', { name: /day first/ })
      .click();
    const [first] = await records(page);
    expect(first).toMatchObject({ product: { since: '2021-04-03' } });
    expect(await page.getByRole('button', { name: 'Next: finish' }).isDisabled()).toBe(false);
  });

  it('marks an edge whose values do not fit the field and counts it', async () => {
    const page = await app.newPage();
    await open(page, 'de-artikel.csv');
    await column(page, 'Bezeichnung');
    const region = page.getByRole('region', { name: 'Column Bezeichnung' });
    await region.getByLabel('Map this column to…').fill('price');
    await region
      .getByRole('option', { name: /product\.price/ })
      .first()
      .click();
    await expect.poll(() => page.getByRole('list', { name: 'Counters' }).innerText()).toMatch(/[1-9]\d* warnings?/);
    await expect.poll(() => page.locator('.edge-label.warn').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'values-misfit-edge.png') });
    expect(app.foreignRequests).toEqual([]);
  });
});
