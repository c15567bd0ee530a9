import type { RecordIdentity } from './identity.types';
import { type Refusal, refusalOf } from './rules';

/** An identity whose value is the UTF-8 bytes `buf[start, end)`: what pass one links without making strings. */
export interface IdentityBytes {
  namespace: string;
  primary: boolean;
  path: string;
  buf: Uint8Array;
  start: number;
  end: number;
}

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/** The text of UTF-8 bytes; short ASCII values are built directly (cheaper than a decoder call). */
export function textOf(buf: Uint8Array, start: number, end: number): string {
  if (end - start <= 48) {
    let s = '';
    for (let i = start; i < end; i++) {
      const c = buf[i]!;
      if (c >= 0x80) return utf8.decode(buf.subarray(start, end));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return utf8.decode(buf.subarray(start, end));
}

/** A record identity (text) as bytes. */
export function identityBytes(i: RecordIdentity): IdentityBytes {
  const buf = encoder.encode(i.id);
  return { namespace: i.namespace, primary: i.primary, path: i.path, buf, start: 0, end: buf.length };
}

const space = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c >= 0x80;

/**
 * `refusalOf` on bytes. Most values are settled without their text: an ECID of 38 ASCII digits,
 * or any other value of 12 to 1,024 bytes that neither starts nor ends in white space (it cannot
 * be empty, a placeholder word or too long). The rest are decoded and judged by `refusalOf`.
 */
export function refusalOfBytes(namespace: string, buf: Uint8Array, start: number, end: number): Refusal | null {
  const len = end - start;
  if (namespace === 'ECID' || namespace.toUpperCase() === 'ECID') {
    if (len === 38) {
      let digits = true;
      for (let i = start; i < end; i++) if (buf[i]! < 0x30 || buf[i]! > 0x39) digits = false;
      if (digits) return null;
    }
    return refusalOf(namespace, textOf(buf, start, end));
  }
  if (len >= 12 && len <= 1024 && !space(buf[start]!) && !space(buf[end - 1]!)) return null;
  return refusalOf(namespace, textOf(buf, start, end));
}
