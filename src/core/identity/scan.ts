import { textOf } from './bytes';
import type { IdentitySpec } from './identity.types';
import { type ScannedIdentity, type Trie, trieOf } from './scanned';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const encoder = new TextEncoder();
/** Bytes JSON allows outside strings. */
const OUTSIDE = new Uint8Array(256);
for (const ch of ' \t\r\n0123456789+-.eEtrufalsn:,') OUTSIDE[ch.charCodeAt(0)] = 1;
const IDENTITY_MAP = encoder.encode('identityMap');
const ID = encoder.encode('id');
const PRIMARY = encoder.encode('primary');

/**
 * Reads a record's identity values straight from its JSON Lines bytes, without building the
 * record: the scanner walks the JSON, descends only into the keys that lead to an identity field
 * or into `identityMap`, and skips everything else. Pass one over ten million records then costs
 * a byte scan, not a JSON.parse and a string per value. A line it cannot read as a JSON object
 * makes `scan` return false, and the caller falls back to JSON.parse for the exact message.
 */
export class IdentityScanner {
  private readonly root: Trie;
  private buf: Uint8Array = new Uint8Array(0);
  private p = 0;
  private end = 0;
  private readonly namespaces: { bytes: Uint8Array; text: string }[] = [];

  /** Each identity field's position in the spec: descriptor values come out in this order. */
  private readonly rank: Map<string, number>;

  constructor(private readonly spec: IdentitySpec) {
    this.rank = new Map<string, number>(spec.fields.map((f, k) => [f.path as string, k]));
    this.root = trieOf(spec);
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
      this.object(this.root, fields, map);
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
    // Already in field order (the usual case: the JSON keys come in schema order)?
    let sorted = true;
    for (let k = 1; k < found.length && sorted; k++) if (this.rank.get(found[k - 1]!.path)! > this.rank.get(found[k]!.path)!) sorted = false;
    if (sorted) return found;
    return found
      .map((f, k) => ({ f, k }))
      .sort((a, b) => this.rank.get(a.f.path)! - this.rank.get(b.f.path)! || a.k - b.k)
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

  private skipped(): false {
    this.skip();
    return false;
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
    else if (c === 0x7b || c === 0x5b) this.nested();
    else if (c === 0x74) this.literal('true');
    else if (c === 0x66) this.literal('false');
    else if (c === 0x6e) this.literal('null');
    else this.number();
  }

  /**
   * Skips an object or array in one tight loop: strings are stepped over, brackets counted and
   * matched, and every byte outside strings must be one JSON allows there (white space, digits,
   * signs, the letters of true/false/null, punctuation). Finer mistakes inside a skipped value
   * (a misspelt literal) are not looked for: pass one reads identities, not the rest.
   */
  private nested(): void {
    const b = this.buf;
    const end = this.end;
    const stack: number[] = [];
    let i = this.p;
    for (; i < end; i++) {
      const c = b[i]!;
      if (c === QUOTE) {
        for (i++; i < end; i++) {
          const d = b[i]!;
          if (d === QUOTE) break;
          if (d === BACKSLASH) i++;
          else if (d < 0x20) this.fail();
        }
        if (i >= end) this.fail();
      } else if (c === 0x7b || c === 0x5b) stack.push(c === 0x7b ? 0x7d : 0x5d);
      else if (c === 0x7d || c === 0x5d) {
        if (stack.pop() !== c) this.fail();
        if (stack.length === 0) {
          this.p = i + 1;
          return;
        }
      } else if (!OUTSIDE[c]) this.fail();
    }
    this.fail();
  }

  /** Steps over `[` (the caller is on it); true when the array is empty (and stepped over whole). */
  private openArray(): boolean {
    this.p++;
    this.ws();
    if (this.buf[this.p] !== 0x5d) return false;
    this.p++;
    return true;
  }

  /** After an item: true at the end of the array (stepped over), false after a comma. */
  private nextItem(): boolean {
    this.ws();
    const c = this.buf[this.p++];
    if (c === 0x5d) return true;
    if (c !== 0x2c) this.fail();
    return false;
  }

  /** The child of `node` whose key is the string at p (stepped over), or null. Keys are matched as bytes. */
  private escapedKey = false;

  private childAt(node: Trie): Trie | null {
    const s = this.p;
    this.escapedKey = false;
    if ((this.escapedKey = this.string())) return node.children.get(JSON.parse(textOf(this.buf, s, this.p)) as string) ?? null;
    const len = this.p - s - 2;
    const b = this.buf;
    next: for (const kid of node.kids) {
      if (kid.key.length !== len) continue;
      for (let i = 0; i < len; i++) if (kid.key[i] !== b[s + 1 + i]) continue next;
      return kid.node;
    }
    return null;
  }

  /** Whether the key string `buf[s, e)` (quotes included) is `word`; keys with escapes are decoded. */
  private keyIs(s: number, e: number, word: Uint8Array, escaped: boolean): boolean {
    const b = this.buf;
    if (escaped) return JSON.parse(textOf(b, s, e)) === textOf(word, 0, word.length);
    const len = e - s - 2;
    if (len !== word.length) return false;
    for (let i = 0; i < len; i++) if (word[i] !== b[s + 1 + i]) return false;
    return true;
  }

  /** A namespace key's text, from a small cache of the namespaces seen (they repeat on every line). */
  private namespaceKey(): string {
    const s = this.p;
    if (this.string()) return JSON.parse(textOf(this.buf, s, this.p)) as string;
    const e = this.p;
    const b = this.buf;
    next: for (const c of this.namespaces) {
      if (c.bytes.length !== e - s - 2) continue;
      for (let i = 0; i < c.bytes.length; i++) if (c.bytes[i] !== b[s + 1 + i]) continue next;
      return c.text;
    }
    const text = textOf(b, s + 1, e - 1);
    if (this.namespaces.length < 64) this.namespaces.push({ bytes: b.slice(s + 1, e - 1), text });
    return text;
  }

  /** Walks an object at p, descending into the keys of `node`; at the root, also into `identityMap`. */
  private object(node: Trie, fields: ScannedIdentity[], map: ScannedIdentity[] | null): void {
    this.p++;
    this.ws();
    if (this.buf[this.p] === 0x7d) {
      this.p++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.buf[this.p] !== QUOTE) this.fail();
      const ks = this.p;
      const next = this.childAt(node);
      const ke = this.p;
      const escapedKey = this.escapedKey;
      this.ws();
      if (this.buf[this.p++] !== 0x3a) this.fail();
      this.ws();
      if (next) this.value(next, fields);
      else if (map && this.spec.identityMap && this.buf[this.p] === 0x7b && this.keyIs(ks, ke, IDENTITY_MAP, escapedKey)) this.identityMap(map);
      else this.skip();
      this.ws();
      const c = this.buf[this.p++];
      if (c === 0x7d) return;
      if (c !== 0x2c) this.fail();
    }
  }

