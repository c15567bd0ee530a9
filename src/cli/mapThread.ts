import { parentPort, workerData } from 'node:worker_threads';
import type { PieceResult } from '../core/batch/applyRun';
import { type NamedText, setUpRun } from '../core/batch/runSetup';
import { type FileSink, LineBuffer } from '../core/batch/writer';
import type { Sniffed } from '../core/csv/sniff';
import { NODE_PLATFORM } from './nodePlatform';

/** What a mapping thread is started with: the same texts and reading as the run it maps for. */
export interface MapThreadInit {
  schema: NamedText;
  mapping: NamedText;
  sniffed: Sniffed;
  emptyCells?: 'omit' | 'null';
}

export type MapThreadRequest =
  | { op: 'header'; columns: string[] }
  | { op: 'piece'; id: number; bytes: Uint8Array; final: boolean }
  /** A block of records the main thread is done with, back for reuse. */
  | { op: 'free'; buffer: ArrayBuffer };

export type MapThreadReply = { id: number; result: PieceResult; records: Uint8Array; bytes: Uint8Array } | { id: number; failed: string; bytes?: Uint8Array };

/**
 * A mapping thread of `apply` (see mappingThreads.ts): it sets up the run exactly as the main
 * thread did (same schema, mapping, validator and reading), then maps the pieces of whole rows
 * it is sent, one at a time, and sends back each piece's records as one block of JSON Lines,
 * its errors and its counts, with the piece's bytes (the main thread reads on from them when
 * a piece could not be read to its end).
 */
function serve(): void {
  const port = parentPort;
  if (!port) return;
  const init = workerData as MapThreadInit;
  const lines = new LineBuffer();
  // Records go to `lines`, errors come back with each piece: nothing is written through this sink.
  const sink: FileSink = {
    open: () => {
      throw new Error('a mapping thread writes no file');
    },
  };
  const setup = setUpRun({
    schema: init.schema,
    mapping: init.mapping,
    inputPath: '',
    sniffed: init.sniffed,
    sink,
    emptyCells: init.emptyCells,
    recordsTo: lines,
    ...NODE_PLATFORM,
  });
  let columns: string[] = [];
  // Pieces are mapped synchronously, so one at a time, in the order sent.
  port.on('message', (m: MapThreadRequest) => {
    if (m.op === 'header') {
      columns = m.columns;
      return;
    }
    if (m.op === 'free') {
      lines.give(m.buffer);
      return;
    }
    try {
      if (!setup.ok) throw new Error(`${setup.problem.what}: ${setup.problem.details.join('; ')}`);
      // Read as a Buffer, like the main thread's bytes: its indexOf is the faster one.
      const piece = Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength);
      const result = setup.prepared.run.mapPiece(columns, piece, m.final);
      const records = lines.take();
      const reply: MapThreadReply = { id: m.id, result, records, bytes: m.bytes };
      port.postMessage(reply, [records.buffer as ArrayBuffer, m.bytes.buffer as ArrayBuffer]);
    } catch (e) {
      lines.take();
      const reply: MapThreadReply = { id: m.id, failed: (e as Error).stack ?? String(e) };
      port.postMessage(reply);
    }
  });
}

serve();
