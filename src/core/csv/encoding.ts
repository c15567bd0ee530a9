import { decodeAll } from './decode';

/**
 * Encoding detection for CSV bytes. BOMs decide first; then valid UTF-8 wins; otherwise the
 * bytes are single-byte text and we pick between Windows-1252 and Mac Roman by how plausible
 * each decoding of the high bytes is in its context (letters between letters, ™ ® © after a
 * word), since both map every byte and neither can be ruled out by validity alone.
 */

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'macintosh';

export const ENCODING_LABELS: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252',
  macintosh: 'Mac Roman',
};

export interface EncodingGuess {
  encoding: CsvEncoding;
  /** Length of the byte-order mark at the start of the bytes (0 when none). */
  bomLength: number;
  /** How the guess was made, for a person to read. */
  reason: string;
}

/** Detects the encoding of the first bytes of a file (a sample of 64 KiB or so is plenty). */
export function sniffEncoding(bytes: Uint8Array): EncodingGuess {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3, reason: 'UTF-8 byte-order mark' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2, reason: 'UTF-16 LE byte-order mark' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2, reason: 'UTF-16 BE byte-order mark' };
  const invalidAt = firstInvalidUtf8(bytes);
  if (invalidAt < 0) return { encoding: 'utf-8', bomLength: 0, reason: hasHighBytes(bytes) ? 'valid UTF-8' : 'plain ASCII (read as UTF-8)' };
  const win = plausibility(decodeAll(bytes, 'windows-1252'));
  const mac = plausibility(decodeAll(bytes, 'macintosh'));
  const encoding: CsvEncoding = mac > win ? 'macintosh' : 'windows-1252';
  return {
    encoding,
    bomLength: 0,
    reason: `byte 0x${bytes[invalidAt]?.toString(16).toUpperCase()} at offset ${invalidAt} is not valid UTF-8; ${ENCODING_LABELS[encoding]} fits the file's accented letters and symbols best`,
  };
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/**
 * Offset of the first byte that breaks UTF-8, or -1. A multi-byte sequence cut off by the end
 * of the sample is not counted against it.
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let len: number;
    if (c >= 0xc2 && c <= 0xdf) len = 2;
    else if (c >= 0xe0 && c <= 0xef) len = 3;
    else if (c >= 0xf0 && c <= 0xf4) len = 4;
    else return i;
    if (i + len > n) {
      for (let k = i + 1; k < n; k++) if ((b[k]! & 0xc0) !== 0x80) return i;
      return -1;
    }
    for (let k = 1; k < len; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    if (c === 0xe0 && b[i + 1]! < 0xa0) return i; // overlong
    if (c === 0xed && b[i + 1]! > 0x9f) return i; // surrogate
    if (c === 0xf0 && b[i + 1]! < 0x90) return i;
    if (c === 0xf4 && b[i + 1]! > 0x8f) return i;
    i += len;
  }
  return -1;
}

/** Symbols that real business text uses after or between words. */
const COMMON_SYMBOLS = new Set('™®©°€£¥§•–—‘’‚“”„…±×'.split(''));
/** Characters that a decoding produces by accident far more often than text contains them. */
const RARE = new Set('ª º ¨ ¯ ¸ ´ ˆ ˜ ¬ ¶ ÷ ◊ ∂ ∑ ∏ π ∫ Ω ≈ ∆ ‡ · ‰ ı ˝ ˛ ˇ ˘ ˙ ˚ ¦ ¤ ¹ ² ³ ¼ ½ ¾ ¿ ¡ ƒ Š š Ž ž Œ œ Ÿ ‹ › √ ∞ ≤ ≥ ≠ µ ﬁ ﬂ \uf8ff'.split(' '));

/** Scores a decoding: higher means the non-ASCII characters fit their surroundings better. */
function plausibility(text: string): number {
  let score = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    if (code < 0x80) continue;
    if (code >= 0x80 && code <= 0x9f) {
      score -= 5; // C1 control: what an unmapped Windows-1252 byte decodes to
      continue;
    }
    const prev = text[i - 1] ?? ' ';
    const next = text[i + 1] ?? ' ';
    const isLetter = /\p{L}/u.test(ch);
    const prevLetter = /\p{L}/u.test(prev);
    const nextLetter = /\p{L}/u.test(next);
    if (isLetter && !RARE.has(ch)) {
      const lower = ch === ch.toLowerCase();
      if (prevLetter && nextLetter) score += lower ? 2 : 0.5;
      else if (prevLetter || nextLetter) score += 1;
    } else if (COMMON_SYMBOLS.has(ch)) {
      score += prevLetter || /\s|\d/.test(prev) ? 1.5 : 0.5;
    } else if (RARE.has(ch)) {
      score -= 1;
    }
  }
  return score;
}
