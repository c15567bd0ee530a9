import { ESCAPED } from '../csv/byteRows';
import { type DateBytes, dateBytes, isoInstant } from './dateBytes';
import { type DateListBytes, dateListBytes } from './dateListBytes';
import { type EpochBytes, epochBytes } from './epochBytes';
import { type FlagBytes, flagBytes } from './flagBytes';
import { type NumberBytes, numberBytes } from './numberBytes';
import type { ColumnStep, PlanStep } from './plan';

/**
 * The byte readers the direct writer tries on a column's cell when its bytes are not copied as
 * they are, before the row evaluation reads it: a stated date layout, an ISO instant with an
 * offset, a date of Data Prep's list, a flag's words, a number in a stated format, a Unix time.
 * Each is chosen once per step from what its converter says of its reading, and none is used
 * for a field with a check of its own (the check needs the value). What each reader writes is
 * what the converter writes; each one's tests compare it with the converter.
 */
export interface CellReaders {
  dates: (DateBytes | null)[];
  instants: boolean[];
  listed: (DateListBytes | null)[];
  flags: (FlagBytes | null)[];
  numbers: (NumberBytes | null)[];
  epochs: (EpochBytes | null)[];
}

export function cellReaders(steps: readonly PlanStep[], checked: (k: number) => boolean, utf8Input: boolean): CellReaders {
  const of = <T>(pick: (st: ColumnStep) => T | null | undefined | false): (T | null)[] =>
    steps.map((st) => (st.source === 'column' && !checked(st.k) ? pick(st) || null : null));
  return {
    dates: of((st) => st.dateLayout && dateBytes(st.dateLayout)),
    instants: of((st) => st.isoOffsets).map((x) => x === true),
    // Dates of other patterns (Data Prep's list, `M/d/yyyy`) are read into the scratch bytes as instants are.
    listed: of((st) => st.dateList && !st.dateLayout && dateListBytes(st.dateList.patterns, st.dateList.output, st.dateList.zone)),
    flags: of((st) => st.flagKeys && flagBytes(st.flagKeys)),
    numbers: of((st) => st.numberFormat && numberBytes(st.numberFormat, st.range, utf8Input)),
    epochs: of((st) => st.epoch && epochBytes(st.epoch.unit, st.epoch.output)),
  };
}

/** The generated source's names for the readers (see {@link readStatements}); the date layouts go in as its parameter D. */
export const readerHelpers = (r: CellReaders) => ({ IO: isoInstant, DL: r.listed, FB: r.flags, NB: r.numbers, EP: r.epochs });

/** Whether step k's readers may leave its value in the scratch bytes (h{k} = 6). */
export const usesScratch = (r: CellReaders, k: number): boolean => r.instants[k]! || !!r.listed[k] || !!r.numbers[k] || !!r.epochs[k];

/**
 * Generated statements trying step k's readers in turn while none has read its cell (h{k} 0):
 * a date layout leaves h{k} 4, a flag 8 (v{k} its value), the others write into the scratch
 * bytes from `room` and leave 6 (v{k} where they end).
 */
export function readStatements(r: CellReaders, k: number, room: number): string[] {
  const cell = `src, s${k}, e${k}`;
  // Readers that take no form are given bytes that are the cell's text: bare, or quoted without doubled quotes.
  const plain = `f${k} !== ${ESCAPED}`;
  const scratch = (call: string, textOnly: boolean) =>
    `  if (h${k} === 0${textOnly ? ` && ${plain}` : ''}) { const n = ${call}; if (n >= 0) { v${k} = n; h${k} = 6; } }`;
  const out: string[] = [];
  if (r.dates[k]) out.push(`  if (${plain} && D[${k}].test(${cell})) h${k} = 4;`);
  if (r.instants[k]) out.push(scratch(`IO(${cell}, SCR, ${room})`, true));
  if (r.listed[k]) out.push(scratch(`DL[${k}](${cell}, SCR, ${room})`, true));
  if (r.flags[k]) out.push(`  if (h${k} === 0) { const b = FB[${k}](${cell}, f${k}); if (b >= 0) { v${k} = b; h${k} = 8; } }`);
  if (r.numbers[k]) out.push(scratch(`NB[${k}](${cell}, f${k}, SCR, ${room})`, false));
  if (r.epochs[k]) out.push(scratch(`EP[${k}](${cell}, f${k}, SCR, ${room})`, false));
  return out;
}
