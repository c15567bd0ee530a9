import type { Edge, Node } from '@xyflow/react';
import { referencedColumns } from '../../core/expr/parser';
import type { MappingDocument } from '../../core/mapping/mapping.types';
import type { FieldTree } from '../../core/schema/field.types';
import type { PendingSuggestion } from '../store/review';
import type { Selection } from '../store/ui';
import { confidenceText } from './confidence';
import { anchorHandles, columnHandles, fieldHandles, formulaHandles } from './handles';
import { ancestorsOf, type ColumnRow, type FieldRow, fieldOfDestination } from './lanes';

/**
 * The graph of what is in view: each lane scrolls on its own, so a node's place is its row
 * times the row height less its lane's scroll. Only rows in view (and the active ones) become
 * nodes; an edge whose other end is out of view goes to that lane's top or bottom marker, and
 * an edge into a closed group goes to the group's row.
 */

export const COLUMN_ROW = 54;
export const FIELD_ROW = 36;
const ANCHOR_WIDTH = 120;
const ANCHOR_HEIGHT = 22;
/** React Flow's attribution, at the bottom between the lanes: the bottom markers sit above it. */
const ATTRIBUTION_HEIGHT = 16;
/** How far a field's row is indented per level of the tree (its `in` dot sits at the indent). */
export const FIELD_INDENT = 14;

export interface Geometry {
  width: number;
  height: number;
  columnWidth: number;
  fieldX: number;
  fieldWidth: number;
}

/** Lane widths for a canvas: columns on the left, fields on the right, room for edges and formulas between. */
export function geometry(width: number, height: number): Geometry {
  const columnWidth = Math.round(Math.min(400, Math.max(220, width * 0.33)));
  const fieldWidth = Math.round(Math.min(480, Math.max(250, width * 0.42)));
  const fieldX = Math.max(columnWidth + 90, width - fieldWidth - 14);
  return { width, height, columnWidth, fieldX, fieldWidth };
}

export const maxScroll = (rows: number, rowHeight: number, height: number) => Math.max(0, rows * rowHeight + 16 - height);

export type EdgeKind = 'mapped' | 'pending' | 'formula' | 'input';
export type EdgeData = {
  kind: EdgeKind;
  confidence: number | null;
  evidence: string;
  label: string;
  emphasis?: boolean;
  /** What the pre-flight says is wrong with this column's values in this field, and its short label. */
  warning?: string;
  warningLabel?: string;
};
export type AnchorData = { lane: 'columns' | 'fields'; side: 'top' | 'bottom'; count: number };

export interface FlowInput {
  tree: FieldTree;
  columns: readonly ColumnRow[];
  fields: readonly FieldRow[];
  mapping: MappingDocument;
  pending: readonly PendingSuggestion[];
  suggested: ReadonlyMap<string, { destination: string; confidence: number; evidence: string[] }>;
  columnTop: number;
  fieldTop: number;
  geo: Geometry;
  selection: Selection;
  activeColumn: string | null;
  activeField: string | null;
  /** Pre-flight messages by destination, with their short label: the edges into them are marked. */
  warnings?: ReadonlyMap<string, { message: string; label: string }>;
  /**
   * Node and edge data kept from one scroll frame to the next: a row whose data object is the
   * same is not drawn again (its component is memoised), only moved.
   */
  cache?: WeakMap<object, { key: string; data: unknown }>;
  /**
   * The nodes and edges of the last frame, by id: one that comes out the same is handed back
   * as the same object, so React Flow keeps its internals and does not draw it again (a
   * selection or a search changes a few of them, not all).
   */
  previous?: { nodes: Map<string, Node>; edges: Map<string, Edge> };
}

/** The same data object as last time when nothing in it changed. */
function cached<T>(cache: FlowInput['cache'], owner: object, key: string, make: () => T): T {
  const hit = cache?.get(owner);
  if (hit && hit.key === key) return hit.data as T;
  const data = make();
  cache?.set(owner, { key, data });
  return data;
}

interface Window {
  first: number;
  last: number;
}

const windowOf = (top: number, rowHeight: number, height: number, rows: number): Window => ({
  first: Math.max(0, Math.floor(top / rowHeight) - 1),
  last: Math.min(rows - 1, Math.ceil((top + height) / rowHeight)),
});

