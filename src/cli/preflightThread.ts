import { parentPort, workerData } from 'node:worker_threads';
import { type Preflight, preflightOfHead } from '../core/batch/preflight';
import { type NamedText, setUpRun } from '../core/batch/runSetup';
import type { FileSink } from '../core/batch/writer';
import type { Sniffed } from '../core/csv/sniff';
import { NODE_PLATFORM } from './nodePlatform';

/** What the pre-flight thread is started with: the run's texts and reading, and the file's head. */
export interface PreflightThreadInit {
  schema: NamedText;
  mapping: NamedText;
  sniffed: Sniffed;
  head: Uint8Array;
  whole: boolean;
  maxErrors: number;
  countRejections: boolean;
}

export type PreflightThreadReply = { preflight: Preflight | null } | { failed: string };

/**
 * The pre-flight of a large input, on a thread of its own (see runApply.ts): the same checks on
 * the same first rows as on the main thread, set up from the same texts, while the main thread
 * already maps. The run is stopped, and nothing it wrote kept, if they block it.
 */
function serve(): void {
  const port = parentPort;
  if (!port) return;
  const init = workerData as PreflightThreadInit;
  let reply: PreflightThreadReply;
  try {
    const sink: FileSink = {
      open: () => {
        throw new Error('the pre-flight writes no file');
      },
    };
    const setup = setUpRun({ schema: init.schema, mapping: init.mapping, inputPath: '', sniffed: init.sniffed, sink, ...NODE_PLATFORM });
    if (!setup.ok) throw new Error(`${setup.problem.what}: ${setup.problem.details.join('; ')}`);
    reply = { preflight: preflightOfHead(setup.prepared, init.head, init.whole, init.sniffed, init.maxErrors, init.countRejections) };
  } catch (e) {
    reply = { failed: (e as Error).stack ?? String(e) };
  }
  port.postMessage(reply);
}

serve();
