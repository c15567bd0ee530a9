import type { Edge, Node } from '@xyflow/react';
import type { ColumnProfile } from '../../core/csv/profile';
import { referencedColumns } from '../../core/expr/parser';
import type { MappingDocument } from '../../core/mapping/mapping.types';
import { schemaPathOf } from '../../core/mapping/paths';
import type { Field, FieldTree } from '../../core/schema/field.types';
import { searchFields } from '../../core/suggest/searchFields';
import type { Suggestion } from '../../core/suggest/suggest.types';
import type { Filter } from '../store/ui';

export const ROW = 46;
export const COLUMN_X = 0;
export const FORMULA_X = 330;
export const FIELD_X = 640;

export type ColumnData = { name: string; kind: string; samples: string; mapped: number; errors: number; suggestion: boolean };
export type FieldData = {
  path: string;
  label: string;
  type: string;
  depth: number;
  group: boolean;
  open: boolean;
  required: boolean;
  identity: boolean;
  mapped: boolean;
  errors: number;
  system: boolean;
};
export type FormulaData = { destination: string; mode: 'expression' | 'constant'; source: string };
export type EdgeData = {
  confidence: number | null;
  evidence: string;
  manual: boolean;
  kind: 'column' | 'formula' | 'input';
  /** What the pre-flight says is wrong with this column's values in this field. */
  warning?: string;
};

export interface GraphInput {
  tree: FieldTree;
  profiles: ColumnProfile[];
  mapping: MappingDocument;
  suggestions: Suggestion[] | null;
  expanded: Set<string>;
  collapsed: Set<string>;
  filter: Filter;
  search: string;
  showSystem: boolean;
  errorsByColumn: Map<string, number>;
  errorsByDestination: Map<string, number>;
  /** Pre-flight messages by destination: the edges into them are marked. */
  warnings?: Map<string, string>;
}

/** Object paths that hold a path: `a.b[].c` -> `a`, `a.b`. */
function ancestors(tree: FieldTree, path: string): string[] {
  const out: string[] = [];
  let f = tree.fields.get(path as Field['path']);
  while (f?.parent) {
    out.push(f.parent);
    f = tree.fields.get(f.parent);
  }
  return out;
}

/**
 * Nodes and edges of the mapper, from the session: CSV columns on the left, formulas in the
 * middle, the schema tree on the right with only the open objects' fields, and one edge per
 * mapping entry. Pure: the graph is a view of the mapping, never a second copy of it.
 */
