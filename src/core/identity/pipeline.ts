import { analyseGraph, type IdentityGraph, rootOf } from './analyse';
import { type IdentityBytes, identityBytes } from './bytes';
import { identitiesOf } from './extract';
import { IdentityGraphBuilder } from './graph';
import type { Fragment, IdentitySpec, RecordIdentity, RecordRef } from './identity.types';
import { refusalOf } from './rules';
import { IdentityScanner } from './scan';
import { type ScannedIdentity, scannedBytes } from './scanned';

/** One batch file of a dataset: its name and its bytes (JSON Lines), read afresh on each call. */
export interface DatasetFile {
  name: string;
  chunks: () => AsyncIterable<Uint8Array>;
}

/** A dataset as the profile builder reads it: batch files in order, under one schema's identity fields. */
export interface DatasetSource {
  name: string;
  spec: IdentitySpec;
  files: DatasetFile[];
}

type LineVisit = (buf: Uint8Array, start: number, end: number, line: number) => void;

/** Every line of a file as a byte range (a final CR is left out), whatever the chunk boundaries. */
export async function forEachLine(file: DatasetFile, visit: LineVisit): Promise<void> {
  let carry: Uint8Array | null = null;
  let line = 0;
  const emit = (buf: Uint8Array, start: number, end: number) => {
    line++;
    visit(buf, start, end > start && buf[end - 1] === 0x0d ? end - 1 : end, line);
  };
  for await (const chunk of file.chunks()) {
    let from = 0;
    if (carry) {
      const nl = chunk.indexOf(0x0a);
      if (nl < 0) {
        const joined: Uint8Array = new Uint8Array(carry.length + chunk.length);
        joined.set(carry);
        joined.set(chunk, carry.length);
        carry = joined;
        continue;
      }
      const joined = new Uint8Array(carry.length + nl);
      joined.set(carry);
      joined.set(chunk.subarray(0, nl), carry.length);
      emit(joined, 0, joined.length);
      carry = null;
      from = nl + 1;
    }
    for (;;) {
      const nl = chunk.indexOf(0x0a, from);
      if (nl < 0) break;
      emit(chunk, from, nl);
      from = nl + 1;
    }
    if (from < chunk.length) carry = chunk.slice(from);
  }
  if (carry?.length) emit(carry, 0, carry.length);
}

const isBlank = (buf: Uint8Array, start: number, end: number) => {
  for (let i = start; i < end; i++) if (buf[i] !== 0x20 && buf[i] !== 0x09) return false;
  return true;
};

const utf8 = new TextDecoder();

/** A line as a JSON object, or the reason it is not one. */
export function parseLine(buf: Uint8Array, start: number, end: number): { record: Record<string, unknown> } | { problem: string } {
  try {
    const v = JSON.parse(utf8.decode(buf.subarray(start, end))) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? { record: v as Record<string, unknown> } : { problem: 'not a JSON object' };
  } catch (e) {
    return { problem: `not JSON: ${(e as Error).message}` };
  }
}

type Visit = (at: RecordRef, record: Record<string, unknown> | null, problem: string | null) => void;

/** Every record of every dataset in ingestion order; a line that is not a JSON object comes with a problem. */
export async function scanRecords(
  sources: readonly DatasetSource[],
  visit: Visit,
  only?: (at: RecordRef, buf: Uint8Array, start: number, end: number) => boolean,
): Promise<void> {
  for (let d = 0; d < sources.length; d++) {
    let record = 0;
    for (const file of sources[d]!.files)
      await forEachLine(file, (buf, start, end, line) => {
        if (isBlank(buf, start, end)) return;
        const at: RecordRef = { dataset: d, record: ++record, file: file.name, line };
        if (only && !only(at, buf, start, end)) return;
        const r = parseLine(buf, start, end);
        if ('record' in r) visit(at, r.record, null);
        else visit(at, null, r.problem);
      });
  }
}

