import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { APPLY_OPTIONS, type ApplyOptions, applyOptionsFrom } from '../applyOptions';
import { type Io, UsageError } from '../io';
import { type CommandSpec, flag, helpOf, parseCommand, text } from '../options';
import { REMOTE_WATCH_HELP, REMOTE_WATCH_OPTIONS, remoteWatch } from '../sources/remoteWatch';
import { AepClient, type ClientOptions } from './aepClient';
import { AEP_OPTIONS, aepConfig, duration, UPLOAD_OPTIONS } from './command';
import { ingestFolder } from './ingest';
import { mapForIngest } from './mapForIngest';
import { Redactor } from './secrets';
import { type SourceKey, sameSource } from './state';
import { LocalFolder, type WatchedFolder } from './watchFolder';
import { lockWatch } from './watchLock';

const WATCH_OPTIONS = {
  ...APPLY_OPTIONS,
  dataset: text('ID', 'send each mapped file to this dataset (like ingest); without it, files are only mapped'),
  every: text('DURATION', 'time between scans (default 15m; 30s, 10m, 2h)', duration, { default: 900 }),
  settle: text('DURATION', 'how long a file must stay unchanged to count as written (default 30s)', duration, { default: 30 }),
  once: flag('process what is ready now, then exit (for cron and CI)'),
  ...REMOTE_WATCH_OPTIONS,
  ...UPLOAD_OPTIONS,
  ...AEP_OPTIONS,
};

export const WATCH: CommandSpec<typeof WATCH_OPTIONS> = {
  name: 'watch',
  usage: 'watch DIR|s3://…|sftp://…|azure://… --mapping M.json --schema S.json [--dataset ID] [--out DIR] [options]',
  about: `Watches a folder for CSV exports. Each new CSV is taken once it is completely written (its
size and time unchanged for --settle), mapped like apply, sent to the dataset when --dataset is
given (like ingest), then moved with its outputs and manifest to DIR/done/ or DIR/failed/.
Progress is kept in DIR/.xdm-mapper/watch.json, so a restart never processes a file twice; an
upload cut short is continued in the same batch on the next pass. One watcher works on a folder
at a time (DIR/.xdm-mapper/lock); a file is mapped from a copy and sent only if it did not change
meanwhile; the same data under another name is not sent again. The mapping options are
apply's, the upload options and AEP_* credentials ingest's.

${REMOTE_WATCH_HELP}`,
  options: WATCH_OPTIONS,
};

export const WATCH_HELP = helpOf(WATCH);

interface WatchEntry {
  size: number;
  mtimeMs: number;
  /** The file's identity when it was taken (it survives a rename). */
  identity?: string;
  status: 'processing' | 'done' | 'failed';
  work: string;
  updated: string;
  note?: string;
  /** What was sent for it: the same data appearing again (a copy, a rename) is not sent twice. */
  source?: SourceKey;
  batchId?: string | null;
}

interface WatchState {
  version: 1;
  files: Record<string, WatchEntry>;
}

export interface WatchOptions {
  /** The folder watched; a local one by default. */
  folder: WatchedFolder;
  /** Where the watcher keeps its state, lock and work files (DIR/.xdm-mapper for a local folder). */
  stateDir: string;
  /** How each file is mapped; its input and output are set per file. */
  apply: Omit<ApplyOptions, 'input' | 'out'>;
  dataset?: string;
  settleMs: number;
  upload: { chunkSize: number; largeFile: number; pollMs: number; timeoutMs: number };
  client: AepClient | null;
  io: Io;
  now?: () => number;
}

async function loadState(path: string): Promise<WatchState> {
  if (!existsSync(path)) return { version: 1, files: Object.create(null) };
  const s = JSON.parse(await readFile(path, 'utf8')) as WatchState;
  s.files = Object.assign(Object.create(null), s.files);
  return s;
}

async function saveState(path: string, state: WatchState): Promise<void> {
  await writeFile(`${path}.partial`, `${JSON.stringify(state, null, 2)}\n`);
  await rename(`${path}.partial`, path);
}

