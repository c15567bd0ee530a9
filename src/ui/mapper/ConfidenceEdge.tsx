import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import type { EdgeData } from './graph';

/** High, medium, low: told by colour, by the line's dash, and in words, never by colour alone. */
export function confidenceLevel(c: number | null): { word: string; className: string; dash?: string } {
  if (c === null) return { word: 'set', className: 'manual' };
  if (c >= 0.8) return { word: 'high', className: 'high' };
  if (c >= 0.6) return { word: 'medium', className: 'medium', dash: '7 4' };
  return { word: 'low', className: 'low', dash: '2 4' };
}

export const ConfidenceEdge = memo(function ConfidenceEdge(props: EdgeProps & { data?: EdgeData }) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const level = confidenceLevel(data?.confidence ?? null);
  if (data?.kind === 'input') return <BaseEdge path={path} style={{ strokeDasharray: '3 3', stroke: '#8c959f', strokeWidth: 1 }} />;
  const label = data?.warning
    ? 'check values'
    : data?.confidence !== null && data?.confidence !== undefined
      ? `${Math.round(data.confidence * 100)}% ${level.word}`
      : data?.kind === 'formula'
        ? 'formula'
        : 'set by you';
  return (
    <>
      <BaseEdge
        path={path}
        className={`edge-${data?.warning ? 'warn' : level.className}${selected ? ' edge-selected' : ''}`}
        style={{ strokeDasharray: level.dash, strokeWidth: selected ? 3 : 2 }}
      />
      <EdgeLabelRenderer>
        <div
          className={`edge-label ${data?.warning ? 'warn' : level.className}${selected ? ' selected' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px,${labelY}px)` }}
          title={data?.warning ?? data?.evidence}
          role="note"
          aria-label={`${label}: ${data?.warning ?? data?.evidence ?? ''}`}
        >
          {label}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});

export const EDGE_TYPES = { confidence: ConfidenceEdge };