export function buildGraph(g: GraphInput): { nodes: Node[]; edges: Edge[]; hiddenMapped: number } {
  const { tree, mapping } = g;
  const destinations = new Map<string, MappingDocument['mappings'][number]>();
  for (const m of mapping.mappings) destinations.set(schemaPathOf(m.destination), m);
  const mappedColumns = new Map<string, number>();
  for (const m of mapping.mappings) if (m.sourceType === 'ATTRIBUTE') mappedColumns.set(m.source, (mappedColumns.get(m.source) ?? 0) + 1);
  const bySuggestion = new Map((g.suggestions ?? []).map((s) => [s.column, s]));

  // Which objects are open: the person's choice first, then everything that holds a mapped,
  // required or searched-for field, and all of a small schema.
  const open = new Set(g.expanded);
  const small = tree.leaves.length <= 80;
  const matches = g.search.trim() ? new Set(searchFields(tree, g.search, 80).map((h) => h.field.path as string)) : null;
  const wanted = new Set<string>();
  for (const path of destinations.keys()) wanted.add(path);
  for (const p of tree.required) wanted.add(p);
  if (matches) for (const p of matches) wanted.add(p);
  for (const p of wanted) for (const a of ancestors(tree, p)) if (!g.collapsed.has(a)) open.add(a);
  if (small) for (const f of tree.fields.values()) if (!f.isLeaf && !g.collapsed.has(f.path)) open.add(f.path);

  const keepField = (f: Field): boolean => {
    if (!g.showSystem && f.system && !destinations.has(f.path)) return false;
    if (matches && !matches.has(f.path) && !(!f.isLeaf && [...matches].some((m) => m.startsWith(`${f.path}.`) || m.startsWith(`${f.path}[]`)))) return false;
    if (g.filter === 'required') return f.requiredFromRoot || (!f.isLeaf && tree.required.some((r) => r.startsWith(`${f.path}.`)));
    if (g.filter === 'unmapped' && f.isLeaf) return !destinations.has(f.path);
    if (g.filter === 'errors' && f.isLeaf) return (g.errorsByDestination.get(f.path) ?? 0) > 0;
    return true;
  };

  const nodes: Node[] = [];
  let row = 0;
  const fieldY = new Map<string, number>();
  const visit = (paths: readonly string[], depth: number) => {
    for (const p of paths) {
      const f = tree.fields.get(p as Field['path']);
      if (!f || !keepField(f)) continue;
      const isOpen = !f.isLeaf && open.has(f.path);
      const y = row++ * ROW;
      fieldY.set(f.path, y);
      nodes.push({
        id: `field:${f.path}`,
        type: 'field',
        deletable: false,
        position: { x: FIELD_X, y },
        data: {
          path: f.path,
          label: f.key,
          type: f.xdmType === 'array' ? `${f.itemType ?? 'string'}[]` : f.xdmType,
          depth,
          group: !f.isLeaf,
          open: isOpen,
          required: f.requiredFromRoot,
          identity: Boolean(f.identity),
          mapped: destinations.has(f.path),
          errors: g.errorsByDestination.get(f.path) ?? 0,
          system: f.system,
        } satisfies FieldData,
        draggable: false,
      });
      if (isOpen) visit(f.children, depth + 1);
    }
  };
  visit(tree.roots, 0);

  const keepColumn = (p: ColumnProfile): boolean => {
    if (g.filter === 'unmapped') return !mappedColumns.has(p.name);
    if (g.filter === 'errors') return (g.errorsByColumn.get(p.name) ?? 0) > 0;
    if (g.filter === 'suggestions') return Boolean(bySuggestion.get(p.name)?.destination || bySuggestion.get(p.name)?.alternatives.length);
    return true;
  };
  const columnIds = new Map<string, string>();
  let crow = 0;
  g.profiles.forEach((p, i) => {
    if (!keepColumn(p)) return;
    const id = `col:${i}`;
    columnIds.set(p.name, id);
    nodes.push({
      id,
      type: 'column',
      deletable: false,
      position: { x: COLUMN_X, y: crow++ * ROW },
      data: {
        name: p.name,
        kind: p.kind,
        samples: p.samples.slice(0, 2).join(' · '),
        mapped: mappedColumns.get(p.name) ?? 0,
        errors: g.errorsByColumn.get(p.name) ?? 0,
        suggestion: Boolean(bySuggestion.get(p.name)?.destination),
      } satisfies ColumnData,
      draggable: false,
    });
  });

  const edges: Edge[] = [];
  let hiddenMapped = 0;
  let frow = 0;
  for (const m of mapping.mappings) {
    const path = schemaPathOf(m.destination);
    const target = `field:${fieldY.has(path) ? path : `${path}[]`}`;
    if (!fieldY.has(path) && !fieldY.has(`${path}[]`)) {
      hiddenMapped++;
      continue;
    }
    if (m.sourceType === 'ATTRIBUTE') {
      const source = columnIds.get(m.source);
      if (!source) continue;
      const s = bySuggestion.get(m.source);
      const suggested = s?.destination === m.destination ? s : undefined;
      edges.push({
        id: `edge:${m.destination}`,
        source,
        target,
        sourceHandle: 'out',
        targetHandle: 'in',
        type: 'confidence',
        reconnectable: true,
        data: {
          confidence: suggested ? suggested.confidence : null,
          evidence: suggested ? suggested.evidence.join('; ') : 'mapped by you or by the saved mapping',
          manual: !suggested,
          kind: 'column',
          warning: g.warnings?.get(m.destination),
        } satisfies EdgeData,
      });
    } else {
      const id = `formula:${m.destination}`;
      const y = Math.max(frow * ROW * 1.6, (fieldY.get(path) ?? fieldY.get(`${path}[]`) ?? 0) - ROW / 2);
      frow = Math.ceil(y / (ROW * 1.6)) + 1;
      nodes.push({
        id,
        type: 'formula',
        deletable: false,
        position: { x: FORMULA_X, y },
        data: { destination: m.destination, mode: m.sourceType === 'STATIC' ? 'constant' : 'expression', source: m.source } satisfies FormulaData,
        draggable: true,
      });
      edges.push({
        id: `edge:${m.destination}`,
        source: id,
        target,
        sourceHandle: 'out',
        targetHandle: 'in',
        type: 'confidence',
        reconnectable: 'target',
        data: {
          confidence: null,
          evidence: m.sourceType === 'STATIC' ? `constant ${m.source}` : `formula ${m.source}`,
          manual: true,
          kind: 'formula',
        } satisfies EdgeData,
      });
      if (m.sourceType === 'EXPRESSION')
        for (const name of referencedColumns(m.source)) {
          const colId = columnIds.get(name);
          if (colId)
            edges.push({
              id: `input:${m.destination}:${name}`,
              source: colId,
              target: id,
              sourceHandle: 'out',
              targetHandle: 'in',
              type: 'confidence',
              selectable: false,
              deletable: false,
              reconnectable: false,
              data: { confidence: null, evidence: `read by ${m.source}`, manual: true, kind: 'input' } satisfies EdgeData,
            });
        }
    }
  }
  return { nodes, edges, hiddenMapped };
}
