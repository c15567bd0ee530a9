import { Handle, type NodeProps, Position } from '@xyflow/react';
import { createContext, type KeyboardEvent, type MouseEvent, memo, useContext } from 'react';
import { confidenceText } from './confidence';
import { type AnchorData, FIELD_INDENT } from './flow';
import type { ColumnRow, FieldRow } from './lanes';
import { MiddleText } from './MiddleText';

/** What the rows do, given by the graph: nodes stay small and know nothing of the store. */
export interface LaneActions {
  rowKey(lane: 'columns' | 'fields', id: string, e: KeyboardEvent<HTMLButtonElement>): void;
  rowClick(lane: 'columns' | 'fields', id: string, e: MouseEvent): void;
  rowFocus(lane: 'columns' | 'fields', id: string): void;
  toggle(path: string, open: boolean): void;
  anchor(lane: 'columns' | 'fields', side: 'top' | 'bottom'): void;
}

export const LaneContext = createContext<LaneActions | null>(null);
const useLane = () => {
  const a = useContext(LaneContext);
  if (!a) throw new Error('lane nodes need a LaneContext');
  return a;
};

type RowData<R> = { row: R; active: boolean; position: number; count: number };

function columnStatus(row: ColumnRow): string {
  if (row.choose) return `mapped to ${row.destinations.join(', ')}, but its reading must be chosen before anything is written from it`;
  if (row.destinations.length) return `mapped to ${row.destinations.join(', ')}`;
  if (row.formulas.length) return `read by the formula for ${row.formulas.join(', ')}`;
  if (row.pending) return `suggestion pending: ${row.pending.destination}, ${confidenceText(row.pending.confidence)}`;
  return 'not mapped';
}

/** A CSV column: name, kind and sample values; drag from its right handle, or press Enter, to map it. */
export function ColumnNode({ data, selected }: NodeProps & { data: RowData<ColumnRow> }) {
  // React Flow passes the node's position too, which changes on every scroll frame: the row
  // itself is drawn by a component that sees only what it shows.
  return <ColumnView data={data} selected={Boolean(selected)} />;
}

const ColumnView = memo(function ColumnView({ data, selected }: { data: RowData<ColumnRow>; selected: boolean }) {
  const lane = useLane();
  const { row } = data;
  const id = row.name;
  const status = columnStatus(row);
  return (
    <div
      className={`node column${selected ? ' selected' : ''}${row.destinations.length || row.formulas.length ? ' is-mapped' : row.pending ? ' is-pending' : ''}`}
    >
      <button
        type="button"
        className="row-main nodrag"
        data-row={`columns:${id}`}
        tabIndex={data.active ? 0 : -1}
        onKeyDown={(e) => lane.rowKey('columns', id, e)}
        onClick={(e) => lane.rowClick('columns', id, e)}
        onFocus={() => lane.rowFocus('columns', id)}
      >
        <span className="sr-only">
          Column {row.name}, {row.kind}, {status}
          {row.errors ? `, ${row.errors} errors in the sample` : ''}. {data.position} of {data.count}. Enter maps it.
        </span>
        <span className="row-line" aria-hidden="true">
          <MiddleText text={row.name} className="name" />
          <span className="kind">{row.kind}</span>
        </span>
        <span className="row-line sub" aria-hidden="true">
          <span className="samples">{row.matchedValue !== null ? `has “${row.matchedValue}”` : row.samples || '(empty in the sample)'}</span>
          {row.choose ? (
            <span className="tag warn">choose reading</span>
          ) : row.destinations.length ? (
            <span className="tag ok">mapped</span>
          ) : row.formulas.length ? (
            <span className="tag ok">in a formula</span>
          ) : row.pending ? (
            <span className="tag pending">suggested</span>
          ) : (
            <span className="tag">not mapped</span>
          )}
          {row.errors ? <span className="tag bad">{row.errors} err</span> : null}
        </span>
      </button>
      <Handle type="source" position={Position.Right} id="out" />
    </div>
  );
});

function fieldStatus(row: FieldRow): string {
  if (row.group)
    return `${row.open ? 'open' : 'closed'} group${row.mappedInside ? `, ${row.mappedInside} mapped inside` : ''}${row.pending ? `, ${row.pending} suggestions pending` : ''}`;
  const e = row.entry;
  if (e) return e.sourceType === 'ATTRIBUTE' ? `mapped from ${e.source}` : e.sourceType === 'STATIC' ? `constant ${e.source}` : `formula ${e.source}`;
  return row.pending ? 'suggestion pending' : 'not mapped';
}

/** What an object holds: "3 mapped · 2 suggested". */
const insideText = (row: FieldRow) =>
  [row.mappedInside ? `${row.mappedInside} mapped` : '', row.pending ? `${row.pending} suggested` : ''].filter(Boolean).join(' · ');

