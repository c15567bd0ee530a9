import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli';
import { ROOT } from '../helpers/samples';
import { type AppHarness, expectAccessible, openOnMap, SHOTS, startApp, VIEWPORTS } from './browser';

/** Real exports (see test/fixtures/shopify/SOURCES.md and bench/suggest-real/SOURCES.md). */
const ORDERS = join(ROOT, 'test/fixtures/shopify/shopify-orders-79.csv');
const PRODUCTS = join(ROOT, 'test/fixtures/shopify/shopify-products-47.csv');
const SALESFORCE = join(ROOT, 'bench/suggest-real/ra06-salesforce-contacts.csv');
const VALUES = join(ROOT, 'test/fixtures/values');

let app: AppHarness;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const shoot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}-${page.viewportSize()?.width}.png`) });
const counter = (page: Page, text: RegExp) => page.getByRole('list', { name: 'Counters' }).getByRole('button', { name: text });
const pressed = async (page: Page, text: RegExp) => (await counter(page, text).getAttribute('aria-pressed')) === 'true';

const open = (page: Page, schemaButton: string, csv: string) => openOnMap(page, app.url, schemaButton, csv);

/**
 * Text cut off inside `scope`: a box whose content is wider than the box itself, unless the box
 * (or an element around it) carries the whole text as a title, as a middle ellipsis does.
 * Inline boxes have no width of their own and are judged through the box that holds them.
 */
function cutText(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((scope) => {
    const out: string[] = [];
    for (const root of document.querySelectorAll<HTMLElement>(scope)) {
      for (const el of [root, ...root.querySelectorAll<HTMLElement>('*')]) {
        if (el.closest('.sr-only') || el.clientWidth === 0) continue;
        if (el.scrollWidth > el.clientWidth + 1 && !el.closest('[title]')) out.push(`${el.tagName.toLowerCase()}.${el.className}: "${el.textContent}"`);
      }
    }
    return out;
  }, scope);
}

/** In each row matched, the visible parts (name, type, badges) that run under one another or out of the row. */
function overlaps(page: Page, rows: string): Promise<string[]> {
  return page.evaluate((rows) => {
    const out: string[] = [];
    for (const row of document.querySelectorAll<HTMLElement>(rows)) {
      const box = row.getBoundingClientRect();
      // Where a part's letters end: its box, or further when its content overflows the box unclipped.
      const extent = (el: HTMLElement) => {
        let right = el.getBoundingClientRect().right;
        let left = el.getBoundingClientRect().left;
        for (const d of el.querySelectorAll<HTMLElement>('*')) {
          if (d.closest('.sr-only')) continue;
          const clip = d.parentElement?.closest<HTMLElement>('[data-clip]');
          const r = d.getBoundingClientRect();
          if (r.width === 0 || clip) continue;
          right = Math.max(right, r.right);
          left = Math.min(left, r.left);
        }
        return { left, right };
      };
      // Descendants of a box that clips its overflow are cut there, not drawn beyond it.
      for (const d of row.querySelectorAll<HTMLElement>('.row-visual *')) if (getComputedStyle(d).overflow === 'hidden') d.dataset.clip = '';
      const parts = [...row.querySelectorAll<HTMLElement>('.row-visual > *')].map((el) => ({ el, r: extent(el) }));
      for (const d of row.querySelectorAll<HTMLElement>('[data-clip]')) delete d.dataset.clip;
      for (const [i, p] of parts.entries()) {
        if (p.r.right > box.right + 0.5) out.push(`${row.dataset.row}: "${p.el.textContent}" runs out of the row`);
        const next = parts[i + 1];
        if (next && p.r.right > next.r.left + 0.5) out.push(`${row.dataset.row}: "${p.el.textContent}" runs under "${next.el.textContent}"`);
      }
    }
    return out;
  }, rows);
}

/** Buttons in `scope` whose label takes more than one line, or that stick out of `scope`. */
function wrappedButtons(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((scope) => {
    const out: string[] = [];
    for (const root of document.querySelectorAll<HTMLElement>(scope)) {
      const box = root.getBoundingClientRect();
      for (const b of root.querySelectorAll<HTMLButtonElement>('button')) {
        const r = b.getBoundingClientRect();
        const line = Number.parseFloat(getComputedStyle(b).lineHeight) || Number.parseFloat(getComputedStyle(b).fontSize) * 1.2;
        const pad = Number.parseFloat(getComputedStyle(b).paddingTop) + Number.parseFloat(getComputedStyle(b).paddingBottom);
        if (r.height - pad > line * 1.5) out.push(`"${b.textContent}" wraps (${Math.round(r.height)}px high)`);
        if (r.right > box.right + 0.5 || r.left < box.left - 0.5) out.push(`"${b.textContent}" sticks out`);
      }
    }
    return out;
  }, scope);
}

describe('the counters are filters, by mouse and by keyboard', () => {
  it('on a 79-column order export: unmapped, required (jumps to the first gap), review, errors; the table follows', async () => {
    const page = await app.newPage({ width: 1366, height: 768 });
    await open(page, 'Acme Offline Purchases, ExperienceEvent (170 fields)', ORDERS);
    // Keyboard: the counter is a toggle button, Enter presses it.
    await counter(page, /columns mapped/).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => pressed(page, /columns mapped/)).toBe(true);
    expect(await page.getByRole('radio', { name: 'Unmapped' }).isChecked()).toBe(true);
    const columnTexts = await page.locator('.react-flow__node-column').allInnerTexts();
    expect(columnTexts.length).toBeGreaterThan(5);
    for (const t of columnTexts) expect(t).toMatch(/not mapped|suggested/);

    // Space on the required counter: only required fields, the first one nothing fills in view, the list of them beside.
    await counter(page, /required fields/).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => pressed(page, /required fields/)).toBe(true);
    expect(await pressed(page, /columns mapped/)).toBe(false);
    const gap = page.locator('[data-row="fields:timestamp"]');
    await expect.poll(() => gap.isVisible()).toBe(true);
    const leaves = await page.locator('.react-flow__node-field .node.field:not(.group)').allInnerTexts();
    expect(leaves.length).toBeGreaterThan(0);
    for (const t of leaves) expect(t).toContain('required');
    const list = page.getByRole('heading', { name: 'Required fields not mapped yet' });
    await expect.poll(() => list.isVisible()).toBe(true);
    await shoot(page, 'layout-counter-required');
    await expectAccessible(page, 'the Map step with the required counter pressed');
    // Pressed again: everything.
    await counter(page, /required fields/).click();
    await expect.poll(() => pressed(page, /required fields/)).toBe(false);
    expect(await page.getByRole('radio', { name: 'All' }).isChecked()).toBe(true);

    // Accept the medium suggestions; the errors counter then shows only what has errors.
    await page
      .getByRole('row', { name: /^medium/ })
      .getByRole('button', { name: 'Accept' })
      .click();
    await counter(page, /errors in the sample/).click();
    await expect.poll(() => pressed(page, /errors in the sample/)).toBe(true);
    // Every column left in the lane has errors; the errors by kind are listed, those of a field nothing fills too.
    for (const t of await page.locator('.react-flow__node-column').allInnerTexts()) expect(t).toMatch(/\d+ err/);
    const errors = page.getByRole('region', { name: 'Errors in the sample' });
    expect(await errors.innerText()).toMatch(/\d+ rows? [A-Z_]+: [\s\S]*Open timestamp/);
    await errors.getByRole('button', { name: 'Open timestamp' }).click();
    await page.getByRole('region', { name: 'Field timestamp' }).waitFor();
    await shoot(page, 'layout-counter-errors');
    // A lane its search and the filter emptied says why, and offers the way back.
    await page.getByLabel('Search columns by name or sample value').fill('zz-no-such-column');
    const empty = page.getByRole('status').filter({ hasText: 'No column matches “zz-no-such-column” and has errors in the sample.' });
    await empty.waitFor();
    await expectAccessible(page, 'an emptied lane');
    await shoot(page, 'layout-empty-lane');
    await empty.getByRole('button', { name: 'Show every column' }).click();
    await expect.poll(() => page.locator('.react-flow__node-column').count()).toBeGreaterThan(0);
    expect(await page.getByLabel('Search columns by name or sample value').inputValue()).toBe('');
    expect(await pressed(page, /errors in the sample/)).toBe(false);

    // In the table, the same counters filter the rows: the required one lists the field to map, with a way to map it.
    await page.getByRole('button', { name: 'Table', exact: true }).click();
    const rows = page.getByRole('region', { name: 'Mapping rows' }).locator('tbody tr');
    await counter(page, /required fields/).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const required = await rows.allInnerTexts();
    expect(required.some((t) => /^required\s+choose a column…\s+timestamp/.test(t))).toBe(true);
    await page.getByRole('button', { name: 'choose a column… (the source for timestamp)' }).click();
    await page.getByLabel('Column for timestamp').selectOption('Created at');
    await expect.poll(async () => (await rows.allInnerTexts()).find((t) => t.includes('timestamp'))).toMatch(/^mapped\s+Created at[\s\S]*timestamp/);
    await counter(page, /to review/).click();
    const review = Number((await counter(page, /to review/).innerText()).match(/\d+/)?.[0]);
    await expect.poll(() => rows.count()).toBe(review);
    for (const t of await rows.allInnerTexts()) expect(t).toMatch(/^suggested/);
    await expectAccessible(page, 'the table with a counter pressed');
    await page.context().close();
  }, 60_000);

  it('lists the warnings, each opening its column', async () => {
    const page = await app.newPage({ width: 1366, height: 768 });
    await page.goto(app.url);
    await page
      .getByTestId('schema-file')
      .setInputFiles({ name: 'values.schema.json', mimeType: 'application/json', buffer: readFileSync(join(VALUES, 'values.schema.json')) });
    await page.getByRole('heading', { name: 'The CSV file' }).waitFor();
    await page.getByTestId('csv-file').setInputFiles(join(VALUES, 'de-artikel.csv'));
    await page.getByRole('button', { name: 'Next: map the columns' }).click();
    await page.getByLabel('Select a column').selectOption('Bezeichnung');
    const region = page.getByRole('region', { name: 'Column Bezeichnung' });
    await region.getByLabel('Map this column to…').fill('price');
    await region
      .getByRole('option', { name: /product\.price/ })
      .first()
      .click();
    await expect.poll(() => counter(page, /warning/).isEnabled()).toBe(true);
    await counter(page, /warning/).click();
    const warnings = page.getByRole('region', { name: 'Warnings' });
    expect(await warnings.innerText()).toMatch(/"Bezeichnung"[\s\S]*product\.price/);
    expect(await counter(page, /warning/).getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    await warnings.getByRole('button', { name: 'Open "Bezeichnung"' }).click();
    await page.getByRole('region', { name: 'Column Bezeichnung' }).waitFor();
    await expectAccessible(page, 'the Map step with the warnings listed');
    await page.context().close();
  });
});

describe('the Source step of a real order export', () => {
  it('shows the most frequent timestamps whole, so they can be told apart (1366px)', async () => {
    const page = await app.newPage({ width: 1366, height: 768 });
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Acme Offline Purchases, ExperienceEvent (170 fields)' }).click();
    await page.getByTestId('csv-file').setInputFiles(ORDERS);
    const card = page.getByRole('figure', { name: 'Profile of Paid at' });
    await card.waitFor();
    const labels = await card
      .locator('.bar-label')
      .evaluateAll((els) => els.map((el) => ({ text: el.textContent, cut: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1 })));
    expect(labels.length).toBe(4);
    for (const l of labels) expect(l, String(l.text)).toMatchObject({ cut: false });
    expect(await card.innerText()).toContain('yyyy-MM-dd HH:mm:ss Z');
    await page.context().close();
  });
});

describe('nothing cut off or run over, at both sizes', () => {
  for (const viewport of VIEWPORTS) {
    it(`the table, the field lane and the inspector's buttons on real exports (${viewport.width}px)`, async () => {
      const page = await app.newPage(viewport);
      for (const [schema, csv, tag] of [
        ['Luma Product Catalog', PRODUCTS, 'products'],
        ['Acme Offline Purchases, ExperienceEvent (170 fields)', ORDERS, 'orders'],
        ['Acme Profile, large (1,307 fields)', SALESFORCE, 'salesforce'],
      ] as const) {
        await open(page, schema, csv);
        // The field lane: object rows with several badges keep their name whole or shortened in the middle.
        expect(await overlaps(page, '.react-flow__node-field .row-main'), `${tag}: field rows`).toEqual([]);
        expect(await wrappedButtons(page, '.inspector .sticky-actions'), `${tag}: start panel`).toEqual([]);
        // The start panel's own controls stay inside it (a select of 79 long column names too).
        expect(
          await page.evaluate(() => {
            const panel = document.querySelector('.inspector-body')!.getBoundingClientRect();
            return [...document.querySelectorAll<HTMLElement>('.inspector-body select, .inspector-body input')]
              .filter((el) => el.getBoundingClientRect().right > panel.right + 0.5)
              .map((el) => el.getAttribute('aria-label') ?? el.tagName);
          }),
          `${tag}: controls out of the inspector`,
        ).toEqual([]);
        expect(await cutText(page, '.identity-list'), `${tag}: identities`).toEqual([]);
        await page.locator('.react-flow__node-column .row-main').first().click();
        await page.getByRole('region', { name: /^Column / }).waitFor();
        expect(await wrappedButtons(page, '.inspector .sticky-actions'), `${tag}: column panel`).toEqual([]);
        await page.keyboard.press('Escape');
        await page.getByLabel('Find a field').fill('_id');
        await page.getByRole('option', { name: /^_id/ }).first().click();
        await page.getByRole('region', { name: /^Field / }).waitFor();
        expect(await wrappedButtons(page, '.inspector .sticky-actions'), `${tag}: field panel`).toEqual([]);
        await page.getByRole('button', { name: 'Close: back to the start panel (Escape)' }).click();

        // The table: suggestions accepted so every kind of row is there; no cell cut without its whole text on hover.
        const level = page.getByRole('row', { name: /^medium/ }).getByRole('button', { name: 'Accept' });
        if (await level.isEnabled()) await level.click();
        await page.getByRole('button', { name: 'Table', exact: true }).click();
        const scroll = page.getByRole('region', { name: 'Mapping rows' });
        await scroll.locator('tbody tr').first().waitFor();
        expect(await cutText(page, 'table.mapping-grid'), `${tag}: table cells`).toEqual([]);
        expect(await scroll.evaluate((el) => el.scrollWidth - el.clientWidth), `${tag}: the table scrolls sideways`).toBeLessThanOrEqual(1);
        // At 1366 the type and reading columns wait behind their toggle; asked for, they come.
        const extra = page.getByRole('checkbox', { name: 'type and reading columns' });
        expect(await extra.isChecked()).toBe(viewport.width > 1366);
        if (viewport.width === 1366) {
          await shoot(page, `layout-table-${tag}`);
          await extra.check();
          await expect.poll(() => page.getByRole('columnheader', { name: /Reading/ }).count()).toBe(1);
          expect(await cutText(page, 'table.mapping-grid'), `${tag}: table cells with every column`).toEqual([]);
        }
        await expectAccessible(page, `the table of ${tag}`);
        await page.getByRole('button', { name: 'Graph', exact: true }).click();
        await page.getByRole('button', { name: 'Start over' }).click();
      }
      await page.context().close();
    }, 120_000);
  }
});