const sameFile = (a: { size: number; mtimeMs: number }, b: { size: number; mtimeMs: number }) => a.size === b.size && a.mtimeMs === b.mtimeMs;

/**
 * One pass over the folder: every CSV that is completely written is processed, under the
 * folder's lock (a second watcher on the same folder skips the pass). Returns how many.
 */
export async function watchOnce(o: WatchOptions): Promise<{ processed: number; waiting: number; locked?: string }> {
  await mkdir(o.stateDir, { recursive: true });
  const lock = await lockWatch(o.stateDir);
  if (!lock.ok) return { processed: 0, waiting: 0, locked: lock.holder };
  try {
    return await pass(o);
  } finally {
    await lock.lock.release();
  }
}

async function pass(o: WatchOptions): Promise<{ processed: number; waiting: number }> {
  const now = o.now ?? Date.now;
  const statePath = join(o.stateDir, 'watch.json');
  const state = await loadState(statePath);
  const say = (l: string) => o.io.err(`${new Date(now()).toISOString()} ${l}\n`);
  const record = async (name: string, entry: Omit<WatchEntry, 'updated'>) => {
    state.files[name] = { ...entry, updated: new Date(now()).toISOString() };
    await saveState(statePath, state);
  };
  let processed = 0;
  let waiting = 0;
  for (const name of await o.folder.list()) {
    const st = await o.folder.stat(name);
    if (!st) continue;
    if ('problem' in st) {
      say(`${name}: skipped: it ${st.problem}`);
      continue;
    }
    const known = Object.hasOwn(state.files, name) ? state.files[name] : undefined;
    // A file seen done or failed before, with the same size and time, was moved back by hand: leave it.
    if (known && known.status !== 'processing' && sameFile(known, st)) continue;
    if (now() - st.mtimeMs < o.settleMs) {
      waiting++;
      continue;
    }
    const resumed = known?.status === 'processing' && sameFile(known, st);
    const work = resumed
      ? known.work
      : join(o.stateDir, 'work', `${basename(name, extname(name)).replace(/[^\p{L}\p{N}._-]+/gu, '_')}-${Math.round(st.mtimeMs)}`);
    await record(name, { size: st.size, mtimeMs: st.mtimeMs, identity: st.identity, status: 'processing', work });
    say(`${name}: mapping (${st.size} bytes)`);
    // The bytes mapped are a copy taken now: a rename or a rewrite of the file cannot change them.
    await mkdir(work, { recursive: true });
    const copy = join(work, `input${extname(name)}`);
    try {
      await o.folder.read(name, copy);
    } catch (e) {
      // Replaced while read, or the connection broke: nothing was taken; it is read again on a later pass.
      await rm(work, { recursive: true, force: true });
      delete state.files[name];
      await saveState(statePath, state);
      say(`${name}: not read: ${(e as Error).message}`);
      waiting++;
      continue;
    }
    const out = join(work, 'out');
    const taken = st;
    const copied = await stat(copy);
    // Asked after mapping and before sending: a writer that paused longer than --settle and
    // wrote again must not have part of its file sent as if it were all.
    const unchanged = async () => {
      const now = await o.folder.stat((await currentName(o.folder, name, st.identity)) ?? name);
      return copied.size === st.size && (now === null || 'problem' in now || sameFile(now, taken));
    };
    const outcome: Processed = (await unchanged())
      ? await processFile(o, name, copy, out, state, say, unchanged)
      : { kind: 'done', note: 'grew while it was copied', sent: false, source: null, batchId: null };
    // The name it has now: renamed while it was processed, it is found by its identity.
    const current = await currentName(o.folder, name, st.identity);
    const after = current ? await o.folder.stat(current) : null;
    const changed = copied.size !== st.size || (after !== null && !('problem' in after) && !sameFile(after, taken));
    if (outcome.kind === 'retry') {
      await record(name, { ...state.files[name]!, note: outcome.note });
      say(`${name}: ${outcome.note}`);
      continue;
    }
    if (changed && !outcome.sent) {
      // Written to again after it looked finished: nothing was sent; it is taken again once it settles.
      await rm(work, { recursive: true, force: true });
      delete state.files[name];
      await saveState(statePath, state);
      say(
        `${name}: changed while it was being mapped (its writer paused longer than --settle); nothing was sent, it is processed again once it stops changing`,
      );
      waiting++;
      continue;
    }
    let target = outcome.kind;
    let note = outcome.note;
    if (changed) {
      target = 'failed';
      note = `${note}, but it changed while it was being sent: only its first ${taken.size} bytes were sent (kept as sent-input${extname(name)} with the outputs); the rows after them were not`;
      await rename(copy, join(out, `sent-input${extname(name)}`)).catch(() => {});
    }
    const entry: WatchEntry = { ...state.files[name]!, status: target, note, source: outcome.source ?? undefined, batchId: outcome.batchId };
    if (current) {
      const moved = await o.folder.move(current, target).catch(async (e: Error) => {
        // Processed, but it cannot be moved (replaced meanwhile, or the server refused): it stays.
        note = `${note}; it could not be moved (${e.message})`;
        return current;
      });
      await o.folder.keepOutputs(out, target, moved);
      if (current !== name) {
        note = `${note} (renamed to ${current} while it was processed)`;
        await record(current, { ...entry, note, ...(after && !('problem' in after) ? { size: after.size, mtimeMs: after.mtimeMs } : {}) });
      }
    } else {
      note = `${note} (the file was removed while it was processed)`;
      await o.folder.keepOutputs(out, target, name);
    }
    await record(name, { ...entry, note });
    await rm(work, { recursive: true, force: true });
    say(`${name}: ${note}; moved to ${target}/`);
    processed++;
  }
  return { processed, waiting };
}

