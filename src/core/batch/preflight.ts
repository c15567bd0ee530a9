/**
 * The pre-flight of a run, on a sample of its rows, before anything is written: how each mapped
 * column will be read, which columns cannot be read without a choice (their reading is
 * ambiguous, or Data Prep's default would read them differently from what the values show),
 * which columns mostly do not fit their field, how many sample rows would be rejected and
 * whether that passes the rejected-rows limit, and which required fields, inside array items
 * too, nothing fills. `apply --check`, `apply` itself and the web app's Map and Preview steps
 * all show this one result.
 */
import { converterFor, type ReadingSettings } from '../convert/coerce';
import { type ColumnKind, type ColumnProfile, columnKind, mayHoldFlagsOrDates, profileColumns } from '../csv/profile';
import type { ColumnReading } from '../csv/reading.types';
import { HEAD_ROWS } from '../csv/reading.types';
import { inferReadingsAndHead, readingKindOf, settingsForType } from '../csv/readings';
import { readSample } from '../csv/sample';
import type { Sniffed } from '../csv/sniff';
import { destinationType, readingForEntry } from '../mapping/entryReadings';
import type { MappingDocument } from '../mapping/mapping.types';
import type { FieldTree } from '../schema/field.types';
import { compileMapping } from '../transform/compile';
import { MAX_RECORD_BYTES } from '../transform/record';
import type { RecordValidator } from '../validate/validator';
import { type RequiredGap, requiredGaps } from './requiredFields';
import { type ColumnValues, readValues, sampleValues, type Tally } from './sampleValues';

export interface ColumnCheck {
  /** The entry's index in the mapping. */
  entry: number;
  column: string;
  destination: string;
  /** The type the field's values are written as. */
  type: string;
  /** What the sample says about reading the column into this field (null: read as text, or nothing to say). */
  reading: ColumnReading | null;
  /** The settings the entry states for this kind of field. */
  stated: ReadingSettings;
  /**
   * `ok`; `ambiguous`: the values read two ways and the entry states neither; `differs`: the
   * entry states nothing and Data Prep's own reading would give other values than the values
   * show; `misfit`: most non-empty values do not convert into the field.
   */
  status: 'ok' | 'ambiguous' | 'differs' | 'misfit';
  /** Non-empty sample values, and how many of them do not convert under the entry's reading. */
  values: number;
  failing: number;
  /** Up to 3 values that do not convert. */
  examples: string[];
  /** One sentence saying what is wrong and what to do; empty when ok. */
  message: string;
}

export interface Preflight {
  columns: ColumnCheck[];
  /** Columns the run must not read until the mapping states a reading. */
  blocked: ColumnCheck[];
  /** Columns whose values mostly do not fit their field. */
  warnings: ColumnCheck[];
  sampleRows: number;
  /** Sample rows that would be rejected, and their share in percent. */
  rejected: number;
  rejectedPercent: number;
  /** The limit on rejected rows, in percent (`--max-errors`, AEP's partial ingestion threshold). */
  maxErrors: number;
  passes: boolean;
  /** Why sample rows would be rejected, by error code, most frequent first. */
  reasons: { code: string; count: number; example: string }[];
  required: RequiredGap[];
  /**
   * True when the sample's rows were not run (PreflightInput.countRejections false): `rejected`
   * is then 0, `passes` true and `reasons` empty, and the run's own counts are the answer.
   */
  uncounted?: true;
}

export interface PreflightInput {
  doc: MappingDocument;
  tree: FieldTree;
  columns: readonly string[];
  rows: readonly (readonly string[])[];
  /** The sample's profiles when already made (the web app has them); made from `rows` otherwise. */
  profiles?: readonly PreflightProfile[];
  validator?: RecordValidator;
  maxErrors: number;
  /**
   * Whether to run the sample's rows to count those the run would reject (true by default).
   * On a large file that costs a tenth of the run; a run that shows no such count skips it.
   */
  countRejections?: boolean;
}

/**
 * What the checks read of a column's profile. `flagsOrDates` false says its kind is none of
 * boolean, date and date-time, so that a caller whose `kind` is worked out when first read (the
 * pre-flight of a run) is not asked for it where only that matters.
 */
