import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { profileColumns } from '../../src/core/csv/profile';
import { readSample } from '../../src/core/csv/sample';
import { sniff } from '../../src/core/csv/sniff';
import { loadMappingText } from '../../src/core/mapping/document';
import type { MappingDocument } from '../../src/core/mapping/mapping.types';
import { suggestMappings } from '../../src/core/suggest/suggest';
import { buildGraph, type GraphInput } from '../../src/ui/mapper/graph';
import { edits } from '../../src/ui/store/session';
import { LUMA_CSV, LUMA_MAPPING, sampleTree } from '../helpers/samples';

const tree = sampleTree('luma');
const bytes = new Uint8Array(readFileSync(LUMA_CSV));
const sniffed = sniff(bytes);
const sample = readSample(bytes, sniffed, 100, true);
const profiles = profileColumns(
  sample.header?.columns ?? [],
  sample.rows.map((r) => r.cells),
);
const loaded = loadMappingText(readFileSync(LUMA_MAPPING, 'utf8'));
if (!loaded.ok) throw new Error('the Luma mapping does not load');
const mapping = loaded.doc;

const input = (over: Partial<GraphInput> = {}): GraphInput => ({
  tree,
  profiles,
  mapping,
  suggestions: suggestMappings(tree, profiles),
  expanded: new Set(),
  collapsed: new Set(),
  filter: 'all',
  search: '',
  showSystem: false,
  errorsByColumn: new Map(),
  errorsByDestination: new Map(),
  ...over,
});

const ids = (g: ReturnType<typeof buildGraph>, prefix: string) => g.nodes.filter((n) => n.id.startsWith(prefix)).map((n) => n.id);

describe('the mapper graph of the Luma sample', () => {
  it('draws every column, the open schema tree and one edge per mapping entry', () => {
    const g = buildGraph(input());
    expect(ids(g, 'col:')).toHaveLength(6);
    expect(ids(g, 'field:')).toContain('field:_techmarketingdemos.productSku');
    expect(g.edges.map((e) => e.id).sort()).toEqual(mapping.mappings.map((m) => `edge:${m.destination}`).sort());
    // The SKU edge agrees with the suggester, so it carries its confidence and reasons.
    const sku = g.edges.find((e) => e.id === 'edge:_techmarketingdemos.productSku');
    expect((sku?.data as { confidence: number } | undefined)?.confidence).toBeGreaterThan(0.8);
    // Nodes cannot be deleted with the Delete key (only edges can).
    expect(g.nodes.every((n) => n.deletable === false)).toBe(true);
  });

  it('hides mapped fields under the "unmapped" filter, and counts edges it cannot show', () => {
    const g = buildGraph(input({ filter: 'unmapped' }));
    expect(ids(g, 'col:')).toEqual([]);
    expect(g.hiddenMapped).toBe(mapping.mappings.length);
  });

  it('keeps only fields matching a search, with their parents', () => {
    const g = buildGraph(input({ search: 'price' }));
    expect(ids(g, 'field:')).toEqual(['field:_techmarketingdemos', 'field:_techmarketingdemos.productPrice']);
  });

  it('closes an object the person closed, even though it holds mapped fields', () => {
    const g = buildGraph(input({ collapsed: new Set(['_techmarketingdemos']) }));
    expect(ids(g, 'field:')).not.toContain('field:_techmarketingdemos.productSku');
    expect(g.hiddenMapped).toBe(6);
  });

  it('draws a calculated field as a node fed by exactly the columns it reads', () => {
    const doc: MappingDocument = edits.set({
      sourceType: 'EXPRESSION',
      source: 'concat(upper(Name), " / ", ${Size})',
      destination: '_techmarketingdemos.productName',
    })(mapping);
    const g = buildGraph(input({ mapping: doc }));
    expect(ids(g, 'formula:')).toEqual(['formula:_techmarketingdemos.productName']);
    const inputs = g.edges.filter((e) => e.id.startsWith('input:')).map((e) => e.source);
    // Name and Size, not SKU (whose name is not in the formula) nor any other.
    expect(inputs.sort()).toEqual(['col:1', 'col:4']);
  });

  it('edits are pure functions of the document', () => {
    const dropped = edits.dropColumn('Color')(mapping);
    expect(dropped.mappings).toHaveLength(5);
    expect(mapping.mappings).toHaveLength(6);
    const moved = edits.move('_techmarketingdemos.productSize', '_techmarketingdemos.productColor')(mapping);
    expect(moved.mappings.find((m) => m.destination === '_techmarketingdemos.productColor')?.source).toBe('Size');
    expect(moved.mappings).toHaveLength(5);
  });
});
