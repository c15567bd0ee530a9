import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { type IdentityGraph, rootOf } from '../core/identity/analyse';
import { identitySpecOf } from '../core/identity/extract';
import type { GuardrailReport } from '../core/identity/guardrails.types';
import type { MergePolicy } from '../core/identity/identity.types';
import { buildIdentityGraph, type DatasetFile, type DatasetSource, graphFragments, primaryNamespaces } from '../core/identity/pipeline';
import { graphMembers, type ProfileView, policyDifferences, profileView } from '../core/identity/profileView';
import { loadSchemaFile } from './files';
import { type Io, UsageError } from './io';
import { writeProfilesReport } from './profilesReport';

export const PROFILES_HELP = `xdm-mapper profiles --from DIR [--from DIR …] [options]

Builds the identity graph and the merged profiles that AEP would make from \`apply\` output
folders, before anything is ingested, and checks AEP's identity guardrails.

  --from DIR            an apply output folder (manifest.json + part files); repeat it, in the
                        order the datasets are ingested
  --schema FILE         the schema of the next --from (default: the one its manifest names)
  --merge-policy P      timestamp (default: later ingestion wins, attribute by attribute) or
                        dataset-precedence (the order of --precedence wins)
  --precedence A,B,…    folder base names, highest precedence first
  --lookup NS:VALUE     print the profile holding this identity (namespace code, a colon, the value)
  --unique NS,…         namespaces that hold one value per person (default: every primary one)
  --report DIR          write every profile (DIR/profiles.jsonl) and the checks (DIR/guardrails.json)
  --json                print one JSON object instead of text

Exit codes: 0 done, 1 the looked-up identity is in no record, 2 bad arguments or folders.
`;

interface Args {
  from: { dir: string; schema?: string }[];
  policy: 'timestamp' | 'dataset-precedence';
  precedence: string[];
  lookup?: { namespace: string; id: string };
  unique?: string[];
  report?: string;
  json: boolean;
}

function parse(argv: string[]): Args | 'help' {
  const a: Args = { from: [], policy: 'timestamp', precedence: [], json: false };
  let schema: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--from') {
      a.from.push({ dir: value(), ...(schema ? { schema } : {}) });
      schema = undefined;
    } else if (flag === '--schema') schema = value();
    else if (flag === '--merge-policy') {
      const p = value();
      if (p !== 'timestamp' && p !== 'dataset-precedence') throw new UsageError(`--merge-policy is timestamp or dataset-precedence, not "${p}"`);
      a.policy = p;
    } else if (flag === '--precedence')
      a.precedence = value()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (flag === '--lookup') {
      const v = value();
      const k = v.indexOf(':');
      if (k <= 0 || k === v.length - 1) throw new UsageError(`--lookup takes NAMESPACE:VALUE, such as lumaLoyaltyId:5625458 (got "${v}")`);
      a.lookup = { namespace: v.slice(0, k), id: v.slice(k + 1) };
    } else if (flag === '--unique')
      a.unique = value()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (flag === '--report') a.report = value();
    else if (flag === '--json') a.json = true;
    else throw new UsageError(`unknown option "${flag}"`);
  }
  if (schema) throw new UsageError('--schema must come just before the --from it belongs to');
  if (!a.from.length) throw new UsageError('profiles needs at least one --from DIR');
  if (a.precedence.length && a.policy !== 'dataset-precedence') a.policy = 'dataset-precedence';
  if (a.policy === 'dataset-precedence' && !a.precedence.length) throw new UsageError('--merge-policy dataset-precedence needs --precedence NAME,NAME…');
  return a;
}

/** A file's bytes in 1 MB pieces. */
const fileChunks = (path: string) => () => createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>;

interface Loaded {
  sources: DatasetSource[];
  bytes: number;
  warnings: string[];
}

