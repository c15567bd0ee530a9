import type { IdentityGraph } from './analyse';
import type { Fragment, MergePolicy, RecordRef } from './identity.types';
import { type MergedAttribute, mergeFragments, policyChanges } from './merge';

/** Where something came from, named for people: the dataset's name, the record's number, file and line. */
export interface Source {
  dataset: string;
  record: number;
  file: string;
  line: number;
}

export interface ProfileIdentity {
  namespace: string;
  id: string;
  /** Primary in at least one record that carries it. */
  primary: boolean;
  from: (Source & { primary: boolean })[];
}

export interface AttributeView {
  value: unknown;
  from: Source;
  beat: { value: unknown; from: Source }[];
}

/** One merged profile as AEP's profile viewer shows it, in the shape `profiles --json` prints. */
export interface ProfileView {
  profile: Record<string, unknown>;
  identities: ProfileIdentity[];
  fragments: (Source & { primaryIdentity: { namespace: string; id: string }; data: Record<string, unknown> })[];
  attributes: Record<string, AttributeView>;
  mergePolicy: { kind: MergePolicy['kind']; order?: string[] };
  /** Identities as nodes, one link per record from its primary identity to each other identity. */
  graph: { nodes: { key: string; namespace: string; id: string }[]; links: { source: string; target: string; dataset: string; record: number }[] };
}

export const identityKey = (namespace: string, id: string) => `${namespace}:${id}`;

const sourceOf = (names: readonly string[], r: RecordRef): Source => ({ dataset: names[r.dataset]!, record: r.record, file: r.file, line: r.line });

const attributeView = (names: readonly string[], a: MergedAttribute): AttributeView => ({
  value: a.value,
  from: sourceOf(names, a.from),
  beat: a.beat.map((b) => ({ value: b.value, from: sourceOf(names, b.from) })),
});

/** The profile of a graph's fragments under a policy, with every identity's and attribute's source. */
export function profileView(names: readonly string[], fragments: readonly Fragment[], policy: MergePolicy): ProfileView {
  const merged = mergeFragments(fragments, policy);
  const identities = new Map<string, ProfileIdentity>();
  const links: ProfileView['graph']['links'] = [];
  const ordered = [...fragments].sort((a, b) => a.ref.dataset - b.ref.dataset || a.ref.record - b.ref.record);
  for (const f of ordered) {
    const primary = f.identities.find((i) => i.primary)!;
    for (const i of f.identities) {
      const key = identityKey(i.namespace, i.id);
      let pi = identities.get(key);
      if (!pi) identities.set(key, (pi = { namespace: i.namespace, id: i.id, primary: false, from: [] }));
      pi.primary ||= i.primary;
      if (!pi.from.some((s) => s.dataset === names[f.ref.dataset] && s.record === f.ref.record))
        pi.from.push({ ...sourceOf(names, f.ref), primary: i.primary });
      if (i !== primary && key !== identityKey(primary.namespace, primary.id))
        links.push({ source: identityKey(primary.namespace, primary.id), target: key, dataset: names[f.ref.dataset]!, record: f.ref.record });
    }
  }
  const attributes: Record<string, AttributeView> = Object.create(null);
  for (const [path, a] of merged.attributes) attributes[path] = attributeView(names, a);
  return {
    profile: merged.profile,
    identities: [...identities.values()],
    fragments: ordered.map((f) => {
      const p = f.identities.find((i) => i.primary)!;
      return { ...sourceOf(names, f.ref), primaryIdentity: { namespace: p.namespace, id: p.id }, data: f.record };
    }),
    attributes,
    mergePolicy: policy.kind === 'timestamp' ? { kind: 'timestamp' } : { kind: policy.kind, order: policy.order.map((d) => names[d]!) },
    graph: { nodes: [...identities.values()].map((i) => ({ key: identityKey(i.namespace, i.id), namespace: i.namespace, id: i.id })), links },
  };
}

/** What changes when the policy changes: each attribute whose winning value differs. */
export function policyDifferences(names: readonly string[], fragments: readonly Fragment[], a: MergePolicy, b: MergePolicy) {
  return policyChanges(fragments, a, b).map((c) => ({ path: c.path, a: attributeView(names, c.a), b: attributeView(names, c.b) }));
}

/** Members of a graph (for a lookup that found nothing in pass two, e.g. all records skipped). */
export function graphMembers(g: IdentityGraph, root: number): { namespace: string; id: string }[] {
  const t = g.builder.table;
  const out: { namespace: string; id: string }[] = [];
  for (let i = 0; i < t.size; i++) if (g.root[i] === root) out.push({ namespace: t.namespaceNames[t.namespaceOf(i)]!, id: t.idOf(i) });
  return out;
}
