import { DEFAULT_FILE_SIZE } from '../core/batch/writer';
import type { CsvEncoding } from '../core/csv/encoding';
import { DELIMITERS, type Delimiter, type SniffOverrides } from '../core/csv/sniff';
import { parseSize, UsageError } from './io';
import { flag, oneOf, percent, text, type Values, wholeNumber } from './options';

/** The options of one run, shared by `apply`, `ingest` and `watch`: one table for parsing, checks and help. */

const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'macintosh'] as const;

/** `mac-roman`, `cp1252`, `utf8`, … -> the encoding's name. */
function encoding(value: string): CsvEncoding {
  const e = value
    .toLowerCase()
    .replace(/^(mac|macroman|mac-roman|x-mac-roman)$/, 'macintosh')
    .replace(/^(cp1252|win1252)$/, 'windows-1252')
    .replace(/^utf8$/, 'utf-8');
  if (!(ENCODINGS as readonly string[]).includes(e)) throw new UsageError(`--encoding must be ${ENCODINGS.join(', ')}, got "${value}"`);
  return e as CsvEncoding;
}

function delimiter(value: string): Delimiter {
  const d = value === 'tab' || value === '\\t' ? '\t' : value;
  if (!DELIMITERS.includes(d as Delimiter)) throw new UsageError(`--delimiter must be one of , ; tab |, got "${value}"`);
  return d as Delimiter;
}

/** How the CSV is read: each detected by default, each can be stated. */
export const READ_OPTIONS = {
  encoding: text('NAME', 'utf-8 | utf-16le | utf-16be | windows-1252 | macintosh (default: detected)', encoding),
  delimiter: text('CHAR', ', ; tab | (default: detected)', delimiter),
  'skip-lines': text('N', 'physical lines before the header (default: detected)', wholeNumber()),
};

/** Everything `apply` takes, shared by `ingest` and `watch`, which map the same way. */
export const APPLY_OPTIONS = {
  mapping: text('FILE', "mapping document (xdm-mapper's, or an AEP mapping set, current or legacy)"),
  schema: text('FILE', 'XDM schema (xed-full) or JSON Schema'),
  'max-errors': text('PCT', 'fail when more than PCT % of rows are rejected (default 5, as AEP)', percent, { default: 5 }),
  'file-size': text('SIZE', 'largest batch file (default 256MB)', parseSize, { default: DEFAULT_FILE_SIZE }),
  ...READ_OPTIONS,
  'empty-cells': text('MODE', 'omit (default) | null', oneOf('omit', 'null')),
  threads: text(
    'N',
    'threads that map a file of 16 MB or more and check its first rows beside it (default: one per core but one, up to 4; 1: all on the main thread)',
    wholeNumber(1),
  ),
};

/** Writing into a folder that holds other files, for the commands where the user chooses the folder. */
export const FORCE_OPTION = {
  force: flag('write into an --out folder that holds files but no manifest of xdm-mapper (same-named files are replaced)'),
};

/** The output folder, for the commands where the user chooses it. */
export const OUT_OPTION = {
  out: text('DIR', 'output folder (created when missing; a complete run replaces the outputs its manifest lists, nothing else)'),
  ...FORCE_OPTION,
};

export interface ApplyOptions {
  mapping: string;
  schema: string;
  input: string;
  out: string;
  maxErrors: number;
  fileSize: number;
  overrides: SniffOverrides;
  emptyCells?: 'omit' | 'null';
  /** Threads that map a large input, the main one included (default: {@link threadCount}). */
  threads?: number;
  /**
   * Bytes per piece for the mapping threads, and threads for any input size: for tests and
   * benchmarks (also `XDM_MAPPER_PIECE_BYTES`).
   */
  pieceBytes?: number;
  /** Write into a folder that holds files but no manifest of ours. */
  force?: boolean;
  /** Print the pre-flight on the file's first rows and stop, writing nothing (`apply --check`). */
  check?: boolean;
  /**
   * Count the sample rows the run would reject before it starts (true by default; always with
   * `check`): only a summary that shows the pre-flight's count needs it (`--json`).
   */
  countSampleRejections?: boolean;
}

/** The typed options of one run from parsed flags; says what is missing, naming the command. */
export function applyOptionsFrom(command: string, values: Values<typeof APPLY_OPTIONS> & { force?: boolean }, input: string, out: string): ApplyOptions {
  if (!values.mapping) throw new UsageError(`${command} needs --mapping FILE`);
  if (!values.schema) throw new UsageError(`${command} needs --schema FILE`);
  const overrides: SniffOverrides = {};
  if (values.encoding) overrides.encoding = values.encoding;
  if (values.delimiter) overrides.delimiter = values.delimiter;
  if (values['skip-lines'] !== undefined) overrides.skipLines = values['skip-lines'];
  return {
    mapping: values.mapping,
    schema: values.schema,
    input,
    out,
    maxErrors: values['max-errors'],
    fileSize: values['file-size'],
    overrides,
    emptyCells: values['empty-cells'],
    threads: values.threads,
    force: values.force ?? false,
  };
}
