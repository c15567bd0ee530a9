import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApplyRun } from '../../../src/core/batch/applyRun';
import { MemorySink } from '../../../src/core/batch/memorySink';
import { createDecoder } from '../../../src/core/csv/decode';
import type { CsvEncoding } from '../../../src/core/csv/encoding';
import type { Delimiter, LineEnding } from '../../../src/core/csv/sniff';
import { sniff } from '../../../src/core/csv/sniff';
import { createMappingDocument, loadMappingText } from '../../../src/core/mapping/document';
import type { MappingEntry } from '../../../src/core/mapping/mapping.types';
import { loadSchema } from '../../../src/core/schema/loadSchema';
import { type CompiledMapping, compileMapping } from '../../../src/core/transform/compile';
import { compileValidator } from '../../../src/core/validate/validator';
import { LUMA_CSV, LUMA_MAPPING, ROOT, sampleTree } from '../../helpers/samples';
import { testSchema } from '../../helpers/schema';

/**
 * The two writers of one plan against each other, over both row sources: rows scanned as
 * bytes and written straight as JSON by the direct writer, against rows read as text by
 * papaparse whose records are all built as objects and validated whole by ajv (the record
 * builder). Every output byte, every error and every count must agree, whatever the file
 * holds and however it is cut into chunks.
 */

const SCHEMA = {
  $id: 'https://example.com/bytes',
  title: 'Bytes',
  type: 'object',
  required: ['id'],
  properties: {
    id: { type: 'string' },
    person: {
      type: 'object',
      required: ['last'],
      properties: { first: { type: 'string' }, last: { type: 'string' }, born: { type: 'string', format: 'date' } },
    },
    stats: {
      type: 'object',
      properties: {
        visits: { type: 'integer', minimum: 0, maximum: 2147483647 },
        spend: { type: 'number' },
        vip: { type: 'boolean' },
        seen: { type: 'string', format: 'date-time' },
        small: { type: 'integer', minimum: -128, maximum: 127 },
      },
    },
    tier: { type: 'string', enum: ['gold', 'silver'] },
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
    tags: { type: 'array', items: { type: 'string' } },
    ids: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, primary: { type: 'boolean' } } } },
    source: { type: 'string' },
    display: { type: 'string' },
    label: { type: 'string' },
    score: { type: 'integer', minimum: 0, maximum: 2147483647 },
    firstTag: { type: 'string' },
    parts: { type: 'array', items: { type: 'string' } },
  },
};

const COLUMNS = ['id', 'first', 'last', 'born', 'visits', 'spend', 'vip', 'seen', 'tier', 'country', 'tag0', 'tag1', 'email', 'small'];
/** In an order that is not the schema's, so that records are written in tree order either way. */
const MAPPINGS: MappingEntry[] = [
  { sourceType: 'ATTRIBUTE', source: 'id', destination: 'id' },
  { sourceType: 'ATTRIBUTE', source: 'first', destination: 'person.first' },
  { sourceType: 'ATTRIBUTE', source: 'visits', destination: 'stats.visits' },
  { sourceType: 'ATTRIBUTE', source: 'tier', destination: 'tier' },
  { sourceType: 'ATTRIBUTE', source: 'last', destination: 'person.last' },
  { sourceType: 'ATTRIBUTE', source: 'born', destination: 'person.born' },
  { sourceType: 'ATTRIBUTE', source: 'spend', destination: 'stats.spend' },
  { sourceType: 'STATIC', source: 'csv', destination: 'source' },
  { sourceType: 'ATTRIBUTE', source: 'vip', destination: 'stats.vip' },
  { sourceType: 'ATTRIBUTE', source: 'seen', destination: 'stats.seen' },
  { sourceType: 'ATTRIBUTE', source: 'country', destination: 'country' },
  { sourceType: 'ATTRIBUTE', source: 'tag1', destination: 'tags[1]' },
  { sourceType: 'ATTRIBUTE', source: 'tag0', destination: 'tags[0]' },
  { sourceType: 'ATTRIBUTE', source: 'email', destination: 'ids[0].id' },
  { sourceType: 'STATIC', source: 'yes', destination: 'ids[0].primary' },
  { sourceType: 'ATTRIBUTE', source: 'small', destination: 'stats.small' },
];

