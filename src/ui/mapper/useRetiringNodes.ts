import type { Node } from '@xyflow/react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';

/** How long the lanes must rest before the rows that left the view are let go. */
const REST_MS = 400;
/** More retired rows than this are let go at once (a long scroll without a pause). */
const MAX_RETIRED = 240;

const hiddenCopy = new WeakMap<Node, Node>();
/** The node hidden, as the same object each time it is asked for (React Flow then leaves it alone). */
function hide(n: Node): Node {
  if (n.hidden) return n;
  let h = hiddenCopy.get(n);
  if (!h) {
    h = { ...n, hidden: true };
    hiddenCopy.set(n, h);
  }
  return h;
}

/**
 * The graph's nodes, with the rows that just left the view kept a moment longer, hidden.
 *
 * React Flow's node wrappers each re-read its store on every update, and a wrapper whose node
 * has gone from the store fails that read (React catches it) on every update until it is
 * unmounted: a scroll or a jump that replaces a lane's rows paid more for that than for drawing
 * the new rows. Hidden, a row draws nothing and reads its store quietly; the rows are let go
 * together once the lanes have rested, outside any interaction.
 */
export function useRetiringNodes(nodes: Node[]): Node[] {
  const committed = useRef<Node[]>([]);
  const [rested, setRested] = useState<Node[] | null>(null);
  const out = useMemo(() => {
    if (rested === nodes) return nodes;
    const ids = new Set(nodes.map((n) => n.id));
    const gone = committed.current.filter((n) => !ids.has(n.id));
    if (!gone.length || gone.length > MAX_RETIRED) return nodes;
    return [...nodes, ...gone.map(hide)];
  }, [nodes, rested]);
  useLayoutEffect(() => {
    committed.current = out;
  });
  useEffect(() => {
    if (out === nodes) return;
    const t = setTimeout(() => setRested(nodes), REST_MS);
    return () => clearTimeout(t);
  }, [out, nodes]);
  return out;
}
