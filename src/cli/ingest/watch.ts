import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { type Io, UsageError } from '../io';
import { type CommandSpec, flag, helpOf, parseCommand, text } from '../options';
import { APPLY_OPTIONS, type ApplyOptions, applyOptionsFrom, runApply } from '../runApply';
import { AepClient, type ClientOptions } from './aepClient';
import { AEP_OPTIONS, aepConfig, duration, UPLOAD_OPTIONS } from './command';
import { ingestFolder } from './ingest';

const WATCH_OPTIONS = {
  ...APPLY_OPTIONS,
  dataset: text('ID', 'send each mapped file to this dataset (like ingest); without it, files are only mapped'),
  every: text('DURATION', 'time between scans (default 15m; 30s, 10m, 2h)', duration, { default: 900 }),
  settle: text('DURATION', 'how long a file must stay unchanged to count as written (default 30s)', duration, { default: 30 }),
  once: flag('process what is ready now, then exit (for cron and CI)'),
  ...UPLOAD_OPTIONS,
  ...AEP_OPTIONS,
};

export const WATCH: CommandSpec<typeof WATCH_OPTIONS> = {
  name: 'watch',
  usage: 'watch DIR --mapping M.json --schema S.json [--dataset ID] [options]',
  about: `Watches a folder for CSV exports. Each new CSV is taken once it is completely written (its
size and time unchanged for --settle), mapped like apply, sent to the dataset when --dataset is
given (like ingest), then moved with its outputs and manifest to DIR/done/ or DIR/failed/.
Progress is kept in DIR/.xdm-mapper/watch.json, so a restart never processes a file twice; an
upload cut short is continued in the same batch on the next pass. The mapping options are
apply's, the upload options and AEP_* credentials ingest's.`,
  options: WATCH_OPTIONS,
};

export const WATCH_HELP = helpOf(WATCH);

interface WatchEntry {
  size: number;
  mtimeMs: number;
  status: 'processing' | 'done' | 'failed';
  work: string;
  updated: string;
  note?: string;
}

interface WatchState {
  version: 1;
  files: Record<string, WatchEntry>;
}

export interface WatchOptions {
  dir: string;
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
  if (!existsSync(path)) return { version: 1, files: {} };
  return JSON.parse(await readFile(path, 'utf8')) as WatchState;
}

async function saveState(path: string, state: WatchState): Promise<void> {
  await writeFile(`${path}.partial`, `${JSON.stringify(state, null, 2)}\n`);
  await rename(`${path}.partial`, path);
}

/** A free name in a folder: `name`, else `name (2)`, `name (3)`… */
async function freeName(dir: string, name: string): Promise<string> {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let candidate = name;
  for (let k = 2; existsSync(join(dir, candidate)); k++) candidate = `${stem} (${k})${ext}`;
  return candidate;
}

