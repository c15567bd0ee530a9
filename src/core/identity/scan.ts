import { type IdentityBytes, textOf } from './bytes';
import type { IdentitySpec } from './identity.types';

/**
 * Reads a record's identity values straight from its JSON Lines bytes, without building the
 * record: the scanner walks the JSON, descends only into the keys that lead to an identity field
 * or into `identityMap`, and skips everything else. Pass one over ten million records then costs
 * a byte scan, not a JSON.parse and a string per value. A line it cannot read as a JSON object
 * makes `scan` return false, and the caller falls back to JSON.parse for the exact message.
 */

/** One identity value found in a line: its bytes are `buf[start, end)`, JSON-escaped when `escaped`. */
export interface ScannedIdentity {
  namespace: string;
  start: number;
  end: number;
  escaped: boolean;
  /** The value was a JSON string (else a number or boolean, whose text is the value). */
  string: boolean;
  primary: boolean;
  path: string;
}

interface Trie {
  children: Map<string, Trie>;
  /** Identity fields ending here. */
  fields: { namespace: string; primary: boolean; path: string }[];
  array: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const encoder = new TextEncoder();

export class IdentityScanner {
  private readonly root: Trie = { children: new Map(), fields: [], array: false };
  private buf: Uint8Array = new Uint8Array(0);
  private p = 0;
  private end = 0;

  constructor(private readonly spec: IdentitySpec) {
    for (const f of spec.fields) {
      let node = this.root;
      for (const raw of f.path.split('.')) {
        const array = raw.endsWith('[]');
        const key = array ? raw.slice(0, -2) : raw;
        let next = node.children.get(key);
        if (!next) node.children.set(key, (next = { children: new Map(), fields: [], array }));
        node = next;
      }
      node.fields.push({ namespace: f.namespace, primary: f.primary, path: f.path });
    }
  }

  /** The identities of one line, in `out` (cleared first); false when the line is not a JSON object. */
  scan(buf: Uint8Array, start: number, end: number, out: ScannedIdentity[]): boolean {
    this.buf = buf;
    this.p = start;
    this.end = end;
    out.length = 0;
    try {
      this.ws();
      if (buf[this.p] !== 0x7b) return false;
      const fields: ScannedIdentity[] = [];
      const map: ScannedIdentity[] = [];
      this.object(this.root, fields, map, true);
      this.ws();
      if (this.p !== end) return false;
      // Descriptor fields first, then identityMap, as identitiesOf orders them.
      out.push(...this.order(fields), ...map);
      return true;
    } catch {
      return false;
    }
  }

  private order(found: ScannedIdentity[]): ScannedIdentity[] {
    if (found.length < 2) return found;
    const rank = new Map<string, number>(this.spec.fields.map((f, k) => [f.path as string, k]));
    return found
      .map((f, k) => ({ f, k }))
      .sort((a, b) => rank.get(a.f.path)! - rank.get(b.f.path)! || a.k - b.k)
      .map((x) => x.f);
  }

  private fail(): never {
    throw new SyntaxError('not JSON');
  }

  private ws(): void {
    const b = this.buf;
    while (this.p < this.end) {
      const c = b[this.p]!;
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.p++;
      else break;
    }
  }

  /** Skips a string at p (on its opening quote); returns whether it held an escape. */
  private string(): boolean {
    const b = this.buf;
    const end = this.end;
    let escaped = false;
    for (let i = this.p + 1; i < end; i++) {
      const c = b[i]!;
      if (c === QUOTE) {
        this.p = i + 1;
        return escaped;
      }
      if (c === BACKSLASH) {
        escaped = true;
        i++;
      } else if (c < 0x20) this.fail();
    }
    return this.fail();
  }

  /** A key's text (keys with escapes are decoded exactly). */
  private key(): string {
    const s = this.p;
    const escaped = this.string();
    return escaped ? (JSON.parse(textOf(this.buf, s, this.p)) as string) : textOf(this.buf, s + 1, this.p - 1);
  }

  private skipped(): false {
    this.skip();
    return false;
  }

  private skippedKey(): null {
    this.string();
    return null;
  }

  private literal(text: string): void {
    for (let i = 0; i < text.length; i++) if (this.buf[this.p + i] !== text.charCodeAt(i)) this.fail();
    this.p += text.length;
  }

  private number(): void {
    const b = this.buf;
    const s = this.p;
    while (this.p < this.end) {
      const c = b[this.p]!;
      if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45) this.p++;
      else break;
    }
    if (this.p === s) this.fail();
  }

  /** Skips any value at p. */
  private skip(): void {
    this.ws();
    const c = this.buf[this.p];
    if (c === QUOTE) this.string();
    else if (c === 0x7b) this.object(null, null, null, false);
    else if (c === 0x5b) this.array(() => this.skip());
    else if (c === 0x74) this.literal('true');
    else if (c === 0x66) this.literal('false');
    else if (c === 0x6e) this.literal('null');
    else this.number();
  }

  private array(item: () => void): void {
    this.p++;
    this.ws();
    if (this.buf[this.p] === 0x5d) {
      this.p++;
      return;
    }
    for (;;) {
      item();
      this.ws();
      const c = this.buf[this.p++];
      if (c === 0x5d) return;
      if (c !== 0x2c) this.fail();
    }
  }

