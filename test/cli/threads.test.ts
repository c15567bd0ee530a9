import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { THREADS_FROM_BYTES } from '../../src/cli/mappingThreads';
import { runApply } from '../../src/cli/runApply';
import { tempDir, utf16le, writeTemp } from '../helpers/cli';
import { LUMA_CSV, LUMA_MAPPING, LUMA_SCHEMA, ROOT } from '../helpers/samples';

// The command's mapping threads (real worker threads running dist/cli/mapThread.cjs) against the
// main thread alone: the same batch files, errors and manifest, on real and broken files.

const SCHEMA = join(ROOT, 'test/fixtures/contacts/contacts.schema.json');
const MAPPING = join(ROOT, 'test/fixtures/contacts/contacts.mapping.json');
const HEADER = 'id,birth,seen,points,optin,email,tier,note';

/** Rows of every kind: clean, with field errors, ragged, quoted with commas, quotes and line breaks. */
function contacts(rows: number, nl: string): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const k = i % 9;
    if (k === 0) lines.push(`c${i},1990-01-31,2024-03-01T10:00:00Z,${i},yes,a${i}@example.com,gold,"says ""hi"", twice"`);
    else if (k === 1) lines.push(`c${i},31/12/1990,,${-i},no,,silver,"two${nl}lines"`);
    else if (k === 2) lines.push(`c${i},not a date,2024-03-01,twelve,maybe,not-an-email,tin,x`);
    else if (k === 3) lines.push(`c${i},1990-01-01`);
    else if (k === 4) lines.push('');
    else if (k === 5) lines.push(`,1990-01-31,,1,yes,,gold,no id`);
    else if (k === 6) lines.push(`c${i},1990-01-31,,3,true,b@example.com,gold,5" screen`);
    else lines.push(`c${i},1985-06-15,2023-12-31T23:59:59.123+02:00,${i * 7},off,c${i}@example.org,,Zoë Ærø`);
  }
  return lines.join(nl) + nl;
}

const silent = { out: () => {}, err: () => {}, isTTY: false };

/** Runs on the main thread alone and on three; `inPieces`: whether the three threads each mapped pieces, or none did. */
async function both(input: string, mapping: string, schema: string, inPieces = true) {
  const outputs: Record<string, string>[] = [];
  const codes: number[] = [];
  for (const threads of [1, 3]) {
    const out = join(tempDir(), 'out');
    const r = await runApply(
      { mapping, schema, input, out, maxErrors: 100, fileSize: 4096, overrides: {}, threads, pieceBytes: threads > 1 ? 700 : undefined },
      silent,
    );
    codes.push(r.code);
    // Every thread took its turn.
    if (threads > 1) expect(r.pieces?.length === 3 && r.pieces.every((n) => (inPieces ? n > 0 : n === 0))).toBe(true);
    const files: Record<string, string> = {};
    for (const name of readdirSync(out).sort()) {
      const text = readFileSync(join(out, name), 'utf8');
      files[name] = name === 'manifest.json' ? text.replace(/"createdAt": "[^"]+"/, '') : text;
    }
    outputs.push(files);
  }
  expect(codes[1]).toBe(codes[0]);
  expect(Object.keys(outputs[0]!).length).toBeGreaterThan(2);
  expect(outputs[1]).toEqual(outputs[0]);
  return outputs[0]!;
}

describe('apply on mapping threads', () => {
  it('writes what the main thread alone writes: the Luma products', async () => {
    await both(LUMA_CSV, LUMA_MAPPING, LUMA_SCHEMA);
  });

  it('writes what the main thread alone writes on a file of every kind of row, \\n, \\r\\n and \\r', async () => {
    for (const nl of ['\n', '\r\n', '\r']) {
      const input = writeTemp(tempDir(), 'contacts.csv', contacts(900, nl));
      const files = await both(input, MAPPING, SCHEMA);
      expect(files['errors.jsonl']!.split('\n').length).toBeGreaterThan(300);
    }
  });

  it('reads on in the main thread from a quote the byte scanner does not take, and from bytes that are not UTF-8', async () => {
    const text = contacts(600, '\n').split('\n');
    text[400] = 'c400,"1990-01-31" late,,1,yes,,gold,x';
    const dir = tempDir();
    await both(writeTemp(dir, 'odd.csv', text.join('\n')), MAPPING, SCHEMA);
    const bytes = new TextEncoder().encode(contacts(600, '\n'));
    bytes[bytes.length - 500] = 0xff;
    await both(writeTemp(dir, 'latin.csv', bytes), MAPPING, SCHEMA);
  });
});

