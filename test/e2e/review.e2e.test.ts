import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/samples';
import { type AppHarness, expectAccessible, openOnMap, SHOTS, startApp, step, VIEWPORTS } from './browser';

/** Real exports (see test/fixtures/shopify/SOURCES.md): 79 order columns, 47 product columns. */
const ORDERS = join(ROOT, 'test/fixtures/shopify/shopify-orders-79.csv');
const PRODUCTS = join(ROOT, 'test/fixtures/shopify/shopify-products-47.csv');

let app: AppHarness;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const counters = (page: Page) => page.getByRole('list', { name: 'Counters' }).innerText();
const counter = async (page: Page, re: RegExp) => Number((await counters(page)).match(re)?.[1] ?? Number.NaN);
const shoot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}-${page.viewportSize()?.width}.png`) });
const row = (page: Page, lane: 'columns' | 'fields', id: string) => page.locator(`[data-row="${lane}:${id}"]`);

const open = (page: Page, schemaButton: string, csv: string) => openOnMap(page, app.url, schemaButton, csv);

describe('reviewing suggestions on a real 79-column Shopify order export', () => {
  for (const viewport of VIEWPORTS) {
    it(`accepts in bulk and one by one, rejects, searches by a sample value, edits in the table, reloads (${viewport.width}px)`, async () => {
      const page = await app.newPage(viewport);
      await open(page, 'Acme Offline Purchases, ExperienceEvent (170 fields)', ORDERS);
      await expectAccessible(page, 'the Map step');
      // Suggestions arrive pending: drawn, not in the mapping.
      expect(await counter(page, /(\d+)\/79 columns mapped/)).toBe(0);
      const toReview = await counter(page, /(\d+) to review/);
      expect(toReview).toBeGreaterThan(15);
      expect(await page.locator('.react-flow__edge[data-id^="pending:"]').count()).toBeGreaterThan(3);
      await shoot(page, 'orders-1-pending');

      // All high at once.
      const high = Number((await page.getByRole('button', { name: /Accept all high/ }).innerText()).match(/\((\d+)\)/)?.[1]);
      await page.getByRole('button', { name: /Accept all high/ }).click();
      await expect.poll(() => counter(page, /(\d+)\/79 columns mapped/)).toBe(high);
      expect(await counter(page, /(\d+) to review/)).toBe(toReview - high);

      // One by one, from the review list: accept one, reject one.
      const group = page.locator('details.review-group').first();
      await group.locator('summary').click();
      const first = group.locator('li.review-item').first();
      const accepted = (await first.getByRole('button', { name: /^Accept / }).getAttribute('aria-label'))!.replace(/^Accept /, '');
      await first.getByRole('button', { name: /^Accept / }).click();
      await expect.poll(() => counter(page, /(\d+) to review/)).toBe(toReview - high - 1);
      // The accepted item's group may have closed with it: open the first group left.
      const nextGroup = page.locator('details.review-group').first();
      if (!(await nextGroup.evaluate((d) => (d as HTMLDetailsElement).open))) await nextGroup.locator('summary').click();
      const next = nextGroup.locator('li.review-item').first();
      await next.getByRole('button', { name: /^Reject / }).click();
      await expect.poll(() => counter(page, /(\d+) to review/)).toBe(toReview - high - 2);
      expect(await counter(page, /(\d+)\/79 columns mapped/)).toBe(high + 1);
      await shoot(page, 'orders-2-reviewed');

      // The accepted edge is named for screen readers as "column -> field".
      const [column, destination] = accepted.split(' -> ');
      await page.getByRole('button', { name: 'Close: back to the start panel (Escape)' }).isVisible();
      await page.getByLabel('Search columns by name or sample value').fill(column!);
      await expect.poll(() => page.locator(`.react-flow__edge[data-id="edge:${destination}"]`).getAttribute('aria-label')).toBe(accepted);

      // Search the columns by a value in them: "Ottawa" is a billing and a shipping city.
      await page.getByLabel('Search columns by name or sample value').fill('Ottawa');
      await expect.poll(() => page.locator('.react-flow__node-column').count()).toBe(2);
      expect(await page.locator('.react-flow__node-column').first().innerText()).toMatch(/Billing City[\s\S]*has “Ottawa”/);
      await shoot(page, 'orders-3-search-by-value');
      await expectAccessible(page, 'the Map step with a search');
      await page.getByLabel('Search columns by name or sample value').fill('');

      // Edit in the table view, then see the graph follow.
      await page.getByRole('button', { name: 'Table', exact: true }).click();
      const table = page.getByRole('region', { name: 'Mapping rows' });
      await table.getByRole('button', { name: 'Destination commerce.billing.address.city: change it' }).click();
      const picker = page.getByLabel('Destination for Billing City');
      await picker.fill('shipping address city');
      await page
        .getByRole('option', { name: /commerce\.shipping\.address\.city/ })
        .first()
        .waitFor();
      await picker.press('Enter');
      await table.getByRole('button', { name: 'Destination commerce.shipping.address.city: change it' }).waitFor();
      await shoot(page, 'orders-4-table');
      await expectAccessible(page, 'the table view');
      await page.getByRole('button', { name: 'Graph', exact: true }).click();
      await page.getByLabel('Search columns by name or sample value').fill('Billing City');
      await expect
        .poll(() => page.locator('.react-flow__edge[data-id="edge:commerce.shipping.address.city"]').getAttribute('aria-label'))
        .toBe('Billing City -> commerce.shipping.address.city');
      // Undo works with the focus in a search box, and takes back exactly the table's edit.
      await page.getByLabel('Search columns by name or sample value').press('Control+z');
      await expect.poll(() => page.locator('.react-flow__edge[data-id="edge:commerce.billing.address.city"]').count()).toBe(1);
      await page.getByLabel('Search columns by name or sample value').fill('');

      // Reload mid-way: the mapping, the review and the undo history come back; the file was kept whole.
      const before = await counters(page);
      await page.reload();
      await page.getByRole('toolbar', { name: 'Mapper tools' }).waitFor();
      await expect.poll(() => counters(page)).toBe(before);
      expect(await page.getByRole('button', { name: /Undo/ }).isEnabled()).toBe(true);
      await page.getByRole('button', { name: /Redo/ }).click();
      await expect.poll(() => page.locator('.react-flow__edge[data-id="edge:commerce.billing.address.city"]').count()).toBe(0);
      await page.keyboard.press('Control+z');
      await step(page, 'Finish').click();
      await page.getByRole('heading', { name: 'Map the whole file' }).waitFor();
      expect(await page.getByText(/choose the file again/).count()).toBe(0);
      await expectAccessible(page, 'the Finish step');
      await shoot(page, 'orders-5-after-reload-finish');
      expect(app.foreignRequests).toEqual([]);
      await page.context().close();
    }, 90_000);
  }
});

describe('mapping a real 47-column Shopify product export by keyboard alone', () => {
  for (const viewport of VIEWPORTS) {
    it(`maps, removes and undoes with the keyboard, and warns about the unmapped primary identity (${viewport.width}px)`, async () => {
      const page = await app.newPage(viewport);
      await open(page, 'Luma Product Catalog', PRODUCTS);
      await page.getByRole('status').filter({ hasText: 'The primary identity is not mapped' }).first().waitFor();
      await shoot(page, 'products-1-start');
      // Tab from the column search reaches the columns lane: one stop for the lane.
      await page.getByLabel('Search columns by name or sample value').focus();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-row'));
      expect(await focused()).toBe('columns:Handle');
      // Down the lane to "Variant SKU" (column 14), off screen at first: the lane scrolls to it.
      for (let i = 0; i < 13; i++) await page.keyboard.press('ArrowDown');
      await expect.poll(focused).toBe('columns:Variant SKU');
      expect(await row(page, 'columns', 'Variant SKU').isVisible()).toBe(true);
      // Enter starts a mapping; the field picker completes it.
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.getAttribute('role'))).toBe('combobox');
      await page.keyboard.type('productSku');
      await page.getByRole('option', { name: /_techmarketingdemos\.productSku/ }).waitFor();
      await page.keyboard.press('Enter');
      await expect.poll(focused).toBe('columns:Variant SKU');
      await expect.poll(() => counters(page)).toMatch(/1\/47 columns mapped[\s\S]*1\/1 required fields[\s\S]*1\/1 identity fields/);
      expect(await page.getByRole('status').filter({ hasText: 'The primary identity is not mapped' }).count()).toBe(0);
      await shoot(page, 'products-2-keyboard-mapped');

      // Title -> productName, the same way.
      for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowUp');
      await expect.poll(focused).toBe('columns:Title');
      await page.keyboard.press('Enter');
      await page.keyboard.type('productName');
      await page.getByRole('option', { name: /_techmarketingdemos\.productName/ }).waitFor();
      await page.keyboard.press('Enter');
      await expect.poll(() => counter(page, /(\d+)\/47 columns mapped/)).toBe(2);

      // To the column's edge with the right arrow; its name says what it maps; Delete removes it.
      await expect.poll(focused).toBe('columns:Title');
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Title -> _techmarketingdemos.productName');
      await shoot(page, 'products-3-edge-focused');
      await page.keyboard.press('Delete');
      await expect.poll(() => counter(page, /(\d+)\/47 columns mapped/)).toBe(1);
      await page.keyboard.press('Control+z');
      await expect.poll(() => counter(page, /(\d+)\/47 columns mapped/)).toBe(2);
      // Escape from anywhere goes back to the start panel.
      await row(page, 'columns', 'Vendor').click();
      await page.getByRole('region', { name: 'Column Vendor' }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('region', { name: 'Map columns to fields' }).waitFor();
      await expectAccessible(page, 'the Map step after keyboard mapping');
      await page.context().close();
    }, 60_000);
  }
});
