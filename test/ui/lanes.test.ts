import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileColumns } from '../../src/core/csv/profile';
import { readSample } from '../../src/core/csv/sample';
import { sniff } from '../../src/core/csv/sniff';
import { createMappingDocument, loadMappingText } from '../../src/core/mapping/document';
import { mapColumn, setExpression } from '../../src/core/mapping/edits';
import type { MappingDocument } from '../../src/core/mapping/mapping.types';
import { suggestMappings } from '../../src/core/suggest/suggest';
import { buildFlow, COLUMN_ROW, FIELD_ROW, geometry, maxScroll } from '../../src/ui/mapper/flow';
import { identityReport } from '../../src/ui/mapper/identities';
import { columnRows, fieldRows, keepSameRows, type LaneInput, searchColumns } from '../../src/ui/mapper/lanes';
import { distinctTails, tailOf } from '../../src/ui/mapper/MiddleText';
import { NO_DECISIONS, pendingSuggestions } from '../../src/ui/store/review';
import { LUMA_MAPPING, ROOT, sampleTree } from '../helpers/samples';

const tree = sampleTree('event');
const bytes = new Uint8Array(readFileSync(join(ROOT, 'test/fixtures/shopify/shopify-orders-79.csv')));
const sample = readSample(bytes, sniff(bytes), 100, true);
const header = sample.header!.columns;
const profiles = profileColumns(
  header,
  sample.rows.map((r) => r.cells),
);
const suggestions = suggestMappings(tree, profiles);
const empty = createMappingDocument({ columns: header, schemaId: tree.id });

const input = (over: Partial<LaneInput> = {}): LaneInput => ({
  tree,
  profiles,
  mapping: empty,
  pending: pendingSuggestions(suggestions, over.mapping ?? empty, NO_DECISIONS),
  expanded: new Set(),
  collapsed: new Set(),
  filter: 'all',
  columnSearch: '',
  fieldSearch: '',
  showSystem: false,
  errorsByColumn: new Map(),
  errorsByDestination: new Map(),
  ...over,
});

function ok(r: ReturnType<typeof mapColumn>): MappingDocument {
  if (!r.ok) throw new Error(r.message);
  return r.doc;
}

const flowArgs = (
  mapping: MappingDocument,
  columns: ReturnType<typeof columnRows>,
  fields: ReturnType<typeof fieldRows>,
  geo: ReturnType<typeof geometry>,
) => ({
  tree,
  columns,
  fields,
  mapping,
  pending: [],
  suggested: new Map(),
  columnTop: 0,
  fieldTop: 0,
  geo,
  selection: null,
  activeColumn: null,
  activeField: null,
});

