import { readSample } from '../../core/csv/sample';
import { sniff } from '../../core/csv/sniff';
import { compileMapping } from '../../core/transform/compile';
import { platformClient } from '../aep/connect';
import { CACHE_OPTION, PLATFORM_OPTIONS } from '../aep/options';
import { PATHS, requestJson } from '../aep/platform';
import { cacheDir, schemaFileForDataset } from '../aep/schemas';
import { loadMappingFile, loadSchemaFile } from '../files';
import { AepError, type ClientOptions } from '../ingest/aepClient';
import { type Io, readHead, UsageError } from '../io';
import { type CommandSpec, flag, helpOf, JSON_OPTION, parseCommand, printSummary, text, wholeNumber } from '../options';
import { describeAepForm } from './aepForm';
import { mappingSetBody } from './dataflow';
import { type Difference, diffRecords } from './diffRecords';

const CHECK_OPTIONS = {
  online: flag("send sample rows to AEP's own mapper (Data Prep preview) and compare its records with ours"),
  mapping: text('FILE', 'the mapping (ours, or an AEP mapping set)'),
  dataset: text('ID', 'the dataset whose schema the records are for (pulled and cached)'),
  schema: text('FILE', 'the schema, in place of --dataset'),
  rows: text('N', 'rows sent (default and most: 100, what the preview takes)', wholeNumber(1), { default: 100 }),
  ...CACHE_OPTION,
  ...PLATFORM_OPTIONS,
  ...JSON_OPTION,
};

export const CHECK: CommandSpec<typeof CHECK_OPTIONS> = {
  name: 'check',
  usage: 'check --online --mapping M.json --dataset ID INPUT.csv [--rows N]',
  about: `Proves a mapping against AEP's own engine before it is deployed: the first rows of INPUT.csv (up
to 100) go to POST /data/foundation/conversion/mappingSets/preview with the mapping as AEP would
store it, and every record where AEP's result differs from ours is reported field by field (the
row's line, the field, AEP's value and ours), as are the fields AEP could not map.`,
  options: CHECK_OPTIONS,
  footer: 'Exit status: 0 AEP and xdm-mapper agree on every row; 1 some record differs; 2 bad arguments or files; 4 AEP refused or could not be reached.\n',
};

export const CHECK_HELP = helpOf(CHECK);

const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v));

/** What the preview answers: one `{data, errors}` per row sent (Data Prep API reference). */
type PreviewAnswer = { data?: Record<string, unknown> | null; errors?: { destination?: string; exception?: string }[] | null }[];

export async function checkCommand(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env, clientOptions: ClientOptions = {}): Promise<number> {
  const { values, positionals, help } = parseCommand(CHECK, argv);
  if (help) {
    io.out(CHECK_HELP);
    return 0;
  }
  if (!values.online) throw new UsageError('check compares with AEP: give --online (a local check is "xdm-mapper apply" and "validate")');
  if (!values.mapping) throw new UsageError('check needs --mapping FILE');
  if (!values.dataset === !values.schema) throw new UsageError('check needs --dataset ID or --schema FILE');
  if (positionals.length !== 1) throw new UsageError('check needs one input CSV file');
  const rows = Math.min(100, values.rows);
  const input = positionals[0]!;
  const client = platformClient(io, env, values, clientOptions);
  try {
    const schemaPath =
      values.schema ??
      (
        await schemaFileForDataset(client, values.dataset!, {
          cache: cacheDir(values.cache, env),
          sandbox: env.AEP_SANDBOX ?? '',
          say: (l) => io.err(`${l}\n`),
        })
      ).path;
    const tree = (await loadSchemaFile(schemaPath)).result.tree;
    const doc = (await loadMappingFile(values.mapping)).result.doc;
    const head = await readHead(input, 4 * 1024 * 1024);
    const sniffed = sniff(head.bytes.subarray(0, 256 * 1024));
    const sample = readSample(head.bytes, sniffed, rows, head.whole);
    const columns = sample.header?.columns ?? [];
    if (!columns.length) throw new UsageError(`"${input}" has no header row`);
    const compiled = compileMapping(doc, tree, columns);
    if (!compiled.ok) throw new UsageError(`the mapping cannot run on "${input}":\n${compiled.problems.map((p) => `  ${p.message}`).join('\n')}`);
    const mappingSet = mappingSetBody(doc, tree);
    for (const line of describeAepForm(doc, mappingSet)) io.err(`${line}\n`);
    // The rows as AEP's source would read them: each column's text, by its name in the file.
    const data = sample.rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r.cells[i] ?? ''])));
    const answer = await requestJson<PreviewAnswer>(client, 'POST', `${PATHS.conversion}/mappingSets/preview`, {
      data,
      mappingSet,
    });
    if (!Array.isArray(answer) || answer.length !== data.length)
      throw new AepError(`the preview answered ${Array.isArray(answer) ? answer.length : 'no list of'} records for the ${data.length} rows sent`, null, '');
    const differences: (Difference & { line: number; row: number })[] = [];
    sample.rows.forEach((r, i) => {
      const ours = compiled.compiled.run(r.cells, r.row, r.line);
      const theirs = answer[i]!;
      // A field that failed on one side only shows up as missing there; say why.
      const theirErrors = new Map((theirs.errors ?? []).map((e) => [String(e.destination), e.exception ?? 'no reason given']));
      const ourErrors = new Map(ours.errors.filter((e) => e.destination).map((e) => [e.destination!, `${e.code} ${e.message}`]));
      for (const d of diffRecords(theirs.data ?? {}, ours.record ?? {})) {
        const why = d.aep === undefined ? theirErrors.get(d.field) : d.ours === undefined ? ourErrors.get(d.field) : undefined;
        const note = why
          ? `${d.aep === undefined ? 'AEP could not map it' : 'xdm-mapper left it out'} (${why}); ${d.aep === undefined ? `xdm-mapper ${JSON.stringify(d.ours)}` : `AEP ${JSON.stringify(d.aep)}`}`
          : undefined;
        differences.push({ ...d, ...(note ? { note } : {}), line: r.line, row: r.row });
      }
      if (ours.record === null)
        differences.push({
          field: '(row)',
          aep: theirs.data,
          ours: null,
          note: `xdm-mapper rejects the row: ${ours.errors.map((e) => e.message).join('; ')}`,
          line: r.line,
          row: r.row,
        });
    });
    const rowsDiffering = new Set(differences.map((d) => d.row)).size;
    // With --json the differences are in the object; the lines go to stderr for people.
    const print = values.json ? io.err : io.out;
    for (const d of differences.slice(0, 200)) print(`line ${d.line}: ${d.field}: ${d.note ?? `AEP ${show(d.aep)}, xdm-mapper ${show(d.ours)}`}\n`);
    if (differences.length > 200) print(`… and ${differences.length - 200} more differences\n`);
    io.err(
      `${data.length} rows of ${input} mapped by AEP and by xdm-mapper: ${rowsDiffering ? `${rowsDiffering} row(s) differ (${differences.length} field(s))` : 'the same records'}\n`,
    );
    const code = differences.length ? 1 : 0;
    if (values.json) printSummary(io, { command: 'check', ok: code === 0, exitCode: code, input, rows: data.length, rowsDiffering, differences });
    return code;
  } catch (e) {
    if (!(e instanceof AepError)) throw e;
    io.err(`${e.message}\n`);
    if (values.json) printSummary(io, { command: 'check', ok: false, exitCode: 4, error: e.message, aepStatus: e.status });
    return 4;
  }
}
