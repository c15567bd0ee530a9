import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import { confidenceText, DASHES } from './confidence';
import type { EdgeData } from './flow';

/**
 * A mapping edge: solid for what is in the mapping (its confidence in its label and in the
 * inspector), purple and dashed while a suggestion waits for review, red and dashed where the
 * values do not fit the field (the pre-flight's warning, always labelled). Other labels show on
 * the selected edge only, so a busy graph stays readable. The Map step's legend says the same.
 */
export const ConfidenceEdge = memo(function ConfidenceEdge(props: EdgeProps & { data?: EdgeData }) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  if (data?.kind === 'input') return <BaseEdge path={path} className="edge-input" />;
  const warn = data?.warning;
  const word = data?.kind === 'pending' ? 'pending' : 'set';
  const label = warn
    ? (data?.warningLabel ?? 'check values')
    : data?.kind === 'pending'
      ? `suggested ${confidenceText(data.confidence ?? 0)}`
      : data?.kind === 'formula'
        ? data.evidence.startsWith('constant')
          ? 'constant'
          : 'formula'
        : data?.confidence !== null && data?.confidence !== undefined
          ? confidenceText(data.confidence)
          : 'set by you';
  return (
    <>
      <BaseEdge
        path={path}
        interactionWidth={14}
        className={`edge-${warn ? 'warn' : word}${selected ? ' edge-selected' : ''}`}
        style={{ strokeDasharray: warn ? '6 3' : DASHES[word], strokeWidth: selected || data?.emphasis ? 3.5 : 2 }}
      />
      {selected || data?.emphasis || warn ? (
        <EdgeLabelRenderer>
          <div
            className={`edge-label ${warn ? 'warn' : word}${selected ? ' selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px,${labelY}px)` }}
            title={warn ?? data?.evidence}
            aria-hidden="true"
          >
            {label}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});

export const EDGE_TYPES = { confidence: ConfidenceEdge };
