import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IdentityGraph } from '../core/identity/analyse';
import { identitiesOf } from '../core/identity/extract';
import type { Fragment, MergePolicy } from '../core/identity/identity.types';
import { acceptedIdentities, type DatasetSource, recordRoot, scanRecords } from '../core/identity/pipeline';
import { profileView } from '../core/identity/profileView';

/** Bytes of records per bucket: one bucket is grouped and merged in memory at a time. */
const BUCKET_BYTES = 8 * 1024 * 1024;

const write = (s: WriteStream, text: string) => (s.write(text) ? Promise.resolve() : new Promise<void>((r) => s.once('drain', () => r())));
const close = (s: WriteStream) => new Promise<void>((r, j) => s.end((e?: Error | null) => (e ? j(e) : r())));

/**
 * Writes every profile as one JSON line (`DIR/profiles.jsonl`) and the checks (`DIR/guardrails.json`).
 * Pass two sends each record to a bucket file chosen by its graph, so that a graph's fragments
 * are all in one bucket; each bucket is then merged alone. Memory is one bucket, whatever the size.
 */
export async function writeProfilesReport(dir: string, sources: DatasetSource[], g: IdentityGraph, policy: MergePolicy, totalBytes: number): Promise<number> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'guardrails.json'), `${JSON.stringify({ summary: g.summary, ...g.guardrails }, null, 2)}\n`);
  const names = sources.map((s) => s.name);
  const count = Math.max(1, Math.ceil(totalBytes / BUCKET_BYTES));
  const tmp = join(dir, '.profile-buckets');
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp);
  const buckets = Array.from({ length: count }, (_, k) => createWriteStream(join(tmp, `${k}.tsv`)));
  const held: string[][] = buckets.map(() => []);
  // After each piece of input the held lines are written, and reading waits while a bucket's
  // buffer is full: memory stays at a few pieces, however fast the records come.
  const flush = async () => {
    for (let k = 0; k < count; k++)
      if (held[k]!.length) {
        buckets[k]!.write(held[k]!.join(''));
        held[k] = [];
      }
    await Promise.all(buckets.filter((b) => b.writableNeedDrain).map((b) => new Promise<void>((r) => b.once('drain', () => r()))));
  };
  const paced = sources.map((src) => ({
    ...src,
    files: src.files.map((f) => ({
      name: f.name,
      chunks: async function* () {
        for await (const chunk of f.chunks()) {
          yield chunk;
          await flush();
        }
      },
    })),
  }));
  await scanRecords(paced, (ref, record) => {
    if (!record) return;
    const ids = acceptedIdentities(identitiesOf(record, sources[ref.dataset]!.spec));
    if (!ids) return;
    const root = recordRoot(g, ids);
    if (root < 0) return;
    held[root % count]!.push(`${root}\t${ref.dataset}\t${ref.record}\t${ref.line}\t${ref.file}\t${JSON.stringify(record)}\n`);
  });
  await flush();
  await Promise.all(buckets.map(close));
  const out = createWriteStream(join(dir, 'profiles.jsonl'));
  let profiles = 0;
  for (let k = 0; k < count; k++) {
    const text = await readFile(join(tmp, `${k}.tsv`), 'utf8');
    const graphs = new Map<number, Fragment[]>();
    for (const line of text.split('\n')) {
      if (!line) continue;
      const parts = line.split('\t', 5);
      const head = parts.reduce((n, p) => n + p.length + 1, 0);
      const record = JSON.parse(line.slice(head)) as Record<string, unknown>;
      const ref = { dataset: Number(parts[1]), record: Number(parts[2]), line: Number(parts[3]), file: parts[4]! };
      const f: Fragment = { ref, record, identities: acceptedIdentities(identitiesOf(record, sources[ref.dataset]!.spec))! };
      const root = Number(parts[0]);
      graphs.get(root)?.push(f) ?? graphs.set(root, [f]);
    }
    for (const fragments of graphs.values()) {
      const v = profileView(names, fragments, policy);
      const fragmentsOut = v.fragments.map(({ data: _data, ...rest }) => rest);
      await write(out, `${JSON.stringify({ profile: v.profile, identities: v.identities, attributes: v.attributes, fragments: fragmentsOut })}\n`);
      profiles++;
    }
  }
  await close(out);
  await rm(tmp, { recursive: true, force: true });
  return profiles;
}