/**
 * The same with calculated fields, which the direct writer evaluates on the scanned row's
 * cells, and the birth date read with a stated pattern (which it reads from the cell's bytes).
 */
const WITH_EXPRESSIONS: MappingEntry[] = [
  ...MAPPINGS.map((m) => (m.source === 'born' ? { ...m, settings: { dateFormat: 'yyyy-MM-dd' } } : m)),
  { sourceType: 'EXPRESSION', source: 'concat(first, " ", last)', destination: 'display' },
  { sourceType: 'EXPRESSION', source: 'iif(is_empty(tier), "none", upper(tier))', destination: 'label' },
  { sourceType: 'EXPRESSION', source: 'to_integer(visits)', destination: 'score' },
  { sourceType: 'EXPRESSION', source: 'coalesce(tag0, tag1)', destination: 'firstTag' },
  { sourceType: 'EXPRESSION', source: 'split(email, "@")', destination: 'parts' },
];

/**
 * The same with readings the direct writer reads from bytes too: amounts as `1.234,5 €`, grouped
 * whole numbers, Unix milliseconds, and dates with a month name and a two-digit year.
 */
const WITH_READINGS: MappingEntry[] = MAPPINGS.map((m) => {
  const settings: Record<string, MappingEntry['settings']> = {
    spend: { decimalSeparator: ',', thousandsSeparator: '.', currency: '€' },
    visits: { thousandsSeparator: ',' },
    seen: { epoch: 'milliseconds' },
    born: { dateFormat: 'dd-MMM-yy' },
  };
  return settings[m.source] ? { ...m, settings: settings[m.source] } : m;
});

const schema = testSchema(SCHEMA);

/** A stand-in for a byte that is not UTF-8, put in place after encoding. */
const BAD = '\uE000';

/** Single-byte encodings: each character the decoder gives for a byte, back to that byte. */
const singleByte = (encoding: CsvEncoding) => {
  const decoder = createDecoder(encoding);
  const back = new Map<string, number>();
  for (let b = 255; b >= 0; b--) back.set(decoder.decode(Uint8Array.of(b)), b);
  return back;
};
const SINGLE: Partial<Record<CsvEncoding, Map<string, number>>> = { 'windows-1252': singleByte('windows-1252'), macintosh: singleByte('macintosh') };

function encode(text: string, encoding: CsvEncoding = 'utf-8'): Uint8Array {
  const table = SINGLE[encoding];
  // Characters the encoding has not become "?"; the stand-in for a bad byte is 0xFF there too.
  if (table) return Uint8Array.from([...text], (ch) => (ch === BAD ? 0xff : (table.get(ch) ?? 0x3f)));
  const raw = new TextEncoder().encode(text);
  const bad = new TextEncoder().encode(BAD);
  const out: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === bad[0] && raw[i + 1] === bad[1] && raw[i + 2] === bad[2]) {
      out.push(0xff);
      i += 2;
    } else out.push(raw[i]!);
  }
  return Uint8Array.from(out);
}

interface Run {
  reader: 'auto' | 'text';
  writer?: 'auto' | 'records';
  lineEnding?: LineEnding;
  /** Bytes per push. */
  chunk?: number;
  mappings?: MappingEntry[];
  encoding?: CsvEncoding;
  emptyCells?: 'omit' | 'null';
  delimiter?: Delimiter;
}

async function apply(
  bytes: Uint8Array,
  { reader, writer = 'auto', lineEnding = '\n', chunk = 1 << 20, mappings = MAPPINGS, encoding = 'utf-8', emptyCells = 'omit', delimiter = ',' }: Run,
) {
  const doc = createMappingDocument({ columns: COLUMNS, schemaId: SCHEMA.$id, mappings });
  const sink = new MemorySink();
  const run = new ApplyRun({
    tree: schema.tree,
    doc,
    sniffed: sniff(bytes.subarray(0, 65536), { encoding, delimiter, lineEnding, skipLines: 0 }),
    validator: schema.validator,
    sink,
    fileSize: 900,
    reader,
    writer,
    emptyCells,
  });
  for (let i = 0; i < bytes.length; i += chunk) await run.push(bytes.slice(i, i + chunk));
  const result = await run.end();
  return {
    result,
    records: result.files.map((f) => `${f.path}:${f.records}:${sink.text(f.path)}`),
    errors: sink.text('errors.jsonl'),
  };
}

