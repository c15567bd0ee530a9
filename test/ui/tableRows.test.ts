import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileColumns } from '../../src/core/csv/profile';
import { readSample } from '../../src/core/csv/sample';
import { sniff } from '../../src/core/csv/sniff';
import { createMappingDocument } from '../../src/core/mapping/document';
import { mapColumn } from '../../src/core/mapping/edits';
import type { MappingDocument } from '../../src/core/mapping/mapping.types';
import { suggestMappings } from '../../src/core/suggest/suggest';
import { compileMapping } from '../../src/core/transform/compile';
import { previewRows } from '../../src/core/transform/preview';
import { compileValidator } from '../../src/core/validate/validator';
import { fieldRows, type LaneInput } from '../../src/ui/mapper/lanes';
import { tailOf } from '../../src/ui/mapper/MiddleText';
import { mappingRows, rowShows, sortRows } from '../../src/ui/mapper/table/rows';
import { unmappedRequired } from '../../src/ui/steps/blockers';
import { NO_DECISIONS, pendingSuggestions } from '../../src/ui/store/review';
import type { SourceState } from '../../src/ui/store/session';
import type { Preview } from '../../src/ui/usePreview';
import { ROOT, sampleTree } from '../helpers/samples';

// The real 79-column Shopify order export against the 170-field ExperienceEvent schema.
const tree = sampleTree('event');
const bytes = new Uint8Array(readFileSync(join(ROOT, 'test/fixtures/shopify/shopify-orders-79.csv')));
const sniffed = sniff(bytes);
const sample = readSample(bytes, sniffed, 100, true);
const header = sample.header!.columns;
const profiles = profileColumns(
  header,
  sample.rows.map((r) => r.cells),
);
const source = {
  name: 'orders.csv',
  size: bytes.length,
  file: null,
  head: bytes,
  sniffed,
  overrides: {},
  sample,
  profiles,
  checkRows: [],
} as unknown as SourceState;
const suggestions = suggestMappings(tree, profiles);
const compiled = compileValidator(tree.jsonSchema, { trustDateFormats: true });
if (!compiled.ok) throw new Error(compiled.message);
const validator = compiled.validator;

function map(doc: MappingDocument, column: string, destination: string): MappingDocument {
  const r = mapColumn(doc, column, destination);
  if (!r.ok) throw new Error(r.message);
  return r.doc;
}

function previewOf(doc: MappingDocument): Preview {
  const r = compileMapping(doc, tree, header, { validator });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const rows = previewRows(r.compiled, sample.rows);
  const errors = rows.flatMap((x) => x.errors);
  const byColumn = new Map<string, number>();
  const byDestination = new Map<string, number>();
  for (const e of errors) {
    if (e.column) byColumn.set(e.column, (byColumn.get(e.column) ?? 0) + 1);
    if (e.destination) byDestination.set(e.destination, (byDestination.get(e.destination) ?? 0) + 1);
  }
  return { ok: true, rows, errors, byColumn, byDestination };
}

const doc = map(createMappingDocument({ columns: header, schemaId: tree.id }), 'Billing City', 'commerce.billing.address.city');
const rowsOf = (d: MappingDocument) =>
  mappingRows({
    tree,
    source,
    mapping: d,
    pending: pendingSuggestions(suggestions, d, NO_DECISIONS),
    suggestions,
    preview: previewOf(d),
    missing: unmappedRequired(tree, d),
  });

