import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { profileColumns } from '../core/csv/profile';
import { readSample } from '../core/csv/sample';
import { sniff } from '../core/csv/sniff';
import { loadMappingText } from '../core/mapping/document';
import { confidenceLevel } from '../core/suggest/confidence';
import { memoryFromDocuments } from '../core/suggest/memory';
import { suggestMappings } from '../core/suggest/suggest';
import { suggestionsToDocument } from '../core/suggest/toDocument';
import { type Io, loadSchemaFile, readHead, UsageError } from './io';

export const SUGGEST_HELP = `xdm-mapper suggest --schema S.json INPUT.csv [--memory DIR] [--explain] [--threshold X]

Proposes a mapping for a CSV file onto a schema, from the column names and a sample of values,
and prints it as a mapping document (ATTRIBUTE entries) on stdout. Columns that fit no field
well enough are left unmapped rather than guessed.

Options:
  --memory DIR     saved mappings (xdm-mapper documents or AEP mapping sets, *.json) whose
                   columns are suggested the same way again; may be given more than once
  --explain        add, per column, the confidence (a number and a word: high, medium, low),
                   the evidence and up to 5 alternatives
  --threshold X    confidence below which a column stays unmapped (default 0.5)
  --rows N         rows sampled for value evidence (default 1000)
`;

/** Rows sampled: enough for value evidence, few enough to stay instant on any file. */
const SAMPLE_ROWS = 1000;

export async function suggestCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      schema: { type: 'string' },
      memory: { type: 'string', multiple: true },
      explain: { type: 'boolean' },
      threshold: { type: 'string' },
      rows: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(SUGGEST_HELP);
    return 0;
  }
  if (!values.schema) throw new UsageError('suggest needs --schema FILE');
  if (positionals.length !== 1) throw new UsageError('suggest needs exactly one input CSV file');
  const threshold = values.threshold === undefined ? 0.5 : Number(values.threshold);
  if (!(threshold >= 0 && threshold <= 1)) throw new UsageError('--threshold must be between 0 and 1');
  const rows = values.rows === undefined ? SAMPLE_ROWS : Number(values.rows);
  if (!(Number.isInteger(rows) && rows > 0)) throw new UsageError('--rows must be a positive whole number');
  const { result } = await loadSchemaFile(values.schema);
  const tree = result.tree;
  const head = await readHead(positionals[0]!, 8 * 1024 * 1024);
  const sniffed = sniff(head.bytes.subarray(0, 256 * 1024));
  const sample = readSample(head.bytes, sniffed, rows, head.whole);
  const columns = sample.header?.columns ?? [];
  if (!columns.length) throw new UsageError(`"${positionals[0]}" has no header row`);
  const profiles = profileColumns(
    columns,
    sample.rows.map((r) => r.cells),
  );
  const memory = memoryFromDocuments(await loadMemory(values.memory ?? [], io));
  const suggestions = suggestMappings(tree, profiles, { memory, threshold });
  const doc = suggestionsToDocument(tree, columns, suggestions, sniffed);
  const out: Record<string, unknown> = { ...doc };
  if (values.explain)
    out.explain = suggestions.map((s) => ({
      column: s.column,
      destination: s.destination,
      confidence: s.confidence,
      level: confidenceLevel(s.destination ? s.confidence : null).word,
      evidence: s.evidence,
      alternatives: s.alternatives.map((a) => ({ destination: a.destination, confidence: a.confidence, evidence: a.evidence })),
    }));
  io.out(`${JSON.stringify(out, null, 2)}\n`);
  const mapped = suggestions.filter((s) => s.destination).length;
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
