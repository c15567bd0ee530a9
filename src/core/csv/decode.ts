import type { CsvEncoding } from './encoding';

/** Windows-1252's bytes 0x80..0x9F; the five it leaves undefined stay as their C1 controls. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const C1 = /[\u0080-\u009f]/g;
const fixC1 = (ch: string) => CP1252_HIGH[ch.charCodeAt(0) - 0x80]!;

export interface StreamDecoder {
  /** Decodes the next bytes; a character split across calls is completed by the next call. */
  decode(bytes?: Uint8Array, options?: { stream?: boolean }): string;
}

/**
 * A text decoder for every encoding we detect. Some runtimes (Node among them) decode the
 * `windows-1252` label as ISO-8859-1, which turns “quotes”, € and ™ into control characters;
 * we decode Latin-1 and map bytes 0x80..0x9F ourselves so every runtime agrees.
 */
export function createDecoder(encoding: CsvEncoding): StreamDecoder {
  if (encoding !== 'windows-1252') return new TextDecoder(encoding);
  const latin1 = new TextDecoder('latin1');
  return {
    decode(bytes, options) {
      const s = latin1.decode(bytes, options);
      C1.lastIndex = 0;
      return C1.test(s) ? s.replace(C1, fixC1) : s;
    },
  };
}

/**
 * A decoder for pieces of a file taken one at a time (a cell, a row): a U+FEFF at the start of
 * a piece is text there, not a byte order mark.
 */
export function cellDecoder(encoding: CsvEncoding): StreamDecoder {
  return encoding === 'utf-8' ? new TextDecoder('utf-8', { ignoreBOM: true }) : createDecoder(encoding);
}

/** Decodes a whole buffer at once. */
export const decodeAll = (bytes: Uint8Array, encoding: CsvEncoding): string => createDecoder(encoding).decode(bytes);