/** Where a file is now: its own name if it is still the same file, else the name that has its identity. */
async function currentName(folder: WatchedFolder, name: string, identity: string): Promise<string | null> {
  const st = await folder.stat(name);
  if (st && !('problem' in st) && st.identity === identity) return name;
  for (const other of await folder.list()) {
    const o = await folder.stat(other);
    if (o && !('problem' in o) && o.identity === identity) return other;
  }
  return null;
}

type Processed = { kind: 'done' | 'failed' | 'retry'; note: string; sent: boolean; source: SourceKey | null; batchId: string | null };

/** Maps one file's copy (or finds it mapped already) and sends it when a dataset is given. */
async function processFile(
  o: WatchOptions,
  name: string,
  copy: string,
  out: string,
  state: WatchState,
  say: (l: string) => void,
  unchanged: () => Promise<boolean>,
): Promise<Processed> {
  const mapped = await mapForIngest({ ...o.apply, input: copy, out }, o.io).catch((e: Error) => {
    say(`${name}: ${e.message}`);
    return { code: 2 as const, source: null, reused: false };
  });
  if (mapped.code !== 0) return { kind: 'failed', note: `apply exited ${mapped.code}`, sent: false, source: null, batchId: null };
  if (!(await unchanged())) return { kind: 'done', note: 'changed while it was mapped', sent: false, source: mapped.source, batchId: null };
  if (!o.dataset || !o.client) return { kind: 'done', note: 'mapped', sent: false, source: mapped.source, batchId: null };
  // The same data, mapped the same way, sent before under another name (a copy, a rename): not again.
  const twin = Object.entries(state.files).find(([n, e]) => n !== name && e.status === 'done' && e.batchId && e.source && sameSource(e.source, mapped.source));
  if (twin)
    return {
      kind: 'done',
      note: `same data as ${twin[0]}, already ingested in batch ${twin[1].batchId}; not sent again`,
      sent: false,
      source: mapped.source,
      batchId: twin[1].batchId ?? null,
    };
  const r = await ingestFolder({
    dir: out,
    datasetId: o.dataset,
    maxErrors: o.apply.maxErrors,
    client: o.client,
    ...o.upload,
    dryRun: false,
    say: (l) => say(`${name}: ${l}`),
    source: mapped.source,
  }).catch((e: Error) => {
    say(`${name}: ${e.message}`);
    return { code: 4 as const, batchId: null, outcome: null };
  });
  if (r.code === 0) return { kind: 'done', note: `ingested in batch ${r.batchId}`, sent: true, source: mapped.source, batchId: r.batchId };
  if (r.code === 4 || r.code === 5)
    return { kind: 'retry', note: 'sending was cut short; continuing on the next pass', sent: true, source: mapped.source, batchId: r.batchId };
  return { kind: 'failed', note: `batch ${r.batchId} failed`, sent: true, source: mapped.source, batchId: r.batchId };
}

