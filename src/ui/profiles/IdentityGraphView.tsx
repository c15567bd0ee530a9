import { Background, type Edge, type Node, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import type { ProfileView } from '../../core/identity/profileView';

const NODE_W = 230;

/** Identities on a circle (two side by side), so that every link is visible without a layout engine. */
function place(n: number, k: number): { x: number; y: number } {
  if (n === 1) return { x: 0, y: 0 };
  if (n === 2) return { x: k * 120, y: k * 170 };
  const r = Math.max(220, (n * (NODE_W + 40)) / (2 * Math.PI));
  const a = (2 * Math.PI * k) / n - Math.PI / 2;
  return { x: r * Math.cos(a), y: r * Math.sin(a) };
}

/**
 * The identity graph of one profile drawn with React Flow: each identity a node (namespace,
 * value, the records it is in), each link from a record's primary identity to its other
 * identities, labelled with the dataset and record that made it.
 */
export function IdentityGraphView({ view, focus }: { view: ProfileView; focus: string }) {
  const { nodes, edges } = useMemo(() => {
    const ids = view.identities;
    const nodes: Node[] = ids.map((i, k) => {
      const key = `${i.namespace}:${i.id}`;
      return {
        id: key,
        position: place(ids.length, k),
        className: `pv-node${key === focus ? ' pv-focus' : ''}${i.primary ? ' pv-primary' : ''}`,
        style: { width: NODE_W },
        data: {
          label: (
            <div>
              <div className="pv-ns">
                {i.namespace}
                {i.primary ? ' · primary' : ''}
              </div>
              <div className="pv-id">{i.id}</div>
              <div className="pv-in">in {i.from.map((f) => `${f.dataset} #${f.record}`).join(', ')}</div>
            </div>
          ),
        },
        draggable: true,
        connectable: false,
      };
    });
    const merged = new Map<string, { source: string; target: string; labels: string[] }>();
    for (const l of view.graph.links) {
      const k = `${l.source}\u0000${l.target}`;
      const e = merged.get(k) ?? { source: l.source, target: l.target, labels: [] };
      e.labels.push(`${l.dataset} #${l.record}`);
      merged.set(k, e);
    }
    const edges: Edge[] = [...merged.values()].map((e, k) => ({
      id: `l${k}`,
      source: e.source,
      target: e.target,
      type: 'straight',
      label: e.labels.length > 3 ? `${e.labels.slice(0, 3).join(', ')} +${e.labels.length - 3}` : e.labels.join(', '),
      labelBgPadding: [6, 3] as [number, number],
      labelBgBorderRadius: 4,
      className: 'pv-link',
    }));
    return { nodes, edges };
  }, [view, focus]);
  return (
    <figure className="pv-graph" aria-label={`Identity graph: ${view.identities.length} identities, ${edges.length} links`}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1.2 }}
        nodesConnectable={false}
        proOptions={{ hideAttribution: true }}
        minZoom={0.2}
      >
        <Background gap={24} />
      </ReactFlow>
    </figure>
  );
}