export type PreflightProfile = Pick<ColumnProfile, 'name' | 'kind' | 'readings'> & { flagsOrDates?: boolean };

/** Share of values under which a column counts as not fitting its field. */
const FIT = 0.5;

export function preflight(input: PreflightInput): Preflight {
  const { doc, tree, columns, rows } = input;
  const profiles = input.profiles ?? profileColumns(columns, rows);
  const byName = new Map(profiles.map((p) => [p.name, p]));
  const checks: ColumnCheck[] = [];
  const entries: { entry: number; m: MappingDocument['mappings'][number]; type: string; profile: PreflightProfile; index: number }[] = [];
  doc.mappings.forEach((m, entry) => {
    if (m.sourceType !== 'ATTRIBUTE') return;
    const type = destinationType(tree, m.destination);
    const profile = byName.get(m.source);
    if (!type || !profile) return;
    entries.push({ entry, m, type, profile, index: columns.indexOf(m.source) });
  });
  const found = entries.filter((e) => e.index >= 0);
  const { text, tallies } = sampleValues(
    rows,
    [...new Set(found.filter((e) => e.type === 'string').map((e) => e.index))],
    [...new Set(found.filter((e) => e.type !== 'string').map((e) => e.index))],
  );
  const none: ColumnValues = { values: 0, failing: 0, examples: [], distinct: new Map() };
  for (const { entry, m, type, profile, index } of entries) {
    const tally = tallies.get(index) ?? { ids: new Map(), counts: [] };
    const read = type === 'string' ? (text.get(index) ?? none) : readValues(tally, converterFor(type, m.settings ?? {}));
    const check = checkColumn(entry, m.source, m.destination, type, m.settings, profile, read, tree);
    checks.push(check.status === 'misfit' && type !== 'string' ? withFittingReading(check, tally) : check);
  }
  const sample = input.countRejections === false ? { rejected: 0, reasons: [] } : rejections(input);
  const rejectedPercent = rows.length ? (sample.rejected / rows.length) * 100 : 0;
  return {
    columns: checks,
    blocked: checks.filter((c) => c.status === 'ambiguous' || c.status === 'differs'),
    warnings: checks.filter((c) => c.status === 'misfit'),
    sampleRows: rows.length,
    rejected: sample.rejected,
    rejectedPercent,
    maxErrors: input.maxErrors,
    passes: rejectedPercent <= input.maxErrors,
    reasons: sample.reasons,
    required: requiredGaps(tree, doc),
    ...(input.countRejections === false ? { uncounted: true as const } : {}),
  };
}

function checkColumn(
  entry: number,
  column: string,
  destination: string,
  type: string,
  settings: ReadingSettings | undefined,
  profile: PreflightProfile,
  read: ColumnValues,
  tree: FieldTree,
): ColumnCheck {
  const stated = settingsForType(settings, type);
  const reading = readingForEntry(profile.readings, tree, destination);
  const base = { entry, column, destination, type, reading, stated };
  const { values, failing, examples, distinct } = read;
  const stats = { values, failing, examples };
  const statedNothing = !Object.keys(stated).length && readingKindOf(type) !== null;
  const howTo = (s: ReadingSettings) => `"settings": ${JSON.stringify(settingsForType(s, type))} in mapping ${entry}`;
  if (statedNothing && reading?.status === 'ambiguous') {
    const options = reading.options.map((o) => `${o.label}${o.example ? ` (${o.example.text} -> ${o.example.value})` : ''}`).join(' or ');
    return {
      ...base,
      ...stats,
      status: 'ambiguous',
      message: `column "${column}" can be read as ${options}: ${reading.evidence[0] ?? ''}. State one in the mapping, e.g. ${howTo(reading.options[0]!.settings)}`,
    };
  }
  if (statedNothing && reading?.status === 'decided' && Object.keys(settingsForType(reading.settings, type)).length) {
    // Data Prep's own reading of the values against the reading they show: a value read both ways but differently is a silent change.
    const inferred = converterFor(type, reading.settings);
    const own = converterFor(type, {});
    if (inferred.ok && own.ok)
      for (const cell of distinct.keys()) {
        const a = own.read(cell);
        const b = inferred.read(cell);
        if (a !== undefined && b !== undefined && a !== b)
          return {
            ...base,
            ...stats,
            status: 'differs',
            message: `column "${column}" is ${reading.options[0]?.label ?? 'read its own way'} (${reading.evidence[0] ?? ''}), but the mapping states no reading, so ${cell} would be read as ${String(a)} instead of ${String(b)}. State it in the mapping: ${howTo(reading.settings)}`,
          };
      }
  }
  if (values && (values - failing) / values < FIT) {
    const what = profile.kind === 'text' ? 'text' : `${profile.kind} values`;
    return {
      ...base,
      ...stats,
      status: 'misfit',
      message: `${failing} of ${values} values of column "${column}" do not fit ${destination} (${type}), e.g. ${examples.map((e) => JSON.stringify(e)).join(', ')}: the column holds ${what}`,
    };
  }
  if (
    type === 'string' &&
    values &&
    profile.flagsOrDates !== false &&
    (profile.kind === 'boolean' || profile.kind === 'date' || profile.kind === 'date-time') &&
    !fieldTakes(destination, profile.kind)
  )
    return {
      ...base,
      ...stats,
      status: 'misfit',
      message: `column "${column}" holds ${profile.kind === 'boolean' ? 'flags' : 'dates'} (${[...distinct.keys()].slice(0, 2).join(', ')}), and ${destination} holds text of another kind`,
    };
  return { ...base, ...stats, status: 'ok', message: '' };
}

