import type { Fragment, MergePolicy, RecordRef } from './identity.types';

/** One attribute of a merged profile: the value that won, the fragment it came from, and what it beat. */
export interface MergedAttribute {
  value: unknown;
  from: RecordRef;
  beat: { value: unknown; from: RecordRef }[];
}

export interface MergedProfile {
  /** The merged XDM record; `identityMap` holds every identity of the graph. */
  profile: Record<string, unknown>;
  /** By dot path, in the order attributes first appear. */
  attributes: Map<string, MergedAttribute>;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A record's attributes by dot path: objects are walked into, arrays are one attribute (Profile
 * merges an array as a whole), nulls are absent. `identityMap` is left to the identities.
 */
export function attributesOf(record: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (o: Record<string, unknown>, prefix: string) => {
    for (const k of Object.keys(o)) {
      if (!prefix && k === 'identityMap') continue;
      const v = o[k];
      const path = prefix ? `${prefix}.${k}` : k;
      if (v === null || v === undefined) continue;
      if (isPlainObject(v)) walk(v, path);
      else out.set(path, v);
    }
  };
  walk(record, '');
  return out;
}

/**
 * The order in which fragments win: a comparator where the fragment that sorts last wins.
 * Timestamp ordered: later ingestion (dataset order, then record order) wins. Dataset
 * precedence: the dataset named first wins; datasets not named come after those named, and
 * within one dataset the later record wins.
 */
export function winOrder(policy: MergePolicy): (a: RecordRef, b: RecordRef) => number {
  const ingestion = (a: RecordRef, b: RecordRef) => a.dataset - b.dataset || a.record - b.record;
  if (policy.kind === 'timestamp') return ingestion;
  const rank = (d: number) => {
    const k = policy.order.indexOf(d);
    return k < 0 ? policy.order.length : k;
  };
  return (a, b) => rank(b.dataset) - rank(a.dataset) || a.record - b.record || a.dataset - b.dataset;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = target;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i]!;
    if (!Object.hasOwn(o, k) || !isPlainObject(o[k])) o[k] = Object.create(null);
    o = o[k] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]!] = value;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Merges the fragments of one graph, attribute by attribute, under a merge policy. */
export function mergeFragments(fragments: readonly Fragment[], policy: MergePolicy): MergedProfile {
  const order = winOrder(policy);
  const ranked = [...fragments].sort((a, b) => order(a.ref, b.ref));
  const candidates = new Map<string, { value: unknown; from: RecordRef }[]>();
  for (const f of fragments)
    for (const [path, value] of attributesOf(f.record)) candidates.get(path)?.push({ value, from: f.ref }) ?? candidates.set(path, [{ value, from: f.ref }]);
  const profile: Record<string, unknown> = Object.create(null);
  const attributes = new Map<string, MergedAttribute>();
  const position = new Map(ranked.map((f, k) => [f.ref, k]));
  for (const [path, list] of candidates) {
    const winner = list.reduce((best, c) => (position.get(c.from)! > position.get(best.from)! ? c : best));
    const beat = list.filter((c) => c !== winner && !same(c.value, winner.value));
    attributes.set(path, { value: winner.value, from: winner.from, beat });
    setPath(profile, path, winner.value);
  }
  const identityMap: Record<string, { id: string; primary?: boolean }[]> = Object.create(null);
  const seen = new Set<string>();
  for (const f of ranked)
    for (const i of f.identities) {
      const key = `${i.namespace}\u0000${i.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (!Object.hasOwn(identityMap, i.namespace)) identityMap[i.namespace] = [];
      identityMap[i.namespace]!.push({ id: i.id });
    }
  if (seen.size) profile.identityMap = identityMap;
  return { profile, attributes };
}

/** Attributes whose winner differs between two policies: what switching policy changes. */
export function policyChanges(fragments: readonly Fragment[], a: MergePolicy, b: MergePolicy): { path: string; a: MergedAttribute; b: MergedAttribute }[] {
  const ma = mergeFragments(fragments, a).attributes;
  const mb = mergeFragments(fragments, b).attributes;
  const out: { path: string; a: MergedAttribute; b: MergedAttribute }[] = [];
  for (const [path, x] of ma) {
    const y = mb.get(path)!;
    if (!same(x.value, y.value)) out.push({ path, a: x, b: y });
  }
  return out;
}
