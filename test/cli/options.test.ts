import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLY_HELP } from '../../src/cli/apply';
import { APPLY_OPTIONS } from '../../src/cli/applyOptions';
import { INGEST_HELP } from '../../src/cli/ingest/command';
import { WATCH_HELP } from '../../src/cli/ingest/watch';
import { cli, readJsonl, tempDir } from '../helpers/cli';
import { CREDS, type MockAep, startMockAep } from '../helpers/mockAep';
import { ROOT } from '../helpers/samples';

const SCHEMA = join(ROOT, 'test/fixtures/contacts/contacts.schema.json');
const MAPPING = join(ROOT, 'test/fixtures/contacts/contacts.mapping.json');

/**
 * A semicolon file in Windows-1252 with a title line above the header and an empty cell: read
 * right only when --encoding, --delimiter and --skip-lines are taken; --empty-cells null and
 * --file-size show in the output.
 */
function contactsFile(dir: string, name = 'contacts.csv'): string {
  const rows = ['Export of 2026-11-30', 'id;birth;seen;points;optin;email;tier;note'];
  for (let i = 1; i <= 40; i++) rows.push(`C${i};1990-01-0${(i % 9) + 1};2026-11-30T10:00:00Z;${i};yes;c${i}@example.com;gold;${i === 1 ? '' : 'Caf\xe9 ok'}`);
  const bytes = Uint8Array.from([...rows.join('\r\n')].map((c) => c.charCodeAt(0)));
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const t = new Date(Date.now() - 120_000);
  utimesSync(path, t, t);
  return path;
}

const READING = ['--encoding', 'windows-1252', '--delimiter', ';', '--skip-lines', '1', '--empty-cells', 'null', '--file-size', '2KB'];

let aep: MockAep;
beforeEach(async () => {
  aep = await startMockAep();
});
afterEach(async () => {
  await aep.close();
});

function withCreds<T>(f: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, CREDS);
  return f().finally(() => {
    for (const k of Object.keys(CREDS)) if (!(k in saved)) delete process.env[k];
  });
}

/** The records of every part file a manifest lists, in order. */
function records(dir: string): Record<string, unknown>[] {
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  expect(m.files.length).toBeGreaterThan(1);
  expect(m.input.encoding).toBe('windows-1252');
  return m.files.flatMap((f: { path: string }) => readJsonl(join(dir, f.path)));
}

/** Read right: Windows-1252 text decoded; the empty cell written as null, which the schema refuses. */
function expectReadRight(dir: string) {
  const recs = records(dir) as { _acme: Record<string, unknown> }[];
  expect(recs).toHaveLength(39);
  expect(recs[0]!._acme).toMatchObject({ contactId: 'C2', note: 'Café ok', points: 2, optIn: true });
  const errors = readJsonl(join(dir, 'errors.jsonl'));
  expect(errors).toMatchObject([{ row: 1, line: 3, column: 'note', code: 'SCHEMA_VIOLATION', rejected: true }]);
}

describe('apply, ingest and watch share one option table', () => {
  it('lists every apply option in the help of all three', () => {
    for (const help of [APPLY_HELP, INGEST_HELP, WATCH_HELP]) for (const name of Object.keys(APPLY_OPTIONS)) expect(help).toContain(`--${name} `);
  });

  it('refuses --max-errors abc in all three, before reading or moving anything', async () => {
    const dir = tempDir();
    const csv = contactsFile(dir);
    const apply = await cli('apply', '--mapping', MAPPING, '--schema', SCHEMA, csv, '--out', join(dir, 'o'), '--max-errors', 'abc');
    const ingest = await cli('ingest', '--dataset', 'ds', '--mapping', MAPPING, '--schema', SCHEMA, csv, '--max-errors', 'abc');
    const watch = await cli('watch', dir, '--mapping', MAPPING, '--schema', SCHEMA, '--once', '--max-errors', 'abc');
    for (const r of [apply, ingest, watch]) {
      expect(r.code).toBe(2);
      expect(r.err).toContain('--max-errors must be a percentage from 0 to 100, got "abc"');
    }
    expect(readdirSync(dir).sort()).toEqual(['contacts.csv']);
  });

  it('apply reads the file as the flags say', async () => {
    const dir = tempDir();
    const out = join(dir, 'o');
    const r = await cli('apply', '--mapping', MAPPING, '--schema', SCHEMA, contactsFile(dir), '--out', out, ...READING);
    expect(r.code).toBe(0);
    expectReadRight(out);
  });

  it('ingest takes every apply option for the mapping step', async () => {
    const dir = tempDir();
    const out = join(dir, 'sent');
    const r = await withCreds(() =>
      cli(
        'ingest',
        '--dataset',
        'ds',
        '--mapping',
        MAPPING,
        '--schema',
        SCHEMA,
        contactsFile(dir),
        '--out',
        out,
        ...READING,
        '--platform-url',
        aep.url,
        '--ims-url',
        aep.url,
        '--poll',
        '0',
      ),
    );
    expect(r.err).toMatch(/Batch batch-\d+: success/);
    expect(r.code).toBe(0);
    expectReadRight(out);
  });

  it('watch takes every apply option for each file it maps', async () => {
    const dir = tempDir();
    contactsFile(dir, 'monday.csv');
    const r = await cli('watch', dir, '--mapping', MAPPING, '--schema', SCHEMA, '--once', '--settle', '1s', ...READING);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'done', 'monday.csv'))).toBe(true);
    expectReadRight(join(dir, 'done', 'monday.csv.xdm'));
  });
});
