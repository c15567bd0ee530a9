import { ESCAPED } from '../csv/byteRows';

/**
 * Pieces of generated source the direct writer is made of (see byteWriter.ts): fixed bytes
 * written at once, and the fast tests of a cell for the forms its converter copies.
 */

/** Statements that write fixed bytes at `o` and move it on. */
export function emitBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) return '';
  const at = (i: number) => `o${i ? ` + ${i}` : ''}`;
  const stores: string[] = [];
  let i = 0;
  // Four bytes per store through a DataView over the output block (any alignment).
  for (; i + 4 <= bytes.length; i += 4)
    stores.push(`V.setUint32(${at(i)}, ${(bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0}, true);`);
  for (; i < bytes.length; i++) stores.push(`out[${at(i)}] = ${bytes[i]};`);
  return `${stores.join(' ')} o += ${bytes.length};`;
}

/** The fast test of step k's cell for its copied form, as generated source; null when it has none. */
export function copyTest(k: number, copies: string | null, range: readonly [number, number] | undefined): string | null {
  // Bytes that are the cell's text as they stand: bare, or quoted without doubled quotes.
  const bare = `f${k} !== ${ESCAPED}`;
  switch (copies) {
    case 'integer': {
      const [min, max] = range ?? [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
      // v{k}: where the copied text ends (a point and zeros after it left out).
      return `${bare} && (v${k} = CIE(src, s${k}, e${k}, ${min}, ${max})) >= 0`;
    }
    case 'decimal':
      // v{k}: where the copied text ends (zeros after the point left out).
      return `${bare} && (v${k} = CDE(src, s${k}, e${k})) >= 0`;
    case 'iso-date':
      return `${bare} && e${k} - s${k} === 10 && ISO_D(src, s${k}, e${k})`;
    case 'iso-date-time':
      return `${bare} && ISO_DT(src, s${k}, e${k})`;
    case 'true-false':
      return `${bare} && (e${k} - s${k} === 4 ? M(src, s${k}, TRUE) : e${k} - s${k} === 5 && M(src, s${k}, FALSE))`;
    default:
      return null;
  }
}

/** Where step k's copied text ends: a number's canonical text may be shorter than its cell. */
export function copiedEnd(k: number, copies: string | null): string {
  return copies === 'decimal' || copies === 'integer' ? `v${k}` : `e${k}`;
}

/** The value a copied cell has, for its check. */
export function copiedValue(k: number, copies: string): string {
  if (copies === 'integer') return `CI(src, s${k}, v${k})`;
  if (copies === 'decimal') return `Number(T(src, s${k}, e${k}, f${k}))`;
  if (copies === 'true-false') return `e${k} - s${k} === 4`;
  return `T(src, s${k}, e${k}, f${k})`;
}
