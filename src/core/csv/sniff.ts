import { decodeAll } from './decode';
import { type CsvEncoding, ENCODING_LABELS, sniffEncoding } from './encoding';

export type Delimiter = ',' | ';' | '\t' | '|';
export type LineEnding = '\r\n' | '\n' | '\r';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];
export const LINE_ENDING_NAMES: Record<LineEnding, string> = { '\r\n': 'CRLF', '\n': 'LF', '\r': 'CR' };
export const DELIMITER_LABELS: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** What was detected about a file, each part overridable by the user. */
export interface Sniffed {
  encoding: CsvEncoding;
  encodingReason: string;
  bomLength: number;
  delimiter: Delimiter;
  lineEnding: LineEnding;
  /** Physical lines before the header row (an Excel `sep=` line, a report title). */
  skipLines: number;
  /** True when the file holds no bytes at all. */
  empty: boolean;
  warnings: string[];
}

export interface SniffOverrides {
  encoding?: CsvEncoding;
  delimiter?: Delimiter;
  lineEnding?: LineEnding;
  skipLines?: number;
}

/** Bytes enough to sniff; more adds nothing and costs time on a 1 GB file. */
export const SNIFF_BYTES = 256 * 1024;

/** Detects encoding, delimiter, line ending and header row from the first bytes of a file. */
export function sniff(sample: Uint8Array, overrides: SniffOverrides = {}): Sniffed {
  const warnings: string[] = [];
  const enc = sniffEncoding(sample);
  const encoding = overrides.encoding ?? enc.encoding;
  const bomLength = overrides.encoding && overrides.encoding !== enc.encoding ? 0 : enc.bomLength;
  if (!overrides.encoding && (encoding === 'windows-1252' || encoding === 'macintosh'))
    warnings.push(
      `The file is not UTF-8 and was read as ${ENCODING_LABELS[encoding]} (${enc.reason}). Check that accented letters and symbols look right, or choose another encoding.`,
    );
  const text = decodeAll(sample.subarray(bomLength), encoding);
  const lineEnding = overrides.lineEnding ?? detectLineEnding(text);
  const lines = splitLogicalLines(text, 60);
  let skipLines = 0;
  let delimiter: Delimiter | undefined = overrides.delimiter;
  const sep = /^sep=(.)$/i.exec(lines[0]?.text ?? '');
  if (sep && DELIMITERS.includes(sep[1] as Delimiter)) {
    // Excel's hint line names the delimiter and is not part of the data.
    delimiter ??= sep[1] as Delimiter;
    skipLines = 1;
  }
  const body = lines.slice(skipLines);
  delimiter ??= detectDelimiter(body.map((l) => l.text));
  skipLines += preambleLines(
    body.map((l) => l.text),
    delimiter,
  );
  // Logical lines (quoted newlines kept together) -> physical lines to skip.
  skipLines = overrides.skipLines ?? lines[skipLines]?.physical ?? 0;
  return { encoding, encodingReason: enc.reason, bomLength, delimiter, lineEnding, skipLines, empty: sample.length === 0, warnings };
}

function detectLineEnding(text: string): LineEnding {
  const crlf = text.indexOf('\r\n');
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (crlf >= 0 && crlf === cr && crlf + 1 === lf) return '\r\n';
  if (lf >= 0) return '\n';
  if (cr >= 0) return '\r';
  return '\n';
}

/** Lines with quoted newlines kept together; `physical` is the index of the line's first physical line. */
function splitLogicalLines(text: string, max: number): { text: string; physical: number }[] {
  const out: { text: string; physical: number }[] = [];
  let start = 0;
  let quoted = false;
  let physical = 0;
  let startPhysical = 0;
  for (let i = 0; i < text.length && out.length < max; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if ((c === '\n' || c === '\r') && !quoted) {
      out.push({ text: text.slice(start, i), physical: startPhysical });
      if (c === '\r' && text[i + 1] === '\n') i++;
      physical++;
      start = i + 1;
      startPhysical = physical;
    } else if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) physical++;
  }
  if (out.length < max && start < text.length) out.push({ text: text.slice(start), physical: startPhysical });
  return out;
}

/** Number of fields a line would have with this delimiter, quotes respected. */
export function countFields(line: string, d: string): number {
  let n = 1;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === d && !quoted) n++;
  }
  return n;
}

/** The delimiter that splits the lines most consistently into more than one field. */
function detectDelimiter(lines: string[]): Delimiter {
  const sample = lines.filter((l) => l.trim() !== '').slice(0, 40);
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = sample.map((l) => countFields(l, d));
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 1;
    let modeN = 0;
    for (const [c, k] of freq) if (c > 1 && (k > modeN || (k === modeN && c > mode))) [mode, modeN] = [c, k];
    if (mode < 2) continue;
    // Consistency first, then how many fields it yields.
    const score = (modeN / sample.length) * 1000 + Math.min(mode, 100);
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

/** Leading lines with fewer fields than the table (a title, an export date) before the header. */
function preambleLines(lines: string[], d: Delimiter): number {
  const counts = lines.map((l) => countFields(l, d));
  if (counts.length < 3) return 0;
  const freq = new Map<number, number>();
  for (const c of counts.slice(1)) freq.set(c, (freq.get(c) ?? 0) + 1);
  const mode = [...freq.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  if (mode < 2) return 0;
  let i = 0;
  while (i < Math.min(lines.length - 2, 10) && counts[i]! < mode && (counts[i] === 1 || lines[i]!.trim() === '')) i++;
  return counts[i] === mode ? i : 0;
}
