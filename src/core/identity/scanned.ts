import { type IdentityBytes, textOf } from './bytes';
import type { IdentitySpec } from './identity.types';

/** One identity value found in a line: its bytes are `buf[start, end)`, JSON-escaped when `escaped`. */
export interface ScannedIdentity extends IdentityBytes {
  namespace: string;
  start: number;
  end: number;
  escaped: boolean;
  /** The value was a JSON string (else a number or boolean, whose text is the value). */
  string: boolean;
  primary: boolean;
  path: string;
}

const encoder = new TextEncoder();

/** The identity fields' paths as a tree of keys, for the scanner to descend by. */
export interface Trie {
  children: Map<string, Trie>;
  /** The children with their keys as UTF-8 bytes, to match keys without making strings. */
  kids: { key: Uint8Array; node: Trie }[];
  /** Identity fields ending here. */
  fields: { namespace: string; primary: boolean; path: string }[];
  array: boolean;
}

/** The key tree of a spec's descriptor fields (`a.b[].c`: `b` holds an array). */
export function trieOf(spec: IdentitySpec): Trie {
  const root: Trie = { children: new Map(), kids: [], fields: [], array: false };
  for (const f of spec.fields) {
    let node = root;
    for (const raw of f.path.split('.')) {
      const array = raw.endsWith('[]');
      const key = array ? raw.slice(0, -2) : raw;
      let next = node.children.get(key);
      if (!next) {
        next = { children: new Map(), kids: [], fields: [], array };
        node.children.set(key, next);
        node.kids.push({ key: encoder.encode(key), node: next });
      }
      node = next;
    }
    node.fields.push({ namespace: f.namespace, primary: f.primary, path: f.path });
  }
  return root;
}

/** A scanned value's text: unescaped, and numbers and booleans as JSON.parse and String give them. */
export function scannedText(buf: Uint8Array, id: ScannedIdentity): string {
  if (id.escaped) return JSON.parse(`"${textOf(buf, id.start, id.end)}"`) as string;
  if (!id.string) {
    const v = JSON.parse(textOf(buf, id.start, id.end)) as unknown;
    return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  }
  return textOf(buf, id.start, id.end);
}

/** A scanned value as bytes: the line's own bytes when they are the value's UTF-8, else its text encoded. */
export function scannedBytes(buf: Uint8Array, id: ScannedIdentity): IdentityBytes {
  if (!id.escaped && id.string) return id;
  const b = encoder.encode(scannedText(buf, id));
  return { namespace: id.namespace, primary: id.primary, path: id.path, buf: b, start: 0, end: b.length };
}