/**
 * A misfit whose values the column's own decided reading does read (timestamps with
 * microseconds, which none of Data Prep's formats takes, read by `…ss.SSSSSSX`): the message
 * names that reading and how to state it, since the mapping states another one or none.
 */
function withFittingReading(check: ColumnCheck, tally: Tally): ColumnCheck {
  const { reading, type, stated } = check;
  if (reading?.status !== 'decided') return check;
  const settings = settingsForType(reading.settings, type);
  if (!Object.keys(settings).length || JSON.stringify(settings) === JSON.stringify(stated)) return check;
  const read = readValues(tally, converterFor(type, reading.settings));
  const fitting = read.values - read.failing;
  if (!read.values || fitting / read.values < FIT) return check;
  const fit = fitting === read.values ? `all ${fitting}` : `${fitting} of ${read.values}`;
  return {
    ...check,
    message: `${check.message}. Read as ${reading.options[0]?.label ?? 'the values show'}, ${fit} fit: state it in the mapping, "settings": ${JSON.stringify(settings)} in mapping ${check.entry}`,
  };
}

/** Whether a text field's name says it holds this kind of value (a `status` may hold flags, a `dateText` dates). */
function fieldTakes(destination: string, kind: string): boolean {
  const key = destination.split('.').pop()!.toLowerCase();
  if (kind === 'boolean') return /status|flag|opt|consent|subscri|value|code|type/.test(key);
  return /date|time|day|period|at$|on$|since|until|value|text/.test(key);
}

/** Sample rows the run would reject, with the codes that reject them. */
function rejections(input: PreflightInput): { rejected: number; reasons: Preflight['reasons'] } {
  const c = compileMapping(input.doc, input.tree, input.columns, { validator: input.validator });
  if (!c.ok) return { rejected: 0, reasons: [] };
  const codes = new Map<string, { count: number; example: string }>();
  let rejected = 0;
  // A row the direct writer writes has no error (the two writers of a plan agree): only the
  // others are built and validated whole, as the run itself does.
  const direct = c.compiled.text;
  let out = new Uint8Array(1 << 16);
  input.rows.forEach((cells, i) => {
    if (direct) {
      const { row, buf } = direct.encode(cells);
      const room = direct.writer.bound(row.textEnd);
      if (room > out.length) out = new Uint8Array(room);
      if (row.textEnd <= MAX_RECORD_BYTES && direct.writer.write(row, buf, out, 0) >= 0) return;
    }
    const r = c.compiled.run(cells, i + 1, i + 2);
    if (r.record !== null) return;
    rejected++;
    const e = r.errors.find((x) => x.rejected) ?? r.errors[0];
    if (!e) return;
    const known = codes.get(e.code);
    if (known) known.count++;
    else codes.set(e.code, { count: 1, example: e.message });
  });
  return { rejected, reasons: [...codes].map(([code, v]) => ({ code, ...v })).sort((a, b) => b.count - a.count) };
}

