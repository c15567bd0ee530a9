import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ApplyRun } from '../core/batch/applyRun';
import { buildManifest, rejectedPercent } from '../core/batch/manifest';
import { DEFAULT_FILE_SIZE } from '../core/batch/writer';
import type { CsvEncoding } from '../core/csv/encoding';
import { DELIMITERS, type Delimiter, LINE_ENDING_NAMES, SNIFF_BYTES, type SniffOverrides, sniff } from '../core/csv/sniff';
import { compileValidator } from '../core/validate/validator';
import { VERSION } from '../core/version';
import { FolderSink } from './fsSink';
import { formatBytes, type Io, loadMappingFile, loadSchemaFile, parseSize, readHead, UsageError } from './io';
import { createProgress } from './progress';

export const APPLY_HELP = `xdm-mapper apply --mapping M.json --schema S.json INPUT.csv --out DIR [options]

Maps every row of INPUT.csv to an XDM record and writes ingestion-ready batch files:
  DIR/part-00001.jsonl …   records, JSON Lines, files split by --file-size
  DIR/errors.jsonl         one line per rejected row or failed cell (row, line, column, value, code, message)
  DIR/manifest.json        row counts, files with sizes and sha256, the mapping and schema used

Options:
  --mapping FILE        mapping document (xdm-mapper's, or an AEP mapping set, current or legacy)
  --schema FILE         XDM schema (xed-full) or JSON Schema
  --out DIR             output folder (created when missing; earlier outputs in it are replaced)
  --max-errors PCT      exit 1 when more than PCT % of rows are rejected (default 5, as AEP)
  --file-size SIZE      largest batch file (default 256MB)
  --encoding NAME       utf-8 | utf-16le | utf-16be | windows-1252 | macintosh (default: detected)
  --delimiter CHAR      , ; tab | (default: detected)
  --skip-lines N        physical lines before the header (default: detected)
  --empty-cells MODE    omit (default) | null
`;