/** One pass over the folder: every CSV that is completely written is processed. Returns how many. */
export async function watchOnce(o: WatchOptions): Promise<{ processed: number; waiting: number }> {
  const now = o.now ?? Date.now;
  const meta = join(o.dir, '.xdm-mapper');
  await mkdir(meta, { recursive: true });
  const statePath = join(meta, 'watch.json');
  const state = await loadState(statePath);
  const say = (l: string) => o.io.err(`${new Date(now()).toISOString()} ${l}\n`);
  let processed = 0;
  let waiting = 0;
  const names = (await readdir(o.dir, { withFileTypes: true }))
    .filter((d) => d.isFile() && /\.(csv|tsv|txt)$/i.test(d.name) && !d.name.startsWith('.'))
    .map((d) => d.name);
  for (const name of names.sort()) {
    const path = join(o.dir, name);
    const st = await stat(path).catch(() => null);
    if (!st) continue;
    const known = state.files[name];
    // A file seen done or failed before, with the same size and time, was moved back by hand: leave it.
    if (known && known.status !== 'processing' && known.size === st.size && known.mtimeMs === st.mtimeMs) continue;
    if (now() - st.mtimeMs < o.settleMs) {
      waiting++;
      continue;
    }
    const work =
      known?.status === 'processing' && known.size === st.size && known.mtimeMs === st.mtimeMs
        ? known.work
        : join(meta, 'work', `${basename(name, extname(name))}-${Math.round(st.mtimeMs)}`);
    state.files[name] = { size: st.size, mtimeMs: st.mtimeMs, status: 'processing', work, updated: new Date(now()).toISOString() };
    await saveState(statePath, state);
    say(`${name}: mapping (${st.size} bytes)`);
    const applied = await runApply({ ...o.apply, input: path, out: work }, o.io).then(
      (r) => r.code,
      (e: Error) => {
        say(`${name}: ${e.message}`);
        return 2;
      },
    );
    let outcome: 'done' | 'failed' | 'retry' = applied === 0 ? 'done' : 'failed';
    let note = applied === 0 ? 'mapped' : `apply exited ${applied}`;
    if (applied === 0 && o.dataset && o.client) {
      const r = await ingestFolder({
        dir: work,
        datasetId: o.dataset,
        maxErrors: o.apply.maxErrors,
        client: o.client,
        ...o.upload,
        dryRun: false,
        say: (l) => say(`${name}: ${l}`),
      });
      if (r.code === 0) note = `ingested in batch ${r.batchId}`;
      else if (r.code === 4 || r.code === 5) {
        outcome = 'retry';
        note = 'sending was cut short; continuing on the next pass';
      } else {
        outcome = 'failed';
        note = `batch ${r.batchId} failed`;
      }
    }
    if (outcome === 'retry') {
      state.files[name] = { ...state.files[name]!, note, updated: new Date(now()).toISOString() };
      await saveState(statePath, state);
      say(`${name}: ${note}`);
      continue;
    }
    const target = join(o.dir, outcome);
    await mkdir(target, { recursive: true });
    const csvName = await freeName(target, name);
    await rename(path, join(target, csvName));
    if (existsSync(work)) await rename(work, join(target, await freeName(target, `${csvName}.xdm`)));
    state.files[name] = { ...state.files[name]!, status: outcome, note, updated: new Date(now()).toISOString() };
    await saveState(statePath, state);
    say(`${name}: ${note}; moved to ${outcome}/`);
    processed++;
  }
  return { processed, waiting };
}

export async function watchCommand(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env, clientOptions: ClientOptions = {}): Promise<number> {
  const { values, positionals, help } = parseCommand(WATCH, argv);
  if (help) {
    io.out(WATCH_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('watch needs exactly one folder');
  const dir = positionals[0]!;
  const { input: _input, out: _out, ...apply } = applyOptionsFrom('watch', values, '', '');
  if (!existsSync(dir)) throw new UsageError(`folder "${dir}" does not exist`);
  const client = values.dataset ? new AepClient(aepConfig(env, values, true), { log: (l) => io.err(`  ${l}\n`), ...clientOptions }) : null;
  const options: WatchOptions = {
    dir,
    apply,
    dataset: values.dataset,
    settleMs: values.settle * 1000,
    upload: { chunkSize: values['chunk-size'], largeFile: values['large-file'], pollMs: values.poll * 1000, timeoutMs: values.timeout * 1000 },
    client,
    io,
  };
  if (values.once) {
    const r = await watchOnce(options);
    io.err(`${r.processed} file(s) processed, ${r.waiting} still being written\n`);
    return 0;
  }
  const everyMs = values.every * 1000;
  let stop = false;
  const onSignal = () => {
    stop = true;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  io.err(`Watching ${dir} every ${everyMs / 1000} s (Ctrl-C stops after the current file)\n`);
  while (!stop) {
    await watchOnce(options);
    for (let waited = 0; waited < everyMs && !stop; waited += 250) await new Promise((r) => setTimeout(r, 250));
  }
  return 0;
}