const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
/** Mostly values that convert and check, now and then one that does not. */
const mostly = (good: fc.Arbitrary<string>, bad: fc.Arbitrary<string>) => fc.oneof({ weight: 8, arbitrary: good }, { weight: 1, arbitrary: bad });
const text = fc.oneof(
  fc.string({ maxLength: 6 }),
  pick(
    '',
    'Zoë',
    '\uFEFFbom',
    '€™“q”',
    'a,b',
    'say "hi"',
    'line\nbreak',
    'cr\r\nlf',
    '\t',
    'back\\slash',
    '\u0001',
    ' padded ',
    '😀',
    `x${BAD}y`,
    '\u2028',
    'ab"c',
  ),
);
const CELLS: Record<string, fc.Arbitrary<string>> = {
  id: mostly(
    fc.oneof(
      text.filter((t) => t !== ''),
      pick('C1', 'Ünï'),
    ),
    pick(''),
  ),
  first: text,
  last: mostly(
    fc.oneof(
      text.filter((t) => t !== ''),
      pick('Lovelace'),
    ),
    pick(''),
  ),
  born: mostly(
    pick('1999-09-22', '2000-02-29', '2024-12-31', '1000-01-01', ''),
    pick('1900-02-29', '2021-02-30', '0999-01-01', '2021/02/03', '03-04-2021', '2021-13-01', ' 2021-01-01', 'soon'),
  ),
  visits: mostly(
    fc.oneof(fc.integer({ min: 0, max: 2147483647 }).map(String), pick('0', '', '007', '1e3', ' 12', '-0')),
    pick('99999999999', '2147483648', '-5', '1.5', 'x'),
  ),
  spend: mostly(
    fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }).map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => n.toFixed(2)),
      pick('0', '-0', '0.5', '.5', '3.', '1.50', '0.0000001', '0.000001', '1e21', '123456789012345678', '-0.25', '', '00.5'),
    ),
    pick('abc', '1,5', 'Infinity'),
  ),
  vip: mostly(pick('true', 'false', 'yes', 'No', 'TRUE', 'off', '', ' true'), pick('maybe')),
  seen: mostly(
    pick('2021-02-03T04:05:06Z', '1999-12-31T23:59:59Z', '2021-02-03 04:05:06', '2021-02-03T04:05:06.789Z', '2021-02-03T04:05:06+02:00', '2021-02-03', ''),
    pick('2021-02-03T24:00:00Z', '2021-02-30T00:00:00Z', 'later'),
  ),
  tier: mostly(pick('gold', 'silver', ''), pick('bronze', 'Gold')),
  country: mostly(pick('DE', 'FR', ''), pick('de', 'DEU', 'É')),
  tag0: text,
  tag1: text,
  email: fc.oneof(text, pick('a@b.co')),
  small: mostly(pick('1', '-128', '127', '', '0', '-0'), pick('128', '-129')),
};

/** The cells of the columns WITH_READINGS reads otherwise, written in those readings. */
const READ_CELLS: Record<string, fc.Arbitrary<string>> = {
  ...CELLS,
  born: mostly(pick('19-Sep-07', '01-MAY-99', '29-feb-00', '5-Jan-21', '07-Jul-70', ''), pick('31-Apr-21', '19-Sept-07', '2021-01-05', '19-Sep-2007')),
  visits: mostly(
    fc.oneof(
      fc.integer({ min: 0, max: 2147483647 }).map((n) => n.toLocaleString('en-US')),
      pick('0', '', '007', '1,234', '12,345,678'),
    ),
    pick('1,23', '0,123', '1.5', '-5', 'x'),
  ),
  spend: mostly(
    fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).map(
        (n) =>
          `${n
            .toFixed(2)
            .replace('.', ',')
            .replace(/\B(?=(\d{3})+(?!\d))/g, '.')} €`,
      ),
      pick('1.234,5 €', '-0,50', '12,00', '€ 3', '€-3,25', '1,5', '1.234.567,891 €', '0,0 €', '-0', '', '12'),
    ),
    pick('1.5', '1.23', '€', '1,5 $'),
  ),
  seen: mostly(
    fc.oneof(fc.integer({ min: -30_000_000_000_000, max: 250_000_000_000_000 }).map(String), pick('1612325106000', '-86400000', '0', '-0', '')),
    pick('1612325106.5', '2021-02-03T04:05:06Z', '1e12'),
  ),
};

