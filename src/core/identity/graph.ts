import { type IdentityBytes, refusalOfBytes, textOf } from './bytes';
import type { GuardrailExample } from './guardrails.types';
import type { RecordRef } from './identity.types';
import { MAX_IDENTITIES_PER_RECORD } from './rules';
import { IdentityTable } from './table';

/** What happened to one record when it was linked. */
export type RecordVerdict =
  | { kind: 'linked'; identities: number[]; primary: number }
  | { kind: 'skipped'; reason: 'refused-value' | 'no-primary' | 'no-identity' };

/** Examples kept per check: enough to find the rows, bounded so memory does not grow with the data. */
export interface Collector {
  count: number;
  examples: GuardrailExample[];
}

export const collector = (): Collector => ({ count: 0, examples: [] });

/**
 * The identity graph built in one pass over the records' identity fields: identities are interned
 * once, those of one record are joined (union-find with path halving; the older root stays the
 * root), and the same namespace and value joins graphs. Per distinct identity it keeps a parent, the first
 * primary identity it was seen beside and the records it is primary of, so memory grows with the
 * distinct identities, never with the records.
 */
export class IdentityGraphBuilder {
  readonly table = new IdentityTable();
  parent = new Int32Array(1024);
  /** The first person-level primary identity of another record seen beside this one (-1: none). */
  firstPrimary = new Int32Array(1024).fill(-1);
  /** Further distinct primaries, for the few identities that sit beside more than one. */
  readonly morePrimaries = new Map<number, Set<number>>();
  /** Records whose primary identity this is: 0, 1, or 2 for two or more (all that the counts need). */
  primaryOf = new Uint8Array(1024);
  /** Per namespace number: 1 when it is a one-per-person namespace, 0 when not, 2 not yet known. */
  private personNs = new Uint8Array(65536).fill(2);
  readonly refused = collector();
  readonly tooMany = collector();
  readonly noPrimary = collector();
  readonly unreadable = collector();
  records = 0;
  linkedRecords = 0;
  skippedRecords = 0;
  noIdentityRecords = 0;

  /**
   * @param personNamespaces one-per-person namespaces (CRM ids, loyalty ids): only their primaries
   *   count as people when a value is seen beside several, so one person's devices are not "shared".
   */
  constructor(
    readonly maxExamples = 10,
    private readonly personNamespaces: ReadonlySet<string> = new Set(),
  ) {}

  /** Whether identity i is in a one-per-person namespace. */
  isPerson(i: number): boolean {
    const ns = this.table.namespaceOf(i);
    let v = this.personNs[ns]!;
    if (v === 2) this.personNs[ns] = v = this.personNamespaces.has(this.table.namespaceNames[ns]!) ? 1 : 0;
    return v === 1;
  }

  private note(c: Collector, e: GuardrailExample): void {
    c.count++;
    if (c.examples.length < this.maxExamples) c.examples.push(e);
  }

  /** A line that is not a JSON object: counted, never fatal. */
  unreadableRecord(at: RecordRef, detail: string): void {
    this.records++;
    this.skippedRecords++;
    this.note(this.unreadable, { at, detail });
  }

  private ensure(n: number): void {
    if (n <= this.parent.length) return;
    const size = Math.max(n, Math.ceil(this.parent.length * 1.5));
    const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.parent = grow(this.parent, new Int32Array(size));
    const fp = new Int32Array(size).fill(-1);
    fp.set(this.firstPrimary);
    this.firstPrimary = fp;
    this.primaryOf = grow(this.primaryOf, new Uint8Array(size));
  }

  private lastNs = '';
  private lastNsId = -1;

  private internOne(x: IdentityBytes): number {
    const before = this.table.size;
    if (x.namespace !== this.lastNs || this.lastNsId < 0) {
      this.lastNs = x.namespace;
      this.lastNsId = this.table.namespaceId(x.namespace);
    }
    const i = this.table.internBytes(this.lastNsId, x.buf, x.start, x.end - x.start);
    if (i === before) {
      this.ensure(i + 1);
      this.parent[i] = i;
    }
    return i;
  }

  find(i: number): number {
    const p = this.parent;
    while (p[i] !== i) {
      const g = p[p[i]!]!;
      p[i] = g;
      i = g;
    }
    return i;
  }

  private union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }

  /** Links one record's identities, applying AEP's value rules first. */
  add(at: RecordRef, identities: readonly IdentityBytes[]): RecordVerdict {
    this.records++;
    if (identities.length > MAX_IDENTITIES_PER_RECORD)
      this.note(this.tooMany, {
        at,
        n: identities.length,
        detail: `${identities.length} identities (${[...new Set(identities.map((i) => i.namespace))].join(', ')})`,
      });
    const kept: IdentityBytes[] = [];
    let skip = false;
    for (const ident of identities) {
      const r = refusalOfBytes(ident.namespace, ident.buf, ident.start, ident.end);
      if (!r) {
        kept.push(ident);
        continue;
      }
      const id = textOf(ident.buf, ident.start, ident.end);
      this.note(this.refused, {
        at,
        namespace: ident.namespace,
        id: id.length > 80 ? `${id.slice(0, 80)}…` : id,
        code: r.code,
        detail: `${ident.path}: ${r.reason}; ${r.effect === 'record-skipped' ? 'AEP skips the record' : 'AEP does not ingest this identity'}`,
      });
      if (r.effect === 'record-skipped') skip = true;
    }
    if (skip) {
      this.skippedRecords++;
      return { kind: 'skipped', reason: 'refused-value' };
    }
    if (kept.length === 0) {
      this.noIdentityRecords++;
      this.skippedRecords++;
      return { kind: 'skipped', reason: 'no-identity' };
    }
    const primaryIdentity = kept.find((i) => i.primary);
    if (!primaryIdentity) {
      this.note(this.noPrimary, {
        at,
        detail: `identities ${kept.map((i) => `${i.namespace}:${textOf(i.buf, i.start, i.end)}`).join(', ')}, none of them primary`,
      });
      this.skippedRecords++;
      return { kind: 'skipped', reason: 'no-primary' };
    }
    const indices = kept.map((i) => this.internOne(i));
    const primary = indices[kept.indexOf(primaryIdentity)]!;
    const person = this.isPerson(primary);
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      if (k > 0) this.union(indices[0]!, i);
      if (i === primary || !person) continue;
      const fp = this.firstPrimary[i]!;
      if (fp === -1) this.firstPrimary[i] = primary;
      else if (fp !== primary) {
        let set = this.morePrimaries.get(i);
        if (!set) this.morePrimaries.set(i, (set = new Set()));
        set.add(primary);
      }
    }
    if (this.primaryOf[primary]! < 2) this.primaryOf[primary]!++;
    this.linkedRecords++;
    return { kind: 'linked', identities: indices, primary };
  }
}