async function loadFolders(a: Args): Promise<Loaded> {
  const sources: DatasetSource[] = [];
  const warnings: string[] = [];
  let bytes = 0;
  const names = new Set<string>();
  for (const { dir, schema } of a.from) {
    let manifest: { files?: { path: string; bytes?: number }[]; schema?: { path?: string; sha256?: string } };
    try {
      manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    } catch (e) {
      throw new UsageError(
        `"${dir}" is not an apply output folder: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'it has no manifest.json' : (e as Error).message}`,
      );
    }
    const schemaPath = schema ?? manifest.schema?.path;
    if (!schemaPath) throw new UsageError(`the manifest of "${dir}" names no schema: give --schema FILE before this --from`);
    const candidates = schema || isAbsolute(schemaPath) ? [schemaPath] : [resolve(schemaPath), resolve(dir, schemaPath)];
    let found: string | undefined;
    for (const c of candidates)
      if (
        await stat(c).then(
          (s) => s.isFile(),
          () => false,
        )
      )
        found = found ?? c;
    if (!found) throw new UsageError(`the schema of "${dir}" (${schemaPath}) is not there: give --schema FILE before this --from`);
    const loaded = await loadSchemaFile(found);
    if (!schema && manifest.schema?.sha256 && manifest.schema.sha256 !== loaded.sha256)
      warnings.push(`${dir}: ${found} has changed since the run (its sha256 differs from the manifest's)`);
    const name = basename(resolve(dir));
    if (names.has(name)) throw new UsageError(`two --from folders are named "${name}"; rename one so that the datasets can be told apart`);
    names.add(name);
    const files: DatasetFile[] = [];
    for (const f of manifest.files ?? []) {
      const p = join(dir, f.path);
      const size = await stat(p).then(
        (st) => st.size,
        () => -1,
      );
      if (size < 0) throw new UsageError(`the manifest of "${dir}" lists ${f.path}, which is not in the folder`);
      bytes += size;
      files.push({ name: f.path, chunks: fileChunks(p) });
    }
    const spec = identitySpecOf(loaded.result.tree);
    if (!spec.fields.length && !spec.identityMap)
      warnings.push(`${name}: its schema has no identity fields and no identityMap, so its records join no profile`);
    sources.push({ name, spec, files });
  }
  return { sources, bytes, warnings };
}

const n = (x: number) => x.toLocaleString('en-US');

function policyOf(a: Args, names: string[]): MergePolicy {
  if (a.policy === 'timestamp') return { kind: 'timestamp' };
  const order = a.precedence.map((p) => {
    const k = names.indexOf(p);
    if (k < 0) throw new UsageError(`--precedence names "${p}", which is not a --from folder (${names.join(', ')})`);
    return k;
  });
  return { kind: 'dataset-precedence', order };
}