  /** A value under a trie node: a leaf identity, an object to descend into, or an array of either. */
  private value(node: Trie, fields: ScannedIdentity[]): void {
    if (node.array && this.buf[this.p] === 0x5b) {
      if (this.openArray()) return;
      do {
        this.ws();
        this.one(node, fields);
      } while (!this.nextItem());
      return;
    }
    this.one(node, fields);
  }

  private one(node: Trie, fields: ScannedIdentity[]): void {
    const c = this.buf[this.p];
    if (c === 0x7b && node.children.size) this.object(node, fields, null);
    else if (node.fields.length && c !== 0x7b && c !== 0x5b && c !== 0x6e) {
      const s = this.p;
      const isString = c === QUOTE;
      const escaped = isString ? this.string() : this.skipped();
      for (const f of node.fields)
        fields.push({
          buf: this.buf,
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
        fields.push({ buf: this.buf, namespace: f.namespace, start: s, end: this.p, escaped: false, string: false, primary: f.primary, path: f.path });
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
      const ns = this.namespaceKey();
      this.ws();
      if (this.buf[this.p++] !== 0x3a) this.fail();
      this.ws();
      if (this.buf[this.p] === 0x5b) {
        let i = 0;
        if (!this.openArray())
          do {
            this.ws();
            out.push(this.item(ns, i++));
          } while (!this.nextItem());
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
      buf: this.buf,
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
      const ks = this.p;
      const escapedKey = this.string();
      const ke = this.p;
      this.ws();
      if (this.buf[this.p++] !== 0x3a) this.fail();
      this.ws();
      const c = this.buf[this.p];
      const s = this.p;
      if (c !== 0x6e && this.keyIs(ks, ke, ID, escapedKey)) {
        const isString = c === QUOTE;
        const escaped = isString ? this.string() : this.skipped();
        found.start = isString ? s + 1 : s;
        found.end = isString ? this.p - 1 : this.p;
        found.escaped = escaped;
        found.string = isString;
      } else if (this.keyIs(ks, ke, PRIMARY, escapedKey)) {
        this.skip();
        found.primary = this.p - s === 4 && c === 0x74;
      } else this.skip();
      this.ws();
      const e = this.buf[this.p++];
      if (e === 0x7d) return found;
      if (e !== 0x2c) this.fail();
    }
  }
}
