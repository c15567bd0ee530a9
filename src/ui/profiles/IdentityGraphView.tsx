import { Background, type Edge, type Node, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import type { ProfileView } from '../../core/identity/profileView';

const NODE_W = 230;

/** The records an identity is in: the first three, then how many more. */
export const records = (from: readonly { dataset: string; record: number }[]): string =>
  `${from
    .slice(0, 3)
    .map((f) => `${f.dataset} #${f.record}`)
    .join(', ')}${from.length > 3 ? ` and ${from.length - 3} more` : ''}`;

/**
 * The looked-up identity in the centre, the others on rings around it, each ring as full as its
 * length allows: every link stays visible without a layout engine, even for a graph of hundreds.
 */
function layout(keys: readonly string[], focus: string): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  const centre = keys.includes(focus) ? focus : keys[0]!;
  out.set(centre, { x: 0, y: 0 });
  const rest = keys.filter((k) => k !== centre);
  if (rest.length === 1) {
    out.set(rest[0]!, { x: 120, y: 170 });
    return out;
  }
  let ring = 1;
  let k = 0;
  while (k < rest.length) {
    const r = ring * 260;
    const capacity = Math.max(4, Math.floor((2 * Math.PI * r) / (NODE_W + 30)));
    const here = rest.slice(k, k + capacity);
    here.forEach((key, j) => {
      const a = (2 * Math.PI * j) / here.length - Math.PI / 2 + ring * 0.3;
      out.set(key, { x: r * Math.cos(a) - NODE_W / 2, y: r * Math.sin(a) });
    });
    k += here.length;
    ring++;
  }
  return out;
}

/**
 * The identity graph of one profile drawn with React Flow: each identity a node (namespace,
 * value, the records it is in), each link from a record's primary identity to its other
 * identities, labelled with the dataset and record that made it.
 */
export function IdentityGraphView({ view, focus }: { view: ProfileView; focus: string }) {
  const { nodes, edges } = useMemo(() => {
    const ids = view.identities;
    const at = layout(
      ids.map((i) => `${i.namespace}:${i.id}`),
      focus,
    );
    const nodes: Node[] = ids.map((i) => {
      const key = `${i.namespace}:${i.id}`;
      return {
        id: key,
        position: at.get(key)!,
        className: `pv-node${key === focus ? ' pv-focus' : ''}${i.primary ? ' pv-primary' : ''}`,
        style: { width: NODE_W },
        data: {
          label: (
            <div>
              <div className="pv-ns">
                {i.namespace}
                {i.primary ? ` · primary in ${[...new Set(i.from.filter((f) => f.primary).map((f) => f.dataset))].join(', ')}` : ''}
              </div>
              <div className="pv-id">{i.id}</div>
              <div className="pv-in">in {records(i.from)}</div>
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
    // Past a couple of dozen links the labels would pile up in the middle: each node still says its records.
    const labelled = merged.size <= 24;
    const edges: Edge[] = [...merged.values()].map((e, k) => ({
      id: `l${k}`,
      source: e.source,
      target: e.target,
      type: 'straight',
      ...(labelled ? { label: e.labels.length > 3 ? `${e.labels.slice(0, 3).join(', ')} +${e.labels.length - 3}` : e.labels.join(', ') } : {}),
      labelBgPadding: [6, 3] as [number, number],
      labelBgBorderRadius: 4,
      className: 'pv-link',
    }));
    return { nodes, edges };
  }, [view, focus]);
  return (
    <figure
      className={`pv-graph${nodes.length > 20 ? ' pv-big' : ''}`}
      aria-label={`Identity graph: ${view.identities.length} identities, ${edges.length} links`}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1.2 }}
        nodesConnectable={false}
        proOptions={{ hideAttribution: true }}
        minZoom={0.02}
      >
        <Background gap={24} />
      </ReactFlow>
    </figure>
  );
}
