import { BARE, type ScannedRow } from '../csv/byteRows';
import type { CsvEncoding } from '../csv/encoding';
import type { EmptyCellPolicy, MappingDocument } from '../mapping/mapping.types';
import type { FieldTree } from '../schema/field.types';
import type { RecordValidator } from '../validate/validator';
import { type DirectWriter, directWriter } from './byteWriter';
import { rowEvaluator, TextCells } from './evaluate';
import { compilePlan, type Plan, type PlanProblem } from './plan';
import { type RowResult, recordBuilder } from './record';

export type { RowResult, XdmRecord } from './record';
export type CompileProblem = PlanProblem;

/**
 * A mapping compiled once against a schema and a header: one plan, and its two writers of
 * records. `bytes` (and `text`, for rows read as text) write a clean row straight as JSON
 * Lines bytes, or say that it needs explaining; `run` builds the record, checks it with ajv
 * and names every error. For a row the direct writer writes, `JSON.stringify(run(...).record)`
 * is the same text.
 */
export interface CompiledMapping {
  plan: Plan;
  /** The record builder over a row's text cells. */
  run(cells: readonly string[], row: number, line: number): RowResult;
  /** The direct writer of rows scanned as bytes of the file's encoding; null when rows cannot be written directly. */
  bytes: DirectWriter | null;
  /** The direct writer over text cells (encoded as UTF-8 first); null when rows cannot be written directly. */
  text: TextRowWriter | null;
}

/** Rows read as text, put into the shape of a scanned row so that the direct writer takes them. */
export interface TextRowWriter {
  writer: DirectWriter;
  /** The cells as one UTF-8 row; the writer has been told of the buffer. */
  encode(cells: readonly string[]): { row: ScannedRow; buf: Uint8Array };
}

export interface CompileOptions {
  emptyCells?: EmptyCellPolicy;
  validator?: RecordValidator;
  /** Milliseconds since the epoch for now() and timestamp(); the real clock by default. */
  clock?: () => number;
  /** A fast one-byte-per-character decoder (Node's Buffer latin1), for the byte writer. */
  decodeSingleByte?: (bytes: Uint8Array) => string;
  /** The encoding of the rows the byte writer will be given (UTF-8 by default). */
  encoding?: CsvEncoding;
  /** Steps per generated read function of the direct writer (tests split small plans with it); chosen by the plan's size by default. */
  writerPiece?: number;
}

/**
 * Compiles a mapping document against the schema's field tree and the file's columns (see
 * {@link compilePlan} for what is checked once), with the writers that consume the plan.
 */
export function compileMapping(
  doc: MappingDocument,
  tree: FieldTree,
  columns: readonly string[],
  options: CompileOptions = {},
): { ok: true; compiled: CompiledMapping } | { ok: false; problems: CompileProblem[] } {
  const r = compilePlan(doc, tree, columns, options);
  if (!r.ok) return r;
  const plan = r.plan;
  const rows = rowEvaluator(plan, options.clock);
  const build = recordBuilder(plan, rows);
  const textCells = new TextCells();
  const run = (cells: readonly string[], row: number, line: number): RowResult => {
    textCells.cells = cells;
    return build(textCells, row, line);
  };
  const piece = options.writerPiece;
  const bytes = directWriter(plan, rows, { encoding: options.encoding, decodeSingleByte: options.decodeSingleByte, piece });
  const utf8 = !options.encoding || options.encoding === 'utf-8' ? bytes : directWriter(plan, rows, { decodeSingleByte: options.decodeSingleByte, piece });
  return { ok: true, compiled: { plan, run, bytes, text: utf8 ? textRowWriter(utf8, columns.length) : null } };
}

/**
 * Encodes a row's text cells into one reused buffer as UTF-8, each a bare field. Cells come
 * from a decoder, so they are well-formed UTF-16 and encode without loss.
 */
function textRowWriter(writer: DirectWriter, width: number): TextRowWriter {
  const encoder = new TextEncoder();
  let buf = new Uint8Array(1 << 16);
  const row: ScannedRow = {
    count: width,
    starts: new Int32Array(width),
    ends: new Int32Array(width),
    forms: new Uint8Array(width).fill(BARE),
    blank: false,
    textStart: 0,
    textEnd: 0,
    breaks: 1,
  };
  return {
    writer,
    encode(cells) {
      let need = 0;
      for (let k = 0; k < width; k++) need += (cells[k]?.length ?? 0) * 3;
      if (need > buf.length) buf = new Uint8Array(Math.max(need, buf.length * 2));
      let p = 0;
      for (let k = 0; k < width; k++) {
        row.starts[k] = p;
        const c = cells[k] ?? '';
        // ASCII is stored as it is; from the first other character on, the encoder (without a view per plain cell).
        let i = 0;
        for (; i < c.length; i++) {
          const u = c.charCodeAt(i);
          if (u >= 0x80) break;
          buf[p++] = u;
        }
        if (i < c.length) p += encoder.encodeInto(c.slice(i), buf.subarray(p)).written;
        row.ends[k] = p;
      }
      row.textEnd = p;
      writer.source(buf, p);
      return { row, buf };
    },
  };
}