/** A line of the file, written with a given delimiter. */
type Line = (delimiter: string) => string;
/** A row's fields, each written bare or quoted (a field that needs quotes always is). */
const rowOf = (cells: Record<string, fc.Arbitrary<string>>) =>
  fc.tuple(fc.tuple(...COLUMNS.map((c) => cells[c]!)), fc.array(fc.boolean(), { minLength: COLUMNS.length, maxLength: COLUMNS.length })).map(
    ([cells, quoted]) =>
      (d: string) =>
        // A quote inside a field may stay bare (papaparse reads it as text); one at the start may not.
        cells.map((c, i) => (quoted[i] || c.includes(d) || /[\r\n]/.test(c) || c.startsWith('"') ? `"${c.replace(/"/g, '""')}"` : c)),
  );
const row = rowOf(CELLS);
/** Rows as they come, and now and then one that is not a row of the table. */
const lineOf = (row: ReturnType<typeof rowOf>): fc.Arbitrary<Line> =>
  fc.oneof(
    { weight: 40, arbitrary: row.map((f) => (d: string) => f(d).join(d)) },
    { weight: 1, arbitrary: row.map((f) => (d: string) => f(d).slice(0, 5).join(d)) },
    { weight: 1, arbitrary: row.map((f) => (d: string) => `${f(d).join(d)}${d}${d}`) },
    { weight: 1, arbitrary: row.map((f) => (d: string) => `${f(d).join(d)}${d}extra`) },
    { weight: 2, arbitrary: pick('', ' ').map((t) => () => t) },
    { weight: 1, arbitrary: pick('x,"unclosed', '"quoted"tail,b', 'a"b,c', 'lf\nin,bare', 'cr\rin,bare').map((t) => (d: string) => t.replaceAll(',', d)) },
  );
/** A mapping, and lines of cells written for it. */
const mappedLines = pick(MAPPINGS, WITH_EXPRESSIONS, WITH_READINGS).chain((m) =>
  fc.tuple(fc.constant(m), fc.array(lineOf(m === WITH_READINGS ? rowOf(READ_CELLS) : row), { minLength: 1, maxLength: 25 })),
);