export async function applyCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      mapping: { type: 'string' },
      schema: { type: 'string' },
      out: { type: 'string' },
      'max-errors': { type: 'string' },
      'file-size': { type: 'string' },
      encoding: { type: 'string' },
      delimiter: { type: 'string' },
      'skip-lines': { type: 'string' },
      'empty-cells': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(APPLY_HELP);
    return 0;
  }
  if (!values.mapping) throw new UsageError('apply needs --mapping FILE');
  if (!values.schema) throw new UsageError('apply needs --schema FILE');
  if (!values.out) throw new UsageError('apply needs --out DIR');
  if (positionals.length !== 1) throw new UsageError(`apply needs exactly one input CSV file, got ${positionals.length}`);
  const input = positionals[0]!;
  const maxErrors = values['max-errors'] === undefined ? 5 : Number(values['max-errors']);
  if (!(maxErrors >= 0 && maxErrors <= 100)) throw new UsageError(`--max-errors must be a percentage from 0 to 100, got "${values['max-errors']}"`);
  const fileSize = values['file-size'] ? parseSize(values['file-size']) : DEFAULT_FILE_SIZE;
  const overrides = parseOverrides(values);
  const emptyCells = values['empty-cells'];
  if (emptyCells !== undefined && emptyCells !== 'omit' && emptyCells !== 'null')
    throw new UsageError(`--empty-cells must be "omit" or "null", got "${emptyCells}"`);

  const schema = await loadSchemaFile(values.schema);
  const mapping = await loadMappingFile(values.mapping);
  for (const w of mapping.result.warnings) io.err(`mapping: ${w}\n`);
  const tree = schema.result.tree;
  if (mapping.result.doc.target.schemaId && tree.id && mapping.result.doc.target.schemaId !== tree.id)
    io.err(`warning: the mapping was made for schema ${mapping.result.doc.target.schemaId}, not ${tree.id}\n`);
  // Records come from the transformer, whose date conversions only write valid ISO 8601.
  const compiledValidator = compileValidator(tree.jsonSchema, { trustDateFormats: true });
  if (!compiledValidator.ok) throw new UsageError(compiledValidator.message);

  let size: number;
  try {
    const st = await stat(input);
    if (!st.isFile()) throw new UsageError(`input "${input}" is not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`input "${input}" does not exist or cannot be read`);
  }
  const sniffed = sniff((await readHead(input, SNIFF_BYTES)).bytes, overrides);

  await mkdir(values.out, { recursive: true });
  await clearEarlierOutputs(values.out);
  const sink = new FolderSink(values.out);
  try {
    const run = new ApplyRun({
      tree,
      doc: mapping.result.doc,
      sniffed,
      validator: compiledValidator.validator,
      sink,
      fileSize,
      emptyCells,
      // Node's own latin1 decoding is several times faster than TextDecoder's.
      decodeSingleByte: (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1'),
    });
    const started = Date.now();
    const progress = createProgress(io, size);
    // Ctrl-C: remove the partial files (they carry temporary names) and say so.
    let interrupted = false;
    const onSigint = () => {
      interrupted = true;
    };
    process.once('SIGINT', onSigint);
    try {
      for await (const chunk of createReadStream(input, { highWaterMark: 1 << 20 })) {
        await run.push(chunk as Buffer);
        progress.update(run.counts.bytesRead, run.counts.input);
        if (run.failed || interrupted) break;
      }
    } catch (e) {
      await sink.abort();
      throw new UsageError(`reading "${input}" failed: ${(e as Error).message}`);
    } finally {
      process.off('SIGINT', onSigint);
      progress.done();
    }
    if (interrupted) {
      await run.end();
      await sink.abort();
      io.err(`Interrupted after ${run.counts.input} rows: no batch file was completed, the partial files were removed.\n`);
      return 130;
    }
    const result = await run.end();
    if (!result.ok) {
      await sink.abort();
      io.err(`The mapping cannot run on "${input}":\n${result.problems.map((p) => `  ${p.message}`).join('\n')}\n`);
      if (result.header)
        io.err(`The file's columns are: ${result.header.columns.map((c) => JSON.stringify(c.length > 200 ? `${c.slice(0, 200)}…` : c)).join(', ')}\n`);
      return 2;
    }
    const manifest = buildManifest(result, {
      version: VERSION,
      createdAt: new Date(),
      input: { path: input, encoding: sniffed.encoding, delimiter: sniffed.delimiter, lineEnding: LINE_ENDING_NAMES[sniffed.lineEnding] },
      mapping: { path: values.mapping, name: mapping.result.doc.name, sha256: mapping.sha256 },
      schema: { path: values.schema, id: tree.id, title: tree.title, sha256: schema.sha256 },
    });
    await sink.commit();
    await writeFile(join(values.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

    const secs = (Date.now() - started) / 1000;
    const pct = rejectedPercent(manifest.rows);
    for (const w of result.warnings) io.err(`warning: ${w}\n`);
    if (result.reading.textFromRow !== null)
      io.err(
        `note: from row ${result.reading.textFromRow} on, the file was read by the slower, careful reader (a quote the fast reader does not take; see errors.jsonl if that row was rejected)\n`,
      );
    io.err(
      `${manifest.rows.input} rows read from ${input} (${formatBytes(size)}, ${sniffed.encoding}) in ${secs.toFixed(2)} s\n` +
        `  written:  ${manifest.rows.written} records in ${manifest.files.length} file(s) under ${values.out}\n` +
        `  rejected: ${manifest.rows.rejected} rows (${pct.toFixed(2)} %)${manifest.rows.rejected ? `, see ${join(values.out, 'errors.jsonl')}` : ''}\n` +
        (manifest.fieldErrors ? `  field errors in written rows: ${manifest.fieldErrors} (those fields were left out)\n` : '') +
        (Object.keys(manifest.errorsByCode).length
          ? `  by code: ${Object.entries(manifest.errorsByCode)
              .map(([c, n]) => `${c} ${n}`)
              .join(', ')}\n`
          : ''),
    );
    if (pct > maxErrors) {
      io.err(`More than ${maxErrors} % of rows were rejected: AEP would fail this batch. Fix the rows listed in errors.jsonl, or raise --max-errors.\n`);
      return 1;
    }
    return 0;
  } catch (e) {
    // Whatever went wrong, no partial file stays and the writer thread ends.
    await sink.abort();
    throw e;
  }
}

function parseOverrides(values: { encoding?: string; delimiter?: string; 'skip-lines'?: string }): SniffOverrides {
  const o: SniffOverrides = {};
  if (values.encoding) {
    const e = values.encoding
      .toLowerCase()
      .replace(/^(mac|macroman|mac-roman|x-mac-roman)$/, 'macintosh')
      .replace(/^(cp1252|win1252)$/, 'windows-1252')
      .replace(/^utf8$/, 'utf-8');
    if (!['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'macintosh'].includes(e))
      throw new UsageError(`--encoding must be utf-8, utf-16le, utf-16be, windows-1252 or macintosh, got "${values.encoding}"`);
    o.encoding = e as CsvEncoding;
  }
  if (values.delimiter) {
    const d = values.delimiter === 'tab' || values.delimiter === '\\t' ? '\t' : values.delimiter;
    if (!DELIMITERS.includes(d as Delimiter)) throw new UsageError(`--delimiter must be one of , ; tab |, got "${values.delimiter}"`);
    o.delimiter = d as Delimiter;
  }
  if (values['skip-lines'] !== undefined) {
    const n = Number(values['skip-lines']);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`--skip-lines must be a whole number, got "${values['skip-lines']}"`);
    o.skipLines = n;
  }
  return o;
}

/** Files an earlier run left in the folder would be mistaken for this run's. */
async function clearEarlierOutputs(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (/^(part-\d+\.jsonl|errors\.jsonl|manifest\.json|\..*\.partial)$/.test(name)) await rm(join(dir, name), { force: true });
  }
}
