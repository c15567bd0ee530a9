import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { serializeMapping } from '../../src/core/mapping/document';
import { derive } from '../../src/ui/store/derive';
import { decodeHistory, encodeHistory } from '../../src/ui/store/persist';
import { type SavedSession, useSession } from '../../src/ui/store/session';
import { LUMA_CSV, LUMA_MAPPING, LUMA_SCHEMA, ROOT, SCHEMAS } from '../helpers/samples';

const s = () => useSession.getState();
const d = () => derive(s());
const lumaBytes = readFileSync(LUMA_CSV);
const T = '_techmarketingdemos';
const ORDERS = join(ROOT, 'test/fixtures/shopify/shopify-orders-79.csv');

async function openLuma() {
  expect(s().setSchemaText('luma.schema.json', readFileSync(LUMA_SCHEMA, 'utf8'))).toBe(true);
  expect(await s().setSource('luma-products.csv', new Blob([lumaBytes]))).toBe(true);
}

async function openOrders() {
  expect(s().setSchemaText('event.schema.json', readFileSync(SCHEMAS.event, 'utf8'))).toBe(true);
  expect(await s().setSource('orders.csv', new Blob([readFileSync(ORDERS)]))).toBe(true);
}

beforeEach(() => s().reset());

describe('the web app session', () => {
  it('starts a new file with an empty mapping and every suggestion pending', async () => {
    await openOrders();
    expect(s().mappingOrigin).toBe('new');
    expect(s().mapping?.mappings).toEqual([]);
    const pending = d().pending;
    expect(pending.length).toBeGreaterThan(15);
    expect(pending.find((p) => p.column === 'Billing City')?.destination).toBe('commerce.billing.address.city');
  });

  it('accepts pending suggestions in bulk and one by one, and a rejected one stays rejected', async () => {
    await openOrders();
    const pending = d().pending;
    const high = pending.filter((p) => p.confidence >= 0.8);
    expect(s().act({ kind: 'accept', suggestions: high })).toBe(true);
    expect(s().mapping?.mappings).toHaveLength(high.length);
    expect(d().pending).toHaveLength(pending.length - high.length);
    const [one, two] = d().pending;
    s().act({ kind: 'accept', suggestions: [one!] });
    s().act({ kind: 'reject', suggestions: [two!] });
    expect(s().mapping?.mappings.some((m) => m.source === one!.column && m.destination === one!.destination)).toBe(true);
    expect(d().pending.some((p) => p.column === two!.column)).toBe(false);
    // One undo takes back one decision: the rejected suggestion is pending again.
    s().undo();
    expect(d().pending.some((p) => p.column === two!.column)).toBe(true);
  });

  it('removing a mapped edge says no to it: the suggestion does not come back as pending', async () => {
    await openOrders();
    const city = d().pending.find((p) => p.column === 'Billing City')!;
    s().act({ kind: 'accept', suggestions: [city] });
    s().act({ kind: 'unmap', destination: city.destination });
    expect(d().pending.some((p) => p.column === 'Billing City')).toBe(false);
    s().act({ kind: 'drop', column: 'Billing Zip' });
    expect(d().pending.some((p) => p.column === 'Billing Zip')).toBe(false);
  });

  it('Suggest again reopens a mapped column whose suggestion differs, and accepting replaces its mapping', async () => {
    await openOrders();
    s().act({ kind: 'map', column: 'Billing City', destination: 'commerce.shipping.address.city' });
    expect(d().pending.some((p) => p.column === 'Billing City')).toBe(false);
    s().act({ kind: 'reopen', columns: ['Billing City'] });
    const offered = d().pending.find((p) => p.column === 'Billing City');
    expect(offered).toMatchObject({ destination: 'commerce.billing.address.city', replaces: 'commerce.shipping.address.city' });
    s().act({ kind: 'accept', suggestions: [offered!] });
    expect(
      s()
        .mapping?.mappings.filter((m) => m.source === 'Billing City')
        .map((m) => m.destination),
    ).toEqual(['commerce.billing.address.city']);
  });

  it('a loaded mapping replaces the one made here as one undoable step', async () => {
    await openLuma();
    expect(s().setMappingText('saved.json', readFileSync(LUMA_MAPPING, 'utf8'))).toBe(true);
    expect(d().reconciliation?.sameHeader).toBe(true);
    expect(s().mappingOrigin).toBe('loaded');
    s().undo();
    expect(s().mapping?.mappings).toEqual([]);
    s().redo();
    expect(s().mapping?.name).toBe('Luma products');
  });

  it('keeps what was loaded when a schema or a file cannot be used, one notice per topic, cleared when fixed', async () => {
    await openLuma();
    const before = s().mapping;
    expect(s().setSchemaText('broken.json', '{"type": "object", "properties": ')).toBe(false);
    expect(await s().setSource('book.xlsx', new Blob([readFileSync(join(ROOT, 'test/fixtures/not-csv/orders.xlsx'))]))).toBe(false);
    expect(await s().setSource('empty.csv', new Blob([]))).toBe(false);
    // The file's second error replaced its first: one notice per topic.
    expect(s().notices.map((n) => [n.topic, n.kind])).toEqual([
      ['source', 'error'],
      ['schema', 'error'],
    ]);
    expect(s().notices[0]?.text).toMatch(/"empty.csv" is empty/);
    expect(s().mapping).toBe(before);
    expect(await s().setSource('luma-products.csv', new Blob([lumaBytes]))).toBe(true);
    expect(s().notices.map((n) => n.topic)).toEqual(['schema']);
    expect(s().setSchemaText('luma.schema.json', readFileSync(LUMA_SCHEMA, 'utf8'))).toBe(true);
    expect(s().notices).toEqual([]);
  });

  it('says what went well on its own step only; problems follow to the next step', async () => {
    await openLuma();
    s().notify('mapping', 'info', 'Loaded the mapping "Luma products".');
    s().notify('run', 'error', 'The run stopped.');
    s().goto('preview');
    expect(s().notices.map((n) => [n.topic, n.kind])).toEqual([['run', 'error']]);
  });

  it('derives reconciliation, so undo cannot leave it stale: drop Color, undo, Color is missing again', async () => {
    await openLuma();
    s().setMappingText('saved.json', readFileSync(LUMA_MAPPING, 'utf8'));
    const renamed = Buffer.concat([Buffer.from('SKU,Name,Category,Colour,Size,Price'), lumaBytes.subarray(lumaBytes.indexOf('\r'))]);
    await s().setSource('renamed.csv', new Blob([renamed]));
    expect(d().reconciliation?.missing).toEqual(['Color']);
    s().act({ kind: 'drop', column: 'Color' });
    expect(d().reconciliation?.missing).toEqual([]);
    s().undo();
    expect(d().reconciliation?.missing).toEqual(['Color']);
    expect(d().reconciliation?.renamed).toEqual([expect.objectContaining({ from: 'Color', to: 'Colour' })]);
  });

  it('repairs a renamed column through the parser: a formula keeps the old name inside its string literal', async () => {
    await openLuma();
    s().setMappingText('saved.json', readFileSync(LUMA_MAPPING, 'utf8'));
    s().act({ kind: 'expression', destination: `${T}.productName`, expression: 'concat("my Color is ", Color)' });
    const renamed = Buffer.concat([Buffer.from('SKU,Name,Category,Colour,Size,Price'), lumaBytes.subarray(lumaBytes.indexOf('\r'))]);
    await s().setSource('renamed.csv', new Blob([renamed]));
    const header = s().source!.sample.header!.columns;
    s().act({ kind: 'rename', renames: d().reconciliation!.renamed, header });
    expect(s().mapping?.mappings.find((m) => m.destination === `${T}.productColor`)?.source).toBe('Colour');
    expect(s().mapping?.mappings.find((m) => m.destination === `${T}.productName`)?.source).toBe('concat("my Color is ", Colour)');
    expect(d().reconciliation?.missing).toEqual([]);
    expect(d().reconciliation?.sameHeader).toBe(true);
  });

  it('restores a small file whole (it can run again) and the undo history', async () => {
    await openLuma();
    s().act({ kind: 'drop', column: 'Color' });
    s().act({ kind: 'drop', column: 'Size' });
    const history = decodeHistory(JSON.parse(JSON.stringify(encodeHistory(s().past, s().future))));
    const saved: SavedSession = {
      step: 'map',
      schema: { name: s().schema!.name, text: s().schema!.text },
      source: { name: 'luma-products.csv', size: lumaBytes.length, overrides: {}, head: new Uint8Array(lumaBytes) },
      mapping: serializeMapping(s().mapping!),
      mappingOrigin: s().mappingOrigin,
      decisions: s().decisions,
      ...history,
    };
    s().reset();
    expect(s().restore(saved)).toBe(true);
    expect(s().step).toBe('map');
    expect(s().source?.file?.size).toBe(lumaBytes.length);
    expect(s().source?.sample.complete).toBe(true);
    expect(s().past).toHaveLength(2);
    s().undo();
    expect(d().pending.some((p) => p.column === 'Size')).toBe(true);
    expect(d().pending.some((p) => p.column === 'Color')).toBe(false);
    // Only the start of a large file: the file must be chosen again to run.
    s().reset();
    expect(s().restore({ ...saved, source: { ...saved.source!, size: lumaBytes.length * 100 } })).toBe(true);
    expect(s().source?.file).toBeNull();
    expect(s().restore({ ...saved, schema: { name: 'x', text: 'not json' } })).toBe(false);
  });

  it('stores each distinct text of the history once', async () => {
    await openOrders();
    for (const p of d().pending.slice(0, 20)) s().act({ kind: 'accept', suggestions: [p] });
    const h = encodeHistory(s().past, s().future);
    const plain = JSON.stringify(s().past).length;
    expect(JSON.stringify(h).length).toBeLessThan(plain / 3);
    expect(decodeHistory(h).past.map((x) => x.mapping.mappings)).toEqual(s().past.map((x) => x.mapping.mappings));
  });
});
