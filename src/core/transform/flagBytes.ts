import { ESCAPED } from '../csv/byteRows';

/**
 * A flag column's words read from a field's bytes: `Y`, `no`, `On` under Data Prep's words, or
 * the words the mapping states. The row evaluation would decode the cell, trim it and fold its
 * case to look the word up; here the bytes are compared with each word's key in ASCII lower
 * case. Only fields of ASCII letters and signs without a space or a control at either end are
 * read (trim and case folding then change nothing but the letters' case), and only the words
 * whose keys are ASCII: any other field gives -1, and the row evaluation reads it as before.
 */
export type FlagBytes = (src: Uint8Array, s: number, e: number, form: number) => number;

/** 1 for a true word, 0 for a false one, -1 when the row evaluation must read the field; null when no key is ASCII. */
export function flagBytes(keys: ReadonlyMap<string, boolean>): FlagBytes | null {
  const words: { bytes: Uint8Array; value: number }[] = [];
  for (const [key, value] of keys)
    if (/^[\x21-\x7e]+$/.test(key) && key === key.toLowerCase()) words.push({ bytes: Uint8Array.from(key, (c) => c.charCodeAt(0)), value: value ? 1 : 0 });
  if (!words.length) return null;
  const longest = Math.max(...words.map((w) => w.bytes.length));
  return (src, s, e, form) => {
    const n = e - s;
    // Doubled quotes are not a word's bytes; the evaluation reads such a field.
    if (n === 0 || n > longest || form === ESCAPED) return -1;
    for (const w of words) {
      if (w.bytes.length !== n) continue;
      let i = 0;
      for (; i < n; i++) {
        const c = src[s + i]!;
        if (c <= 0x20 || c >= 0x7f) return -1;
        if ((c >= 0x41 && c <= 0x5a ? c + 0x20 : c) !== w.bytes[i]) break;
      }
      if (i === n) return w.value;
    }
    return -1;
  };
}