  /** Walks an object at p; descends into keys of `node`, collects `identityMap` at the root. */
  private object(node: Trie | null, fields: ScannedIdentity[] | null, map: ScannedIdentity[] | null, root: boolean): void {
    this.p++;
    this.ws();
    if (this.buf[this.p] === 0x7d) {
      this.p++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.buf[this.p] !== QUOTE) this.fail();
      const child = node || root ? this.key() : this.skippedKey();
      this.ws();
      if (this.buf[this.p++] !== 0x3a) this.fail();
      this.ws();
      const next = child !== null ? node?.children.get(child) : undefined;
      if (next) this.value(next, fields!);
      else if (root && child === 'identityMap' && this.spec.identityMap && this.buf[this.p] === 0x7b) this.identityMap(map!);
      else if (root && child === 'identityMap' && this.spec.identityMap) this.skip();
      else this.skip();
      this.ws();
      const c = this.buf[this.p++];
      if (c === 0x7d) return;
      if (c !== 0x2c) this.fail();
    }
  }

  /** A value under a trie node: a leaf identity, an object to descend into, or an array of either. */
  private value(node: Trie, fields: ScannedIdentity[]): void {
    const c = this.buf[this.p];
    if (node.array && c === 0x5b) {
      this.array(() => {
        this.ws();
        this.one(node, fields);
      });
      return;
    }
    this.one(node, fields);
  }

  private one(node: Trie, fields: ScannedIdentity[]): void {
    const c = this.buf[this.p];
    if (c === 0x7b && node.children.size) this.object(node, fields, null, false);
    else if (node.fields.length && c !== 0x7b && c !== 0x5b && c !== 0x6e) {
      const s = this.p;
      const isString = c === QUOTE;
      const escaped = isString ? this.string() : this.skipped();
      for (const f of node.fields)
        fields.push({
          namespace: f.namespace,
          start: isString ? s + 1 : s,
          end: isString ? this.p - 1 : this.p,
          escaped,
          string: isString,
          primary: f.primary,
          path: f.path,
        });
    } else if (node.fields.length && (c === 0x7b || c === 0x5b)) {
      // An object or array where an identity value belongs: its JSON text is the value.
      const s = this.p;
      this.skip();
      for (const f of node.fields)
        fields.push({ namespace: f.namespace, start: s, end: this.p, escaped: false, string: false, primary: f.primary, path: f.path });
    } else this.skip();
  }

  /** `identityMap`: namespace -> [{id, authenticatedState, primary}]. */
  private identityMap(out: ScannedIdentity[]): void {
    this.p++;
    this.ws();
    if (this.buf[this.p] === 0x7d) {
      this.p++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.buf[this.p] !== QUOTE) this.fail();
      const ns = this.key();
      this.ws();
      if (this.buf[this.p++] !== 0x3a) this.fail();
      this.ws();
      if (this.buf[this.p] === 0x5b) {
        let i = 0;
        this.array(() => {
          this.ws();
          out.push(this.item(ns, i++));
        });
      } else this.skip();
      this.ws();
      const c = this.buf[this.p++];
      if (c === 0x7d) return;
      if (c !== 0x2c) this.fail();
    }
  }

  /** One identityMap item; one that is not an object, or has no id, is an empty identity. */
  private item(namespace: string, i: number): ScannedIdentity {
    const found: ScannedIdentity = {
      namespace,
      start: this.p,
      end: this.p,
      escaped: false,
      string: true,
      primary: false,
      path: `identityMap.${namespace}[${i}].id`,
    };
    if (this.buf[this.p] !== 0x7b) {
      this.skip();
      return found;
    }
    this.p++;
    this.ws();
    if (this.buf[this.p] === 0x7d) {
      this.p++;
      return found;
    }
    for (;;) {
      this.ws();
      if (this.buf[this.p] !== QUOTE) this.fail();
      const key = this.key();
      this.ws();
      if (this.buf[this.p++] !== 0x3a) this.fail();
      this.ws();
      const c = this.buf[this.p];
      const s = this.p;
      if (key === 'id' && c !== 0x6e) {
        const isString = c === QUOTE;
        const escaped = isString ? this.string() : this.skipped();
        Object.assign(found, { start: isString ? s + 1 : s, end: isString ? this.p - 1 : this.p, escaped, string: isString });
      } else if (key === 'primary') {
        this.skip();
        found.primary = this.p - s === 4 && c === 0x74;
      } else this.skip();
      this.ws();
      const e = this.buf[this.p++];
      if (e === 0x7d) return found;
      if (e !== 0x2c) this.fail();
    }
  }

  /** Decodes a scanned value to its text. */
  static text(buf: Uint8Array, id: ScannedIdentity): string {
    if (id.escaped) return JSON.parse(`"${textOf(buf, id.start, id.end)}"`) as string;
    if (!id.string) {
      // A number, boolean, object or array: its text as JSON.parse and then String would give it.
      const v = JSON.parse(textOf(buf, id.start, id.end)) as unknown;
      return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
    }
    return textOf(buf, id.start, id.end);
  }

  /** A scanned value as bytes: the line's own bytes when they are the value's UTF-8, else its text encoded. */
  static bytes(buf: Uint8Array, id: ScannedIdentity): IdentityBytes {
    if (!id.escaped && id.string) return { namespace: id.namespace, primary: id.primary, path: id.path, buf, start: id.start, end: id.end };
    const b = encoder.encode(IdentityScanner.text(buf, id));
    return { namespace: id.namespace, primary: id.primary, path: id.path, buf: b, start: 0, end: b.length };
  }
}