/**
 * Every record's identities in ingestion order, read by the byte scanner; a line the scanner
 * cannot read is parsed as JSON, so it is either read the same way or reported with JSON's message.
 */
export async function scanIdentities(
  sources: readonly DatasetSource[],
  visit: (at: RecordRef, identities: IdentityBytes[] | null, problem: string | null) => void,
): Promise<void> {
  const found: ScannedIdentity[] = [];
  for (let d = 0; d < sources.length; d++) {
    const spec = sources[d]!.spec;
    const scanner = new IdentityScanner(spec);
    let record = 0;
    for (const file of sources[d]!.files)
      await forEachLine(file, (buf, start, end, line) => {
        if (isBlank(buf, start, end)) return;
        const at: RecordRef = { dataset: d, record: ++record, file: file.name, line };
        if (scanner.scan(buf, start, end, found)) {
          // The scanned identities are the line's own bytes, except escaped or non-string values.
          for (let k = 0; k < found.length; k++) {
            const f = found[k]!;
            if (f.escaped || !f.string) found[k] = scannedBytes(buf, f) as ScannedIdentity;
          }
          visit(at, found, null);
          return;
        }
        const r = parseLine(buf, start, end);
        if ('record' in r) visit(at, identitiesOf(r.record, spec).map(identityBytes), null);
        else visit(at, null, r.problem);
      });
  }
}

/**
 * AEP's standard namespaces of cookies and devices: one person has many of them, so they are
 * never one-per-person namespaces.
 */
export const DEVICE_NAMESPACES: ReadonlySet<string> = new Set(['ECID', 'AAID', 'AdCloud', 'TNTID', 'GAID', 'IDFA', 'WAID', 'FPID']);

/**
 * Namespaces that hold one value per person, by default: those that are the primary identity of
 * some dataset's schema (descriptors only; identityMap primaries are per record), except cookie
 * and device namespaces.
 */
export const primaryNamespaces = (sources: readonly DatasetSource[]): Set<string> =>
  new Set(sources.flatMap((s) => s.spec.fields.filter((f) => f.primary && !DEVICE_NAMESPACES.has(f.namespace)).map((f) => f.namespace)));

export interface BuildOptions {
  uniqueNamespaces?: Iterable<string>;
  maxExamples?: number;
}

/** Pass one: the identity graph and the guardrail report, reading only the records' identity fields. */
export async function buildIdentityGraph(sources: readonly DatasetSource[], options: BuildOptions = {}): Promise<IdentityGraph> {
  const unique = new Set(options.uniqueNamespaces ?? primaryNamespaces(sources));
  const b = new IdentityGraphBuilder(options.maxExamples ?? 10, unique);
  await scanIdentities(sources, (at, identities, problem) => {
    if (!identities) b.unreadableRecord(at, problem!);
    else b.add(at, identities);
  });
  return analyseGraph(b, { uniqueNamespaces: unique });
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

/** Pass two for one profile: the fragments (records) whose identities are in the graph of `root`; only their lines are parsed. */
export async function graphFragments(sources: readonly DatasetSource[], g: IdentityGraph, root: number): Promise<Fragment[]> {
  const out: Fragment[] = [];
  const scanners = sources.map((s) => new IdentityScanner(s.spec));
  const found: ScannedIdentity[] = [];
  await scanRecords(
    sources,
    (ref, record) => {
      if (!record) return;
      const identities = acceptedIdentities(identitiesOf(record, sources[ref.dataset]!.spec));
      if (identities && recordRoot(g, identities) === root) out.push({ ref, record, identities });
    },
    (at, buf, start, end) => {
      if (!scanners[at.dataset]!.scan(buf, start, end, found)) return true;
      const t = g.builder.table;
      return found.some((f) => {
        const ns = t.namespaceNames.indexOf(f.namespace);
        if (ns < 0) return false;
        const b = scannedBytes(buf, f);
        const i = t.findBytes(ns, b.buf, b.start, b.end - b.start);
        return i >= 0 && g.root[i] === root;
      });
    },
  );
  return out;
}