export async function watchCommand(argv: string[], rawIo: Io, env: NodeJS.ProcessEnv = process.env, clientOptions: ClientOptions = {}): Promise<number> {
  const redactor = clientOptions.redactor ?? new Redactor([env.AEP_CLIENT_SECRET]);
  try {
    return await watch(argv, redactor.io(rawIo), env, { ...clientOptions, redactor });
  } catch (e) {
    throw redactor.error(e);
  }
}

async function watch(argv: string[], io: Io, env: NodeJS.ProcessEnv, clientOptions: ClientOptions): Promise<number> {
  const { values, positionals, help } = parseCommand(WATCH, argv);
  if (help) {
    io.out(WATCH_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('watch needs exactly one folder');
  const dir = positionals[0]!;
  const { input: _input, out: _out, ...apply } = applyOptionsFrom('watch', values, '', '');
  const remote = await remoteWatch(dir, values, env, clientOptions.redactor, io);
  if (!remote && values.out) throw new UsageError('--out is for remote folders; a local folder keeps its outputs in DIR/done/ and DIR/failed/');
  if (!remote && !existsSync(dir)) throw new UsageError(`folder "${dir}" does not exist`);
  const client = values.dataset ? new AepClient(aepConfig(env, values, true), { log: (l) => io.err(`  ${l}\n`), ...clientOptions }) : null;
  const options: WatchOptions = {
    folder: remote?.folder ?? new LocalFolder(dir),
    stateDir: remote?.stateDir ?? join(dir, '.xdm-mapper'),
    apply,
    dataset: values.dataset,
    settleMs: values.settle * 1000,
    upload: { chunkSize: values['chunk-size'], largeFile: values['large-file'], pollMs: values.poll * 1000, timeoutMs: values.timeout * 1000 },
    client,
    io,
  };
  try {
    return await loop(options, dir, values.once, values.every * 1000, io);
  } finally {
    await remote?.folder.close();
  }
}

async function loop(options: WatchOptions, dir: string, once: boolean, everyMs: number, io: Io): Promise<number> {
  if (once) {
    const r = await watchOnce(options);
    if (r.locked) io.err(`Another watcher is processing ${dir} (${r.locked}): nothing done.\n`);
    else io.err(`${r.processed} file(s) processed, ${r.waiting} still being written\n`);
    return 0;
  }
  let stop = false;
  const onSignal = () => {
    stop = true;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  io.err(`Watching ${dir} every ${everyMs / 1000} s (Ctrl-C stops after the current file)\n`);
  while (!stop) {
    // A pass that fails (the server or the network is down) is tried again at the next scan.
    const r = await watchOnce(options).catch((e: Error) => {
      io.err(`${new Date().toISOString()} this pass stopped: ${e.message}; trying again in ${everyMs / 1000} s\n`);
      return { processed: 0, waiting: 0, locked: undefined };
    });
    if (r.locked) io.err(`Another watcher is processing ${dir} (${r.locked}); trying again in ${everyMs / 1000} s.\n`);
    for (let waited = 0; waited < everyMs && !stop; waited += 250) await new Promise((r) => setTimeout(r, 250));
  }
  return 0;
}