describe('apply on mapping threads, on files that are not read in pieces', () => {
  it('writes what the main thread alone writes: UTF-16 (read here), Windows-1252 (in pieces)', async () => {
    const dir = tempDir();
    const text = contacts(400, '\n');
    // Read by the text reader: nothing to cut into pieces.
    await both(writeTemp(dir, 'utf16.csv', utf16le(text)), MAPPING, SCHEMA, false);
    // A single-byte encoding is scanned as bytes, and cut into pieces like UTF-8.
    const latin = new TextEncoder().encode(text.replaceAll('Zoë Ærø', 'Zo\u00eb'));
    await both(
      writeTemp(
        dir,
        'cp1252.csv',
        Uint8Array.from(new TextDecoder().decode(latin), (c) => c.charCodeAt(0) & 0xff),
      ),
      MAPPING,
      SCHEMA,
    );
  });

  it('stops as the main thread does when a column the mapping needs is missing', async () => {
    const dir = tempDir();
    const input = writeTemp(dir, 'renamed.csv', contacts(400, '\n').replace(HEADER, HEADER.replace('email', 'e_mail')));
    const codes = [];
    for (const threads of [1, 3]) {
      const r = await runApply(
        { mapping: MAPPING, schema: SCHEMA, input, out: join(tempDir(), 'out'), maxErrors: 100, fileSize: 4096, overrides: {}, threads, pieceBytes: 700 },
        silent,
      );
      codes.push(r.code);
    }
    expect(codes).toEqual([2, 2]);
  });
});

describe('the pre-flight of a large input, taken beside the run', () => {
  const VALUES = join(ROOT, 'test/fixtures/values/values.schema.json');
  const mappingFor = (dir: string, settings?: Record<string, string>) =>
    writeTemp(
      dir,
      'mapping.json',
      JSON.stringify({
        kind: 'xdm-mapper/mapping',
        version: 1,
        name: 'values',
        source: { columns: ['Name', 'Joined'] },
        target: { schemaId: 'https://example.com/schemas/values-test' },
        mappings: [{ sourceType: 'ATTRIBUTE', source: 'Joined', destination: 'product.since', ...(settings ? { settings } : {}) }],
      }),
    );
  // 19 MB of dates that read two ways (03/04/2021: 3 April or 4 March).
  const rows = Array.from(
    { length: 1_000_000 },
    (_, i) => `N${i},${String((i % 12) + 1).padStart(2, '0')}/${String(((i + 5) % 12) + 1).padStart(2, '0')}/2021`,
  );
  const csvText = `Name,Joined\n${rows.join('\n')}\n`;
  expect(csvText.length).toBeGreaterThan(THREADS_FROM_BYTES);

  it('stops the run when it blocks it, and keeps nothing', async () => {
    const dir = tempDir();
    const input = writeTemp(dir, 'big.csv', csvText);
    const out = join(dir, 'out');
    let err = '';
    const r = await runApply(
      { mapping: mappingFor(dir), schema: VALUES, input, out, maxErrors: 5, fileSize: 256 << 20, overrides: {}, threads: 2 },
      { ...silent, err: (t: string) => (err += t) },
    );
    expect(r.code).toBe(2);
    expect(err).toMatch(/stop: column "Joined" can be read as month first/);
    // As on the main thread: the output folder holds nothing, and no temporary folder is left beside it.
    expect(readdirSync(dir).sort()).toEqual(['big.csv', 'mapping.json', 'out']);
    expect(readdirSync(out)).toEqual([]);
  });

  it('lets the run finish when the reading is stated', async () => {
    const dir = tempDir();
    const input = writeTemp(dir, 'big.csv', csvText);
    const out = join(dir, 'out');
    const r = await runApply(
      { mapping: mappingFor(dir, { dateFormat: 'MM/dd/yyyy' }), schema: VALUES, input, out, maxErrors: 5, fileSize: 256 << 20, overrides: {}, threads: 2 },
      silent,
    );
    expect(r.code).toBe(0);
    expect(r.preflight?.blocked).toEqual([]);
    expect(r.manifest?.rows).toMatchObject({ input: 1_000_000, written: 1_000_000, rejected: 0 });
  });
});
