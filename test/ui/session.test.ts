import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { serializeMapping } from '../../src/core/mapping/document';
import { edits, useSession } from '../../src/ui/store/session';
import { LUMA_CSV, LUMA_MAPPING, LUMA_SCHEMA } from '../helpers/samples';

const s = () => useSession.getState();
const lumaBytes = readFileSync(LUMA_CSV);

async function openLuma() {
  expect(s().setSchemaText('luma.schema.json', readFileSync(LUMA_SCHEMA, 'utf8'))).toBe(true);
  expect(await s().setSource('luma-products.csv', new Blob([lumaBytes]))).toBe(true);
}

beforeEach(() => s().reset());

describe('the web app session', () => {
  it('suggests a mapping for a new file, and a loaded mapping replaces it as one undoable step', async () => {
    await openLuma();
    expect(s().mappingOrigin).toBe('suggested');
    expect(s().mapping?.mappings.length).toBeGreaterThanOrEqual(6);
    expect(s().setMappingText('saved.json', readFileSync(LUMA_MAPPING, 'utf8'))).toBe(true);
    expect(s().reconciliation?.sameHeader).toBe(true);
    s().undo();
    expect(s().mappingOrigin).toBe('edited');
    s().redo();
    expect(s().mapping?.name).toBe('Luma products');
  });

  it('keeps what was loaded when a schema or a file cannot be used, and says why', async () => {
    await openLuma();
    const before = s().mapping;
    expect(s().setSchemaText('broken.json', '{"type": "object", "properties": ')).toBe(false);
    expect(await s().setSource('book.xlsx', new Blob([Buffer.from('PK\u0003\u0004zip')]))).toBe(false);
    expect(await s().setSource('empty.csv', new Blob([]))).toBe(false);
    expect(
      s()
        .notices.map((n) => n.text)
        .join('\n'),
    ).toMatch(/is empty[\s\S]*zip archive[\s\S]*broken\.json" cannot be used/);
    expect(s().mapping).toBe(before);
    expect(s().source?.name).toBe('luma-products.csv');
  });

  it('offers a repair for a renamed column, and applying it makes the mapping fit', async () => {
    await openLuma();
    s().setMappingText('saved.json', readFileSync(LUMA_MAPPING, 'utf8'));
    const renamed = Buffer.concat([Buffer.from('SKU,Name,Category,Colour,Size,Price'), lumaBytes.subarray(lumaBytes.indexOf('\r'))]);
    await s().setSource('renamed.csv', new Blob([renamed]));
    expect(s().reconciliation?.renamed).toEqual([expect.objectContaining({ from: 'Color', to: 'Colour' })]);
    s().applyRepairs(s().reconciliation?.renamed ?? []);
    expect(s().mapping?.mappings.find((m) => m.destination.endsWith('productColor'))?.source).toBe('Colour');
    expect(s().reconciliation?.missing).toEqual([]);
  });

  it('restores a saved session from its texts and the first bytes of the file, without the file itself', async () => {
    await openLuma();
    s().edit(edits.dropColumn('Color'));
    const saved = {
      v: 1 as const,
      step: 'map' as const,
      schema: { name: s().schema!.name, text: s().schema!.text },
      source: { name: 'luma-products.csv', size: lumaBytes.length, overrides: {}, head: new Uint8Array(lumaBytes.subarray(0, 2000)) },
      mapping: serializeMapping(s().mapping!),
      mappingOrigin: 'edited' as const,
    };
    s().reset();
    expect(s().restore(saved)).toBe(true);
    expect(s().step).toBe('map');
    expect(s().source?.file).toBeNull();
    expect(s().source?.sample.complete).toBe(false);
    expect(s().mapping?.mappings.some((m) => m.source === 'Color')).toBe(false);
    expect(s().restore({ ...saved, schema: { name: 'x', text: 'not json' } })).toBe(false);
  });
});
