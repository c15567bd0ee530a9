import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli';
import { ROOT } from '../helpers/samples';
import { type AppHarness, shot, startApp } from './browser';

const LUMA = join(ROOT, 'public', 'samples', 'luma');
const dir = tempDir('xdm-profiles-e2e-');
const folder = (name: string) => join(dir, name);
let app: AppHarness;

beforeAll(async () => {
  for (const [name, schema] of [
    ['luma-loyalty', 'luma-loyalty'],
    ['luma-crm', 'luma-crm'],
    ['luma-crm-identitymap', 'luma-crm'],
  ] as const) {
    const r = await cli(
      'apply',
      '--mapping',
      join(ROOT, 'mappings', `${name}.mapping.json`),
      '--schema',
      join(LUMA, `${schema}.schema.json`),
      join(LUMA, `${schema}.csv`),
      '--out',
      folder(name),
    );
    if (r.code !== 0) throw new Error(r.err);
  }
  // A run whose schema the app does not serve: its manifest names a schema by an $id of its own.
  cpSync(folder('luma-crm'), folder('crm-own-schema'), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(folder('crm-own-schema'), 'manifest.json'), 'utf8'));
  manifest.schema = { ...manifest.schema, id: 'https://example.com/schemas/our-own-crm', path: '/elsewhere/our-own-crm.schema.json' };
  writeFileSync(join(folder('crm-own-schema'), 'manifest.json'), JSON.stringify(manifest));
  app = await startApp();
}, 120_000);
afterAll(async () => {
  await app?.close();
});

/** What the CLI says about the same folders: the browser must show the same numbers. */
async function cliJson(...args: string[]) {
  const r = await cli('profiles', ...args, '--json');
  return JSON.parse(r.out);
}

