/**
 * Distinct identities (namespace + value) interned to dense integers, stored compactly: each
 * entry (namespace number, length, the value's UTF-8 bytes) in fixed-size chunks, and an
 * open-addressing hash table of indices. A JS Map of strings costs about 90 bytes an entry and
 * stops at 16.7 million entries; this costs the value's bytes plus about 14, so ten million
 * identities fit in a few hundred MB. An entry's header sits beside its bytes, so a probe
 * touches one place in memory. Each slot also keeps the top 7 bits of its entry's hash beside
 * the index: a probe passing an occupied slot compares those first and reads the entry's bytes
 * (two cache misses on a large table) only when they agree, 1 time in 128 for another entry.
 * Past 2^25 identities the index needs those bits and the slots hold the index alone.
 */
const CHUNK_BITS = 24;
const CHUNK = 1 << CHUNK_BITS;
/** Slot bits that hold an index while the table is tagged; the 7 above hold the hash's top bits. */
const INDEX_BITS = 25;
/** The 7 bits above the 25 of the index: the most a slot keeps of a hash. */
const TAG_BITS = ~(2 ** INDEX_BITS - 1);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class IdentityTable {
  private chunks: Uint8Array[] = [new Uint8Array(CHUNK)];
  private used = 0;
  /** Global byte offset of each identity's bytes (chunk * CHUNK + offset). */
  private starts = new Uint32Array(1024);
  /** Identity index + 1 in the low bits, the hash's top bits (TAG) above; 0 is empty. */
  private slots = new Uint32Array(2048);
  /** The bits of a slot that hold the index while tagged; -1 (all of them) once there are more identities. */
  private readonly taggedMask: number;
  private indexMask: number;
  private scratch = new Uint8Array(4096);
  private readonly nsIndex = new Map<string, number>();
  readonly namespaceNames: string[] = [];
  size = 0;

  /** `indexBits` below 25 only for tests, which cannot make 2^25 identities to reach the switch. */
  constructor(indexBits = INDEX_BITS) {
    this.taggedMask = 2 ** indexBits - 1;
    this.indexMask = this.taggedMask;
  }

  /** The small integer of a namespace code, assigned on first use. */
  namespaceId(ns: string): number {
    let n = this.nsIndex.get(ns);
    if (n === undefined) {
      n = this.namespaceNames.length;
      if (n > 0xffff) throw new RangeError('more than 65,536 namespaces');
      this.nsIndex.set(ns, n);
      this.namespaceNames.push(ns);
    }
    return n;
  }

  /** The value's UTF-8 bytes into the scratch buffer; returns their length. */
  private encode(value: string): number {
    const n = value.length;
    if (this.scratch.length < n * 3) this.scratch = new Uint8Array(n * 3 + 16);
    const s = this.scratch;
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) return encoder.encodeInto(value, s).written;
      s[i] = c;
    }
    return n;
  }

  /** A 32-bit hash of the namespace and bytes, four bytes a step (murmur3's mixing). */
  private hash(ns: number, bytes: Uint8Array, start: number, len: number): number {
    let h = (0x9747b28c ^ ns ^ len) | 0;
    const end4 = start + (len & ~3);
    let i = start;
    for (; i < end4; i += 4) {
      let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
      k = Math.imul(k, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      h ^= Math.imul(k, 0x1b873593);
      h = (h << 13) | (h >>> 19);
      h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    }
    let k = 0;
    for (let sh = 0; i < start + len; i++, sh += 8) k |= bytes[i]! << sh;
    if (k) {
      k = Math.imul(k, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      h ^= Math.imul(k, 0x1b873593);
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }

  private equals(index: number, ns: number, src: Uint8Array, from: number, len: number): boolean {
    const start = this.starts[index]!;
    const chunk = this.chunks[start >>> CHUNK_BITS]!;
    const off = start & (CHUNK - 1);
    if ((chunk[off + 2]! | (chunk[off + 3]! << 8)) !== len || (chunk[off]! | (chunk[off + 1]! << 8)) !== ns) return false;
    for (let i = 0; i < len; i++) if (chunk[off + 4 + i] !== src[from + i]) return false;
    return true;
  }

  /** The hash's top bits as a slot keeps them (none once the index needs every bit). */
  private tagOf(h: number): number {
    return this.indexMask === this.taggedMask ? h & ~this.taggedMask & TAG_BITS : 0;
  }

  private probe(ns: number, src: Uint8Array, from: number, len: number): number {
    const mask = this.slots.length - 1;
    const h = this.hash(ns, src, from, len);
    const tag = this.tagOf(h);
    this.lastTag = tag;
    const im = this.indexMask;
    let slot = h & mask;
    for (;;) {
      const v = this.slots[slot]!;
      if (v === 0 || ((v & ~im) === tag && this.equals((v & im) - 1, ns, src, from, len))) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** The tag of the identity the last probe looked for, for the slot a new one takes. */
  private lastTag = 0;

  /** The index of an identity, or -1 when it was never interned. */
  find(ns: number, value: string): number {
    const len = this.encode(value);
    return this.findBytes(ns, this.scratch, 0, len);
  }

  /** `find` for a value given as UTF-8 bytes `src[from, from + len)`. */
  findBytes(ns: number, src: Uint8Array, from: number, len: number): number {
    if (len > 0xffff) return -1;
    return (this.slots[this.probe(ns, src, from, len)]! & this.indexMask) - 1;
  }

  /** The index of an identity, adding it when new (indices follow first appearance). */
  intern(ns: number, value: string): number {
    const len = this.encode(value);
    return this.internBytes(ns, this.scratch, 0, len);
  }

  /** `intern` for a value given as UTF-8 bytes `src[from, from + len)`, copied only when new. */
  internBytes(ns: number, src: Uint8Array, from: number, len: number): number {
    if (len > 0xffff) throw new RangeError('an identity value over 65,535 bytes');
    const slot = this.probe(ns, src, from, len);
    const v = this.slots[slot]!;
    if (v !== 0) return (v & this.indexMask) - 1;
    const index = this.size++;
    if (index === this.starts.length) this.growEntries();
    if ((this.used & (CHUNK - 1)) + len + 4 > CHUNK) this.used = (Math.floor(this.used / CHUNK) + 1) * CHUNK;
    const ci = this.used >>> CHUNK_BITS;
    if (ci === this.chunks.length) this.chunks.push(new Uint8Array(CHUNK));
    const at = this.used & (CHUNK - 1);
    const chunk = this.chunks[ci]!;
    chunk[at] = ns & 0xff;
    chunk[at + 1] = ns >>> 8;
    chunk[at + 2] = len & 0xff;
    chunk[at + 3] = len >>> 8;
    for (let i = 0; i < len; i++) chunk[at + 4 + i] = src[from + i]!;
    this.starts[index] = this.used;
    this.used += len + 4;
    this.slots[slot] = (this.lastTag | (index + 1)) >>> 0;
    const grow = this.size * 10 > this.slots.length * 7;
    // The next index would reach the tag's bits: from here on the slots hold the index alone.
    const untag = this.indexMask !== -1 && this.size + 1 > this.taggedMask;
    if (untag) this.indexMask = -1;
    if (grow || untag) this.rehash(grow ? this.slots.length * 2 : this.slots.length);
    return index;
  }

  private growEntries(): void {
    const n = Math.ceil(this.starts.length * 1.5);
    const grow = <T extends Uint32Array | Uint16Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.starts = grow(this.starts, (k) => new Uint32Array(k));
  }

  private rehash(length: number): void {
    const slots = new Uint32Array(length);
    const mask = slots.length - 1;
    for (let i = 0; i < this.size; i++) {
      const start = this.starts[i]!;
      const chunk = this.chunks[start >>> CHUNK_BITS]!;
      const off = start & (CHUNK - 1);
      const h = this.hash(chunk[off]! | (chunk[off + 1]! << 8), chunk, off + 4, chunk[off + 2]! | (chunk[off + 3]! << 8));
      let slot = h & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = (this.tagOf(h) | (i + 1)) >>> 0;
    }
    this.slots = slots;
  }

  namespaceOf(index: number): number {
    const start = this.starts[index]!;
    const chunk = this.chunks[start >>> CHUNK_BITS]!;
    const off = start & (CHUNK - 1);
    return chunk[off]! | (chunk[off + 1]! << 8);
  }

  idOf(index: number): string {
    const start = this.starts[index]!;
    const chunk = this.chunks[start >>> CHUNK_BITS]!;
    const off = start & (CHUNK - 1);
    return decoder.decode(chunk.subarray(off + 4, off + 4 + (chunk[off + 2]! | (chunk[off + 3]! << 8))));
  }

  /** Bytes held, for the benchmark's report. */
  bytes(): number {
    return this.chunks.length * CHUNK + this.starts.byteLength + this.slots.byteLength;
  }
}
