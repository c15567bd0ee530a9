import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { platformClient } from '../aep/connect';
import { PLATFORM_OPTIONS } from '../aep/options';
import { PATHS, requestJson } from '../aep/platform';
import { type AepClient, AepError, type ClientOptions } from '../ingest/aepClient';
import { type Io, UsageError } from '../io';
import { type CommandSpec, helpOf, JSON_OPTION, parseCommand, printSummary, text, wholeNumber } from '../options';

const RUNS_OPTIONS = {
  flow: text('ID', 'the dataflow (deploy prints its id and keeps it in M.deploy.json)'),
  limit: text('N', 'most recent runs shown (default 10)', wholeNumber(1), { default: 10 }),
  out: text('DIR', "save failed records' diagnostics here (one folder per run)"),
  ...PLATFORM_OPTIONS,
  ...JSON_OPTION,
};

export const RUNS: CommandSpec<typeof RUNS_OPTIONS> = {
  name: 'runs',
  usage: 'runs --flow ID [--limit N] [--out DIR]',
  about: `Lists a dataflow's runs, newest first, as AEP's monitoring shows them (GET /runs?property=flowId==ID&orderby=-createdAt):
when each ran, its status, records read, ingested and failed, and its errors. For a run with
failed records, AEP's error diagnostics (the failed rows and why) are fetched: the first few are
printed, and all are saved under --out DIR/RUN_ID/.`,
  options: RUNS_OPTIONS,
  footer: 'Exit status: 0 listed (whatever the runs did); 2 bad arguments or missing credentials; 4 AEP refused or could not be reached.\n',
};

export const RUNS_HELP = helpOf(RUNS);

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** One run, read from Flow Service's answer (the shape of the Sources monitoring tutorial). */
export interface RunSummary {
  id: string;
  startedAt: string | null;
  completedAt: string | null;
  status: string;
  inputRecords?: number;
  outputRecords?: number;
  failedRecords?: number;
  errors: { code: string; message: string; recordCount?: number }[];
  /** Batches the run wrote (their error diagnostics hold the failed records). */
  batches: string[];
}

