import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { useUi } from '../store/ui';
import type { ColumnData, FieldData, FormulaData } from './graph';

/** A CSV column: name, kind and sample values; drag from its right handle to a field. */
export const ColumnNode = memo(function ColumnNode({ data, selected }: NodeProps & { data: ColumnData }) {
  return (
    <div className={`node column${selected ? ' selected' : ''}${data.mapped ? ' is-mapped' : ''}`} title={`Column ${data.name} (${data.kind})`}>
      <div className="node-title">
        <span className="name">{data.name}</span>
        <span className="kind">{data.kind}</span>
        {data.mapped ? <span className="tag ok">mapped</span> : <span className="tag">not mapped</span>}
        {data.errors ? (
          <span className="tag bad">
            {data.errors} error{data.errors > 1 ? 's' : ''}
          </span>
        ) : null}
      </div>
      <div className="samples">{data.samples || '(empty in the sample)'}</div>
      <Handle type="source" position={Position.Right} id="out" aria-label={`Connect column ${data.name}`} />
    </div>
  );
});

/** A schema field (a leaf takes edges) or an object (opens and closes). */
export const FieldNode = memo(function FieldNode({ data, selected }: NodeProps & { data: FieldData }) {
  const toggle = useUi((s) => s.toggle);
  return (
    <div
      className={`node field${data.group ? ' group' : ''}${selected ? ' selected' : ''}${data.mapped ? ' is-mapped' : ''}`}
      style={{ marginLeft: data.depth * 14 }}
      title={data.path}
    >
      {data.group ? null : <Handle type="target" position={Position.Left} id="in" aria-label={`Map to ${data.path}`} />}
      <div className="node-title">
        {data.group ? (
          <button
            type="button"
            className="toggle nodrag"
            aria-expanded={data.open}
            aria-label={`${data.open ? 'Close' : 'Open'} ${data.path}`}
            onClick={(e) => {
              e.stopPropagation();
              toggle(data.path, !data.open);
            }}
          >
            {data.open ? '▾' : '▸'}
          </button>
        ) : null}
        <span className="name">{data.label}</span>
        <span className="kind">{data.type}</span>
        {data.required ? <span className="tag req">required</span> : null}
        {data.identity ? <span className="tag id">identity</span> : null}
        {data.system ? <span className="tag">system</span> : null}
        {data.errors ? (
          <span className="tag bad">
            {data.errors} error{data.errors > 1 ? 's' : ''}
          </span>
        ) : null}
      </div>
    </div>
  );
});

/** A constant or a calculated field, between the columns and its destination. */
export const FormulaNode = memo(function FormulaNode({ data, selected }: NodeProps & { data: FormulaData }) {
  return (
    <div className={`node formula${selected ? ' selected' : ''}`} title={data.source}>
      <Handle type="target" position={Position.Left} id="in" isConnectable={false} />
      <div className="node-title">
        <span className="kind">{data.mode === 'constant' ? 'constant' : 'formula'}</span>
      </div>
      <code className="formula-text">{data.mode === 'constant' ? JSON.stringify(data.source) : data.source}</code>
      <Handle type="source" position={Position.Right} id="out" aria-label={`Connect ${data.mode}`} />
    </div>
  );
});

/** Defined once, at module scope, as React Flow asks. */
export const NODE_TYPES = { column: ColumnNode, field: FieldNode, formula: FormulaNode };
