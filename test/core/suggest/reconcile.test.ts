import { describe, expect, it } from 'vitest';
import { createMappingDocument } from '../../../src/core/mapping/document';
import { adoptHeader, renameColumns } from '../../../src/core/mapping/editsRename';
import { nameSimilarity, reconcileColumns } from '../../../src/core/suggest/reconcile';

const doc = createMappingDocument({
  columns: ['SKU', 'Name', 'Price', 'Zip'],
  schemaId: 's',
  mappings: [
    { sourceType: 'ATTRIBUTE', source: 'SKU', destination: 'a.sku' },
    { sourceType: 'ATTRIBUTE', source: 'Name', destination: 'a.name' },
    { sourceType: 'ATTRIBUTE', source: 'Zip', destination: 'a.zip' },
    { sourceType: 'EXPRESSION', source: 'to_decimal(Price) * 2', destination: 'a.price' },
  ],
});

describe('reconcileColumns', () => {
  it('finds missing, added and renamed columns', () => {
    const r = reconcileColumns(doc, ['Product SKU', 'Name', 'Price', 'Postal Code', 'Brand']);
    expect(r.sameHeader).toBe(false);
    expect(r.missing).toEqual(['SKU', 'Zip']);
    expect(r.added).toEqual(['Product SKU', 'Postal Code', 'Brand']);
    expect(r.renamed.map((x) => [x.from, x.to])).toEqual(
      expect.arrayContaining([
        ['SKU', 'Product SKU'],
        ['Zip', 'Postal Code'],
      ]),
    );
  });

  it('recognises the same header by its fingerprint', () => {
    expect(reconcileColumns(doc, ['SKU', 'Name', 'Price', 'Zip'])).toMatchObject({ sameHeader: true, missing: [], added: [], renamed: [] });
  });

  it('repairs entries and expressions under the new names', () => {
    // The repair the web app makes from a reconciliation: the core's rename, then the file's header.
    const renamed = renameColumns(
      doc,
      new Map([
        ['Price', 'Unit Price'],
        ['SKU', 'Product SKU'],
      ]),
    );
    if (!renamed.ok) throw new Error(renamed.message);
    const fixed = adoptHeader(renamed.doc, ['Product SKU', 'Name', 'Unit Price', 'Zip']);
    expect(fixed.mappings[0]).toEqual({ sourceType: 'ATTRIBUTE', source: 'Product SKU', destination: 'a.sku' });
    expect(fixed.mappings[3]!.source).toBe('to_decimal(${Unit Price}) * 2');
    expect(reconcileColumns(fixed, ['Product SKU', 'Name', 'Unit Price', 'Zip']).sameHeader).toBe(true);
  });

  it('scores names by shared words and containment', () => {
    expect(nameSimilarity('SKU', 'Product SKU')).toBeGreaterThan(0.4);
    expect(nameSimilarity('E-mail', 'Email Address')).toBeGreaterThan(0.9);
    expect(nameSimilarity('Color', 'Price')).toBe(0);
  });
});
