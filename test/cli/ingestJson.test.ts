import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCommand } from '../../src/cli/ingest/command';
import { tempDir } from '../helpers/cli';
import { CREDS } from '../helpers/mockAep';
import { LUMA_CSV, LUMA_MAPPING, ROOT } from '../helpers/samples';
import { LUMA_DATASET, type PlatformStandIn, startPlatformStandIn } from '../helpers/standIn';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'luma-loyalty');
const LOYALTY = join(FIXTURES, 'luma-loyalty.json');
const LOYALTY_SCHEMA = join(FIXTURES, 'luma-loyalty.schema.json');
const DATASET = '64f0c0ffee00000000loyalty';

let aep: PlatformStandIn;
beforeAll(async () => {
  aep = await startPlatformStandIn();
  const schema = JSON.parse(readFileSync(LOYALTY_SCHEMA, 'utf8'));
  aep.registry.addSchema(schema);
  aep.registry.addDataset(DATASET, 'Luma Loyalty Dataset', schema.$id);
});
afterAll(async () => {
  await aep.close();
});

async function ingest(args: string[]) {
  let out = '';
  let err = '';
  const code = await ingestCommand(
    [...args, '--platform-url', aep.aep.url, '--ims-url', aep.aep.url, '--poll', '0', '--cache', tempDir()],
    { out: (t) => (out += t), err: (t) => (err += t), isTTY: false },
    CREDS,
    { sleep: async () => {}, baseDelayMs: 1, maxAttempts: 2 },
  );
  return { code, out, err };
}

/** The tutorial's records with loyaltyId written as text, as the lesson's schema types it. */
function stringIds(): Record<string, unknown>[] {
  const records = JSON.parse(readFileSync(LOYALTY, 'utf8')) as { _techmarketingdemos: { systemIdentifier: { loyaltyId: unknown } } }[];
  for (const r of records) r._techmarketingdemos.systemIdentifier.loyaltyId = String(r._techmarketingdemos.systemIdentifier.loyaltyId);
  return records;
}

describe('ingest --dataset ID FILE.json', () => {
  it("checks the tutorial's luma-loyalty.json against the dataset's schema and sends nothing when the records do not fit", async () => {
    const r = await ingest(['--dataset', DATASET, LOYALTY]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/record 1: _techmarketingdemos\.systemIdentifier\.loyaltyId must be string/);
    expect(r.err).toMatch(/1000 records .* \(a JSON array\) checked against Luma Loyalty Schema: 0 valid, 1000 invalid/);
    expect(r.err).toMatch(/Nothing was sent/);
    expect([...aep.aep.batches.values()].filter((b) => b.datasetId === DATASET)).toHaveLength(0);
  });

  it('sends a JSON array as it is, with isMultiLineJson, after every record checked (nulls read as absent)', async () => {
    const path = join(tempDir(), 'luma-loyalty.json');
    writeFileSync(
      path,
      `[${stringIds()
        .map((r) => JSON.stringify(r))
        .join(',\n')}]`,
    );
    const r = await ingest(['--dataset', DATASET, path, '--json']);
    expect(r.code, r.err).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary).toMatchObject({ ok: true, shape: 'array', records: 1000, invalid: 0, sent: true });
    const batch = aep.aep.batches.get(summary.batchId)!;
    expect(batch.inputFormat).toEqual({ format: 'json', isMultiLineJson: true });
    expect(batch.files.get('luma-loyalty.json')!.equals(readFileSync(path))).toBe(true);
    expect(batch.status).toBe('success');
    // Run again: the same file is not sent a second time.
    const again = await ingest(['--dataset', DATASET, path, '--json']);
    expect(JSON.parse(again.out).batchId).toBe(summary.batchId);
    expect(batch.puts.get('luma-loyalty.json')).toBe(1);
  });

  it('sends JSON Lines as JSON Lines', async () => {
    const path = join(tempDir(), 'luma-loyalty.jsonl');
    writeFileSync(
      path,
      `${stringIds()
        .slice(0, 50)
        .map((r) => JSON.stringify(r))
        .join('\n')}\n`,
    );
    const r = await ingest(['--dataset', DATASET, path, '--json']);
    expect(r.code, r.err).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary).toMatchObject({ shape: 'lines', records: 50 });
    expect(aep.aep.batches.get(summary.batchId)!.inputFormat).toEqual({ format: 'json' });
  });
});

describe('ingest --dataset ID --mapping M INPUT.csv, without --schema', () => {
  it("maps onto the dataset's schema, pulled from AEP, and sends the batch", async () => {
    const out = join(tempDir(), 'luma.xdm');
    const r = await ingest(['--dataset', LUMA_DATASET, '--mapping', LUMA_MAPPING, LUMA_CSV, '--out', out, '--json']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/Schema of dataset 64f0c0ffee0000000000luma \("Luma Product Catalog Dataset"\): Luma Product Catalog Schema version 1\.0/);
    const summary = JSON.parse(r.out);
    expect(summary.mapped.rows).toEqual({ input: 92, written: 92, rejected: 0 });
    expect(aep.aep.batches.get(summary.batchId)!.status).toBe('success');
  });
});