describe('apply reads bytes exactly as it reads text', () => {
  const seen = { rows: 0, direct: 0, switched: 0 };
  it('same records, errors and counts on generated files, whatever the chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        mappedLines,
        pick<LineEnding>('\n', '\r\n', '\r'),
        fc.boolean(),
        fc.integer({ min: 1, max: 400 }),
        fc.oneof({ weight: 3, arbitrary: pick<CsvEncoding>('utf-8') }, { weight: 1, arbitrary: pick<CsvEncoding>('windows-1252', 'macintosh') }),
        pick<'omit' | 'null'>('omit', 'omit', 'omit', 'null'),
        fc.oneof({ weight: 3, arbitrary: pick<Delimiter>(',') }, { weight: 1, arbitrary: pick<Delimiter>(';', '\t', '|') }),
        async ([mappings, lines], nl, endsWithBreak, chunk, encoding, emptyCells, delimiter) => {
          const csv = `${COLUMNS.join(delimiter)}${nl}${lines.map((l) => l(delimiter)).join(nl)}${endsWithBreak ? nl : ''}`;
          const bytes = encode(csv, encoding);
          const run: Omit<Run, 'reader'> = { lineEnding: nl, chunk, mappings, encoding, emptyCells, delimiter };
          const viaRecords = await apply(bytes, { ...run, reader: 'text', writer: 'records' });
          const viaBytes = await apply(bytes, { ...run, reader: 'auto' });
          const viaText = await apply(bytes, { ...run, reader: 'text' });
          expect(viaBytes.result.reading.mode).toBe('bytes');
          expect(viaRecords.result.reading.direct).toBe(0);
          for (const other of [viaBytes, viaText]) {
            expect(other.records).toEqual(viaRecords.records);
            expect(other.errors).toBe(viaRecords.errors);
            expect(other.result.counts).toEqual(viaRecords.result.counts);
            expect(other.result.warnings).toEqual(viaRecords.result.warnings);
          }
          seen.rows += viaBytes.result.counts.input;
          seen.direct += viaBytes.result.reading.direct;
          if (viaBytes.result.reading.textFromRow !== null) seen.switched++;
        },
      ),
      { numRuns: 200 },
    );
    // The comparison means something only if the byte writer wrote many of those records itself.
    // Over 51 runs it wrote 18-25 % of the rows (whole files change course: a stray quote, a
    // single-byte encoding); a twelfth leaves room for chance, not for a byte writer that stopped.
    expect(seen.direct).toBeGreaterThan(seen.rows / 12);
  }, 120_000);

  it('writes clean rows straight from bytes, in the same order as the text path', async () => {
    const csv = [
      COLUMNS.join(','),
      'C1,Ada,Lovelace,1815-12-10,12,3.5,true,2021-02-03T04:05:06Z,gold,GB,x,y,ada@example.com,7',
      'C2,"Zoë ""Z""",Kraków,,0,-0.25,false,,,,,"a,b",,',
      'C3,,Only,2000-02-29,007,1.50,yes,2021-02-03 04:05:06,silver,FR,,,,',
      '',
    ].join('\n');
    const viaBytes = await apply(encode(csv), { reader: 'auto' });
    const viaText = await apply(encode(csv), { reader: 'text' });
    expect(viaBytes.records).toEqual(viaText.records);
    expect(viaBytes.result.reading).toEqual({ mode: 'bytes', textFromRow: null, textRows: 0, textToEnd: false, direct: 3 });
    const records = viaBytes.records
      .join('')
      .split('\n')
      .filter((l) => l.includes('{'))
      .map((l) => l.slice(l.indexOf('{')));
    expect(records[0]).toBe(
      '{"id":"C1","person":{"first":"Ada","last":"Lovelace","born":"1815-12-10"},"stats":{"visits":12,"spend":3.5,"vip":true,"seen":"2021-02-03T04:05:06Z","small":7},"tier":"gold","source":"csv","country":"GB","tags":["x","y"],"ids":[{"id":"ada@example.com","primary":true}]}',
    );
    // Row 3 has 007, 1.50, yes and a date-time with a space: converted, not copied, same text.
    expect(records[2]).toContain('"visits":7,"spend":1.5,"vip":true,"seen":"2021-02-03T04:05:06Z"');
  });

  it('hands a quote it does not read to the text reader, which reads to the end when the quote never closes', async () => {
    const good = 'C1,Ada,Lovelace,,,,,,,,,,,';
    const csv = [COLUMNS.join(','), good, `"C2"x,${good.slice(3)}`, good, ''].join('\n');
    const viaBytes = await apply(encode(csv), { reader: 'auto', chunk: 7 });
    const viaText = await apply(encode(csv), { reader: 'text', chunk: 7 });
    // Row 1 written from its bytes, row 3 from the text reader's cells: both by the direct writer.
    expect(viaBytes.result.reading).toEqual({ mode: 'bytes', textFromRow: 2, textRows: 2, textToEnd: true, direct: 2 });
    expect(viaBytes.errors).toBe(viaText.errors);
    expect(viaBytes.records).toEqual(viaText.records);
    // papaparse reads on to the end of the file looking for the field's closing quote.
    expect(viaBytes.errors).toContain('"row":2,"line":3,"column":null,"value":null,"code":"CSV_UNCLOSED_QUOTE"');
  });

  it('goes on scanning bytes after the rows the text reader read at a quote it does not read', async () => {
    const good = (i: number) => `C${i},"Ada, ${i}",Lovelace,,${i},,,,,,,,,`;
    const rows = Array.from({ length: 60 }, (_, i) => good(i + 1));
    // Text after a closing quote: papaparse looks for the next quote (row 3's), then rejects
    // the first line of what it read and goes on from the next.
    rows[1] = 'C2,"closed" then text,Lovelace,,,,,,,,,,,';
    rows[40] = 'C41,"again"?,Lovelace,,,,,,,,,,,';
    const csv = [COLUMNS.join(','), ...rows, ''].join('\n');
    for (const chunk of [5, 64, 1 << 20]) {
      const viaBytes = await apply(encode(csv), { reader: 'auto', chunk });
      const viaText = await apply(encode(csv), { reader: 'text', chunk });
      expect(viaBytes.errors).toBe(viaText.errors);
      expect(viaBytes.records).toEqual(viaText.records);
      expect(viaBytes.result.counts).toEqual(viaText.result.counts);
      const { reading } = viaBytes.result;
      expect(reading).toMatchObject({ mode: 'bytes', textFromRow: 2, textToEnd: false });
      // Each odd row, the one whose quote papaparse took as its end, and maybe a row after it
      // (the text reader parses again once its text has doubled); the others were scanned.
      expect(reading.textRows).toBeGreaterThanOrEqual(4);
      expect(reading.textRows).toBeLessThanOrEqual(6);
      // Rows 2 and 41 rejected, the 58 others written by the direct writer (from bytes or cells).
      expect(reading.direct).toBe(58);
    }
  });

  it('evaluates calculated fields on the scanned row, with the same output as the text path', async () => {
    const csv = `${COLUMNS.join(',')}\nC1,Ada,Lovelace,,42,,,,gold,,,b,ada@example.com,\nC2,Zoë,Müller,,x,,,,,,,,,\n`;
    const viaBytes = await apply(encode(csv), { reader: 'auto', chunk: 5, mappings: WITH_EXPRESSIONS });
    const viaText = await apply(encode(csv), { reader: 'text', chunk: 5, mappings: WITH_EXPRESSIONS });
    expect(viaBytes.records).toEqual(viaText.records);
    expect(viaBytes.errors).toBe(viaText.errors);
    expect(viaBytes.result.reading).toEqual({ mode: 'bytes', textFromRow: null, textRows: 0, textToEnd: false, direct: 1 });
    const text = viaBytes.records.join('');
    expect(text).toContain('"display":"Ada Lovelace","label":"GOLD","score":42,"firstTag":"b","parts":["ada","example.com"]');
    // Row 2: to_integer("x") fails, so the row goes the full way and the error names it.
    expect(text).toContain('"display":"Zoë Müller","label":"none"');
    expect(viaBytes.errors).toContain('"row":2');
  });
});