describe('the Profiles view', () => {
  it('gives the identities table the room its values need (1366px, then 1920px)', async () => {
    const dir = tempDir('xdm-layout-profiles-');
    const luma = join(ROOT, 'public', 'samples', 'luma');
    for (const name of ['luma-loyalty', 'luma-crm']) {
      const r = await cli(
        'apply',
        '--mapping',
        join(ROOT, 'mappings', `${name}.mapping.json`),
        '--schema',
        join(luma, `${name}.schema.json`),
        join(luma, `${name}.csv`),
        '--out',
        join(dir, name),
      );
      expect(r.code, r.err).toBe(0);
    }
    const page = await app.newPage({ width: 1366, height: 768 });
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Profiles', exact: true }).click();
    const folders = page.getByLabel('Open output folders');
    await folders.setInputFiles(join(dir, 'luma-loyalty'));
    await folders.setInputFiles(join(dir, 'luma-crm'));
    await page.getByLabel('Identity namespace').selectOption('lumaLoyaltyId');
    await page.getByLabel('Identity value').fill('5625458');
    await page.getByRole('button', { name: 'View profile' }).click();
    // The view takes the screen's width, not the steps' reading column.
    expect(await page.locator('.profiles-view').evaluate((e) => e.getBoundingClientRect().width)).toBeGreaterThan(1300);
    const table = page.getByRole('table', { name: 'Identities' });
    await table.scrollIntoViewIfNeeded();
    const width = await table.evaluate((t) => t.getBoundingClientRect().width);
    expect(width).toBeGreaterThanOrEqual(520);
    // Each record an identity comes from is one line: "luma-loyalty #1 (primary)", not a word a line.
    const lines = await table
      .locator('.pv-from li')
      .evaluateAll((lis) => lis.map((li) => li.getBoundingClientRect().height / (Number.parseFloat(getComputedStyle(li).lineHeight) || 20)));
    expect(lines.length).toBeGreaterThan(0);
    for (const n of lines) expect(n).toBeLessThan(1.5);
    expect(await cutText(page, '.pv-identities')).toEqual([]);
    await shoot(page, 'layout-profiles-identities');
    await expectAccessible(page, 'the Profiles view');
    // At 1920 too (a grid item with auto margins would shrink to its content).
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(() => page.locator('.profiles-view').evaluate((e) => e.getBoundingClientRect().width)).toBeGreaterThan(1700);
    await shoot(page, 'layout-profiles-identities');
    await page.context().close();
  }, 60_000);
});
