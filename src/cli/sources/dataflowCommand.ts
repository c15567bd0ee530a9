import { platformClient } from '../aep/connect';
import { PLATFORM_OPTIONS } from '../aep/options';
import { PATHS, requestJson } from '../aep/platform';
import { AepError, type ClientOptions } from '../ingest/aepClient';
import { type Io, UsageError } from '../io';
import { type CommandSpec, flag, helpOf, JSON_OPTION, parseCommand, printSummary, text } from '../options';

const DATAFLOW_OPTIONS = {
  flow: text('ID', 'the dataflow (deploy prints its id and keeps it in M.deploy.json)'),
  disable: flag('stop the schedule: AEP starts no more runs until it is enabled again'),
  enable: flag('start the schedule again'),
  ...PLATFORM_OPTIONS,
  ...JSON_OPTION,
};

export const DATAFLOW: CommandSpec<typeof DATAFLOW_OPTIONS> = {
  name: 'dataflow',
  usage: 'dataflow --flow ID [--disable | --enable]',
  about: `Shows a deployed dataflow as AEP holds it (GET /flows/{ID}): enabled or disabled, its schedule,
the mapping set and version it runs, its connections. --disable stops its schedule and --enable
starts it again (POST /flows/{ID}/action?op=disable|enable); nothing else changes, and the
dataflow keeps its id, so a later deploy of the mapping updates it as before.`,
  options: DATAFLOW_OPTIONS,
  footer: 'Exit status: 0 shown (or changed); 2 bad arguments or missing credentials; 4 AEP refused or could not be reached.\n',
};

export const DATAFLOW_HELP = helpOf(DATAFLOW);

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

/** What a user needs to know of a flow, read from Flow Service's answer. */
export function describeFlow(flow: unknown): { state: string; schedule: string; mapping: string; lines: string[] } {
  const f = obj(flow);
  const s = obj(f.scheduleParams);
  const start = typeof s.startTime === 'number' || typeof s.startTime === 'string' ? new Date(Number(s.startTime) * 1000).toISOString() : '(no start)';
  const schedule =
    s.frequency === 'once'
      ? `once at ${start}`
      : s.frequency
        ? `every ${Number(s.interval ?? 1)} ${String(s.frequency)}${Number(s.interval ?? 1) === 1 ? '' : 's'} from ${start}`
        : '(no schedule)';
  const mappingStep = (Array.isArray(f.transformations) ? f.transformations.map(obj) : []).find((t) => t.name === 'Mapping');
  const params = obj(mappingStep?.params);
  const mapping = mappingStep ? `mapping set ${String(params.mappingId)} version ${String(params.mappingVersion)}` : '(no mapping)';
  const state = String(f.state ?? 'unknown');
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join(', ') : '(none)');
  return {
    state,
    schedule,
    mapping,
    lines: [
      `Dataflow ${String(f.id)} "${String(f.name ?? '')}": ${state}`,
      `  schedule: ${schedule}`,
      `  runs: ${mapping}`,
      `  source connection(s): ${list(f.sourceConnectionIds)}; target connection(s): ${list(f.targetConnectionIds)}`,
    ],
  };
}

export async function dataflowCommand(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env, clientOptions: ClientOptions = {}): Promise<number> {
  const { values, positionals, help } = parseCommand(DATAFLOW, argv);
  if (help) {
    io.out(DATAFLOW_HELP);
    return 0;
  }
  if (!values.flow || positionals.length) throw new UsageError('dataflow needs --flow ID (and no file names)');
  if (values.enable && values.disable) throw new UsageError('give --enable or --disable, not both');
  const client = platformClient(io, env, values, clientOptions);
  const path = `${PATHS.flowService}/flows/${encodeURIComponent(values.flow)}`;
  try {
    const op = values.disable ? 'disable' : values.enable ? 'enable' : null;
    if (op) {
      await requestJson(client, 'POST', `${path}/action?op=${op}`, undefined);
      io.err(`Dataflow ${values.flow} ${op}d.\n`);
    }
    const answer = await requestJson<{ items?: unknown[] }>(client, 'GET', path);
    const flow = answer.items?.[0];
    if (!flow) throw new AepError(`dataflow ${values.flow} was not found`, 404, '');
    const shown = describeFlow(flow);
    for (const l of shown.lines) io.err(`${l}\n`);
    if (values.json) printSummary(io, { command: 'dataflow', ok: true, exitCode: 0, flow: values.flow, ...(op ? { changed: op } : {}), ...shown });
    return 0;
  } catch (e) {
    if (!(e instanceof AepError)) throw e;
    io.err(`${e.message}\n`);
    if (values.json) printSummary(io, { command: 'dataflow', ok: false, exitCode: 4, error: e.message, aepStatus: e.status });
    return 4;
  }
}
