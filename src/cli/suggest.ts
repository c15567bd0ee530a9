import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { notCsvReason } from '../core/csv/fileKind';
import { profileColumns } from '../core/csv/profile';
import { readSample } from '../core/csv/sample';
import { sniff } from '../core/csv/sniff';
import { loadMappingText } from '../core/mapping/document';
import { confidenceLevel } from '../core/suggest/confidence';
import { memoryFromDocuments } from '../core/suggest/memory';
import { suggestMappings } from '../core/suggest/suggest';
import { suggestionsToDocument } from '../core/suggest/toDocument';
import { DATASET_SCHEMA_OPTIONS } from './aep/options';
import { loadSchemaFile } from './files';
import { type Io, readHead, UsageError } from './io';
import { type CommandSpec, flag, helpOf, JSON_OPTION, parseCommand, printSummary, text, wholeNumber } from './options';

/** A share from 0 to 1. */
function share(text: string, flag: string): number {
  const n = /^\s*\d*\.?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 0 && n <= 1)) throw new UsageError(`--${flag} must be between 0 and 1, got "${text}"`);
  return n;
}

const SUGGEST_OPTIONS = {
  schema: text('FILE', 'XDM schema (xed-full) or JSON Schema'),
  ...DATASET_SCHEMA_OPTIONS,
  memory: text(
    'DIR',
    'saved mappings (xdm-mapper documents or AEP mapping sets, *.json) whose\ncolumns are suggested the same way again; may be given more than once',
    undefined,
    { multiple: true as const },
  ),
  explain: flag('add, per column, the confidence (a number and a word: high, medium, low),\nthe evidence and up to 5 alternatives'),
  threshold: text('X', 'confidence below which a column stays unmapped (default 0.5)', share, { default: 0.5 }),
  // Enough rows for value evidence, few enough to stay instant on any file.
  rows: text('N', 'rows sampled for value evidence (default 1000)', wholeNumber(1), { default: 1000 }),
  ...JSON_OPTION,
};

export const SUGGEST: CommandSpec<typeof SUGGEST_OPTIONS> = {
  name: 'suggest',
  usage: 'suggest --schema S.json INPUT.csv [--memory DIR] [--explain] [--threshold X]',
  about: `Proposes a mapping for a CSV file onto a schema, from the column names and a sample of values,
and prints it as a mapping document (ATTRIBUTE entries) on stdout. Columns that fit no field
well enough are left unmapped rather than guessed.`,
  options: SUGGEST_OPTIONS,
  footer: `With --json the one object printed holds the mapping document ("document"), the columns left
unmapped, and per column the confidence, evidence and alternatives.
Exit status: 0 done (even when some columns stay unmapped); 2 bad arguments, or a schema or file that cannot be used.
`,
};

export const SUGGEST_HELP = helpOf(SUGGEST);

export async function suggestCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals, help } = parseCommand(SUGGEST, argv);
  if (help) {
    io.out(SUGGEST_HELP);
    return 0;
  }
  if (values.dataset && values.schema) throw new UsageError('give --schema FILE or --dataset ID, not both');
  // Loaded only when asked for: the AEP client is not part of a local run.
  if (values.dataset) values.schema = await (await import('./aep/datasetSchema')).schemaPathForDataset(values.dataset, values, io);
  if (!values.schema) throw new UsageError('suggest needs --schema FILE (or --dataset ID)');
  if (positionals.length !== 1) throw new UsageError('suggest needs exactly one input CSV file');
  const { threshold, rows } = values;
  const { result } = await loadSchemaFile(values.schema);
  const tree = result.tree;
  const head = await readHead(positionals[0]!, 8 * 1024 * 1024);
  const notCsv = notCsvReason(basename(positionals[0]!), head.bytes);
  if (notCsv) throw new UsageError(notCsv.message);
  const sniffed = sniff(head.bytes.subarray(0, 256 * 1024));
  const sample = readSample(head.bytes, sniffed, rows, head.whole);
  const columns = sample.header?.columns ?? [];
  if (!columns.length) throw new UsageError(`"${positionals[0]}" has no header row`);
  const profiles = profileColumns(
    columns,
    sample.rows.map((r) => r.cells),
  );
  const memory = memoryFromDocuments(await loadMemory(values.memory, io));
  const suggestions = suggestMappings(tree, profiles, { memory, threshold });
  const doc = suggestionsToDocument(tree, columns, suggestions, sniffed, '', profiles);
  const explained = suggestions.map((s) => ({
    column: s.column,
    destination: s.destination,
    confidence: s.confidence,
    level: confidenceLevel(s.destination ? s.confidence : null).word,
    evidence: s.evidence,
    alternatives: s.alternatives.map((a) => ({ destination: a.destination, confidence: a.confidence, evidence: a.evidence })),
  }));
  const mapped = suggestions.filter((s) => s.destination).length;
  if (values.json)
    printSummary(io, {
      command: 'suggest',
      ok: true,
      exitCode: 0,
      file: positionals[0],
      schema: { path: values.schema, id: tree.id, title: tree.title },
      columns: columns.length,
      mapped,
      unmapped: suggestions.filter((s) => !s.destination).map((s) => s.column),
      suggestions: explained,
      document: doc,
    });
  else io.out(`${JSON.stringify(values.explain ? { ...doc, explain: explained } : doc, null, 2)}\n`);
  io.err(
    `${mapped} of ${columns.length} columns mapped onto ${tree.title}${
      mapped < columns.length
        ? `; unmapped: ${suggestions
            .filter((s) => !s.destination)
            .map((s) => JSON.stringify(s.column))
            .join(', ')}`
        : ''
    }\n`,
  );
  return 0;
}

async function loadMemory(dirs: string[], io: Io) {
  const docs = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
    } catch {
      throw new UsageError(`--memory "${dir}" is not a readable folder`);
    }
    for (const name of names) {
      const r = loadMappingText(await readFile(join(dir, name), 'utf8'));
      if (r.ok) docs.push({ doc: r.doc, source: join(dir, name) });
      else io.err(`warning: ${join(dir, name)} is not a mapping and was skipped (${r.problems[0]?.message})\n`);
    }
  }
  return docs;
}
