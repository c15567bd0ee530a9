import { type Connection, type Edge, type EdgeChange, type Node, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { type KeyboardEvent, type MouseEvent, startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { destinationForField } from '../../core/mapping/edits';
import type { MappingDocument } from '../../core/mapping/mapping.types';
import type { FieldTree } from '../../core/schema/field.types';
import { suggestionKey } from '../store/review';
import { useSession } from '../store/session';
import { type Filter, type Selection, useUi } from '../store/ui';
import { usePending, useSuggestions } from '../store/useDerived';
import { usePreflight } from '../usePreflight';
import type { Preview } from '../usePreview';
import { EDGE_TYPES } from './ConfidenceEdge';
import { buildFlow, COLUMN_ROW, FIELD_ROW, geometry, maxScroll } from './flow';
import { LaneScrollbar } from './LaneScrollbar';
import { ancestorsOf, type ColumnRow, columnRows, type FieldRow, fieldOfDestination, fieldRows, keepSameRows } from './lanes';
import { type LaneActions, LaneContext, NODE_TYPES } from './nodes';

type Lane = 'columns' | 'fields';
const noop = () => {};
const isValidConnection = (c: Edge | Connection) => Boolean(c.source?.startsWith('col:') && c.target?.startsWith('field:'));
const VIEWPORT = { x: 0, y: 0, zoom: 1 };
const DELETE_KEYS = ['Delete', 'Backspace'];
const ARIA_LABELS = {
  'edge.a11yDescription.default': 'Press Enter to select this mapping, Delete to remove it, the left and right arrows to go to its column or field.',
};
const rowHeight = (lane: Lane) => (lane === 'columns' ? COLUMN_ROW : FIELD_ROW);

/** Focuses a lane's row once the graph has drawn it (React Flow renders a frame after the nodes change). */
function focusRow(lane: Lane, id: string, tries = 6) {
  const el = document.querySelector<HTMLElement>(`[data-row="${CSS.escape(`${lane}:${id}`)}"]`);
  if (el) el.focus({ preventScroll: true });
  else if (tries > 0) requestAnimationFrame(() => focusRow(lane, id, tries - 1));
}

/**
 * The mapper's graph: two lanes that scroll on their own (the wheel scrolls the lane under the
 * pointer, never the view), React Flow edges between what is in view. Every change goes back
 * through the session; the graph is a view of the mapping and the review.
 */
function Graph({ columns, fields }: { columns: ColumnRow[]; fields: FieldRow[] }) {
  const schema = useSession((s) => s.schema);
  const mapping = useSession((s) => s.mapping);
  const act = useSession((s) => s.act);
  const pending = usePending();
  const suggestions = useSuggestions();
  const selection = useUi((s) => s.selection);
  const reveal = useUi((s) => s.reveal);
  const ui = useUi.getState();
  const canvas = useRef<HTMLElement>(null);
  const [size, setSize] = useState({ width: 900, height: 500 });
  const [tops, setTops] = useState({ columns: 0, fields: 0 });
  const [active, setActive] = useState<{ columns: string | null; fields: string | null }>({ columns: null, fields: null });
  const [connecting, setConnecting] = useState(false);
  const cache = useRef(new WeakMap<object, { key: string; data: unknown }>()).current;
  const previous = useRef({ nodes: new Map<string, Node>(), edges: new Map<string, Edge>() }).current;
  const geo = geometry(size.width, size.height);
  const limits = { columns: maxScroll(columns.length, COLUMN_ROW, size.height), fields: maxScroll(fields.length, FIELD_ROW, size.height) };
  const clampTop = (lane: Lane, top: number) => Math.max(0, Math.min(limits[lane], top));

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => e && setSize({ width: Math.round(e.contentRect.width), height: Math.round(e.contentRect.height) }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // The lane's scroll follows its rows: never past the end, so there is no empty space to reach.
  const limitC = limits.columns;
  const limitF = limits.fields;
  useEffect(() => {
    setTops((t) => (t.columns > limitC || t.fields > limitF ? { columns: Math.min(t.columns, limitC), fields: Math.min(t.fields, limitF) } : t));
  }, [limitC, limitF]);

  const laneAt = useCallback((clientX: number): Lane => {
    const r = canvas.current?.getBoundingClientRect();
    const g = geometry(r?.width ?? 900, r?.height ?? 500);
    return clientX - (r?.left ?? 0) < (g.columnWidth + g.fieldX) / 2 ? 'columns' : 'fields';
  }, []);
  const limitsRef = useRef(limits);
  limitsRef.current = limits;
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (e.ctrlKey) return;
      e.preventDefault();
      e.stopPropagation();
      const lane = laneAt(e.clientX);
      const dy = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      setTops((t) => ({ ...t, [lane]: Math.max(0, Math.min(limitsRef.current[lane], t[lane] + dy)) }));
    };
    el.addEventListener('wheel', onWheel, { passive: false, capture: true });
    return () => el.removeEventListener('wheel', onWheel, { capture: true });
  }, [laneAt]);

  const indexOf = useCallback(
    (lane: Lane, id: string) => (lane === 'columns' ? columns.findIndex((c) => c.name === id) : fields.findIndex((f) => f.path === id)),
    [columns, fields],
  );
  /** A lane's scroll with its row in view (a third from the top when it has to move). */
  const scrolledTo = (t: typeof tops, lane: Lane, index: number) => {
    if (index < 0) return t;
    const h = rowHeight(lane);
    const y = index * h - t[lane];
    if (y >= 0 && y + h <= size.height - 24) return t;
    return { ...t, [lane]: Math.max(0, Math.min(limitsRef.current[lane], index * h - size.height / 3)) };
  };
  const latestScrolledTo = useRef(scrolledTo);
  latestScrolledTo.current = scrolledTo;
  const later = useRef<{ lane: Lane; id: string }[]>([]);
  /** Scrolls a lane so its row is in view. */
  const bringIntoView = useCallback(
    (lane: Lane, index: number) => {
      if (index >= 0) setTops((t) => latestScrolledTo.current(t, lane, index));
    },
    [size.height],
  );

  // Choosing either end brings the other into view, in the render that shows the choice: moved
  // from an effect, the graph would be drawn and handed to React Flow once more, unmoved.
  const tree = schema?.tree;
  /** The rows a selection joins: the chosen one first, then the other end (its mapping, else its suggestion). */
  const endsOf = (s: NonNullable<Selection>, t: FieldTree, m: MappingDocument): [Lane, string | undefined][] => {
    if (s.kind === 'column') {
      const dest =
        m.mappings.find((e) => e.sourceType === 'ATTRIBUTE' && e.source === s.name)?.destination ?? pending.find((p) => p.column === s.name)?.destination;
      return [
        ['columns', s.name],
        ['fields', dest === undefined ? undefined : fieldOfDestination(t, dest)],
      ];
    }
    if (s.kind === 'field') {
      const entry = m.mappings.find((e) => fieldOfDestination(t, e.destination) === s.path);
      const column = entry?.sourceType === 'ATTRIBUTE' ? entry.source : pending.find((p) => fieldOfDestination(t, p.destination) === s.path)?.column;
      return [
        ['fields', s.path],
        ['columns', column],
      ];
    }
    const entry = m.mappings.find((e) => e.destination === s.destination);
    const column = entry?.sourceType === 'ATTRIBUTE' ? entry.source : pending.find((x) => x.destination === s.destination)?.column;
    return [
      ['columns', column],
      ['fields', fieldOfDestination(t, s.destination)],
    ];
  };
  // Only a new choice moves the lanes, not every edit.
  const [chosen, setChosen] = useState<{ selection: Selection; tree: FieldTree | undefined } | null>(null);
  const edgeEnds = useRef<[Lane, number][] | null>(null);
  if (tree && mapping && (chosen?.selection !== selection || chosen.tree !== tree)) {
    setChosen({ selection, tree });
    if (selection) {
      const rows = endsOf(selection, tree, mapping).map(([lane, id]): [Lane, number] => [lane, id === undefined ? -1 : indexOf(lane, id)]);
      // An edge is chosen where it is drawn, so its highlight and the inspector come first and
      // the lanes bring its far end into view just after (drawing the rows scrolled in is the
      // costly part); a chosen row's other end may be off screen, so its lanes move at once.
      if (selection.kind === 'edge') edgeEnds.current = rows;
      else setTops((t) => rows.reduce((acc, [lane, i]) => scrolledTo(acc, lane, i), t));
    }
  }
  useEffect(() => {
    const rows = edgeEnds.current;
    if (!rows) return;
    edgeEnds.current = null;
    startTransition(() => setTops((t) => rows.reduce((acc, [lane, i]) => latestScrolledTo.current(acc, lane, i), t)));
  }, [selection]);
  // A field inside a closed group: open the group, and scroll once its rows are there.
  useEffect(() => {
    if (!selection || !tree || !mapping || selection.kind === 'edge') return;
    const path = endsOf(selection, tree, mapping).find(([lane]) => lane === 'fields')?.[1];
    if (path === undefined) return;
    const closed = ancestorsOf(tree, path).filter((a) => !fields.some((f) => f.path === a && f.open));
    for (const a of closed) useUi.getState().toggle(a, true);
    if (closed.length || indexOf('fields', path) < 0) later.current.push({ lane: 'fields', id: path });
  }, [selection, tree]);

  useEffect(() => {
    const waiting = later.current;
    later.current = [];
    for (const w of waiting) {
      const i = indexOf(w.lane, w.id);
      if (i >= 0) bringIntoView(w.lane, i);
    }
  }, [indexOf, bringIntoView]);

  // A row asked for from elsewhere (the inspector, the table, "Map it", the end of a keyboard mapping).
  useEffect(() => {
    if (!reveal) return;
    if (!reveal.id) {
      setTops({ columns: 0, fields: 0 });
      return;
    }
    bringIntoView(reveal.lane, indexOf(reveal.lane, reveal.id));
    if (reveal.focus) {
      setActive((a) => ({ ...a, [reveal.lane]: reveal.id }));
      focusRow(reveal.lane, reveal.id);
    }
  }, [reveal]);

  const suggested = useMemo(
    () =>
      new Map(
        (suggestions ?? [])
          .filter((s) => s.destination)
          .map((s) => [s.column, { destination: s.destination!, confidence: s.confidence, evidence: s.evidence }]),
      ),
    [suggestions],
  );
  const activeColumn = active.columns ?? columns[Math.min(columns.length - 1, Math.floor(tops.columns / COLUMN_ROW))]?.name ?? null;
  const activeField = active.fields ?? fields[Math.min(fields.length - 1, Math.floor(tops.fields / FIELD_ROW))]?.path ?? null;
  const pre = usePreflight();
  const warnings = useMemo(
    () =>
      new Map<string, { message: string; label: string }>([
        ...(pre?.warnings ?? []).map((c): [string, { message: string; label: string }] => [c.destination, { message: c.message, label: 'check values' }]),
        ...(pre?.blocked ?? []).map((c): [string, { message: string; label: string }] => [c.destination, { message: c.message, label: 'choose reading' }]),
      ]),
    [pre],
  );
  const flow = useMemo(() => {
    if (!tree || !mapping) return { nodes: [], edges: [] };
    return buildFlow({
      tree,
      columns,
      fields,
      mapping,
      pending,
      suggested,
      columnTop: tops.columns,
      fieldTop: tops.fields,
      geo,
      selection,
      activeColumn,
      activeField,
      warnings,
      cache,
      previous,
    });
    // geo is derived from size.
  }, [tree, columns, fields, mapping, pending, suggested, tops, size, selection, activeColumn, activeField, warnings, cache]);

  const moveTo = useCallback(
    (lane: Lane, index: number) => {
      const list = lane === 'columns' ? columns.map((c) => c.name) : fields.map((f) => f.path);
      const i = Math.max(0, Math.min(list.length - 1, index));
      const id = list[i];
      if (id === undefined) return;
      setActive((a) => ({ ...a, [lane]: id }));
      bringIntoView(lane, i);
      focusRow(lane, id);
    },
    [columns, fields, bringIntoView],
  );
  const focusEdgeOf = (lane: Lane, id: string) => {
    const edge = flow.edges.find((e) => (lane === 'columns' ? e.source === `col:${columns.find((c) => c.name === id)?.index}` : e.target === `field:${id}`));
    if (edge) document.querySelector<HTMLElement>(`.react-flow__edge[data-id="${CSS.escape(edge.id)}"]`)?.focus();
  };

  const actions: LaneActions = {
    rowKey(lane, id, e: KeyboardEvent<HTMLButtonElement>) {
      const i = indexOf(lane, id);
      const page = Math.max(1, Math.floor(size.height / rowHeight(lane)) - 1);
      const row = lane === 'fields' ? fields[i] : undefined;
      const key = e.key;
      if (key === 'ArrowDown') moveTo(lane, i + 1);
      else if (key === 'ArrowUp') moveTo(lane, i - 1);
      else if (key === 'PageDown') moveTo(lane, i + page);
      else if (key === 'PageUp') moveTo(lane, i - page);
      else if (key === 'Home') moveTo(lane, 0);
      else if (key === 'End') moveTo(lane, Number.MAX_SAFE_INTEGER);
      else if (lane === 'columns' && (key === 'Enter' || key === ' ')) ui.startMapping(id);
      else if (lane === 'columns' && key === 'ArrowRight') focusEdgeOf('columns', id);
      else if (row?.group && (key === 'ArrowRight' || key === 'ArrowLeft')) {
        if (row.open === (key === 'ArrowLeft')) ui.toggle(row.path, key === 'ArrowRight');
        else if (key === 'ArrowLeft') moveTo('fields', indexOf('fields', tree?.fields.get(row.path as never)?.parent ?? ''));
      } else if (row && key === 'ArrowLeft') focusEdgeOf('fields', id);
      else if (row?.group && (key === 'Enter' || key === ' ')) ui.toggle(row.path, !row.open);
      else if (row && (key === 'Enter' || key === ' ')) ui.select({ kind: 'field', path: id });
      else return;
      e.preventDefault();
      e.stopPropagation();
    },
    rowClick(lane, id) {
      setActive((a) => ({ ...a, [lane]: id }));
      ui.select(lane === 'columns' ? { kind: 'column', name: id } : { kind: 'field', path: id });
    },
    rowFocus(lane, id) {
      setActive((a) => (a[lane] === id ? a : { ...a, [lane]: id }));
    },
    toggle: (path, open) => ui.toggle(path, open),
    anchor(lane, side) {
      const h = rowHeight(lane);
      setTops((t) => ({ ...t, [lane]: clampTop(lane, t[lane] + (side === 'top' ? -1 : 1) * (size.height - h * 2)) }));
    },
  };

  // One context value for the whole life of the graph, so the memoised rows are not drawn
  // again on every scroll frame; it calls whatever the latest actions are.
  const latest = useRef(actions);
  latest.current = actions;
  const stableActions = useMemo<LaneActions>(
    () => ({
      rowKey: (lane, id, e) => latest.current.rowKey(lane, id, e),
      rowClick: (lane, id, e) => latest.current.rowClick(lane, id, e),
      rowFocus: (lane, id) => latest.current.rowFocus(lane, id),
      toggle: (path, open) => latest.current.toggle(path, open),
      anchor: (lane, side) => latest.current.anchor(lane, side),
    }),
    [],
  );

  const columnOf = (nodeId: string | null | undefined) => {
    if (!nodeId?.startsWith('col:')) return undefined;
    const index = Number(nodeId.slice(4));
    return columns.find((c) => c.index === index)?.name;
  };
  const fieldOf = (nodeId: string | null | undefined) => (nodeId?.startsWith('field:') ? nodeId.slice(6) : undefined);
  const onConnect = (c: Connection) => {
    const path = fieldOf(c.target);
    const column = columnOf(c.source);
    if (!path || !column) return;
    act({ kind: 'map', column, destination: destinationForField(path) });
    ui.select({ kind: 'column', name: column });
  };
  const onReconnect = (old: Edge, c: Connection) => {
    const path = fieldOf(c.target);
    if (!path || !old.id.startsWith('edge:')) return;
    act({ kind: 'move', from: old.id.slice(5), to: destinationForField(path) });
  };
  const onEdgesChange = (changes: EdgeChange[]) => {
    for (const ch of changes) {
      if (ch.type === 'select' && ch.selected) selectEdge(ch.id);
      if (ch.type !== 'remove') continue;
      if (ch.id.startsWith('edge:')) act({ kind: 'unmap', destination: ch.id.slice(5) });
      else if (ch.id.startsWith('pending:')) {
        const p = pending.find((x) => `pending:${suggestionKey(x.column, x.destination)}` === ch.id);
        if (p) act({ kind: 'reject', suggestions: [p] });
      }
    }
  };
  const selectEdge = (id: string) => {
    if (id.startsWith('edge:')) ui.select({ kind: 'edge', destination: id.slice(5) });
    else if (id.startsWith('pending:')) ui.select({ kind: 'column', name: id.slice(8).split('\u0000')[0]! });
  };
  // From an edge, the arrow keys go back to the rows it joins.
  const onCanvasKey = (e: KeyboardEvent) => {
    const t = e.target as HTMLElement;
    const edgeId = t.closest('.react-flow__edge')?.getAttribute('data-id');
    if (!edgeId) return;
    const edge = flow.edges.find((x) => x.id === edgeId);
    const column = columnOf(edge?.source);
    const path = fieldOf(edge?.target);
    // Delete on a focused edge removes it (React Flow deletes only selected ones); focus goes back to its column.
    if (e.key === 'Delete' || e.key === 'Backspace') {
      onEdgesChange([{ type: 'remove', id: edgeId }]);
      if (column) moveTo('columns', indexOf('columns', column));
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    if (e.key === 'ArrowLeft' && column) moveTo('columns', indexOf('columns', column));
    if (e.key === 'ArrowRight' && path) moveTo('fields', indexOf('fields', path));
    e.preventDefault();
  };
  // React Flow copies most of its props into its store, one update per changed prop, and every
  // node and edge re-checks the store on each update: handlers that stay the same object for the
  // graph's life keep a scroll frame or a selection to the updates of the nodes and edges alone.
  const handlers = { onConnect, onReconnect, onEdgesChange, selectEdge, setConnecting, select: ui.select };
  const latestHandlers = useRef(handlers);
  latestHandlers.current = handlers;
  const flowProps = useMemo(() => {
    const h = () => latestHandlers.current;
    return {
      onConnect: (c: Connection) => h().onConnect(c),
      onConnectStart: () => h().setConnecting(true),
      onConnectEnd: () => h().setConnecting(false),
      onReconnect: (old: Edge, c: Connection) => h().onReconnect(old, c),
      onReconnectStart: () => h().setConnecting(true),
      onReconnectEnd: () => h().setConnecting(false),
      onEdgesChange: (changes: EdgeChange[]) => h().onEdgesChange(changes),
      onEdgeClick: (_e: MouseEvent, edge: Edge) => h().selectEdge(edge.id),
      onPaneClick: () => h().select(null),
    };
  }, []);
  if (!tree || !mapping) return null;
  return (
    <section
      ref={canvas}
      className={`mapper-canvas${connecting ? ' connecting' : ''}`}
      aria-label="Mapping graph: the file's columns on the left, the schema's fields on the right"
      onKeyDown={onCanvasKey}
    >
      <LaneContext.Provider value={stableActions}>
        <ReactFlow
          nodes={flow.nodes}
          edges={flow.edges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          {...flowProps}
          // Rows handle their own clicks; a node handler keeps React Flow passing pointer events to them.
          onNodeClick={noop}
          isValidConnection={isValidConnection}
          connectionRadius={0}
          autoPanOnConnect={false}
          autoPanOnNodeDrag={false}
          panOnDrag={false}
          panOnScroll={false}
          zoomOnScroll={false}
          zoomOnPinch={false}
          zoomOnDoubleClick={false}
          preventScrolling={false}
          nodesDraggable={false}
          nodesFocusable={false}
          edgesFocusable
          elementsSelectable
          minZoom={1}
          maxZoom={1}
          defaultViewport={VIEWPORT}
          deleteKeyCode={DELETE_KEYS}
          attributionPosition="bottom-center"
          ariaLabelConfig={ARIA_LABELS}
        />
      </LaneContext.Provider>
      <LaneScrollbar
        top={tops.columns}
        max={limits.columns}
        height={size.height}
        left={geo.columnWidth + 2}
        onScroll={(v) => setTops((t) => ({ ...t, columns: v }))}
      />
      <LaneScrollbar
        top={tops.fields}
        max={limits.fields}
        height={size.height}
        left={geo.fieldX + geo.fieldWidth + 2}
        onScroll={(v) => setTops((t) => ({ ...t, fields: v }))}
      />
      {columns.length === 0 && <EmptyLane lane="columns" left={8} width={geo.columnWidth - 16} />}
      {fields.length === 0 && <EmptyLane lane="fields" left={geo.fieldX + 8} width={geo.fieldWidth - 16} />}
    </section>
  );
}

const FILTER_WORDS: Record<Filter, string> = {
  all: '',
  pending: 'has a suggestion to review',
  unmapped: 'is left unmapped',
  required: 'is required',
  identity: 'is marked as an identity',
  errors: 'has errors in the sample',
};

/** An emptied lane says why (its search or the filter) and offers the way back, rather than showing nothing. */
function EmptyLane({ lane, left, width }: { lane: Lane; left: number; width: number }) {
  const filter = useUi((s) => s.filter);
  const search = useUi((s) => (lane === 'columns' ? s.columnSearch : s.fieldSearch));
  const noun = lane === 'columns' ? 'column' : 'field';
  const why = [search ? `matches “${search}”` : '', filter !== 'all' ? FILTER_WORDS[filter] : ''].filter(Boolean).join(' and ');
  const showAll = () => {
    const ui = useUi.getState();
    if (lane === 'columns') ui.setColumnSearch('');
    else ui.setFieldSearch('');
    ui.setFilter('all');
  };
  return (
    <div className="lane-empty" role="status" style={{ left, width }}>
      <p>{why ? `No ${noun} ${why}.` : `No ${noun} to show.`}</p>
      {why && (
        <button type="button" onClick={showAll}>
          Show every {noun}
        </button>
      )}
    </div>
  );
}

export function MapperGraph({ preview }: { preview: Preview }) {
  const schema = useSession((s) => s.schema);
  const source = useSession((s) => s.source);
  const mapping = useSession((s) => s.mapping);
  const pending = usePending();
  const ui = useUi();
  const ok = preview?.ok ? preview : null;
  const pre = usePreflight();
  const choose = useMemo(() => new Set((pre?.blocked ?? []).map((c) => c.column)), [pre]);
  const input = useMemo(() => {
    if (!schema || !source || !mapping) return null;
    return {
      tree: schema.tree,
      profiles: source.profiles,
      mapping,
      pending,
      expanded: ui.expanded,
      collapsed: ui.collapsed,
      filter: ui.filter,
      columnSearch: ui.columnSearch,
      fieldSearch: ui.fieldSearch,
      showSystem: ui.showSystem,
      errorsByColumn: ok?.byColumn ?? new Map<string, number>(),
      errorsByDestination: ok?.byDestination ?? new Map<string, number>(),
      choose,
    };
  }, [schema, source, mapping, pending, ui.expanded, ui.collapsed, ui.filter, ui.columnSearch, ui.fieldSearch, ui.showSystem, ok, choose]);
  // Each lane is worked out again only when what it reads changed: a field search leaves the columns as they were.
  const shown = useRef({ columns: new Map<string, ColumnRow>(), fields: new Map<string, FieldRow>() }).current;
  const columns = useMemo(
    () => (input ? keepSameRows(columnRows(input), shown.columns, (r) => r.name) : null),
    [input?.profiles, input?.mapping, input?.pending, input?.filter, input?.columnSearch, input?.errorsByColumn, input?.choose],
  );
  const fields = useMemo(
    () => (input ? keepSameRows(fieldRows(input), shown.fields, (r) => r.path) : null),
    [
      input?.tree,
      input?.mapping,
      input?.pending,
      input?.expanded,
      input?.collapsed,
      input?.filter,
      input?.fieldSearch,
      input?.showSystem,
      input?.errorsByDestination,
    ],
  );
  const lanes = columns && fields ? { columns, fields } : null;
  if (!lanes) return null;
  return (
    <div className="graph-pane">
      <ReactFlowProvider>
        <LaneHeaders columns={lanes.columns.length} fields={lanes.fields.length} />
        <Graph columns={lanes.columns} fields={lanes.fields} />
      </ReactFlowProvider>
    </div>
  );
}

/** Each lane's own search, above it. */
function LaneHeaders({ columns, fields }: { columns: number; fields: number }) {
  const ui = useUi();
  const total = useSession((s) => s.source?.profiles.length ?? 0);
  return (
    <div className="lane-headers">
      <label className="lane-search">
        <span>
          Columns <span className="muted">({columns === total ? total : `${columns} of ${total}`})</span>
        </span>
        <input
          type="search"
          value={ui.columnSearch}
          placeholder="Search columns by name or value…"
          aria-label="Search columns by name or sample value"
          data-undo="mapping"
          onChange={(e) => ui.setColumnSearch(e.target.value)}
        />
      </label>
      <label className="lane-search">
        <span>
          Schema fields <span className="muted">({fields} shown)</span>
        </span>
        <input
          type="search"
          value={ui.fieldSearch}
          placeholder="Search fields by path, title, description…"
          aria-label="Search fields by path, title or description"
          data-undo="mapping"
          onChange={(e) => ui.setFieldSearch(e.target.value)}
        />
      </label>
    </div>
  );
}
