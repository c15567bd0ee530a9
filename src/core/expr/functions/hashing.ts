import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { fail, str, type Value } from '../values';
import type { FnSpec } from './types';

/** Bytes of a string in a Java charset name: UTF-8 (default), UTF-16 (big-endian with BOM, as Java), UTF-16BE/LE, ISO-8859-1, US-ASCII. */
export function encode(s: string, charset: string | null): Uint8Array {
  const cs = (charset ?? 'UTF-8').toUpperCase().replace(/_/g, '-');
  if (cs === 'UTF-8' || cs === 'UTF8') return new TextEncoder().encode(s);
  if (cs === 'UTF-16' || cs === 'UTF-16BE' || cs === 'UTF-16LE') {
    const bom = cs === 'UTF-16' ? 2 : 0;
    const out = new Uint8Array(bom + s.length * 2);
    if (bom) out.set([0xfe, 0xff]);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const [hi, lo] = [c >> 8, c & 0xff];
      out[bom + 2 * i] = cs === 'UTF-16LE' ? lo : hi;
      out[bom + 2 * i + 1] = cs === 'UTF-16LE' ? hi : lo;
    }
    return out;
  }
  if (cs === 'ISO-8859-1' || cs === 'LATIN1' || cs === 'US-ASCII' || cs === 'ASCII') {
    const max = cs.includes('ASCII') ? 0x7f : 0xff;
    return Uint8Array.from(s, (ch) => {
      const c = ch.codePointAt(0)!;
      return c <= max ? c : 0x3f; // Java writes "?" for what the charset cannot hold
    });
  }
  return fail(`unknown character set "${charset}" (use UTF-8, UTF-16, ISO-8859-1 or US-ASCII)`);
}

let crcTable: Uint32Array | null = null;
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const hashFn = (name: string, description: string, digest: (b: Uint8Array) => string): FnSpec => ({
  name,
  family: 'hashing',
  params: ['INPUT', 'CHARSET?'],
  description,
  call: ([input, charset]) => {
    const s = str(input as Value);
    if (s === null) return null;
    return digest(encode(s, charset === undefined ? null : str(charset)));
  },
});

export const HASHING_FUNCTIONS: FnSpec[] = [
  hashFn('sha1', 'SHA-1 of the text, as lowercase hex.', (b) => bytesToHex(sha1(b))),
  hashFn('sha256', 'SHA-256 of the text, as lowercase hex.', (b) => bytesToHex(sha256(b))),
  hashFn('sha512', 'SHA-512 of the text, as lowercase hex.', (b) => bytesToHex(sha512(b))),
  hashFn('md5', 'MD5 of the text, as lowercase hex.', (b) => bytesToHex(md5(b))),
  // AEP writes the checksum's four bytes least significant first ("my text" -> 8df92e80).
  hashFn('crc32', 'CRC-32 of the text, as the hex of its four bytes, least significant first.', (b) => {
    const c = crc32(b);
    return [c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, c >>> 24].map((x) => x.toString(16).padStart(2, '0')).join('');
  }),
];