describe('the lanes of a real 79-column order export', () => {
  it('finds columns by a sample value as well as by name, name matches first', () => {
    const byValue = searchColumns(profiles, 'ottawa');
    expect([...byValue!.keys()]).toEqual(['Billing City', 'Shipping City']);
    expect(byValue!.get('Billing City')).toBe('Ottawa');
    const rows = columnRows(input({ columnSearch: 'city' }));
    expect(rows.map((r) => r.name)).toEqual(['Billing City', 'Shipping City']);
    expect(searchColumns(profiles, '   ')).toBeNull();
  });

  it('opens the groups that hold a pending suggestion, and searches fields by title and description', () => {
    const rows = fieldRows(input());
    expect(rows.some((r) => r.path === 'commerce.billing.address.city')).toBe(true);
    expect(rows.find((r) => r.path === 'commerce.billing')?.pending).toBeGreaterThan(3);
    const searched = fieldRows(input({ fieldSearch: 'postal code' }));
    expect(searched.some((r) => r.path.endsWith('postalCode'))).toBe(true);
    expect(searched.every((r) => r.group || /postal|zip|code/i.test(`${r.path} ${r.title}`))).toBe(true);
  });

  it('draws only the rows in view, and sends edges to a row out of view to the lane marker', () => {
    const mapping = ok(mapColumn(empty, 'Billing City', 'commerce.billing.address.city'));
    const columns = columnRows(input({ mapping }));
    const fields = fieldRows(input({ mapping }));
    const geo = geometry(900, 400);
    const flow = (columnTop: number, fieldTop: number) =>
      buildFlow({
        tree,
        columns,
        fields,
        mapping,
        pending: [],
        suggested: new Map(),
        columnTop,
        fieldTop,
        geo,
        selection: null,
        activeColumn: null,
        activeField: null,
      });
    const top = flow(0, 0);
    const drawn = top.nodes.filter((n) => n.type === 'column').length;
    expect(drawn).toBeLessThanOrEqual(Math.ceil(400 / COLUMN_ROW) + 2);
    // Billing City is row 29: below the view, so its edge starts at the bottom marker.
    const edge = top.edges.find((e) => e.id === 'edge:commerce.billing.address.city');
    expect(edge?.source).toBe('anchor:columns:bottom');
    expect(edge?.ariaLabel).toBe('Billing City -> commerce.billing.address.city');
    // The marker sits between the lanes, where its edge leaves it: the edge runs behind no card.
    const marker = top.nodes.find((n) => n.id === 'anchor:columns:bottom')!;
    const out = marker.handles?.find((h) => h.id === 'out');
    expect(marker.position.x).toBeGreaterThan(geo.columnWidth);
    expect(marker.position.x + (marker.width ?? 0)).toBeLessThan(geo.fieldX);
    expect(marker.position.x + out!.x + (out!.width ?? 0) / 2).toBe(marker.position.x + (marker.width ?? 0));
    const i = columns.findIndex((c) => c.name === 'Billing City');
    const scrolled = flow(i * COLUMN_ROW - 100, 0);
    expect(scrolled.edges.find((e) => e.id === 'edge:commerce.billing.address.city')?.source).toBe(`col:${columns[i]!.index}`);
    // Closed, the object holding the field takes the edge on its own handle.
    const closed = fieldRows(input({ mapping, collapsed: new Set(['commerce.billing']) }));
    const intoGroup = buildFlow({ ...flowArgs(mapping, columns, closed, geo), columnTop: i * COLUMN_ROW - 100 });
    const group = intoGroup.nodes.find((n) => n.id === 'field:commerce.billing');
    expect(intoGroup.edges.find((e) => e.id === 'edge:commerce.billing.address.city')?.target).toBe('field:commerce.billing');
    expect(group?.handles?.map((h) => `${h.type}:${h.id}`)).toEqual(['target:in']);
    // Never past the end: the last row sits at the bottom of the lane.
    expect(maxScroll(columns.length, COLUMN_ROW, 400)).toBe(columns.length * COLUMN_ROW + 16 - 400);
    expect(maxScroll(3, FIELD_ROW, 400)).toBe(0);
  });

  it('hands back a row that shows the same as the same object, so the graph draws only the rows that changed', () => {
    const shown = new Map<string, ReturnType<typeof fieldRows>[number]>();
    const first = keepSameRows(fieldRows(input()), shown, (r) => r.path);
    const mapping = ok(mapColumn(empty, 'Billing City', 'commerce.billing.address.city'));
    const next = keepSameRows(fieldRows(input({ mapping })), shown, (r) => r.path);
    const city = next.find((r) => r.path === 'commerce.billing.address.city')!;
    expect(city.entry?.source).toBe('Billing City');
    expect(first.find((r) => r.path === city.path)).not.toBe(city);
    // Its groups count it; a field elsewhere is the very same row as before.
    expect(first.find((r) => r.path === 'commerce.billing')).not.toBe(next.find((r) => r.path === 'commerce.billing'));
    const elsewhere = next.find((r) => r.path === 'commerce.order.purchaseID')!;
    expect(first.find((r) => r.path === elsewhere.path)).toBe(elsewhere);
    expect(next.filter((r) => first.includes(r)).length).toBeGreaterThan(next.length / 2);
    expect([...shown.keys()]).toEqual(next.map((r) => r.path));
  });

  it('draws a formula between the lanes, fed by exactly the columns it reads', () => {
    const r = setExpression(empty, 'commerce.order.purchaseID', 'concat(Name, "-", ${Lineitem sku})');
    const mapping = ok(r);
    const columns = columnRows(input({ mapping }));
    const fields = fieldRows(input({ mapping, fieldSearch: 'purchaseID' }));
    const flow = buildFlow({
      tree,
      columns,
      fields,
      mapping,
      pending: [],
      suggested: new Map(),
      columnTop: 0,
      fieldTop: 0,
      geo: geometry(900, 2000),
      selection: null,
      activeColumn: null,
      activeField: null,
    });
    expect(flow.nodes.filter((n) => n.type === 'formula').map((n) => n.id)).toEqual(['formula:commerce.order.purchaseID']);
    const inputs = flow.edges.filter((e) => e.id.startsWith('input:')).map((e) => e.id.split(':').at(-1));
    expect(inputs.sort()).toEqual(['Lineitem sku', 'Name']);
  });

  it('keeps whole the part of a name or path that tells it apart', () => {
    expect(tailOf('Variant Inventory Qty')).toBe(' Qty');
    expect(tailOf('productListItems[].returnItem.returnQuantity')).toBe('.returnQuantity');
    expect(tailOf('1659.95')).toBe('1659.95');
    const tails = distinctTails(['a.returnItem.returnQuantity', 'b.returnItem.returnQuantity', 'a.returnItem.reason']);
    expect(tails.get('a.returnItem.returnQuantity')).toBe('a.returnItem.returnQuantity');
    expect(tails.get('a.returnItem.reason')).toBe('.reason');
  });
});

describe('identities on the Map step', () => {
  it('names the namespace and primary flag of what feeds each identity, and the unmapped primary', () => {
    const luma = sampleTree('luma');
    const loaded = loadMappingText(readFileSync(LUMA_MAPPING, 'utf8'));
    if (!loaded.ok) throw new Error('Luma mapping');
    const mapped = identityReport(luma, loaded.doc);
    expect(mapped.feeds).toEqual([
      { namespace: 'lumaProductSKU', primary: true, destination: '_techmarketingdemos.productSku', from: ['SKU'], via: 'descriptor' },
    ]);
    expect(mapped.primaryUnmapped).toBeNull();
    const none = identityReport(luma, { ...loaded.doc, mappings: loaded.doc.mappings.filter((m) => m.source !== 'SKU') });
    expect(none.primaryUnmapped).toEqual({ path: '_techmarketingdemos.productSku', namespace: 'lumaProductSKU' });
  });

  it('reads identityMap entries and a formula that builds identityMap', () => {
    const doc: MappingDocument = {
      ...empty,
      mappings: [
        { sourceType: 'ATTRIBUTE', source: 'Email', destination: 'identityMap.Email[0].id' },
        { sourceType: 'STATIC', source: 'true', destination: 'identityMap.Email[0].primary' },
        { sourceType: 'EXPRESSION', source: '{"Phone": [{"id": Phone, "primary": false}]}', destination: 'identityMap' },
      ],
    };
    const r = identityReport(tree, doc);
    expect(r.feeds).toEqual([
      { namespace: 'Phone', primary: false, destination: 'identityMap', from: ['Phone'], via: 'identityMap' },
      { namespace: 'Email', primary: true, destination: 'identityMap.Email[0].id', from: ['Email'], via: 'identityMap' },
    ]);
  });
});
