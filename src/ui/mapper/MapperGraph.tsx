import {
  Background,
  type Connection,
  Controls,
  type Edge,
  type EdgeChange,
  type NodeMouseHandler,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { edits, useSession } from '../store/session';
import { useUi } from '../store/ui';
import { usePreflight } from '../usePreflight';
import type { Preview } from '../usePreview';
import { EDGE_TYPES } from './ConfidenceEdge';
import { buildGraph, FIELD_X, type FieldData } from './graph';
import { NODE_TYPES } from './nodes';

const destinationOf = (nodeId: string) => nodeId.replace(/^field:/, '').replace(/\[\]/g, '[0]');

/** The mapper's node graph: a view of the session's mapping; every change goes back through it. */
function Graph({ preview }: { preview: Preview }) {
  const schema = useSession((s) => s.schema);
  const source = useSession((s) => s.source);
  const mapping = useSession((s) => s.mapping);
  const suggestions = useSession((s) => s.suggestions);
  const edit = useSession((s) => s.edit);
  const ui = useUi();
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const flow = useReactFlow();
  // A new search or filter re-lays the lists out from the top: show the top, or the matches
  // would sit outside the view (and, drawn only when visible, not be drawn at all).
  const shownFor = useRef({ search: ui.search, filter: ui.filter, showSystem: ui.showSystem });
  useEffect(() => {
    const was = shownFor.current;
    if (was.search === ui.search && was.filter === ui.filter && was.showSystem === ui.showSystem) return;
    shownFor.current = { search: ui.search, filter: ui.filter, showSystem: ui.showSystem };
    const { zoom } = flow.getViewport();
    void flow.setViewport({ x: 24, y: 24, zoom }, { duration: 150 });
  }, [flow, ui.search, ui.filter, ui.showSystem]);
  // First view: the top of both lists, zoomed so that columns and fields fit side by side.
  const canvas = useRef<HTMLElement>(null);
  const onInit = useCallback(() => {
    const width = canvas.current?.clientWidth ?? 900;
    // Room on the right for the zoom buttons.
    const zoom = Math.max(0.5, Math.min(1, (width - 100) / (FIELD_X + 310)));
    void flow.setViewport({ x: 24, y: 24, zoom });
  }, [flow]);

  const pre = usePreflight();
  const graph = useMemo(() => {
    if (!schema || !source || !mapping) return null;
    const ok = preview?.ok ? preview : null;
    return buildGraph({
      tree: schema.tree,
      profiles: source.profiles,
      mapping,
      suggestions,
      expanded: ui.expanded,
      collapsed: ui.collapsed,
      filter: ui.filter,
      search: ui.search,
      showSystem: ui.showSystem,
      errorsByColumn: ok?.byColumn ?? new Map(),
      errorsByDestination: ok?.byDestination ?? new Map(),
      warnings: new Map([...(pre?.blocked ?? []), ...(pre?.warnings ?? [])].map((c) => [c.destination, c.message])),
    });
  }, [schema, source, mapping, suggestions, ui.expanded, ui.collapsed, ui.filter, ui.search, ui.showSystem, preview, pre]);

  const sel = ui.selection;
  const selectedNodeId =
    sel?.kind === 'column' ? `col:${source?.profiles.findIndex((p) => p.name === sel.name)}` : sel?.kind === 'field' ? `field:${sel.path}` : null;
  const nodes = useMemo(() => graph?.nodes.map((n) => (n.id === selectedNodeId ? { ...n, selected: true } : n)) ?? [], [graph, selectedNodeId]);
  const edgesShown = useMemo(() => graph?.edges.map((e) => (e.id === selectedEdge ? { ...e, selected: true } : e)) ?? [], [graph, selectedEdge]);
  // A column or field chosen in the inspector (or by "Map it") may sit outside the view: bring
  // it in, without moving the view when it is already visible.
  const broughtIn = useRef<string | null>(null);
  useEffect(() => {
    if (broughtIn.current === selectedNodeId) return;
    broughtIn.current = selectedNodeId;
    const n = graph?.nodes.find((x) => x.id === selectedNodeId);
    const el = canvas.current;
    if (!n || !el) return;
    const { x, y, zoom } = flow.getViewport();
    const sx = n.position.x * zoom + x;
    const sy = n.position.y * zoom + y;
    if (sx >= 0 && sy >= 0 && sx + 240 * zoom <= el.clientWidth && sy + 40 * zoom <= el.clientHeight) return;
    // Scroll, as in a list: only sideways when the node is off to a side.
    const nx = sx >= 0 && sx + 240 * zoom <= el.clientWidth ? x : 24;
    void flow.setViewport({ x: nx, y: el.clientHeight / 3 - n.position.y * zoom, zoom }, { duration: 200 });
  }, [selectedNodeId, graph, flow]);

  const columnOf = useCallback((nodeId: string) => (nodeId.startsWith('col:') ? source?.profiles[Number(nodeId.slice(4))]?.name : undefined), [source]);

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.target?.startsWith('field:')) return;
      const destination = destinationOf(c.target);
      const column = columnOf(c.source ?? '');
      if (column) edit(edits.set({ sourceType: 'ATTRIBUTE', source: column, destination }));
      else if (c.source?.startsWith('formula:')) edit(edits.move(c.source.slice(8), destination));
    },
    [columnOf, edit],
  );
  const onReconnect = useCallback(
    (old: Edge, c: Connection) => {
      const from = old.id.replace(/^edge:/, '');
      if (!c.target?.startsWith('field:')) return;
      const to = destinationOf(c.target);
      const column = columnOf(c.source ?? '');
      edit((doc) => {
        const moved = edits.move(from, to)(doc);
        return column ? edits.set({ sourceType: 'ATTRIBUTE', source: column, destination: to })(moved) : moved;
      });
    },
    [columnOf, edit],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      for (const ch of changes) {
        if (ch.type === 'select') setSelectedEdge(ch.selected ? ch.id : null);
        if (ch.type === 'remove' && ch.id.startsWith('edge:')) edit(edits.remove(ch.id.slice(5)));
      }
    },
    [edit],
  );
  const onNodeClick: NodeMouseHandler = useCallback(
    (_e, node) => {
      if (node.id.startsWith('col:')) ui.select({ kind: 'column', name: columnOf(node.id)! });
      else if (node.id.startsWith('field:')) ui.select({ kind: 'field', path: (node.data as FieldData).path });
      else if (node.id.startsWith('formula:')) {
        const dest = node.id.slice(8);
        const m = mapping?.mappings.find((x) => x.destination === dest);
        if (m) ui.openFormula({ mode: m.sourceType === 'STATIC' ? 'constant' : 'expression', destination: dest, source: m.source });
      }
    },
    [columnOf, mapping, ui],
  );

  if (!graph) return null;
  return (
    <section ref={canvas} className="mapper-canvas" aria-label="Mapping graph: columns on the left, schema fields on the right">
      {graph.hiddenMapped ? <p className="canvas-note">{graph.hiddenMapped} mapped field(s) are hidden by the filter or search.</p> : null}
      <ReactFlow
        nodes={nodes}
        edges={edgesShown}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onConnect={onConnect}
        onReconnect={onReconnect}
        onEdgesChange={onEdgesChange}
        onNodeClick={onNodeClick}
        onEdgeClick={(_e, edge) => setSelectedEdge(edge.id)}
        onPaneClick={() => setSelectedEdge(null)}
        isValidConnection={(c) => Boolean(c.target?.startsWith('field:') && (c.source?.startsWith('col:') || c.source?.startsWith('formula:')))}
        onlyRenderVisibleElements
        onInit={onInit}
        panOnScroll
        zoomActivationKeyCode={['Control', 'Meta']}
        minZoom={0.2}
        maxZoom={1.5}
        deleteKeyCode={['Delete', 'Backspace']}
        attributionPosition="bottom-left"
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} position="bottom-right" />
      </ReactFlow>
    </section>
  );
}

export function MapperGraph({ preview }: { preview: Preview }) {
  return (
    <ReactFlowProvider>
      <Graph preview={preview} />
    </ReactFlowProvider>
  );
}
