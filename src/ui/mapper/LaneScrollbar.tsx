import { useRef } from 'react';

/**
 * A lane's scrollbar, for the mouse: the thumb shows where the lane is and can be dragged, a
 * click on the track pages. Hidden from assistive technology, which moves with the arrow keys.
 */
export function LaneScrollbar({
  top,
  max,
  height,
  left,
  onScroll,
}: {
  top: number;
  max: number;
  height: number;
  left: number;
  onScroll: (top: number) => void;
}) {
  const drag = useRef<{ y: number; top: number } | null>(null);
  if (max <= 0) return null;
  const total = max + height;
  const thumb = Math.max(28, (height * height) / total);
  const y = ((height - thumb) * top) / max;
  const perPixel = max / (height - thumb);
  return (
    <div
      className="lane-scrollbar"
      aria-hidden="true"
      style={{ left, height }}
      onPointerDown={(e) => {
        if (e.target !== e.currentTarget) return;
        const at = e.nativeEvent.offsetY;
        onScroll(Math.max(0, Math.min(max, top + (at < y ? -1 : 1) * height * 0.9)));
      }}
    >
      <div
        className="lane-thumb"
        style={{ top: y, height: thumb }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          drag.current = { y: e.clientY, top };
        }}
        onPointerMove={(e) => {
          if (!drag.current) return;
          onScroll(Math.max(0, Math.min(max, drag.current.top + (e.clientY - drag.current.y) * perPixel)));
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
      />
    </div>
  );
}
