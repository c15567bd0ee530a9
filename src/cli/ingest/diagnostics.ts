import { sha256Hex } from '../../core/hash';

/** Longest file name most file systems take, in bytes, with room for a suffix. */
const LONGEST = 200;

/**
 * A file name for one of AEP's error-diagnostics files, from the name AEP gives it. Each
 * server name gets its own file: characters other than letters, digits, `_`, `-` and inner dots
 * are written `%XX` (so `a/b` and `a_b` stay apart, and `..` cannot leave the folder), an empty
 * name becomes `%`, a name too long for the file system is cut and given a hash, and a name
 * already `taken` gets a number.
 */
export function diagnosticsFileName(serverName: string, taken: readonly string[]): string {
  let name = '';
  for (const ch of serverName) {
    const keep = /[A-Za-z0-9_-]/.test(ch) || (ch === '.' && name !== '');
    name += keep ? ch : [...new TextEncoder().encode(ch)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  if (name === '') name = '%';
  if (name.length > LONGEST) name = `${name.slice(0, LONGEST - 17)}~${sha256Hex(serverName).slice(0, 16)}`;
  let candidate = name;
  for (let k = 2; taken.includes(candidate); k++) candidate = `${name}~${k}`;
  return candidate;
}