/** A schema field (a leaf takes edges anywhere on its row) or an object (opens and closes). */
export function FieldNode({ data, selected }: NodeProps & { data: RowData<FieldRow> }) {
  return <FieldView data={data} selected={Boolean(selected)} />;
}

const FieldView = memo(function FieldView({ data, selected }: { data: RowData<FieldRow>; selected: boolean }) {
  const lane = useLane();
  const { row } = data;
  const id = row.path;
  const identity = row.identity ? `identity ${row.identity.namespace}${row.identity.primary ? ', primary' : ''}` : '';
  return (
    <div
      className={`node field${row.group ? ' group' : ''}${selected ? ' selected' : ''}${row.entry ? ' is-mapped' : row.pending ? ' is-pending' : ''}`}
      style={{ paddingLeft: row.depth * FIELD_INDENT }}
    >
      {row.group ? (
        // Where edges into the closed object end; nothing is dropped on an object.
        <Handle type="target" position={Position.Left} id="in" isConnectable={false} style={{ left: row.depth * FIELD_INDENT }} />
      ) : (
        <>
          <Handle type="target" position={Position.Left} id="in" style={{ left: row.depth * FIELD_INDENT }} />
          <Handle type="target" position={Position.Left} id="drop" className="drop-target" isConnectableStart={false} />
        </>
      )}
      <button
        type="button"
        className="row-main nodrag"
        data-row={`fields:${id}`}
        tabIndex={data.active ? 0 : -1}
        aria-expanded={row.group ? row.open : undefined}
        onKeyDown={(e) => lane.rowKey('fields', id, e)}
        onClick={(e) => lane.rowClick('fields', id, e)}
        onFocus={() => lane.rowFocus('fields', id)}
      >
        <span className="sr-only">
          {`${row.group ? 'Group' : 'Field'} ${row.path}${row.title && row.title !== row.key ? ` (${row.title})` : ''}, ${row.type}${row.required ? ', required' : ''}${identity ? `, ${identity}` : ''}, ${fieldStatus(row)}. ${data.position} of ${data.count}.`}
        </span>
        <span className="row-visual" aria-hidden="true">
          {row.group ? (
            // biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useKeyWithClickEvents: the row's own keys (arrows, Space) open and close it
            <span
              className="twisty"
              onClick={(e) => {
                e.stopPropagation();
                lane.toggle(row.path, !row.open);
              }}
            >
              {row.open ? '▾' : '▸'}
            </span>
          ) : null}
          <MiddleText text={row.key} className="name" />
          <span className="kind">{row.type}</span>
          {row.required ? <span className="tag req">required</span> : null}
          {row.identity ? (
            <span className="tag id" title={identity}>
              {row.identity.primary ? 'primary id' : 'identity'}
            </span>
          ) : null}
          {row.system ? <span className="tag">system</span> : null}
          {row.group && (row.mappedInside || row.pending) ? (
            <span className="tag muted-tag" title={insideText(row)}>
              {insideText(row)}
            </span>
          ) : null}
          {row.errors ? <span className="tag bad">{row.errors} err</span> : null}
        </span>
      </button>
    </div>
  );
});

/** A constant or a calculated field, between the lanes, beside the field it fills. */
export const FormulaNode = memo(function FormulaNode({ data }: NodeProps & { data: { mode: 'constant' | 'expression'; source: string } }) {
  return (
    <div className="node formula" title={data.source}>
      <Handle type="target" position={Position.Left} id="in" isConnectable={false} />
      <span className="kind">{data.mode === 'constant' ? 'constant' : 'formula'}</span>
      <code className="formula-text">{data.mode === 'constant' ? JSON.stringify(data.source) : data.source}</code>
      <Handle type="source" position={Position.Right} id="out" isConnectable={false} />
    </div>
  );
});

/** Where edges to rows out of view end: says how many, and scrolls to the nearest. */
export const AnchorNode = memo(function AnchorNode({ data }: NodeProps & { data: AnchorData }) {
  const lane = useLane();
  const up = data.side === 'top';
  return (
    <div className={`node anchor ${data.side} ${data.lane}`}>
      <Handle
        type={data.lane === 'columns' ? 'source' : 'target'}
        position={data.lane === 'columns' ? Position.Right : Position.Left}
        id={data.lane === 'columns' ? 'out' : 'in'}
        isConnectable={false}
      />
      <button type="button" className="nodrag" tabIndex={-1} onClick={() => lane.anchor(data.lane, data.side)}>
        {up ? '▲' : '▼'} {data.count} {up ? 'above' : 'below'}
      </button>
    </div>
  );
});

/** Defined once, at module scope, as React Flow asks. */
export const NODE_TYPES = { column: ColumnNode, field: FieldNode, formula: FormulaNode, anchor: AnchorNode };