function guardrailText(report: GuardrailReport): string {
  const lines = ['Guardrails (AEP Identity Service):'];
  for (const c of report.checks) {
    lines.push(`  ${c.count ? '!' : '✓'} ${c.title}: ${n(c.count)} ${c.unit}${c.count ? ` (${c.effect})` : ''}`);
    for (const e of c.examples.slice(0, 5)) {
      const where = e.at ? `${e.at.file} line ${e.at.line}: ` : '';
      const who = e.namespace ? `${e.namespace}:${e.id ?? ''} ` : '';
      lines.push(`      ${where}${who}${e.code ? `[${e.code}] ` : ''}${e.detail}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
const src = (s: { dataset: string; record: number }) => `${s.dataset} record ${s.record}`;

function profileText(v: ProfileView, lookup: { namespace: string; id: string }, changes: ReturnType<typeof policyDifferences>, other: string): string {
  const policy = v.mergePolicy.kind === 'timestamp' ? 'timestamp ordered (later ingestion wins)' : `dataset precedence (${v.mergePolicy.order!.join(' > ')})`;
  const out = [`Profile of ${lookup.namespace}:${lookup.id} — merge policy ${policy}`, '', `Identities (${v.identities.length}):`];
  const w = Math.max(...v.identities.map((i) => i.namespace.length));
  for (const i of v.identities)
    out.push(`  ${i.namespace.padEnd(w)}  ${i.id}  from ${i.from.map((f) => `${src(f)}${f.primary ? ' (primary)' : ''}`).join('; ')}`);
  out.push('', `Attributes (${Object.keys(v.attributes).length}):`);
  const pw = Math.max(...Object.keys(v.attributes).map((p) => p.length));
  for (const [path, a] of Object.entries(v.attributes))
    out.push(
      `  ${path.padEnd(pw)}  ${show(a.value)}  ← ${src(a.from)}${a.beat.length ? `  beat ${a.beat.map((b) => `${show(b.value)} (${src(b.from)})`).join(', ')}` : ''}`,
    );
  out.push('', `Fragments (${v.fragments.length}):`);
  for (const f of v.fragments) out.push(`  ${src(f)}  ${f.file} line ${f.line}  primary ${f.primaryIdentity.namespace}:${f.primaryIdentity.id}`);
  out.push('', changes.length ? `Under ${other} instead:` : `Under ${other} nothing would change.`);
  for (const c of changes) out.push(`  ${c.path}: ${show(c.b.value)} (${src(c.b.from)}) instead of ${show(c.a.value)}`);
  return `${out.join('\n')}\n`;
}

function summaryText(g: IdentityGraph, sources: DatasetSource[]): string {
  const s = g.summary;
  return [
    `${n(s.records)} records in ${sources.length} dataset(s) (${sources.map((x) => x.name).join(', ')}), ${n(s.identities)} distinct identities`,
    `  profiles:          ${n(s.profiles)} (one per identity graph)`,
    `  linked graphs:     ${n(s.linkedGraphs)} (graphs joining two or more records)`,
    `  unlinked records:  ${n(s.unlinkedRecords)} (records alone in their graph)`,
    `  skipped records:   ${n(s.skippedRecords)} (refused by a guardrail, unreadable, or without identities)`,
    `  largest graph:     ${n(s.largestGraph)} identities`,
    '',
  ].join('\n');
}

/** `xdm-mapper profiles`: identity graph, guardrails and merged profiles of apply output folders. */
export async function profilesCommand(argv: string[], io: Io): Promise<number> {
  const a = parse(argv);
  if (a === 'help') {
    io.out(PROFILES_HELP);
    return 0;
  }
  const { sources, bytes, warnings } = await loadFolders(a);
  for (const w of warnings) io.err(`warning: ${w}\n`);
  const names = sources.map((s) => s.name);
  const policy = policyOf(a, names);
  const started = Date.now();
  const graph = await buildIdentityGraph(sources, { uniqueNamespaces: a.unique ?? primaryNamespaces(sources) });
  io.err(`identity graph of ${n(graph.summary.records)} records (${(bytes / 1e6).toFixed(1)} MB) built in ${((Date.now() - started) / 1000).toFixed(2)} s\n`);
  if (a.report) {
    const written = await writeProfilesReport(a.report, sources, graph, policy, bytes);
    io.err(`wrote ${n(written)} profiles to ${join(a.report, 'profiles.jsonl')} and the checks to ${join(a.report, 'guardrails.json')}\n`);
  }
  let view: ProfileView | null = null;
  let changes: ReturnType<typeof policyDifferences> = [];
  let found = true;
  // The policy to compare with: the other kind; for timestamp order, the folders' own order as precedence (first wins).
  const other: MergePolicy = policy.kind === 'timestamp' ? { kind: 'dataset-precedence', order: [...names.keys()] } : { kind: 'timestamp' };
  const otherName = other.kind === 'timestamp' ? 'timestamp order' : `dataset precedence ${names.join(' > ')}`;
  if (a.lookup) {
    const root = rootOf(graph, a.lookup.namespace, a.lookup.id);
    found = root >= 0;
    if (found) {
      const fragments = await graphFragments(sources, graph, root);
      view = profileView(names, fragments, policy);
      changes = policyDifferences(names, fragments, policy, other);
      if (!fragments.length) io.err(`note: the graph holds ${graphMembers(graph, root).length} identities but no record that AEP would take\n`);
    } else
      io.err(
        `no record carries ${a.lookup.namespace}:${a.lookup.id}${graph.builder.table.namespaceNames.includes(a.lookup.namespace) ? '' : ` (namespaces seen: ${graph.builder.table.namespaceNames.join(', ') || 'none'})`}\n`,
      );
  }
  if (a.json) {
    const out = {
      ...(a.lookup ? (view ?? { profile: null, identities: [], fragments: [], attributes: {} }) : {}),
      ...(a.lookup ? { lookup: a.lookup, otherPolicy: { kind: other.kind, changes } } : {}),
      summary: graph.summary,
      guardrails: graph.guardrails,
      datasets: names,
    };
    io.out(`${JSON.stringify(out)}\n`);
  } else {
    io.out(summaryText(graph, sources));
    io.out(guardrailText(graph.guardrails));
    if (view && a.lookup) io.out(`\n${profileText(view, a.lookup, changes, otherName)}`);
  }
  return found ? 0 : 1;
}
