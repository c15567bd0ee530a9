/**
 * Grades value readings against a corpus (bench/values/corpus.json, or any file of that shape):
 * for each column, the reading xdm-mapper infers from the cells (with the file's headers as
 * context) converts every cell, and each result is compared with the value the cell stands for.
 *
 *   npx tsx bench/values/grade.ts CORPUS.json [--verbose]
 *
 * Per column: `right` (decided, every cell as expected), `asked` (marked ambiguous, and one of the
 * readings offered converts every cell as expected), or `wrong`. Per cell: `silent` counts values
 * written but different from the expected one (the failure that must never happen); `refused`
 * counts cells left out with an error where a value was expected. Exit 1 when any cell is silent.
 */
import { readFileSync } from 'node:fs';
import { converterFor, type ReadingSettings } from '../../src/core/convert/coerce';
import { profileColumns } from '../../src/core/csv/profile';
import { readingFor } from '../../src/core/csv/readings';

type Expected = string | number | boolean | null | { error: true };
export interface CorpusColumn {
  id: string;
  source: string;
  header: string;
  headers: string[];
  type: string;
  cells: string[];
  expect: Expected[];
  reading: 'decided' | 'ambiguous';
}

export interface ColumnGrade {
  id: string;
  outcome: 'right' | 'asked' | 'wrong';
  expected: 'decided' | 'ambiguous';
  status: 'decided' | 'ambiguous' | 'none';
  settings: ReadingSettings[];
  silent: { cell: string; got: unknown; want: Expected }[];
  refused: { cell: string; want: Expected; message: string }[];
}

/** The column's cells converted with one reading: what is written (undefined when left out) or the error. */
function convertAll(c: CorpusColumn, settings: ReadingSettings) {
  const conv = converterFor(c.type, settings);
  if (!conv.ok) throw new Error(`${c.id}: ${conv.message}`);
  return c.cells.map((cell) => {
    if (cell.trim() === '' && !conv.readsEmpty) return { ok: true as const, value: null };
    return conv.convert(cell);
  });
}

function judge(c: CorpusColumn, settings: ReadingSettings) {
  const silent: ColumnGrade['silent'] = [];
  const refused: ColumnGrade['refused'] = [];
  convertAll(c, settings).forEach((r, i) => {
    const want = c.expect[i]!;
    const cell = c.cells[i]!;
    const wantsError = typeof want === 'object' && want !== null;
    if (r.ok) {
      if (wantsError || r.value !== want) silent.push({ cell, got: r.value, want });
    } else if (!wantsError) refused.push({ cell, want, message: r.message });
  });
  return { silent, refused };
}

/** Grades one column: its reading inferred as xdm-mapper infers it, then every cell converted. */
export function gradeColumn(c: CorpusColumn): ColumnGrade {
  const headers = c.headers.includes(c.header) ? c.headers : [...c.headers, c.header];
  const index = headers.indexOf(c.header);
  const rows = c.cells.map((cell) => headers.map((_, k) => (k === index ? cell : '')));
  const profile = profileColumns(headers, rows)[index]!;
  const reading = readingFor(profile.readings, c.type);
  const base = { id: c.id, expected: c.reading };
  if (!reading || reading.status === 'decided') {
    const settings = reading?.settings ?? {};
    const { silent, refused } = judge(c, settings);
    const outcome = !silent.length && !refused.length ? 'right' : 'wrong';
    return { ...base, outcome, status: reading ? 'decided' : 'none', settings: [settings], silent, refused };
  }
  // Ambiguous: nothing is written until a reading is chosen; right when one offered reading is the true one.
  const judged = reading.options.map((o) => ({ settings: o.settings, ...judge(c, o.settings) }));
  const good = judged.some((j) => !j.silent.length && !j.refused.length);
  return {
    ...base,
    outcome: good ? 'asked' : 'wrong',
    status: 'ambiguous',
    settings: judged.map((j) => j.settings),
    silent: [],
    refused: good ? [] : judged[0]!.refused,
  };
}

export function gradeCorpus(columns: readonly CorpusColumn[]) {
  const grades = columns.map(gradeColumn);
  const cells = columns.reduce((n, c) => n + c.cells.length, 0);
  return {
    grades,
    columns: columns.length,
    cells,
    right: grades.filter((g) => g.outcome === 'right').length,
    asked: grades.filter((g) => g.outcome === 'asked').length,
    wrong: grades.filter((g) => g.outcome === 'wrong').length,
    silent: grades.reduce((n, g) => n + g.silent.length, 0),
    refused: grades.reduce((n, g) => n + g.refused.length, 0),
    /** Columns the corpus says the sample settles, but that were asked for anyway. */
    overCautious: grades.filter((g) => g.outcome === 'asked' && g.expected === 'decided').map((g) => g.id),
    /** Columns the corpus says cannot be settled, but that were decided. */
    overConfident: grades.filter((g) => g.status === 'decided' && g.expected === 'ambiguous').map((g) => g.id),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: grade.ts CORPUS.json [--verbose]');
    process.exit(2);
  }
  const { columns } = JSON.parse(readFileSync(file, 'utf8')) as { columns: CorpusColumn[] };
  const r = gradeCorpus(columns);
  const verbose = process.argv.includes('--verbose');
  for (const g of r.grades) {
    if (!verbose && g.outcome !== 'wrong' && !(g.outcome === 'asked' && g.expected === 'decided')) continue;
    console.log(`${g.outcome.padEnd(5)} ${g.id} (${g.status}, expected ${g.expected}) ${JSON.stringify(g.settings)}`);
    for (const s of g.silent.slice(0, 3)) console.log(`      SILENT ${JSON.stringify(s.cell)} -> ${JSON.stringify(s.got)}, expected ${JSON.stringify(s.want)}`);
    for (const s of g.refused.slice(0, 3)) console.log(`      refused ${JSON.stringify(s.cell)}: ${s.message}`);
  }
  console.log(
    `values corpus: ${r.columns} columns, ${r.cells} cells: ${r.right} read right, ${r.asked} asked for (ambiguous), ${r.wrong} wrong; ` +
      `${r.silent} cells silently wrong, ${r.refused} refused; over-cautious: ${r.overCautious.length ? r.overCautious.join(', ') : 'none'}; over-confident: ${r.overConfident.length ? r.overConfident.join(', ') : 'none'}`,
  );
  process.exit(r.silent ? 1 : 0);
}