export function summariseRun(run: unknown): RunSummary {
  const r = obj(run);
  const metrics = obj(r.metrics);
  const records = obj(metrics.recordSummary);
  const duration = obj(metrics.durationSummary);
  const activities = Array.isArray(r.activities) ? r.activities.map(obj) : [];
  const errorLists = [
    obj(metrics.statusSummary).errors,
    ...activities.flatMap((a) => [obj(a.statusSummary).errors, obj(obj(a.statusSummary).extensions).errors]),
  ];
  const seen = new Set<string>();
  const errors: RunSummary['errors'] = [];
  for (const list of errorLists)
    for (const e of Array.isArray(list) ? list.map(obj) : []) {
      const key = `${e.code}|${e.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      errors.push({
        code: String(e.code ?? ''),
        message: String(e.message ?? ''),
        ...(num(e.recordCount) !== undefined ? { recordCount: num(e.recordCount) } : {}),
      });
    }
  const batches = activities.flatMap((a) =>
    (Array.isArray(a.targetInfo) ? a.targetInfo.map(obj) : []).flatMap((t) =>
      obj(t.reference).type === 'Batch' && Array.isArray(obj(t.reference).ids) ? (obj(t.reference).ids as unknown[]).map(String) : [],
    ),
  );
  const at = (v: unknown) => (typeof v === 'number' ? new Date(v).toISOString() : null);
  return {
    id: String(r.id ?? ''),
    startedAt: at(duration.startedAtUTC),
    completedAt: at(duration.completedAtUTC),
    status: String(obj(metrics.statusSummary).status ?? 'unknown'),
    inputRecords: num(records.inputRecordCount),
    outputRecords: num(records.outputRecordCount),
    failedRecords: num(records.failedRecordCount),
    errors,
    batches: [...new Set(batches)],
  };
}

/** A batch's failed records, from its error diagnostics (`/export/batches/{id}/meta?path=row_errors`). */
async function failedRecords(client: AepClient, batch: string): Promise<{ name: string; text: string }[]> {
  const base = `${PATHS.export}/batches/${encodeURIComponent(batch)}/meta`;
  const list = await requestJson<{ data?: { name?: string }[] }>(client, 'GET', `${base}?path=row_errors`);
  const out: { name: string; text: string }[] = [];
  for (const f of list.data ?? []) {
    if (typeof f.name !== 'string') continue;
    out.push({ name: f.name, text: (await client.request('GET', `${base}?path=${encodeURIComponent(f.name)}`)).text });
  }
  return out;
}

export async function runsCommand(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env, clientOptions: ClientOptions = {}): Promise<number> {
  const { values, positionals, help } = parseCommand(RUNS, argv);
  if (help) {
    io.out(RUNS_HELP);
    return 0;
  }
  if (!values.flow || positionals.length) throw new UsageError('runs needs --flow ID (and no file names)');
  const client = platformClient(io, env, values, clientOptions);
  try {
    const answer = await requestJson<{ items?: unknown[] }>(
      client,
      'GET',
      // Flow Service sorts runs when asked (its sort-and-filter guide): the first page then holds the newest.
      `${PATHS.flowService}/runs?property=${encodeURIComponent(`flowId==${values.flow}`)}&orderby=-createdAt`,
    );
    const runs = (answer.items ?? [])
      .map(summariseRun)
      .sort((a, b) => String(b.startedAt).localeCompare(String(a.startedAt)))
      .slice(0, values.limit);
    const failed: Record<string, { file: string; records: number }[]> = Object.create(null);
    if (!runs.length) io.err(`Dataflow ${values.flow} has no runs yet (the first starts at its schedule's start time).\n`);
    for (const r of runs) {
      const counts = [
        r.inputRecords !== undefined ? `${r.inputRecords} records read` : '',
        r.outputRecords !== undefined ? `${r.outputRecords} ingested` : '',
        r.failedRecords ? `${r.failedRecords} failed` : '',
      ].filter(Boolean);
      io.err(`${r.startedAt ?? '(not started)'}  ${r.status}  ${counts.join(', ')}  run ${r.id}\n`);
      for (const e of r.errors) io.err(`    ${e.code}: ${e.message}${e.recordCount ? ` (${e.recordCount} records)` : ''}\n`);
      if (!r.failedRecords) continue;
      for (const batch of r.batches) {
        const files = await failedRecords(client, batch).catch((e: Error) => {
          io.err(`    the failed records of batch ${batch} could not be fetched: ${e.message}\n`);
          return [];
        });
        const lines = files.flatMap((f) => f.text.split('\n').filter((l) => l.trim() !== ''));
        for (const l of lines.slice(0, 5)) io.err(`    failed: ${l.length > 300 ? `${l.slice(0, 300)}…` : l}\n`);
        if (lines.length > 5) io.err(`    … and ${lines.length - 5} more\n`);
        if (values.out && files.length) {
          const dir = join(values.out, r.id.replace(/[^A-Za-z0-9._-]+/g, '_'));
          await mkdir(dir, { recursive: true });
          for (const f of files) await writeFile(join(dir, f.name.replace(/[^A-Za-z0-9._-]+/g, '_')), f.text);
          io.err(`    saved ${files.length} diagnostics file(s) in ${dir}\n`);
        }
        (failed[r.id] ??= []).push(...files.map((f) => ({ file: f.name, records: f.text.split('\n').filter((l) => l.trim() !== '').length })));
      }
    }
    if (values.json) printSummary(io, { command: 'runs', ok: true, exitCode: 0, flow: values.flow, runs, failedRecords: failed });
    return 0;
  } catch (e) {
    if (!(e instanceof AepError)) throw e;
    io.err(`${e.message}\n`);
    if (values.json) printSummary(io, { command: 'runs', ok: false, exitCode: 4, error: e.message, aepStatus: e.status });
    return 4;
  }
}
