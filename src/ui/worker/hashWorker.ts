/// <reference lib="webworker" />
import { createSha256 } from '../../core/hash';
import type { HashRequest, HashResult } from './protocol';

/**
 * Hashes batch files beside the apply worker, on another core: parts arrive (transferred, not
 * copied) in order, one SHA-256 per file, its hex sent back when the file closes.
 */
const files = new Map<number, ReturnType<typeof createSha256>>();

self.onmessage = (e: MessageEvent<HashRequest>) => {
  const m = e.data;
  if (m.op === 'open') files.set(m.id, createSha256());
  else if (m.op === 'update') files.get(m.id)?.update(m.bytes);
  else {
    const hex = files.get(m.id)?.hex() ?? '';
    files.delete(m.id);
    const result: HashResult = { id: m.id, sha256: hex };
    (self as unknown as DedicatedWorkerGlobalScope).postMessage(result);
  }
};
