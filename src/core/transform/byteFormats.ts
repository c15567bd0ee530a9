import { BARE, ESCAPED } from '../csv/byteRows';
import { patternProof } from './bytePattern';
import type { TextRule } from './shape';

/**
 * The `email` and `uri` formats (as ajv-formats checks them in its default, full mode) read
 * from a field's bytes. XDM puts `format: email` on every email address and `format: uri` on
 * web addresses; checking them through ajv means decoding each cell into a string and running
 * a long regular expression on it, a large share of a run. These tests take the common forms
 * only, and say true only for text the format's expression matches: a cell they do not take
 * is checked by ajv as before, so no answer changes. Bytes from 0x80 on are never taken (a
 * single-byte encoding's character there is not the byte). The texts of an `enum` are
 * matched as bytes the same way.
 */

/** Letters and digits, either case. */
const ALNUM = new Uint8Array(256);
/** Characters of an email's local part (RFC 5322 atext). */
const ATEXT = new Uint8Array(256);
/** A URI's unreserved characters and sub-delimiters: its host's characters. */
const HOST = new Uint8Array(256);
/** A path segment's characters (pchar: HOST with ":" and "@"). */
const PCHAR = new Uint8Array(256);
/** A query's and a fragment's characters (pchar, "/" and "?"). */
const QCHAR = new Uint8Array(256);
/** A relative reference's path characters as ajv-formats takes them (pchar, "/" and the double quote). */
const REF_PATH = new Uint8Array(256);
/** Its query's and fragment's characters (those, and "?"). */
const REF_QUERY = new Uint8Array(256);
const HEX = new Uint8Array(256);
const SCHEME = new Uint8Array(256);
const mark = (table: Uint8Array, chars: string) => {
  for (const c of chars) table[c.charCodeAt(0)] = 1;
};
const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
mark(ALNUM, `${letters}0123456789`);
mark(ATEXT, `${letters}0123456789!#$%&'*+/=?^_\`{|}~-`);
mark(HOST, `${letters}0123456789-._~!$&'()*+,;=`);
mark(PCHAR, `${letters}0123456789-._~!$&'()*+,;=:@`);
mark(QCHAR, `${letters}0123456789-._~!$&'()*+,;=:@/?`);
mark(REF_PATH, `${letters}0123456789-._~!$&'"()*+,;=:@/`);
mark(REF_QUERY, `${letters}0123456789-._~!$&'"()*+,;=:@/?`);
mark(HEX, '0123456789abcdefABCDEF');
mark(SCHEME, `${letters}0123456789+-.`);
const AT = 0x40;
const DOT = 0x2e;
const HYPHEN = 0x2d;
const PERCENT = 0x25;
const SLASH = 0x2f;
const COLON = 0x3a;

/**
 * An email address: dot-separated runs of atext, "@", then two or more labels of letters,
 * digits and inner hyphens, joined by dots. Exactly the language of ajv-formats' full email.
 */
export function isEmailBytes(src: Uint8Array, s: number, e: number): boolean {
  let i = s;
  // The local part: no dot first, last or twice in a row.
  let run = 0;
  for (; i < e && src[i] !== AT; i++) {
    const c = src[i]!;
    if (c === DOT) {
      if (run === 0) return false;
      run = 0;
    } else if (ATEXT[c]) run++;
    else return false;
  }
  if (i === s || run === 0 || i === e) return false;
  i++;
  let labels = 0;
  while (true) {
    const start = i;
    while (i < e && (ALNUM[src[i]!] || src[i] === HYPHEN)) i++;
    if (i === start || src[start] === HYPHEN || src[i - 1] === HYPHEN) return false;
    labels++;
    if (i === e) return labels >= 2;
    if (src[i] !== DOT) return false;
    i++;
  }
}

/** The end of a run of `table`'s characters and %XX escapes from `i`; -1 at a bad escape. */
function run(src: Uint8Array, i: number, e: number, table: Uint8Array): number {
  while (i < e) {
    const c = src[i]!;
    if (table[c]) i++;
    else if (c === PERCENT) {
      if (i + 2 >= e || !HEX[src[i + 1]!] || !HEX[src[i + 2]!]) return -1;
      i += 3;
    } else break;
  }
  return i;
}

/**
 * A URI with an authority: `scheme://host[:port][/path…][?query][#fragment]`, the host a
 * registered name (which takes IPv4 addresses too), no user information. All of these are
 * in the language of ajv-formats' full uri; other URIs (`mailto:`, IPv6 hosts) go to ajv.
 */