/**
 * Rows and bytes of a file's start that the pre-flight of a run reads. 4 MB holds the 20,000
 * rows of a narrow file, and some 8,000 of a 120-column one: more than the readings' scans
 * visit (2,000 rows, then rows spread over the sample), without holding a wide file's start as
 * strings for longer than it takes.
 */
export const PREFLIGHT_ROWS = 20_000;
export const PREFLIGHT_BYTES = 4 * 1024 * 1024;

/**
 * The pre-flight of a run on its file's first bytes (up to PREFLIGHT_ROWS rows). Only the
 * mapped columns are profiled, so that it costs little before a large run; null when the bytes
 * hold no header.
 */
export function preflightOfHead(
  run: { doc: MappingDocument; tree: FieldTree; validator?: RecordValidator },
  head: Uint8Array,
  wholeFile: boolean,
  sniffed: Sniffed,
  maxErrors: number,
  countRejections = true,
): Preflight | null {
  const sample = readSample(head, sniffed, PREFLIGHT_ROWS, wholeFile);
  const columns = sample.header?.columns;
  if (!columns) return null;
  const rows = sample.rows.map((r) => r.cells);
  const used = columns.map((c, i) => [c, i] as const).filter(([c]) => run.doc.mappings.some((m) => m.sourceType === 'ATTRIBUTE' && m.source === c));
  // The checks need each column's readings, from every sample row, and its kind, which the
  // first rows tell: distinct values and top counts of the whole sample would only slow a large
  // run. One scan gives both readings (the kind's are those of the first rows alone).
  const names = used.map(([c]) => c);
  const indices = used.map(([, i]) => i);
  // A column that goes only into fields that read text as it is needs no reading of the whole
  // sample: its kind, from its first rows, is all its checks ask.
  const textOnly = names.map(
    (c) =>
      !run.doc.mappings.some((m) => {
        if (m.sourceType !== 'ATTRIBUTE' || m.source !== c) return false;
        const type = destinationType(run.tree, m.destination);
        return type !== undefined && readingKindOf(type) !== null;
      }),
  );
  const { readings, head: firstReadings } = inferReadingsAndHead(names, indices, rows, undefined, textOnly);
  // A column's kind is told from its first rows, and only where a check depends on it: the
  // kind's tests were a sixth of a wide file's pre-flight, and most columns never need it.
  const firstRows = rows.length > HEAD_ROWS ? rows.slice(0, HEAD_ROWS) : rows;
  const profiles = names.map((name, k): PreflightProfile => {
    let kind: ColumnKind | undefined;
    const first = firstReadings[k]!;
    return {
      name,
      readings: readings[k]!,
      flagsOrDates: mayHoldFlagsOrDates(first),
      get kind() {
        kind ??= columnKind({ rows: firstRows, index: indices[k]! }, first);
        return kind;
      },
    };
  });
  return preflight({ ...run, columns, rows, profiles, maxErrors, countRejections });
}

/** The pre-flight as lines for people: what blocks the run, what is suspect, what the sample says. */
export function describePreflight(p: Preflight): string[] {
  const out: string[] = [];
  for (const c of p.blocked) out.push(`stop: ${c.message}`);
  for (const c of p.warnings) out.push(`warning: ${c.message}`);
  for (const g of p.required) out.push(`warning: ${g.message}`);
  const share = `${p.rejected} of ${p.sampleRows} sample rows would be rejected (${p.rejectedPercent.toFixed(p.rejectedPercent && p.rejectedPercent < 1 ? 2 : 0)} %)`;
  out.push(
    `${share}: ${p.passes ? 'within' : 'more than'} --max-errors ${p.maxErrors} %${p.passes ? '' : ', so the run would fail, as AEP would fail such a batch'}${p.reasons.length ? `; ${p.reasons.map((r) => `${r.count} ${r.code}`).join(', ')} (e.g. ${p.reasons[0]!.example})` : ''}`,
  );
  return out;
}