describe('the Luma tutorial files on the byte path', () => {
  /** The real files: Mac Roman, CRLF, a schema with XDM's own keys (version, meta:*, $id). */
  async function lumaRun(reader: 'auto' | 'text', mappingFile: string) {
    const bytes = new Uint8Array(readFileSync(LUMA_CSV));
    const tree = sampleTree('luma');
    const v = compileValidator(tree.jsonSchema, { trustDateFormats: true });
    if (!v.ok) throw new Error(v.message);
    const mapping = loadMappingText(readFileSync(mappingFile, 'utf8'));
    if (!mapping.ok) throw new Error('mapping');
    const sink = new MemorySink();
    const run = new ApplyRun({ tree, doc: mapping.doc, sniffed: sniff(bytes), validator: v.validator, sink, reader });
    for (let i = 0; i < bytes.length; i += 1000) await run.push(bytes.subarray(i, i + 1000));
    const result = await run.end();
    return { result, jsonl: sink.text('part-00001.jsonl'), errors: sink.text('errors.jsonl') };
  }

  it.each([LUMA_MAPPING, join(ROOT, 'mappings', 'luma-products-calculated.mapping.json')])(
    '%s: every record written straight from bytes, as the text path writes it',
    async (file) => {
      const viaBytes = await lumaRun('auto', file);
      const viaText = await lumaRun('text', file);
      expect(viaBytes.result.counts.written).toBe(92);
      expect(viaBytes.result.reading).toEqual({ mode: 'bytes', textFromRow: null, textRows: 0, textToEnd: false, direct: 92 });
      expect(viaBytes.jsonl).toBe(viaText.jsonl);
      expect(viaBytes.errors).toBe(viaText.errors);
    },
  );
});