describe('the mapping table of a real order export', () => {
  it('lists the required field nothing fills as a row of its own, first, until it is mapped', () => {
    const rows = sortRows(rowsOf(doc), 'status', true);
    const gaps = unmappedRequired(tree, doc);
    expect(gaps).toContain('timestamp');
    expect(rows.slice(0, gaps.length).map((r) => r.destination)).toEqual(expect.arrayContaining(gaps));
    expect(rows.find((r) => r.destination === 'timestamp')).toMatchObject({ status: 'missing', column: null, required: true });
    const filled = rowsOf(map(doc, 'Created at', 'timestamp'));
    expect(filled.some((r) => r.status === 'missing' && r.destination === 'timestamp')).toBe(false);
    expect(filled.find((r) => r.destination === 'timestamp')).toMatchObject({ status: 'mapped', column: 'Created at', required: true });
  });

  it('splits the sample into the cell and what the record holds, and says when the row is rejected for another field', () => {
    const city = rowsOf(doc).find((r) => r.destination === 'commerce.billing.address.city')!;
    // Every row lacks the required timestamp, so the output shown is the cell as this entry alone writes it.
    expect(city.sampleIn).toBe('Ottawa');
    expect(city.sampleOut).toBe('"Ottawa"');
    expect(city.sampleNote).toMatch(/rejected/);
    expect(city.sample).toBe('Ottawa → "Ottawa" (its row is rejected: see Preview)');
  });

  it('filters as the counters do: pending, unmapped (columns and required gaps), required, errors', () => {
    const rows = rowsOf(doc);
    const pending = rows.filter((r) => rowShows(r, 'pending'));
    expect(pending.length).toBeGreaterThan(10);
    expect(pending.every((r) => r.status === 'pending')).toBe(true);
    const unmapped = rows.filter((r) => rowShows(r, 'unmapped'));
    expect(new Set(unmapped.map((r) => r.status))).toEqual(new Set(['unmapped', 'missing']));
    expect(rows.filter((r) => rowShows(r, 'required')).map((r) => r.destination)).toContain('timestamp');
    expect(rows.filter((r) => rowShows(r, 'required')).every((r) => r.required)).toBe(true);
    // The sample's errors are the missing timestamp's: its row shows under "errors", the city's does not.
    const errors = rows.filter((r) => rowShows(r, 'errors'));
    expect(errors.map((r) => r.destination)).toContain('timestamp');
    expect(errors.map((r) => r.destination)).not.toContain('commerce.billing.address.city');
    expect(rows.filter((r) => rowShows(r, 'all'))).toHaveLength(rows.length);
  });
});

describe('the identity filter of the field lane', () => {
  it('keeps the identity fields and the objects that hold them, opened (Luma: the product SKU)', () => {
    const crm = sampleTree('luma');
    const lane: LaneInput = {
      tree: crm,
      profiles: [],
      mapping: createMappingDocument({ columns: [], schemaId: crm.id }),
      pending: [],
      expanded: new Set(),
      collapsed: new Set(),
      filter: 'identity',
      columnSearch: '',
      fieldSearch: '',
      showSystem: false,
      errorsByColumn: new Map(),
      errorsByDestination: new Map(),
    };
    const rows = fieldRows(lane);
    const leaves = rows.filter((r) => !r.group);
    expect(crm.identities.length).toBeGreaterThan(0);
    expect(leaves.map((r) => r.path).sort()).toEqual(crm.identities.map((i) => i.path as string).sort());
    expect(rows.filter((r) => r.group).every((r) => r.open)).toBe(true);
  });
});

describe('the errors filter of the field lane', () => {
  it('keeps the fields with errors and only the objects that hold them, opened', () => {
    const lane: LaneInput = {
      tree,
      profiles,
      mapping: doc,
      pending: [],
      expanded: new Set(),
      collapsed: new Set(),
      filter: 'errors',
      columnSearch: '',
      fieldSearch: '',
      showSystem: false,
      errorsByColumn: new Map(),
      errorsByDestination: new Map([
        ['commerce.order.priceTotal', 3],
        ['timestamp', 40],
      ]),
    };
    const rows = fieldRows(lane);
    expect(rows.map((r) => [r.path, r.group, r.open])).toEqual([
      ['commerce', true, true],
      ['commerce.order', true, true],
      ['commerce.order.priceTotal', false, false],
      ['timestamp', false, false],
    ]);
  });
});

describe('middle ellipsis of one long word', () => {
  it('keeps its last piece whole, so the start gives way', () => {
    expect(tailOf('_techmarketingdemos')).toBe('ingdemos');
    expect(tailOf('marketingSuspendedCause')).toBe('Cause');
    expect(tailOf('extSourceSystemAudit')).toBe('Audit');
    expect(tailOf('productSku')).toBe('productSku');
  });
});
