import { createReadStream } from 'node:fs';
import type { ApplyRun } from '../core/batch/applyRun';
import { type PieceLanes, PieceReader } from '../core/batch/pieces';
import type { Sniffed } from '../core/csv/sniff';
import type { FolderWriter } from './localSink';
import { NODE_PLATFORM } from './nodePlatform';

export interface ReadInput {
  run: ApplyRun;
  path: string;
  sink: FolderWriter;
  sniffed: Sniffed;
  /** Lanes for the rows after the first chunk (see {@link PieceReader}), or null to map them all in the run. */
  lanes: PieceLanes | null;
  /** Called after each chunk; true stops reading (Ctrl-C). */
  progress(): boolean;
  pieceBytes?: number;
}

/** Reads the input in 1 MiB chunks into the run, hashing it as it goes (on the writer thread). */
export async function readInput(r: ReadInput): Promise<void> {
  const { run, sink, lanes } = r;
  const pieces = lanes
    ? new PieceReader({
        run,
        sniffed: r.sniffed,
        lanes,
        pieceBytes: r.pieceBytes,
        allocate: NODE_PLATFORM.allocateBytes,
      })
    : null;
  let stopped = false;
  // Chunks no larger than a piece: with small pieces (tests), rows past the first chunk are mapped in pieces.
  const chunkBytes = Math.min(1 << 20, r.pieceBytes ?? Number.POSITIVE_INFINITY);
  for await (const chunk of createReadStream(r.path, { highWaterMark: chunkBytes })) {
    const bytes = chunk as Buffer;
    const behind = sink.hashInput(bytes);
    if (behind) await behind;
    if (pieces) await pieces.push(bytes);
    else await run.push(bytes);
    if (r.progress() || run.failed) {
      stopped = true;
      break;
    }
  }
  if (!stopped) await pieces?.end();
}
