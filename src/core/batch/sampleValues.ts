/**
 * What the pre-flight's column checks read of a sample's values: for a column going into a text
 * field, how many cells are not blank and its first two distinct values; for any other, each
 * distinct value with whether it converts. All of them from one pass over the rows.
 */
import type { converterFor } from '../convert/coerce';

/** A column's non-blank values as its checks see them. */
export interface ColumnValues {
  values: number;
  failing: number;
  examples: string[];
  /** Distinct values in order of appearance, with whether each fails its conversion. */
  distinct: Map<string, boolean>;
}

/** How often each non-empty cell of a column occurs, in order of first appearance. */
export interface Tally {
  ids: Map<string, number>;
  counts: number[];
}

/**
 * The text columns' values and the other columns' tallies, row by row: the columns of a wide
 * file read one after another each went through every row again, and a run's pre-flight
 * spent a sixth of its time there. Columns are indices into the rows; a text column is never
 * tallied (text takes every value, so nothing fails, and its checks name at most two values).
 */
export function sampleValues(
  rows: readonly (readonly string[])[],
  textColumns: readonly number[],
  tallied: readonly number[],
): { text: Map<number, ColumnValues>; tallies: Map<number, Tally> } {
  const counts = textColumns.map(() => 0);
  const firsts = textColumns.map(() => new Map<string, boolean>());
  const tallies = tallied.map((): Tally => ({ ids: new Map(), counts: [] }));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let k = 0; k < textColumns.length; k++) {
      const cell = row[textColumns[k]!];
      if (cell === undefined || isBlank(cell)) continue;
      counts[k]!++;
      const first = firsts[k]!;
      if (first.size < 2) first.set(cell, false);
    }
    for (let k = 0; k < tallied.length; k++) {
      const cell = row[tallied[k]!];
      if (cell === undefined || cell === '') continue;
      const t = tallies[k]!;
      const id = t.ids.get(cell);
      if (id === undefined) {
        t.ids.set(cell, t.counts.length);
        t.counts.push(1);
      } else t.counts[id]!++;
    }
  }
  return {
    text: new Map(textColumns.map((c, k) => [c, { values: counts[k]!, failing: 0, examples: [], distinct: firsts[k]! }])),
    tallies: new Map(tallied.map((c, k) => [c, tallies[k]!])),
  };
}

/**
 * Each distinct value once, in order of appearance, with whether it fails: a column repeats its
 * values, and converting each once is most of the pre-flight's work on a narrow file.
 */
export function readValues(tally: Tally, conv: ReturnType<typeof converterFor>): ColumnValues {
  let values = 0;
  let failing = 0;
  const examples: string[] = [];
  const distinct = new Map<string, boolean>();
  for (const [cell, id] of tally.ids) {
    if (isBlank(cell)) continue;
    const n = tally.counts[id]!;
    values += n;
    const fails = conv.ok && conv.read(cell) === undefined;
    distinct.set(cell, fails);
    if (fails) {
      failing += n;
      if (examples.length < 3) examples.push(cell);
    }
  }
  return { values, failing, examples, distinct };
}

/**
 * Whether a cell is empty or only white space. A cell that starts or ends with a printable
 * ASCII character is not: most cells are told so without trim() scanning and copying them.
 */
function isBlank(cell: string): boolean {
  if (cell === '') return true;
  const a = cell.charCodeAt(0);
  const b = cell.charCodeAt(cell.length - 1);
  if ((a > 0x20 && a < 0x7f) || (b > 0x20 && b < 0x7f)) return false;
  return cell.trim() === '';
}