/** The direct writer's record for a row of text cells, as text; null when it leaves the row to the record builder. */
function direct(c: CompiledMapping, cells: string[]): string | null {
  if (!c.text) return null;
  const { row, buf } = c.text.encode(cells);
  const out = new Uint8Array(c.text.writer.bound(row.textEnd) + 16);
  const n = c.text.writer.write(row, buf, out, 0);
  return n < 0 ? null : new TextDecoder().decode(out.subarray(0, n - 1));
}

describe('the two writers of one plan agree on every row', () => {
  it('the direct writer gives nothing or exactly JSON.stringify of the record the record builder makes', () => {
    const SETS = [MAPPINGS, WITH_EXPRESSIONS, WITH_READINGS];
    // A mapping, and a row of cells written for it.
    const mappedRow = pick(0, 1, 2).chain((m) => fc.tuple(fc.constant(m), fc.tuple(...COLUMNS.map((c) => (m === 2 ? READ_CELLS : CELLS)[c]!))));
    // One plan per mapping and empty-cell policy, compiled once: the rows are what vary.
    const plans = new Map<string, CompiledMapping>();
    // Wide plans are generated as several functions; `piece` splits these small ones the same way.
    const planFor = (set: number, emptyCells: 'omit' | 'null', piece: number | undefined): CompiledMapping => {
      const key = `${set}:${emptyCells}:${piece}`;
      const known = plans.get(key);
      if (known) return known;
      const doc = createMappingDocument({ columns: COLUMNS, schemaId: SCHEMA.$id, mappings: SETS[set]! });
      const c = compileMapping(doc, schema.tree, COLUMNS, { validator: schema.validator, emptyCells, writerPiece: piece });
      if (!c.ok) throw new Error(JSON.stringify(c.problems));
      plans.set(key, c.compiled);
      return c.compiled;
    };
    let written = 0;
    fc.assert(
      fc.property(mappedRow, pick<'omit' | 'null'>('omit', 'null'), pick(undefined, 1, 5), ([set, row], emptyCells, piece) => {
        const c = { compiled: planFor(set, emptyCells, piece) };
        const line = direct(c.compiled, row);
        const full = c.compiled.run(row, 1, 2);
        if (line !== null) {
          written++;
          expect(full.errors).toEqual([]);
          expect(line).toBe(JSON.stringify(full.record));
        } else expect(full.errors.length > 0 || (emptyCells === 'null' && row.includes(''))).toBe(true);
      }),
      { numRuns: 3000 },
    );
    expect(written).toBeGreaterThan(300);
  });
});

