import { type NodeHandle, Position } from '@xyflow/react';

/**
 * Where each node's handles sit, given to React Flow with the node's size instead of being
 * measured. React Flow forgets what it measured whenever a node object changes, so each scroll
 * frame (every row in view moves) had it observe every row again, read its layout and draw the
 * graph a second time, with the edges of the moved rows missing from the first. Given up front,
 * a moved row keeps its edges in the same frame and the measurement finds nothing to change.
 *
 * The figures are the layout of app.css: a 10 px dot centred on the node's left or right side
 * (`.react-flow__handle`, React Flow's translate(±50%, -50%)), and a field's drop target over
 * its whole row. A browser test compares them with what the page measures.
 */

/** The dot's size (`.react-flow__handle` in app.css). */
export const HANDLE_SIZE = 10;

const made = new Map<string, NodeHandle[]>();

/** The same array for the same layout, so an unchanged node stays the same object from frame to frame. */
function once(key: string, make: () => NodeHandle[]): NodeHandle[] {
  let h = made.get(key);
  if (!h) {
    h = make();
    made.set(key, h);
  }
  return h;
}

const dot = (id: string, type: 'source' | 'target', side: Position, centreX: number, height: number): NodeHandle => ({
  id,
  type,
  position: side,
  x: centreX - HANDLE_SIZE / 2,
  y: (height - HANDLE_SIZE) / 2,
  width: HANDLE_SIZE,
  height: HANDLE_SIZE,
});

/** A column: its `out` dot on the right side. */
export const columnHandles = (width: number, height: number) => once(`column:${width}:${height}`, () => [dot('out', 'source', Position.Right, width, height)]);

/** A field leaf: its `in` dot at its indent, and the drop target over the whole row. An object row has the dot alone (edges into it while closed end there). */
export const fieldHandles = (width: number, height: number, indent: number, group: boolean) =>
  group
    ? once(`group:${width}:${height}:${indent}`, () => [dot('in', 'target', Position.Left, indent, height)])
    : once(`field:${width}:${height}:${indent}`, () => [
        dot('in', 'target', Position.Left, indent, height),
        { id: 'drop', type: 'target', position: Position.Left, x: 0, y: 0, width, height },
      ]);

/** A constant or a formula: `in` on the left, `out` on the right. */
export const formulaHandles = (width: number, height: number) =>
  once(`formula:${width}:${height}`, () => [dot('in', 'target', Position.Left, 0, height), dot('out', 'source', Position.Right, width, height)]);

/** A lane's marker: edges leave the column lane's marker on its right, and enter the field lane's on its left. */
export const anchorHandles = (lane: 'columns' | 'fields', width: number, height: number) =>
  once(`anchor:${lane}:${width}:${height}`, () =>
    lane === 'columns' ? [dot('out', 'source', Position.Right, width, height)] : [dot('in', 'target', Position.Left, 0, height)],
  );
