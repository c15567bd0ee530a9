import { platformClient } from '../aep/connect';
import { PLATFORM_OPTIONS } from '../aep/options';
import { PATHS, requestJson } from '../aep/platform';
import { AepError, type ClientOptions } from '../ingest/aepClient';
import { type Io, UsageError } from '../io';
import { type CommandSpec, helpOf, JSON_OPTION, parseCommand, printSummary, text } from '../options';

const PREVIEW_OPTIONS = {
  dataset: text('ID', 'the dataset to look into'),
  ...PLATFORM_OPTIONS,
  ...JSON_OPTION,
};

export const PREVIEW: CommandSpec<typeof PREVIEW_OPTIONS> = {
  name: 'preview',
  usage: 'preview --dataset ID',
  about: `Shows what landed in a dataset, as the "Preview dataset" button of AEP's UI does: the records of
its latest batches (at most 100), through the Data Access API's GET /export/datasets/{ID}/preview.
The records are printed on stdout, one JSON object a line (pipe them to jq, or to
"xdm-mapper validate --schema S.json /dev/stdin").`,
  options: PREVIEW_OPTIONS,
  footer:
    'Exit status: 0 shown (also when the dataset is empty); 2 bad arguments or missing credentials; 4 AEP refused (an unknown dataset: 404) or could not be reached.\n',
};

export const PREVIEW_HELP = helpOf(PREVIEW);

export async function previewCommand(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env, clientOptions: ClientOptions = {}): Promise<number> {
  const { values, positionals, help } = parseCommand(PREVIEW, argv);
  if (help) {
    io.out(PREVIEW_HELP);
    return 0;
  }
  if (!values.dataset || positionals.length) throw new UsageError('preview needs --dataset ID (and no file names)');
  const client = platformClient(io, env, values, clientOptions);
  try {
    const answer = await requestJson<{ data?: unknown[] }>(client, 'GET', `${PATHS.export}/datasets/${encodeURIComponent(values.dataset)}/preview`);
    const records = Array.isArray(answer.data) ? answer.data : [];
    if (values.json) printSummary(io, { command: 'preview', ok: true, exitCode: 0, dataset: values.dataset, count: records.length, records });
    else for (const r of records) io.out(`${JSON.stringify(r)}\n`);
    io.err(
      records.length
        ? `${records.length} record(s) of dataset ${values.dataset}${records.length === 100 ? ' (the preview shows at most 100)' : ''}\n`
        : `Dataset ${values.dataset} has no records yet.\n`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof AepError)) throw e;
    io.err(`${e.status === 404 ? `Dataset ${values.dataset} was not found in this sandbox (HTTP 404)` : e.message}\n`);
    if (values.json) printSummary(io, { command: 'preview', ok: false, exitCode: 4, error: e.message, aepStatus: e.status });
    return 4;
  }
}
