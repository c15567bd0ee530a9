import type { Node } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';

/** How long the lanes must rest before the rows that left the view are let go. */
const REST_MS = 400;
/** Rows let go at a time, and the pause between two such steps: each step is a short task. */
const BATCH = 24;
const STEP_MS = 40;
/** The most rows kept hidden: past it, the oldest are let go at once (a long scroll without a pause). */
const MAX_RETIRED = 300;

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

function dropOldest(retired: Map<string, Node>, count: number) {
  for (const id of retired.keys()) {
    if (count-- <= 0) break;
    retired.delete(id);
  }
}

/**
 * The graph's nodes, with the rows that just left the view kept a while longer, hidden.
 *
 * React Flow's node wrappers each re-read its store on every update, and a wrapper whose node
 * has gone from the store fails that read (React catches it) on every update until it is
 * unmounted: a scroll or a jump that replaced a lane's rows paid more for that than for drawing
 * the new rows. Hidden, a row draws nothing and reads its store quietly; once the lanes have
 * rested, the hidden rows are let go a few at a time, each step a short task.
 */
export function useRetiringNodes(nodes: Node[]): Node[] {
  // Oldest first. Written while rendering, in a way a second render of the same nodes repeats.
  const retired = useRef(new Map<string, Node>()).current;
  const previous = useRef<Node[]>([]);
  const [step, setStep] = useState(0);
  const out = useMemo(() => {
    void step;
    const ids = new Set(nodes.map((n) => n.id));
    for (const id of ids) retired.delete(id);
    for (const n of previous.current) if (!ids.has(n.id) && !retired.has(n.id)) retired.set(n.id, hide(n));
    previous.current = nodes;
    if (retired.size > MAX_RETIRED) dropOldest(retired, retired.size - MAX_RETIRED);
    return retired.size ? [...nodes, ...retired.values()] : nodes;
  }, [nodes, step, retired]);
  // The nodes the steps of letting go started from: while they stand, the next step follows soon.
  const stepping = useRef<Node[] | null>(null);
  useEffect(() => {
    if (out === nodes) {
      stepping.current = null;
      return;
    }
    const t = setTimeout(
      () => {
        stepping.current = nodes;
        dropOldest(retired, BATCH);
        setStep((s) => s + 1);
      },
      stepping.current === nodes ? STEP_MS : REST_MS,
    );
    return () => clearTimeout(t);
  }, [out, nodes, retired]);
  return out;
}
