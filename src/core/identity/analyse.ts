import type { Collector, IdentityGraphBuilder } from './graph';
import type { GuardrailCheck, GuardrailExample, GuardrailReport } from './guardrails.types';
import { MAX_IDENTITIES_PER_GRAPH, MAX_IDENTITIES_PER_RECORD } from './rules';

/** Counts over every graph, as a user checks them after ingestion. */
export interface GraphSummary {
  records: number;
  /** Records that reached the graph (not skipped by a guardrail). */
  linkedRecords: number;
  skippedRecords: number;
  identities: number;
  /** Graphs: one merged profile each. */
  profiles: number;
  /** Graphs holding more than one record. */
  linkedGraphs: number;
  /** Records alone in their graph. */
  unlinkedRecords: number;
  /** Graphs of more than one identity. */
  multiIdentityGraphs: number;
  largestGraph: number;
}

/** The finished graph: every identity's root, and the guardrail report. */
export interface IdentityGraph {
  builder: IdentityGraphBuilder;
  /** Root of each identity (flattened: `root[i]` is final). */
  root: Int32Array;
  /** Identities per root (0 for identities that are not roots). */
  sizes: Int32Array;
  summary: GraphSummary;
  guardrails: GuardrailReport;
}

export interface AnalyseOptions {
  /** Namespaces that hold one value per person: by default those that are primary in some dataset. */
  uniqueNamespaces: ReadonlySet<string>;
  /** Shared values listed (the top ones by profiles joined). */
  topShared?: number;
}

const check = (c: Omit<GuardrailCheck, 'count' | 'examples'>, col: Collector): GuardrailCheck => ({ ...c, count: col.count, examples: col.examples });

/**
 * Finishes the graph: flattens every identity to its root, counts graphs and records, and runs
 * the checks that need whole graphs (size, shared values, repeated unique namespaces).
 */