export function buildFlow(f: FlowInput): { nodes: Node[]; edges: Edge[] } {
  const { geo } = f;
  const cw = windowOf(f.columnTop, COLUMN_ROW, geo.height, f.columns.length);
  const fw = windowOf(f.fieldTop, FIELD_ROW, geo.height, f.fields.length);
  const columnAt = new Map(f.columns.map((c, i) => [c.name, i]));
  const fieldAt = new Map(f.fields.map((r, i) => [r.path, i]));
  const colY = (i: number) => i * COLUMN_ROW - f.columnTop + 8;
  const fieldY = (i: number) => i * FIELD_ROW - f.fieldTop + 8;
  const inView = (y: number, h: number) => y + h > 0 && y < geo.height;
  const colVisible = (i: number) => i >= cw.first && i <= cw.last && inView(colY(i), COLUMN_ROW);
  const fieldVisible = (i: number) => i >= fw.first && i <= fw.last && inView(fieldY(i), FIELD_ROW);
  const sel = f.selection;

  const nodes: Node[] = [];
  const colIds = new Set<number>();
  const addColumn = (i: number) => {
    const row = f.columns[i];
    if (!row || colIds.has(i)) return;
    colIds.add(i);
    nodes.push({
      id: `col:${row.index}`,
      type: 'column',
      position: { x: 0, y: colY(i) },
      width: geo.columnWidth,
      height: COLUMN_ROW - 8,
      measured: { width: geo.columnWidth, height: COLUMN_ROW - 8 },
      handles: columnHandles(geo.columnWidth, COLUMN_ROW - 8),
      data: cached(f.cache, row, `${f.activeColumn === row.name}:${i}:${f.columns.length}`, () => ({
        row,
        active: f.activeColumn === row.name,
        position: i + 1,
        count: f.columns.length,
      })),
      selected: sel?.kind === 'column' && sel.name === row.name,
      draggable: false,
      deletable: false,
      focusable: false,
      selectable: false,
    });
  };
  const fieldIds = new Set<number>();
  const addField = (i: number) => {
    const row = f.fields[i];
    if (!row || fieldIds.has(i)) return;
    fieldIds.add(i);
    nodes.push({
      id: `field:${row.path}`,
      type: 'field',
      position: { x: geo.fieldX, y: fieldY(i) },
      width: geo.fieldWidth,
      height: FIELD_ROW - 6,
      measured: { width: geo.fieldWidth, height: FIELD_ROW - 6 },
      handles: fieldHandles(geo.fieldWidth, FIELD_ROW - 6, row.depth * FIELD_INDENT, row.group),
      data: cached(f.cache, row, `${f.activeField === row.path}:${i}:${f.fields.length}`, () => ({
        row,
        active: f.activeField === row.path,
        position: i + 1,
        count: f.fields.length,
      })),
      selected: sel?.kind === 'field' && sel.path === row.path,
      draggable: false,
      deletable: false,
      focusable: false,
      selectable: false,
    });
  };
  for (let i = cw.first; i <= cw.last; i++) addColumn(i);
  for (let i = fw.first; i <= fw.last; i++) addField(i);
  // The active rows stay mounted even when scrolled away, so keyboard focus is never lost.
  if (f.activeColumn !== null && columnAt.has(f.activeColumn)) addColumn(columnAt.get(f.activeColumn)!);
  if (f.activeField !== null && fieldAt.has(f.activeField)) addField(fieldAt.get(f.activeField)!);

  const anchors = { 'columns:top': 0, 'columns:bottom': 0, 'fields:top': 0, 'fields:bottom': 0 };
  /** Where a destination meets the fields lane: its row, else its closed group's row. */
  const fieldRowOf = (destination: string): number | undefined => {
    const path = fieldOfDestination(f.tree, destination);
    let i = fieldAt.get(path);
    if (i === undefined) for (const a of ancestorsOf(f.tree, path)) if ((i = fieldAt.get(a)) !== undefined) break;
    return i;
  };
  /** Both ends of an edge, one of them possibly a marker; null when neither end is in view. */
  const ends = (column: string, destination: string): { source: string; target: string } | null => {
    const ci = columnAt.get(column);
    const fi = fieldRowOf(destination);
    if (ci === undefined || fi === undefined) return null;
    const cv = colVisible(ci);
    const fv = fieldVisible(fi);
    if (!cv && !fv) return null;
    let source = `col:${f.columns[ci]!.index}`;
    let target = `field:${f.fields[fi]!.path}`;
    if (!cv) {
      const side = colY(ci) < 0 ? 'top' : 'bottom';
      anchors[`columns:${side}`]++;
      source = `anchor:columns:${side}`;
    }
    if (!fv) {
      const side = fieldY(fi) < 0 ? 'top' : 'bottom';
      anchors[`fields:${side}`]++;
      target = `anchor:fields:${side}`;
    }
    return { source, target };
  };
  const link = (source: string, target: string, id: string, data: EdgeData, extra: Partial<Edge> = {}) =>
    edges.push({
      id,
      source,
      target,
      sourceHandle: 'out',
      targetHandle: 'in',
      type: 'confidence',
      data,
      ariaLabel: data.label,
      domAttributes: { tabIndex: -1 },
      ...extra,
    });

  const edges: Edge[] = [];
  let formulaSlot = -Infinity;
  for (const m of f.mapping.mappings) {
    if (m.sourceType === 'ATTRIBUTE') {
      const e = ends(m.source, m.destination);
      if (!e) continue;
      const s = f.suggested.get(m.source);
      const agreed = s?.destination === m.destination ? s : undefined;
      link(
        e.source,
        e.target,
        `edge:${m.destination}`,
        {
          kind: 'mapped',
          confidence: agreed?.confidence ?? null,
          evidence: agreed ? agreed.evidence.join('; ') : 'mapped by you or by the saved mapping',
          label: `${m.source} -> ${m.destination}`,
          warning: f.warnings?.get(m.destination)?.message,
          warningLabel: f.warnings?.get(m.destination)?.label,
        },
        { reconnectable: 'target', selected: sel?.kind === 'edge' && sel.destination === m.destination },
      );
      continue;
    }
    // A constant or a formula sits between the lanes, beside the field it fills.
    const path = fieldOfDestination(f.tree, m.destination);
    const fi = fieldAt.get(path);
    if (fi === undefined || !fieldVisible(fi)) continue;
    const y = Math.max(formulaSlot + 44, fieldY(fi) - 4);
    formulaSlot = y;
    const id = `formula:${m.destination}`;
    const gap = geo.fieldX - geo.columnWidth;
    const width = Math.min(200, gap - 40);
    nodes.push({
      id,
      type: 'formula',
      position: { x: geo.columnWidth + (gap - width) / 2, y },
      width,
      height: 38,
      measured: { width, height: 38 },
      handles: formulaHandles(width, 38),
      data: { destination: m.destination, mode: m.sourceType === 'STATIC' ? 'constant' : 'expression', source: m.source },
      draggable: false,
      deletable: false,
      focusable: false,
      selectable: false,
    });
    const what = m.sourceType === 'STATIC' ? `constant ${JSON.stringify(m.source)}` : `formula ${m.source}`;
    link(
      id,
      `field:${path}`,
      `edge:${m.destination}`,
      { kind: 'formula', confidence: null, evidence: what, label: `${what} -> ${m.destination}` },
      {
        reconnectable: 'target',
        selected: sel?.kind === 'edge' && sel.destination === m.destination,
      },
    );
    if (m.sourceType === 'EXPRESSION')
      for (const name of referencedColumns(m.source)) {
        const i = columnAt.get(name);
        if (i === undefined || !colVisible(i)) continue;
        link(
          `col:${f.columns[i]!.index}`,
          id,
          `input:${m.destination}:${name}`,
          { kind: 'input', confidence: null, evidence: `read by ${m.source}`, label: `${name} -> ${what}` },
          {
            selectable: false,
            deletable: false,
            reconnectable: false,
            focusable: false,
            domAttributes: {},
          },
        );
      }
  }
  for (const p of f.pending) {
    const e = ends(p.column, p.destination);
    if (!e) continue;
    link(
      e.source,
      e.target,
      `pending:${p.column}\u0000${p.destination}`,
      {
        kind: 'pending',
        confidence: p.confidence,
        evidence: p.evidence.join('; '),
        label: `Suggested, not yet in the mapping: ${p.column} -> ${p.destination}, ${confidenceText(p.confidence)}`,
      },
      { reconnectable: false, selected: sel?.kind === 'edge' && sel.destination === p.destination },
    );
  }

  for (const [key, count] of Object.entries(anchors)) {
    if (!count) continue;
    const [lane, side] = key.split(':') as ['columns' | 'fields', 'top' | 'bottom'];
    // The marker sits beside the lane, between the lanes (past the column lane's scrollbar), so
    // an edge to a row out of view ends there instead of running on behind the lane's cards,
    // and the marker covers no card.
    const width = Math.max(64, Math.min(ANCHOR_WIDTH, Math.floor((geo.fieldX - geo.columnWidth - 40) / 2)));
    const x = lane === 'columns' ? geo.columnWidth + 14 : geo.fieldX - 6 - width;
    nodes.push({
      id: `anchor:${key}`,
      type: 'anchor',
      position: { x, y: side === 'top' ? 0 : geo.height - ANCHOR_HEIGHT - ATTRIBUTION_HEIGHT },
      width,
      height: ANCHOR_HEIGHT,
      measured: { width, height: ANCHOR_HEIGHT },
      handles: anchorHandles(lane, width, ANCHOR_HEIGHT),
      data: { lane, side, count } satisfies AnchorData,
      draggable: false,
      deletable: false,
      focusable: false,
      selectable: false,
      zIndex: 10,
    });
  }
  if (!f.previous) return { nodes, edges };
  const kept = { nodes: keep(nodes, f.previous.nodes), edges: keep(edges, f.previous.edges) };
  f.previous.nodes = new Map(kept.nodes.map((n) => [n.id, n]));
  f.previous.edges = new Map(kept.edges.map((e) => [e.id, e]));
  return kept;
}

/** Equal as a node or an edge is: the same values two levels down (position, data, attributes), objects deeper by identity. */
function same(a: unknown, b: unknown, depth = 2): boolean {
  if (a === b) return true;
  if (depth === 0 || typeof a !== 'object' || typeof b !== 'object' || !a || !b || Array.isArray(a) || Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth - 1)) return false;
  return true;
}

function keep<T extends { id: string }>(next: T[], previous: Map<string, T>): T[] {
  return next.map((x) => {
    const p = previous.get(x.id);
    return p && same(p, x) ? p : x;
  });
}
