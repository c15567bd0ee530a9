import { Worker } from 'node:worker_threads';
import { type Preflight, preflightOfHead } from '../core/batch/preflight';
import type { PreparedRun } from '../core/batch/runSetup';
import { threadScript } from './mappingThreads';
import type { PreflightThreadInit, PreflightThreadReply } from './preflightThread';

/**
 * The pre-flight of a large input, taken on a thread of its own while the run maps: on two
 * cores the second one is mostly idle beside the writer thread, and the pre-flight of a large
 * file (its first 4 MB read, profiled and checked) took ~0.4 s before the first row. The run
 * writes into a temporary folder, so one that the pre-flight blocks is stopped and discarded
 * with nothing written, as before. Where the thread cannot run, the pre-flight is taken here.
 */
export class PreflightAside {
  /** The pre-flight once taken (null: the head has no header row). */
  result: Preflight | null | undefined = undefined;
  readonly done: Promise<Preflight | null>;

  constructor(init: PreflightThreadInit, prepared: PreparedRun) {
    const here = () => preflightOfHead(prepared, init.head, init.whole, init.sniffed, init.maxErrors, init.countRejections);
    const script = threadScript('preflightThread.cjs');
    this.done = (
      script
        ? new Promise<Preflight | null>((resolve) => {
            const w = new Worker(script, { workerData: init });
            let settled = false;
            const settle = (p: () => Preflight | null) => {
              if (settled) return;
              settled = true;
              resolve(p());
            };
            // Whatever goes wrong with the thread, the pre-flight is still taken, here.
            const fallback = () => settle(here);
            w.once('message', (m: PreflightThreadReply) => {
              if ('preflight' in m) settle(() => m.preflight);
              else fallback();
              void w.terminate();
            });
            w.once('error', fallback);
            w.once('exit', fallback);
          })
        : Promise.resolve().then(here)
    ).then((p) => {
      this.result = p;
      return p;
    });
  }

  /** True once the pre-flight is taken and blocks the run: reading stops. */
  get blocks(): boolean {
    return !!this.result?.blocked.length;
  }
}