export function analyseGraph(b: IdentityGraphBuilder, options: AnalyseOptions): IdentityGraph {
  // The builder's arrays are reused in place (this runs once): parents become roots, the
  // primary-of counts become records per graph (saturating at 2), first primaries become sizes.
  const n = b.table.size;
  const root = b.parent;
  for (let i = 0; i < n; i++) root[i] = b.find(i);
  const recordsOf = b.primaryOf;
  for (let i = 0; i < n; i++) {
    const r = root[i]!;
    if (r !== i) {
      recordsOf[r] = Math.min(2, recordsOf[r]! + recordsOf[i]!);
      recordsOf[i] = 0;
    }
  }
  const name = (i: number) => b.table.namespaceNames[b.table.namespaceOf(i)]!;
  const ex = b.maxExamples;

  // Shared values: an identity seen beside the primary identities of several people (records whose
  // primary is in a one-per-person namespace; the builder counts only those).
  const shared: { i: number; people: number }[] = [];
  for (const [i, more] of b.morePrimaries) shared.push({ i, people: 1 + more.size });
  shared.sort((x, y) => y.people - x.people || x.i - y.i);
  const top = shared.slice(0, options.topShared ?? ex);

  const sizes = b.firstPrimary;
  sizes.fill(0);
  for (let i = 0; i < n; i++) sizes[root[i]!]!++;
  const summary: GraphSummary = {
    records: b.records,
    linkedRecords: b.linkedRecords,
    skippedRecords: b.skippedRecords,
    identities: n,
    profiles: 0,
    linkedGraphs: 0,
    unlinkedRecords: 0,
    multiIdentityGraphs: 0,
    largestGraph: 0,
  };
  const big: number[] = [];
  for (let r = 0; r < n; r++) {
    const s = sizes[r]!;
    if (s === 0) continue;
    summary.profiles++;
    if (recordsOf[r]! > 1) summary.linkedGraphs++;
    else summary.unlinkedRecords += recordsOf[r]!;
    if (s > 1) summary.multiIdentityGraphs++;
    if (s > summary.largestGraph) summary.largestGraph = s;
    if (s > MAX_IDENTITIES_PER_GRAPH) big.push(r);
  }
  // Graphs over 50: identities are numbered in order of first appearance, so the lowest are the oldest.
  const bigExamples: GuardrailExample[] = [];
  const wanted = new Set(big.slice(0, ex));
  const members = new Map<number, number[]>();
  if (wanted.size) for (let i = 0; i < n; i++) if (wanted.has(root[i]!)) members.get(root[i]!)?.push(i) ?? members.set(root[i]!, [i]);
  for (const r of wanted) {
    const m = members.get(r)!;
    const dropped = m.slice(0, m.length - MAX_IDENTITIES_PER_GRAPH);
    bigExamples.push({
      namespace: name(m[0]!),
      id: b.table.idOf(m[0]!),
      n: m.length,
      detail: `${m.length} identities; the ${dropped.length} oldest would be deleted: ${dropped
        .slice(0, 5)
        .map((i) => `${name(i)}:${b.table.idOf(i)}`)
        .join(', ')}${dropped.length > 5 ? ', …' : ''}`,
    });
  }

  const sharedExamples = top.map(({ i, people }) => ({
    namespace: name(i),
    id: b.table.idOf(i),
    n: people,
    detail: `joins ${people} people (records of different person-level primary identities) into one graph of ${sizes[root[i]!]} identities`,
  }));

  // A namespace that holds one value per person, with several values in one graph.
  const uniqueNs = new Set<number>();
  b.table.namespaceNames.forEach((ns, k) => {
    if (options.uniqueNamespaces.has(ns)) uniqueNs.add(k);
  });
  let m = 0;
  for (let i = 0; i < n; i++) if (sizes[root[i]!]! > 1 && uniqueNs.has(b.table.namespaceOf(i))) m++;
  const keys = new Float64Array(m);
  m = 0;
  for (let i = 0; i < n; i++) if (sizes[root[i]!]! > 1 && uniqueNs.has(b.table.namespaceOf(i))) keys[m++] = root[i]! * 65536 + b.table.namespaceOf(i);
  keys.sort();
  const repeated: Collector = { count: 0, examples: [] };
  for (let k = 0; k < keys.length; ) {
    let e = k + 1;
    while (e < keys.length && keys[e] === keys[k]) e++;
    if (e - k > 1) {
      repeated.count++;
      if (repeated.examples.length < ex) {
        const r = Math.floor(keys[k]! / 65536);
        const ns = keys[k]! - r * 65536;
        const values: string[] = [];
        for (let i = 0; i < n && values.length < 5; i++) if (root[i] === r && b.table.namespaceOf(i) === ns) values.push(b.table.idOf(i));
        repeated.examples.push({
          namespace: b.table.namespaceNames[ns]!,
          n: e - k,
          id: values[0]!,
          detail: `${e - k} values in one graph: ${values.join(', ')}${e - k > 5 ? ', …' : ''}`,
        });
      }
    }
    k = e;
  }

  const checks: GuardrailCheck[] = [
    check(
      {
        code: 'REFUSED_VALUE',
        title: 'Identity values AEP refuses',
        effect:
          'ECIDs that are not 38 digits and values over 1,024 characters skip the record; empty, "null", "anonymous" and "invalid" values are not ingested',
        unit: 'identities',
      },
      b.refused,
    ),
    check(
      {
        code: 'TOO_MANY_IDENTITIES',
        title: `Records with more than ${MAX_IDENTITIES_PER_RECORD} identities`,
        effect: `AEP allows ${MAX_IDENTITIES_PER_RECORD} identities in one XDM record`,
        unit: 'records',
      },
      b.tooMany,
    ),
    check(
      {
        code: 'NO_PRIMARY_IDENTITY',
        title: 'Records without a primary identity',
        effect: 'Profile cannot place a record without a primary identity',
        unit: 'records',
      },
      b.noPrimary,
    ),
    check(
      {
        code: 'GRAPH_OVER_LIMIT',
        title: `Graphs over ${MAX_IDENTITIES_PER_GRAPH} identities`,
        effect: `Identity Service keeps ${MAX_IDENTITIES_PER_GRAPH} identities a graph and deletes the oldest to make room`,
        unit: 'graphs',
      },
      { count: big.length, examples: bigExamples },
    ),
    check(
      {
        code: 'SHARED_VALUE',
        title: 'Values shared by otherwise separate people',
        effect: 'each joins the profiles of everyone who has it into one',
        unit: 'values',
      },
      { count: shared.length, examples: sharedExamples },
    ),
    check(
      {
        code: 'UNIQUE_NAMESPACE_REPEATED',
        title: 'One-per-person namespaces with several values in one graph',
        effect: 'a graph holding two CRM ids (or loyalty ids) merges two people',
        unit: 'graphs',
      },
      repeated,
    ),
    check({ code: 'UNREADABLE_RECORD', title: 'Lines that are not JSON records', effect: 'AEP rejects them', unit: 'records' }, b.unreadable),
  ];
  return { builder: b, root, sizes, summary, guardrails: { checks } };
}

/** The root of an identity given as namespace and value, or -1 when no record carries it. */
export function rootOf(g: IdentityGraph, namespace: string, id: string): number {
  const t = g.builder.table;
  const k = t.namespaceNames.indexOf(namespace);
  if (k < 0) return -1;
  const i = t.find(k, id);
  return i < 0 ? -1 : g.root[i]!;
}
