import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Synchronous SHA-256 that runs in the browser, a worker and Node alike (Web Crypto is async
 * and `node:crypto` is not allowed in the core).
 */
export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));

/** An incremental SHA-256 for batch files written piece by piece. */
export function createSha256(): { update(bytes: Uint8Array): void; hex(): string } {
  const h = sha256.create();
  return {
    update: (bytes) => {
      h.update(bytes);
    },
    hex: () => bytesToHex(h.digest()),
  };
}

/** Fingerprint of an ordered header: two files with the same columns in the same order match. */
export const headerFingerprint = (columns: readonly string[]): string => `sha256:${sha256Hex(JSON.stringify(columns)).slice(0, 32)}`;
