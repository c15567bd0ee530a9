import { create } from 'zustand';
import type { RunDone, RunProgress, RunRequest, WorkerMessage } from '../worker/protocol';
import { clearRunFiles } from '../worker/runFolder';

export type RunStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface RunState {
  status: RunStatus;
  progress: RunProgress | null;
  result: RunDone | null;
  message: string | null;
  startedAt: number;
  start(req: RunRequest): void;
  cancel(): void;
  clear(): void;
}

let worker: Worker | null = null;

function stop(): void {
  worker?.terminate();
  worker = null;
}

/** The full run in a module Web Worker: the page stays responsive, cancel terminates it. */
export const useRun = create<RunState>()((set) => ({
  status: 'idle',
  progress: null,
  result: null,
  message: null,
  startedAt: 0,
  start(req) {
    stop();
    const w = new Worker(new URL('../worker/applyWorker.ts', import.meta.url), { type: 'module', name: 'xdm-mapper apply' });
    worker = w;
    set({
      status: 'running',
      progress: { type: 'progress', bytesRead: 0, totalBytes: req.file.size, rows: 0, written: 0, rejected: 0 },
      result: null,
      message: null,
      startedAt: performance.now(),
    });
    w.onmessage = (e: MessageEvent<WorkerMessage>) => {
      if (worker !== w) return;
      const m = e.data;
      if (m.type === 'progress') set({ progress: m });
      else if (m.type === 'done') {
        stop();
        set({ status: m.ok ? 'done' : 'failed', result: m, message: m.ok ? null : m.problems.join(' · ') });
      } else {
        stop();
        set({ status: 'failed', message: m.message });
      }
    };
    w.onerror = (e) => {
      if (worker !== w) return;
      stop();
      set({ status: 'failed', message: e.message || 'The worker stopped unexpectedly.' });
    };
    w.postMessage(req);
  },
  cancel() {
    stop();
    void clearRunFiles();
    set({ status: 'cancelled', message: 'Cancelled: no file was produced.' });
  },
  clear() {
    stop();
    void clearRunFiles();
    set({ status: 'idle', progress: null, result: null, message: null });
  },
}));
