import { analyseGraph, type IdentityGraph, rootOf } from './analyse';
import { identitiesOf } from './extract';
import { IdentityGraphBuilder } from './graph';
import type { Fragment, IdentitySpec, RecordIdentity, RecordRef } from './identity.types';
import { refusalOf } from './rules';

/**
 * One batch file of a dataset: its name and its lines (JSON Lines), read afresh on each call, in
 * runs of lines so that a file of ten million records costs thousands of awaits, not millions.
 */
export interface DatasetFile {
  name: string;
  lines: () => AsyncIterable<readonly string[]>;
}

/** A dataset as the profile builder reads it: batch files in order, under one schema's identity fields. */
export interface DatasetSource {
  name: string;
  spec: IdentitySpec;
  files: DatasetFile[];
}

type Visit = (at: RecordRef, record: Record<string, unknown> | null, problem: string | null) => void;

/** Every record of every dataset in ingestion order; a line that is not a JSON object comes with a problem. */
export async function scanRecords(sources: readonly DatasetSource[], visit: Visit): Promise<void> {
  for (let d = 0; d < sources.length; d++) {
    let record = 0;
    for (const file of sources[d]!.files) {
      let line = 0;
      for await (const run of file.lines())
        for (const text of run) {
          line++;
          if (text === '' || text === '\r') continue;
          record++;
          const at: RecordRef = { dataset: d, record, file: file.name, line };
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch (e) {
            visit(at, null, `not JSON: ${(e as Error).message}`);
            continue;
          }
          if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) visit(at, null, 'not a JSON object');
          else visit(at, parsed as Record<string, unknown>, null);
        }
    }
  }
}

/** Namespaces that hold one value per person: those that are a primary identity in some dataset. */
export const primaryNamespaces = (sources: readonly DatasetSource[]): Set<string> =>
  new Set(sources.flatMap((s) => s.spec.fields.filter((f) => f.primary).map((f) => f.namespace)));

export interface BuildOptions {
  uniqueNamespaces?: Iterable<string>;
  maxExamples?: number;
}

/** Pass one: the identity graph and the guardrail report, reading only the records' identity fields. */
export async function buildIdentityGraph(sources: readonly DatasetSource[], options: BuildOptions = {}): Promise<IdentityGraph> {
  const b = new IdentityGraphBuilder(options.maxExamples ?? 10);
  await scanRecords(sources, (at, record, problem) => {
    if (!record) b.unreadableRecord(at, problem!);
    else b.add(at, identitiesOf(record, sources[at.dataset]!.spec));
  });
  return analyseGraph(b, { uniqueNamespaces: new Set(options.uniqueNamespaces ?? primaryNamespaces(sources)) });
}

/** A record's identities that AEP takes, or null when it skips the record. */
export function acceptedIdentities(all: readonly RecordIdentity[]): RecordIdentity[] | null {
  const kept: RecordIdentity[] = [];
  for (const i of all) {
    const r = refusalOf(i.namespace, i.id);
    if (r?.effect === 'record-skipped') return null;
    if (!r) kept.push(i);
  }
  return kept.some((i) => i.primary) ? kept : null;
}

/** The root of the first identity of a record that is in the graph, or -1. */
export function recordRoot(g: IdentityGraph, identities: readonly RecordIdentity[]): number {
  for (const i of identities) {
    const r = rootOf(g, i.namespace, i.id);
    if (r >= 0) return r;
  }
  return -1;
}

/** Pass two for one profile: the fragments (records) whose identities are in the graph of `root`. */
export async function graphFragments(sources: readonly DatasetSource[], g: IdentityGraph, root: number): Promise<Fragment[]> {
  const out: Fragment[] = [];
  await scanRecords(sources, (ref, record) => {
    if (!record) return;
    const identities = acceptedIdentities(identitiesOf(record, sources[ref.dataset]!.spec));
    if (identities && recordRoot(g, identities) === root) out.push({ ref, record, identities });
  });
  return out;
}
