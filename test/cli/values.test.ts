import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, readJsonl, tempDir, writeTemp } from '../helpers/cli';

const DIR = join(import.meta.dirname, '../fixtures/values');
const SCHEMA = join(DIR, 'values.schema.json');

function mappingFile(dir: string, columns: string[], mappings: unknown[]): string {
  const doc = {
    kind: 'xdm-mapper/mapping',
    version: 1,
    name: 'values',
    source: { columns },
    target: { schemaId: 'https://example.com/schemas/values-test' },
    mappings,
  };
  return writeTemp(dir, 'mapping.json', JSON.stringify(doc));
}
const FR_COLUMNS = ['Nom', 'Prénom', 'Date de naissance', 'Ville', 'Montant', 'Newsletter', 'Dernier achat'];

describe('apply reads values the way the file writes them', () => {
  it('stops on French birth dates when the mapping states no format, naming the column and the setting, and writes nothing', async () => {
    const dir = tempDir();
    const mapping = mappingFile(dir, FR_COLUMNS, [{ sourceType: 'ATTRIBUTE', source: 'Date de naissance', destination: 'person.birthDate' }]);
    const out = join(dir, 'out');
    const r = await cli('apply', '--mapping', mapping, '--schema', SCHEMA, join(DIR, 'fr-clients.csv'), '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('stop: column "Date de naissance"');
    expect(r.err).toContain('12/03/1985 would be read as 1985-12-03 instead of 1985-03-12');
    expect(r.err).toContain('"settings": {"dateFormat":"dd/MM/yyyy"} in mapping 0');
    expect(existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.jsonl')) : []).toEqual([]);
  });

  it('converts the French file (semicolons, Windows-1252) with its readings stated', async () => {
    const dir = tempDir();
    const mapping = mappingFile(dir, FR_COLUMNS, [
      { sourceType: 'ATTRIBUTE', source: 'Prénom', destination: 'person.name.firstName' },
      { sourceType: 'ATTRIBUTE', source: 'Date de naissance', destination: 'person.birthDate', settings: { dateFormat: 'dd/MM/yyyy' } },
      { sourceType: 'ATTRIBUTE', source: 'Montant', destination: 'commerce.amount', settings: { decimalSeparator: ',', thousandsSeparator: '.' } },
      { sourceType: 'ATTRIBUTE', source: 'Newsletter', destination: 'newsletter', settings: { trueWords: ['oui'], falseWords: ['non'] } },
      {
        sourceType: 'ATTRIBUTE',
        source: 'Dernier achat',
        destination: 'commerce.lastPurchase',
        settings: { dateFormat: 'dd/MM/yyyy HH:mm', timeZone: 'Europe/Paris' },
      },
    ]);
    const out = join(dir, 'out');
    const r = await cli('apply', '--mapping', mapping, '--schema', SCHEMA, join(DIR, 'fr-clients.csv'), '--out', out);
    expect(r.code, r.err).toBe(0);
    const [first, second] = readJsonl(join(out, 'part-00001.jsonl'));
    expect(first).toEqual({
      person: { name: { firstName: 'Léa' }, birthDate: '1985-03-12' },
      commerce: { amount: 1234.56, lastPurchase: '2024-03-12T13:05:00Z' },
      newsletter: true,
    });
    expect(second).toMatchObject({ person: { birthDate: '1990-04-23' }, commerce: { amount: 12.5 }, newsletter: false });
  });

  it('converts Shopify timestamps with their offsets, and warns when the mapping states no format Data Prep can use', async () => {
    const dir = tempDir();
    const columns = ['Name', 'Created at'];
    const plain = mappingFile(dir, columns, [
      { sourceType: 'ATTRIBUTE', source: 'Name', destination: 'commerce.orderId' },
      { sourceType: 'ATTRIBUTE', source: 'Created at', destination: 'commerce.createdAt' },
    ]);
    const check = await cli('apply', '--check', '--mapping', plain, '--schema', SCHEMA, join(DIR, 'shopify-orders.csv'));
    expect(check.code).toBe(0);
    expect(check.err).toContain('warning: 39 of 39 values of column "Created at" do not fit commerce.createdAt (date-time), e.g. "2025-03-20 05:20:57 -0700"');
    const stated = mappingFile(dir, columns, [
      { sourceType: 'ATTRIBUTE', source: 'Name', destination: 'commerce.orderId' },
      { sourceType: 'ATTRIBUTE', source: 'Created at', destination: 'commerce.createdAt', settings: { dateFormat: 'yyyy-MM-dd HH:mm:ss Z' } },
    ]);
    const out = join(dir, 'out');
    const r = await cli('apply', '--mapping', stated, '--schema', SCHEMA, join(DIR, 'shopify-orders.csv'), '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(readJsonl(join(out, 'part-00001.jsonl'))[0]).toEqual({ commerce: { orderId: '#1001', createdAt: '2025-03-20T12:20:57Z' } });
  });

  it('converts decimal-comma prices', async () => {
    const dir = tempDir();
    const mapping = mappingFile(
      dir,
      ['Artikelnummer', 'Preis'],
      [
        { sourceType: 'ATTRIBUTE', source: 'Artikelnummer', destination: 'product.sku' },
        { sourceType: 'ATTRIBUTE', source: 'Preis', destination: 'product.price', settings: { decimalSeparator: ',', thousandsSeparator: '.' } },
      ],
    );
    const out = join(dir, 'out');
    const r = await cli('apply', '--mapping', mapping, '--schema', SCHEMA, join(DIR, 'de-artikel.csv'), '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(readJsonl(join(out, 'part-00001.jsonl')).slice(0, 2)).toEqual([
      { product: { sku: 'A-1001', price: 19.99 } },
      { product: { sku: 'A-1002', price: 1299 } },
    ]);
  });

  it('stops on a column that reads two ways, giving both readings', async () => {
    const dir = tempDir();
    const csv = writeTemp(dir, 'in.csv', 'Name,Joined\nA,03/04/2021\nB,07/04/2021\nC,01/05/2021\n');
    const mapping = mappingFile(dir, ['Name', 'Joined'], [{ sourceType: 'ATTRIBUTE', source: 'Joined', destination: 'product.since' }]);
    const r = await cli('apply', '--mapping', mapping, '--schema', SCHEMA, csv, '--out', join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /stop: column "Joined" can be read as month first \(MM\/dd\/yyyy\) \(03\/04\/2021 -> 2021-03-04\) or day first \(dd\/MM\/yyyy\) \(03\/04\/2021 -> 2021-04-03\)/,
    );
    expect(r.err).toContain('State one in the mapping, e.g. "settings": {"dateFormat":"MM/dd/yyyy"} in mapping 0');
  });

  it('--check prints the pre-flight, counts rejected rows against --max-errors, and writes nothing', async () => {
    const dir = tempDir();
    const csv = writeTemp(dir, 'in.csv', `Name,Amount\n${Array.from({ length: 10 }, (_, i) => `n${i},${i < 3 ? 'lots' : i}`).join('\n')}\n`);
    const schema = writeTemp(
      dir,
      's.json',
      JSON.stringify({
        $id: 'https://example.com/s',
        type: 'object',
        required: ['amount'],
        properties: { name: { type: 'string' }, amount: { type: 'number' } },
      }),
    );
    const mapping = mappingFile(
      dir,
      ['Name', 'Amount'],
      [
        { sourceType: 'ATTRIBUTE', source: 'Name', destination: 'name' },
        { sourceType: 'ATTRIBUTE', source: 'Amount', destination: 'amount' },
      ],
    );
    const r = await cli('apply', '--check', '--json', '--mapping', mapping, '--schema', schema, csv);
    expect(r.code).toBe(1);
    expect(r.err).toContain('3 of 10 sample rows would be rejected (30 %): more than --max-errors 5 %, so the run would fail, as AEP would fail such a batch');
    const summary = JSON.parse(r.out);
    expect(summary.check).toMatchObject({ sampleRows: 10, rejected: 3, passes: false });
    expect(readdirSync(dir).sort()).toEqual(['in.csv', 'mapping.json', 's.json']);
    expect((await cli('apply', '--check', '--max-errors', '50', '--mapping', mapping, '--schema', schema, csv)).code).toBe(0);
  });

  it('a run with --json still reports the sample rows the pre-flight would reject; the run counts its own', async () => {
    const dir = tempDir();
    const csv = writeTemp(dir, 'in.csv', `Name,Amount\n${Array.from({ length: 10 }, (_, i) => `n${i},${i < 3 ? 'lots' : i}`).join('\n')}\n`);
    const schema = writeTemp(
      dir,
      's.json',
      JSON.stringify({
        $id: 'https://example.com/s',
        type: 'object',
        required: ['amount'],
        properties: { name: { type: 'string' }, amount: { type: 'number' } },
      }),
    );
    const mapping = mappingFile(
      dir,
      ['Name', 'Amount'],
      [
        { sourceType: 'ATTRIBUTE', source: 'Name', destination: 'name' },
        { sourceType: 'ATTRIBUTE', source: 'Amount', destination: 'amount' },
      ],
    );
    const r = await cli('apply', '--json', '--mapping', mapping, '--schema', schema, csv, '--out', join(dir, 'out'));
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.out);
    expect(summary.check).toMatchObject({ sampleRows: 10, rejected: 3, passes: false });
    expect(summary.rows).toMatchObject({ input: 10, written: 7, rejected: 3 });
    // Without --json nothing shows the sample's count, and the run's own is the same.
    const plain = await cli('apply', '--mapping', mapping, '--schema', schema, csv, '--out', join(dir, 'out2'));
    expect(plain.code).toBe(1);
    expect(plain.err).toContain('rejected: 3 rows (30.00 %)');
  });

  it('suggest writes the readings it inferred into its entries, also for columns placed from --memory', async () => {
    const dir = tempDir();
    const memory = join(dir, 'memory');
    mkdirSync(memory);
    writeTemp(
      memory,
      'old.mapping.json',
      readFileSync(mappingFile(dir, ['Montant'], [{ sourceType: 'ATTRIBUTE', source: 'Montant', destination: 'commerce.amount' }])),
    );
    const r = await cli('suggest', '--schema', SCHEMA, join(DIR, 'fr-clients.csv'), '--memory', memory);
    expect(r.code, r.err).toBe(0);
    const entries = JSON.parse(r.out).mappings as { source: string; settings?: unknown }[];
    expect(entries.find((e) => e.source === 'Date de naissance')?.settings).toEqual({ dateFormat: 'dd/MM/yyyy' });
    expect(entries.find((e) => e.source === 'Montant')?.settings).toEqual({ decimalSeparator: ',', thousandsSeparator: '.' });
  });

  it('exports the readings to AEP as Data Prep expressions', async () => {
    const dir = tempDir();
    const mapping = mappingFile(dir, FR_COLUMNS, [
      { sourceType: 'ATTRIBUTE', source: 'Date de naissance', destination: 'person.birthDate', settings: { dateFormat: 'dd/MM/yyyy' } },
    ]);
    const r = await cli('convert', mapping, '--to', 'aep');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).mappings).toEqual([
      { sourceType: 'EXPRESSION', source: 'date(${Date de naissance}, "dd/MM/yyyy")', destination: 'person.birthDate', name: 'Date de naissance' },
    ]);
  });
});
