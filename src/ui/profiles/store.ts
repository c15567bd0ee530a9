import { create } from 'zustand';
import { type IdentityGraph, rootOf } from '../../core/identity/analyse';
import { identitySpecOf } from '../../core/identity/extract';
import type { Fragment, IdentitySpec, MergePolicy } from '../../core/identity/identity.types';
import { buildIdentityGraph, type DatasetSource, graphFragments } from '../../core/identity/pipeline';
import { loadSchemaText } from '../../core/schema/loadSchema';

/** One dataset the user added: an apply output (this run's, or a folder opened), with its schema. */
export interface ProfileDataset {
  name: string;
  schemaTitle: string;
  spec: IdentitySpec;
  files: { name: string; blob: Blob }[];
  records: number;
}

export type PolicyKind = MergePolicy['kind'];

export interface ProfilesState {
  open: boolean;
  datasets: ProfileDataset[];
  graph: IdentityGraph | null;
  building: boolean;
  error: string | null;
  lookup: { namespace: string; id: string } | null;
  fragments: Fragment[] | null;
  notFound: boolean;
  policy: PolicyKind;
  show(open: boolean): void;
  add(d: ProfileDataset): void;
  remove(name: string): void;
  move(name: string, by: -1 | 1): void;
  build(): Promise<void>;
  find(namespace: string, id: string): Promise<void>;
  setPolicy(p: PolicyKind): void;
}

/** Reads a Blob in pieces (Blob.stream), so a large batch file is never one string. */
async function* blobChunks(blob: Blob): AsyncIterable<Uint8Array> {
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

export const sourcesOf = (datasets: readonly ProfileDataset[]): DatasetSource[] =>
  datasets.map((d) => ({ name: d.name, spec: d.spec, files: d.files.map((f) => ({ name: f.name, chunks: () => blobChunks(f.blob) })) }));

/** The merge policy of a kind: dataset precedence follows the datasets' order on the page (first wins). */
export const policyOf = (kind: PolicyKind, datasets: readonly ProfileDataset[]): MergePolicy =>
  kind === 'timestamp' ? { kind } : { kind, order: datasets.map((_, i) => i) };

/** A schema's identity fields, or the reason it cannot be read. */
export function specOfSchemaText(text: string): { spec: IdentitySpec; title: string } | { error: string } {
  const r = loadSchemaText(text);
  if (!r.ok) return { error: r.problems.map((p) => `${p.pointer || '/'}: ${p.message}`).join('; ') };
  return { spec: identitySpecOf(r.tree), title: r.tree.title };
}

export const useProfiles = create<ProfilesState>()((set, get) => ({
  open: false,
  datasets: [],
  graph: null,
  building: false,
  error: null,
  lookup: null,
  fragments: null,
  notFound: false,
  policy: 'timestamp',
  show: (open) => set({ open }),
  add(d) {
    const others = get().datasets.filter((x) => x.name !== d.name);
    set({ datasets: [...others, d], graph: null, fragments: null, lookup: null, notFound: false });
    void get().build();
  },
  remove(name) {
    set({ datasets: get().datasets.filter((d) => d.name !== name), graph: null, fragments: null, lookup: null });
    void get().build();
  },
  move(name, by) {
    const list = [...get().datasets];
    const i = list.findIndex((d) => d.name === name);
    const j = i + by;
    if (i < 0 || j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j]!, list[i]!];
    const { lookup } = get();
    set({ datasets: list, graph: null, fragments: null });
    void get()
      .build()
      .then(() => (lookup ? get().find(lookup.namespace, lookup.id) : undefined));
  },
  async build() {
    const { datasets } = get();
    if (!datasets.length) return set({ graph: null, building: false });
    set({ building: true, error: null });
    try {
      const graph = await buildIdentityGraph(sourcesOf(datasets));
      if (get().datasets === datasets) set({ graph, building: false });
    } catch (e) {
      set({ building: false, error: `The identity graph could not be built: ${(e as Error).message}` });
    }
  },
  async find(namespace, id) {
    const { graph, datasets } = get();
    if (!graph) return;
    const root = rootOf(graph, namespace, id);
    if (root < 0) return set({ lookup: { namespace, id }, fragments: null, notFound: true });
    const fragments = await graphFragments(sourcesOf(datasets), graph, root);
    set({ lookup: { namespace, id }, fragments, notFound: false });
  },
  setPolicy: (policy) => set({ policy }),
}));
