import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApplyRun, type ApplyRunInit } from '../../../src/core/batch/applyRun';
import { MemorySink } from '../../../src/core/batch/memorySink';
import { HereLane, type MappedPiece, type PieceLanes, PieceReader } from '../../../src/core/batch/pieces';
import { LineBuffer } from '../../../src/core/batch/writer';
import { sniff } from '../../../src/core/csv/sniff';
import { createMappingDocument } from '../../../src/core/mapping/document';
import { loadSchema } from '../../../src/core/schema/loadSchema';
import { compileValidator } from '../../../src/core/validate/validator';

// Mapping a file in pieces (as the command's threads do) against reading every row in one run:
// the same files, byte for byte, the same errors and counts, wherever the pieces are cut.

const COLUMNS = ['id', 'name', 'born', 'points', 'member', 'note'];

function plan() {
  const r = loadSchema({
    $id: 'https://example.com/p',
    title: 'P',
    type: 'object',
    properties: {
      _t: {
        type: 'object',
        required: ['id'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          born: { type: 'string', format: 'date' },
          points: { type: 'integer', minimum: 0 },
          member: { type: 'boolean' },
          note: { type: 'string', maxLength: 12 },
        },
      },
    },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const v = compileValidator(r.tree.jsonSchema, { trustDateFormats: true });
  if (!v.ok) throw new Error(v.message);
  const doc = createMappingDocument({
    columns: COLUMNS,
    schemaId: 'https://example.com/p',
    mappings: COLUMNS.map((c) => ({ sourceType: 'ATTRIBUTE' as const, source: c, destination: `_t.${c}` })),
  });
  return { tree: r.tree, validator: v.validator, doc };
}

const P = plan();

function runOver(bytes: Uint8Array, sink: MemorySink, extra: Partial<ApplyRunInit> = {}): ApplyRun {
  return new ApplyRun({ ...P, sniffed: sniff(bytes.subarray(0, 65536)), sink, fileSize: 400, ...extra });
}

/** Lanes on this thread: several runs over the same plan, taken in turn (as the command's threads are). */
let piecesMapped = 0;

class Lanes implements PieceLanes {
  private readonly lanes: HereLane[];
  private turn = 0;
  constructor(bytes: Uint8Array, count: number) {
    this.lanes = Array.from({ length: count }, () => {
      const lines = new LineBuffer(256);
      return new HereLane(runOver(bytes, new MemorySink(), { recordsTo: lines }), lines);
    });
  }
  get size(): number {
    return this.lanes.length;
  }
  header(columns: string[]): void {
    for (const l of this.lanes) l.header(columns);
  }
  map(bytes: Uint8Array, final: boolean): Promise<MappedPiece> {
    const lane = this.turn;
    this.turn = (this.turn + 1) % this.lanes.length;
    piecesMapped++;
    return this.lanes[lane]!.map(bytes, final, lane);
  }
  release(p: MappedPiece): void {
    this.lanes[p.lane]!.release(p);
  }
}

async function outcome(bytes: Uint8Array, chunk: number, pieces: { lanes: number; size: number } | null) {
  const sink = new MemorySink();
  const run = runOver(bytes, sink);
  const reader = pieces
    ? new PieceReader({ run, sniffed: sniff(bytes.subarray(0, 65536)), lanes: new Lanes(bytes, pieces.lanes), pieceBytes: pieces.size })
    : null;
  for (let i = 0; i < bytes.length; i += chunk) {
    const part = bytes.slice(i, i + chunk);
    if (reader) await reader.push(part);
    else await run.push(part);
  }
  await reader?.end();
  const result = await run.end();
  const files = Object.fromEntries([...sink.files.keys()].sort().map((k) => [k, sink.text(k)]));
  return { files, result };
}

const plainCell = fc.constantFrom(
  'C1',
  'Ana',
  'Zoë',
  '',
  '2020-01-31',
  '31/01/2020',
  'not a date',
  '42',
  '-3',
  '4.5',
  'true',
  'no',
  'maybe',
  '"quoted, comma"',
  '"say ""hi"""',
  '"two\nlines"',
  '"two\r\nlines"',
  'in"side',
  'a long note that is too long',
);
// Quotes the byte scanner does not read: after them the rest of the file goes to the text reader.
const ODD = ['"closed" then text', '"'];
const oddCell = fc.constantFrom(...ODD);
const cell = fc.oneof({ weight: 40, arbitrary: plainCell }, { weight: 1, arbitrary: oddCell });

const row = fc.oneof(
  { weight: 12, arbitrary: fc.array(cell, { minLength: 6, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.array(cell, { minLength: 1, maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constant([] as string[]) },
);

describe('mapping in pieces', () => {
  it('writes the same files and counts as one run, wherever pieces and chunks are cut', async () => {
    piecesMapped = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 0, maxLength: 80, size: 'max' }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 8, max: 400 }),
        fc.boolean(),
        async (rows, crlf, finalBreak, chunk, lanes, size, plainOnly) => {
          const nl = crlf ? '\r\n' : '\n';
          // Half the files have no quote the scanner leaves: with one in most files, most runs would
          // stop cutting pieces early and the property would say little about pieces.
          const cells = plainOnly ? rows.map((r) => r.map((c) => (ODD.includes(c) ? 'Ana' : c))) : rows;
          const text = [COLUMNS.join(','), ...cells.map((r) => r.join(','))].join(nl) + (finalBreak ? nl : '');
          const bytes = new TextEncoder().encode(text);
          const one = await outcome(bytes, chunk, null);
          const inPieces = await outcome(bytes, chunk, { lanes, size });
          expect(inPieces.files).toEqual(one.files);
          expect(inPieces.result).toEqual(one.result);
        },
      ),
      { numRuns: 300 },
    );
    // The property held with pieces actually mapped, not only with files read before any was cut.
    // Over six runs of 300 files this mapped 1,491-1,948 pieces; 600 leaves room for chance, not for
    // a change that stops cutting pieces.
    expect(piecesMapped).toBeGreaterThan(600);
  });

  it('maps most rows in pieces when every row is plain, and reads on in the run from a quote it does not take', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `C${i},"Name, ${i}",2020-01-${String((i % 28) + 1).padStart(2, '0')},${i},true,"a ""b"""`);
    const plain = new TextEncoder().encode(`${COLUMNS.join(',')}\n${rows.join('\n')}\n`);
    const sequential = await outcome(plain, 4096, null);
    piecesMapped = 0;
    const pieces = await outcome(plain, 4096, { lanes: 2, size: 1000 });
    expect(pieces).toEqual(sequential);
    expect(piecesMapped).toBeGreaterThan(10);
    expect(pieces.result.reading).toMatchObject({ mode: 'bytes', textFromRow: null, direct: 400 });

    // Text after a closing quote in row 300: the byte scanner stops there, and so do the pieces.
    rows[299] = 'C299,"closed" then text,2020-01-01,1,true,x';
    const odd = new TextEncoder().encode(`${COLUMNS.join(',')}\n${rows.join('\n')}\n`);
    const oddSequential = await outcome(odd, 4096, null);
    const oddPieces = await outcome(odd, 4096, { lanes: 2, size: 1000 });
    expect(oddPieces).toEqual(oddSequential);
    expect(oddPieces.result.reading.textFromRow).toBe(300);
    expect(oddPieces.result.counts.input).toBe(400);
  });
});