describe('a wide plan, generated as several functions', () => {
  it('writes the same records and errors as the record builder on a 90-column file', async () => {
    // 90 columns of three kinds (text, int with bounds, enum), as an export of product attributes has.
    const kinds = ['text', 'int', 'enum'] as const;
    const columns = Array.from({ length: 90 }, (_, i) => `c${i}`);
    const properties = Object.fromEntries(
      columns.map((c, i) => {
        const kind = kinds[i % 3]!;
        const field =
          kind === 'int'
            ? { type: 'integer', minimum: -2147483648, maximum: 2147483647 }
            : kind === 'enum'
              ? { type: 'string', enum: ['S', 'M', 'L'] }
              : { type: 'string' };
        return [c, field];
      }),
    );
    const r = loadSchema({
      $id: 'https://example.com/wide',
      title: 'Wide',
      type: 'object',
      properties: { a: { type: 'object', required: ['c0'], properties } },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const v = compileValidator(r.tree.jsonSchema, { trustDateFormats: true });
    if (!v.ok) throw new Error(v.message);
    const doc = createMappingDocument({
      columns,
      schemaId: 'https://example.com/wide',
      mappings: columns.map((c) => ({ sourceType: 'ATTRIBUTE' as const, source: c, destination: `a.${c}` })),
    });
    const good = { text: ['', 'x', 'Zoë "q"', 'a,b', 'back\\slash', '12'], int: ['', '12', '-7', '0', '2147483647'], enum: ['', 'S', 'M', 'L'] };
    const bad = { text: ['\u0001'], int: ['2147483648', '1.5', '007'], enum: ['XL', 's'] };
    // Every fourth row has one cell its field refuses (or, for text, one that needs escaping).
    const cell = (n: number, i: number) => {
      const kind = kinds[i % 3]!;
      const from = n % 4 === 0 && i === (n * 7) % 90 ? bad[kind] : good[kind];
      return from[(n + i) % from.length]!;
    };
    const quote = (x: string) => (/[",]/.test(x) ? `"${x.replaceAll('"', '""')}"` : x);
    const lines = Array.from({ length: 300 }, (_, n) => columns.map((_c, i) => quote(cell(n, i))).join(','));
    const bytes = encode(`${columns.join(',')}\n${lines.join('\n')}\n`);
    const run = async (writer: 'auto' | 'records') => {
      const sink = new MemorySink();
      const a = new ApplyRun({
        tree: r.tree,
        doc,
        sniffed: sniff(bytes.subarray(0, 65536), { encoding: 'utf-8', delimiter: ',', lineEnding: '\n', skipLines: 0 }),
        validator: v.validator,
        sink,
        fileSize: 1 << 20,
        reader: writer === 'records' ? 'text' : 'auto',
        writer,
      });
      await a.push(bytes);
      const result = await a.end();
      return { result, records: result.files.map((f) => sink.text(f.path)).join(''), errors: sink.text('errors.jsonl') };
    };
    const direct = await run('auto');
    const records = await run('records');
    expect(direct.records).toBe(records.records);
    expect(direct.errors).toBe(records.errors);
    expect(direct.result.counts).toEqual(records.result.counts);
    // Both kinds of rows occur: written straight, and rejected or explained by the record builder.
    expect(direct.result.reading.direct).toBeGreaterThan(20);
    expect(direct.result.reading.direct).toBeLessThan(direct.result.counts.input);
  });
});

describe('records whose key order JavaScript decides', () => {
  it('keys that read as array indexes (7, 1234567890) keep the full path, and its key order', async () => {
    const r = loadSchema({
      $id: 'https://example.com/numeric',
      title: 'Numeric keys',
      type: 'object',
      properties: {
        o: {
          type: 'object',
          properties: { b: { type: 'string' }, '7': { type: 'string' }, '1234567890': { type: 'string' }, '4294967295': { type: 'string' } },
        },
      },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const v = compileValidator(r.tree.jsonSchema);
    if (!v.ok) throw new Error(v.message);
    const columns = ['b', 'seven', 'big', 'max'];
    const doc = createMappingDocument({
      columns,
      schemaId: 'https://example.com/numeric',
      mappings: [
        { sourceType: 'ATTRIBUTE', source: 'b', destination: 'o.b' },
        { sourceType: 'ATTRIBUTE', source: 'seven', destination: 'o.7' },
        { sourceType: 'ATTRIBUTE', source: 'big', destination: 'o.1234567890' },
        { sourceType: 'ATTRIBUTE', source: 'max', destination: 'o.4294967295' },
      ],
    });
    const c = compileMapping(doc, r.tree, columns, { validator: v.validator });
    if (!c.ok) throw new Error(JSON.stringify(c.problems));
    expect(c.compiled.bytes).toBeNull();
    expect(direct(c.compiled, ['x', 'y', 'z', 'w'])).toBeNull();
    expect(JSON.stringify(c.compiled.run(['x', 'y', 'z', 'w'], 1, 2).record)).toBe('{"o":{"7":"y","1234567890":"z","b":"x","4294967295":"w"}}');
    // A ten-digit index alone is enough; 4294967295 is not an index and is a key like any other.
    const tenDigits = compileMapping({ ...doc, mappings: [doc.mappings[0]!, doc.mappings[2]!] }, r.tree, columns, { validator: v.validator });
    const notIndex = compileMapping({ ...doc, mappings: [doc.mappings[0]!, doc.mappings[3]!] }, r.tree, columns, { validator: v.validator });
    expect(tenDigits.ok && tenDigits.compiled.bytes).toBeNull();
    expect(notIndex.ok && direct(notIndex.compiled, ['x', 'y', 'z', 'w'])).toBe('{"o":{"b":"x","4294967295":"w"}}');
  });
});