export function isUriBytes(src: Uint8Array, s: number, e: number): boolean {
  let i = s;
  if (i >= e || !ALNUM[src[i]!] || src[i]! <= 0x39) return false;
  while (i < e && SCHEME[src[i]!]) i++;
  if (src[i] !== COLON || src[i + 1] !== SLASH || src[i + 2] !== SLASH || i + 2 >= e) return false;
  i = run(src, i + 3, e, HOST);
  if (i < 0) return false;
  if (i < e && src[i] === COLON) for (i++; i < e && src[i]! >= 0x30 && src[i]! <= 0x39; i++);
  while (i < e && src[i] === SLASH) {
    i = run(src, i + 1, e, PCHAR);
    if (i < 0) return false;
  }
  return queryAndFragment(src, i, e, QCHAR) === e;
}

/** The end of an optional `?query` and `#fragment` of `table`'s characters from `i`; -1 at a bad escape. */
function queryAndFragment(src: Uint8Array, i: number, e: number, table: Uint8Array): number {
  if (i < e && src[i] === 0x3f) i = run(src, i + 1, e, table);
  if (i >= 0 && i < e && src[i] === 0x23) i = run(src, i + 1, e, table);
  return i;
}

/**
 * A URI reference (`uri-reference`, the format XDM gives every `_id` and batch id) as
 * ajv-formats' full expression reads it without a scheme: a path that does not start with
 * "//", then a query and a fragment. Its path alternative takes any run of path characters and
 * slashes that starts with one of them, so this is exact on ASCII text except that a reference
 * with an authority ("//host…") goes to ajv. A field with doubled quotes goes to ajv too.
 */
export function isUriReferenceBytes(src: Uint8Array, s: number, e: number, form: number): boolean {
  if (form === ESCAPED) return false;
  let i = s;
  if (i < e && src[i] === SLASH) {
    if (i + 1 < e && src[i + 1] === SLASH) return false;
    i++;
  }
  i = run(src, i, e, REF_PATH);
  return i >= 0 && queryAndFragment(src, i, e, REF_QUERY) === e;
}

/** True when a field's bytes are a text its rule takes (false: the check must decide). */
export type TextProof = (src: Uint8Array, s: number, e: number, form: number) => boolean;

/**
 * Proofs that never take a backslash. On a JSON string as written (quotes and control
 * characters escaped), such a proof's yes means the bytes hold no escape, so they are the
 * text itself: the writer asks it first, without looking for a backslash (byteWriter.ts).
 */
const backslashFree = new WeakSet<TextProof>([isEmailBytes, isUriBytes, isUriReferenceBytes]);

export function takesNoBackslash(proof: TextProof): boolean {
  return backslashFree.has(proof);
}

/**
 * The byte test of a text rule: the format's, a match of one of the listed texts, or the
 * pattern's where it needs no backtracking (bytePattern.ts). Only
 * ASCII texts are matched as bytes (in any of the scanned encodings their bytes are their
 * characters), and only in fields without doubled quotes (whose bytes are not their text).
 */
export function textProof(rule: TextRule): TextProof | null {
  if ('pattern' in rule) return patternProof(rule.pattern);
  if ('format' in rule) {
    // The email and uri tests take no form: a field with doubled quotes holds a quote, which neither takes.
    if (rule.format === 'uri-reference') return isUriReferenceBytes;
    return rule.format === 'email' ? isEmailBytes : rule.format === 'uri' ? isUriBytes : null;
  }
  const texts = rule.oneOf.filter((t) => /^[\x00-\x7f]+$/.test(t)).map((t) => Uint8Array.from(t, (c) => c.charCodeAt(0)));
  if (!texts.length) return null;
  const proof: TextProof = (src, s, e, form) => {
    if (form === ESCAPED) return false;
    for (const t of texts) {
      if (t.length !== e - s) continue;
      let i = 0;
      while (i < t.length && src[s + i] === t[i]) i++;
      if (i === t.length) return true;
    }
    return false;
  };
  if (texts.every((t) => !t.includes(0x5c))) backslashFree.add(proof);
  return proof;
}

/**
 * A text rule proved on a JSON string as written: with no backslash in it, its bytes are its
 * text (a quote or a control character would have been escaped), so the proof of a bare field
 * holds for it. Otherwise (or when the proof cannot tell) the check decides on the text.
 */
export function proveWritten(out: Uint8Array, s: number, e: number, proof: TextProof, check: (value: unknown) => boolean): boolean {
  let plain = true;
  for (let i = s; i < e && plain; i++) if (out[i] === 0x5c) plain = false;
  if (plain && proof(out, s, e, BARE)) return true;
  return checkWritten(out, s, e, check);
}

/** The check on the text of a JSON string as written between `s` and `e` (its quotes outside). */
export function checkWritten(out: Uint8Array, s: number, e: number, check: (value: unknown) => boolean): boolean {
  return check(JSON.parse(writtenText.decode(out.subarray(s - 1, e + 1))));
}
const writtenText = new TextDecoder();