describe('the Profiles view in Chromium', () => {
  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    it(`opens run folders, looks up Danny Wright, draws his graph and switches merge policy (${viewport.width}x${viewport.height})`, async () => {
      const tag = `profiles-${viewport.width}`;
      const page = await app.newPage(viewport);
      await page.goto(app.url);
      await page.getByRole('button', { name: 'Profiles', exact: true }).click();
      await page.getByRole('heading', { name: 'Profiles before ingestion' }).waitFor();
      const folders = page.getByLabel('Open output folders');
      await folders.setInputFiles(folder('luma-loyalty'));
      await folders.setInputFiles(folder('luma-crm'));
      const expected = await cliJson('--from', folder('luma-loyalty'), '--from', folder('luma-crm'));
      const summary = page.locator('.pv-summary');
      await expect.poll(() => summary.innerText()).toContain(`${expected.summary.profiles.toLocaleString('en-US')} profiles`);
      expect(await summary.innerText()).toContain(`${expected.summary.linkedGraphs} linked graphs`);
      expect(await summary.innerText()).toContain(`${expected.summary.unlinkedRecords.toLocaleString('en-US')} unlinked records`);
      expect(await page.locator('.pv-datasets li').allInnerTexts()).toEqual([expect.stringMatching(/^luma-loyalty/), expect.stringMatching(/^luma-crm/)]);

      // Look up as in AEP: namespace and value.
      await page.getByLabel('Identity namespace').selectOption('lumaLoyaltyId');
      await page.getByLabel('Identity value').fill('5625458');
      await page.getByRole('button', { name: 'View profile' }).click();
      const graph = page.getByRole('figure', { name: /Identity graph: 2 identities, 1 links/ });
      await graph.waitFor();
      expect(await graph.locator('.react-flow__node').count()).toBe(2);
      expect(await graph.locator('.react-flow__node').allInnerTexts()).toEqual([
        expect.stringMatching(/lumaLoyaltyId · primary in luma-loyalty\s+5625458\s+in luma-loyalty #1/),
        expect.stringMatching(/lumaCrmId · primary in luma-crm\s+112ca06ed53d3db37e4cea49cc45b71e\s+in luma-loyalty #1, luma-crm #1/),
      ]);
      expect(await graph.locator('.react-flow__edge-text').allTextContents()).toEqual(['luma-loyalty #1']);
      const firstName = page.getByRole('table', { name: 'Merged attributes' }).getByRole('row', { name: /person\.name\.firstName/ });
      expect(await firstName.innerText()).toMatch(/Danny\s+★ luma-crm #1\s+Daniel \(luma-loyalty #1\)/);
      expect(await page.getByRole('status', { name: 'What the other merge policy changes' }).innerText()).toMatch(/person\.name\.firstName would be Daniel/);
      await page.mouse.move(0, 0);
      await shot(page, `${tag}-1-timestamp`);

      // The policy switch: dataset precedence in the page's order (loyalty first) gives Daniel.
      await page.getByLabel(/Dataset precedence/).check();
      await expect.poll(() => firstName.innerText()).toMatch(/Daniel\s+★ luma-loyalty #1\s+Danny \(luma-crm #1\)/);
      expect(
        await page
          .getByRole('table', { name: 'Merged attributes' })
          .getByRole('row', { name: /homeAddress\.city/ })
          .innerText(),
      ).toMatch(/New York City/);
      await shot(page, `${tag}-2-precedence`);

      // Reordering the datasets changes who comes first under precedence.
      await page.getByRole('button', { name: 'Move luma-crm earlier' }).click();
      await expect.poll(() => firstName.innerText()).toMatch(/Danny\s+★ luma-crm #1/);

      // The CRM data with email and phone in identityMap: the guardrails find the shared phones.
      await page.getByRole('button', { name: 'Remove luma-crm' }).click();
      await folders.setInputFiles(folder('luma-crm-identitymap'));
      const withMap = await cliJson('--from', folder('luma-loyalty'), '--from', folder('luma-crm-identitymap'));
      const shared = withMap.guardrails.checks.find((c: { code: string }) => c.code === 'SHARED_VALUE');
      const check = page.locator('.pv-checks li', { hasText: 'Values shared by otherwise separate people' });
      await expect.poll(() => check.innerText()).toContain(`${shared.count} values`);
      expect(await check.innerText()).toMatch(/Phone:867-5309\s+joins 51 people/);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, `${tag}-3-guardrails`);

      // The profile that placeholder phone makes: one graph of 95 identities, over AEP's 50.
      await page.getByLabel('Identity namespace').selectOption('Phone');
      await page.getByLabel('Identity value').fill('867-5309');
      await page.getByRole('button', { name: 'View profile' }).click();
      const big = page.getByRole('figure', { name: /Identity graph: 95 identities/ });
      await big.waitFor();
      expect(await big.locator('.react-flow__node').count()).toBe(95);
      await page.getByRole('heading', { name: /Profile of Phone:867-5309/ }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', `${tag}-4-shared-phone.png`) });
      expect(app.foreignRequests).toEqual([]);
      await page.context().close();
    }, 90_000);
  }

  it("after Finish, the run's own batch files open in the Profiles view: one profile per product SKU", async () => {
    const page = await app.newPage({ width: 1366, height: 768 });
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Open the Luma sample' }).click();
    await page.getByRole('toolbar', { name: 'Mapper tools' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Steps' })
      .getByRole('button', { name: /Finish/ })
      .click();
    await page.getByRole('button', { name: 'Run and create batch files' }).click();
    await page.getByRole('heading', { name: /Run summary/ }).waitFor();
    await page.getByRole('button', { name: 'Profiles of this run' }).click();
    await page.getByRole('heading', { name: 'Profiles before ingestion' }).waitFor();
    const products = tempDir('xdm-products-');
    const r = await cli(
      'apply',
      '--mapping',
      join(ROOT, 'mappings', 'luma-products.mapping.json'),
      '--schema',
      join(LUMA, 'luma-product-catalog.schema.json'),
      join(LUMA, 'luma-products.csv'),
      '--out',
      products,
    );
    expect(r.code, r.err).toBe(0);
    const expected = await cliJson('--from', products);
    await expect.poll(() => page.locator('.pv-summary').innerText()).toContain(`${expected.summary.profiles} profiles`);
    expect(await page.locator('.pv-datasets li').allInnerTexts()).toEqual([
      expect.stringMatching(/Luma Product Catalog Schema · 92 records · identities: lumaProductSKU \(primary\)/),
    ]);
    await page.getByLabel('Identity value').fill('LLWSH10');
    await page.getByRole('button', { name: 'View profile' }).click();
    await page.getByRole('figure', { name: /Identity graph: 1 identities/ }).waitFor();
    expect(await page.getByRole('table', { name: 'Merged attributes' }).innerText()).toMatch(/_techmarketingdemos\.productSize\s+28/);
    await page.getByRole('button', { name: 'Back to the mapper' }).click();
    await page.getByRole('heading', { name: /Run summary/ }).waitFor();

    // The same run's downloads, opened later as files: NAME-manifest.json names its NAME-part files.
    const saved = tempDir('xdm-downloads-');
    const paths: string[] = [];
    for (const button of [/Download part-00001\.jsonl/, 'Download manifest.json']) {
      const pending = page.waitForEvent('download');
      await page.getByRole('button', { name: button }).click();
      const d = await pending;
      const to = join(saved, d.suggestedFilename());
      await d.saveAs(to);
      paths.push(to);
    }
    await page.getByRole('button', { name: 'Profiles', exact: true }).click();
    await page.getByRole('button', { name: /^Remove / }).click();
    await page.getByLabel('Open output files').setInputFiles(paths);
    await expect
      .poll(() => page.locator('.pv-datasets li').allInnerTexts())
      .toEqual([expect.stringMatching(/^luma-products\s+· Luma Product Catalog Schema · 92 records/)]);
    await expect.poll(() => page.locator('.pv-summary').innerText()).toContain(`${expected.summary.profiles} profiles`);
    expect(app.foreignRequests).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('asks for the schema of a folder whose schema it cannot find, and says what is wrong with a folder without a manifest', async () => {
    const page = await app.newPage({ width: 1366, height: 768 });
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Profiles', exact: true }).click();
    await page.getByLabel('Open output folders').setInputFiles(folder('crm-own-schema'));
    const ask = page.getByText(/crm-own-schema: its manifest names the schema/);
    await ask.waitFor();
    expect(await ask.innerText()).toContain('/elsewhere/our-own-crm.schema.json');
    await page.getByLabel('Schema for crm-own-schema').setInputFiles(join(LUMA, 'luma-crm.schema.json'));
    await expect
      .poll(() => page.locator('.pv-datasets li').allInnerTexts())
      .toEqual([expect.stringMatching(/^crm-own-schema\s+· Luma CRM Schema · 1,001 records/)]);
    await page.getByLabel('Identity namespace').selectOption('lumaCrmId');
    await page.getByLabel('Identity value').fill('no-such-id');
    await page.getByRole('button', { name: 'View profile' }).click();
    await page.getByRole('status').filter({ hasText: 'No record carries lumaCrmId:no-such-id.' }).waitFor();
    await page.getByLabel('Open output files').setInputFiles(join(folder('luma-crm'), 'part-00001.jsonl'));
    await page.getByRole('alert').filter({ hasText: 'no manifest.json' }).waitFor();
    await page.context().close();
  }, 60_000);
});
