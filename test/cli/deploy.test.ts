import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io';
import { checkCommand } from '../../src/cli/sources/check';
import { dataflowCommand } from '../../src/cli/sources/dataflowCommand';
import { deployCommand } from '../../src/cli/sources/deploy';
import { previewCommand } from '../../src/cli/sources/preview';
import { runsCommand } from '../../src/cli/sources/runs';
import { tempDir } from '../helpers/cli';
import { CREDS } from '../helpers/mockAep';
import { LUMA_CSV, LUMA_MAPPING, LUMA_SCHEMA } from '../helpers/samples';
import { CRM_DATASET, LUMA_DATASET, type PlatformStandIn, startPlatformStandIn } from '../helpers/standIn';

let aep: PlatformStandIn;
beforeAll(async () => {
  aep = await startPlatformStandIn();
});
afterAll(async () => {
  await aep.close();
});

const S3 = { AWS_ACCESS_KEY_ID: 'AKIATESTKEY0001', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY-secret' };
const ENV = { ...CREDS, ...S3 };
type Command = (argv: string[], io: Io, env: NodeJS.ProcessEnv, o: object) => Promise<number>;

async function run(command: Command, args: string[], env: Record<string, string> = ENV) {
  let out = '';
  let err = '';
  const code = await command(
    [...args, '--platform-url', aep.aep.url, '--ims-url', aep.aep.url],
    { out: (t) => (out += t), err: (t) => (err += t), isTTY: false },
    env,
    {
      sleep: async () => {},
      baseDelayMs: 1,
      maxAttempts: 2,
    },
  );
  return { code, out, err };
}

/** A copy of the Luma mapping in a fresh folder, so its deploy file starts empty. */
function lumaMapping(edit?: (doc: { mappings: { sourceType: string; source: string; destination: string }[] }) => void): string {
  const path = join(tempDir(), 'luma-products.mapping.json');
  const doc = JSON.parse(readFileSync(LUMA_MAPPING, 'utf8'));
  // The Luma file is Mac Roman; AEP reads UTF-8 or ISO-8859-1 only, so the deployed files are UTF-8.
  doc.source.encoding = 'utf-8';
  edit?.(doc);
  writeFileSync(path, JSON.stringify(doc, null, 2));
  return path;
}

const deployArgs = (mapping: string, every = '1h') => [
  '--mapping',
  mapping,
  '--dataset',
  LUMA_DATASET,
  '--source',
  's3://luma-exports/products/',
  '--every',
  every,
  '--cache',
  tempDir(),
];

describe('xdm-mapper deploy', () => {
  it('creates what the Sources UI creates, with the documented specs, and saves the ids beside the mapping', async () => {
    const mapping = lumaMapping();
    const r = await run(deployCommand, [...deployArgs(mapping), '--start', '2030-01-01T06:00:00Z', '--json']);
    expect(r.code, r.err).toBe(0);
    const { ids, outcome } = JSON.parse(r.out);
    expect(outcome).toBe('created');
    const base = aep.flowService.connections.get(ids.baseConnectionId)!;
    expect(base).toMatchObject({
      auth: { specName: 'Access Key', params: { s3AccessKey: S3.AWS_ACCESS_KEY_ID, s3SecretKey: S3.AWS_SECRET_ACCESS_KEY } },
      connectionSpec: { id: 'ecadc60c-7455-4d87-84dc-2a0e293d997b', version: '1.0' },
    });
    expect(aep.flowService.sourceConnections.get(ids.sourceConnectionId)).toMatchObject({
      baseConnectionId: ids.baseConnectionId,
      data: { format: 'delimited', properties: { columnDelimiter: ',', encoding: 'UTF-8' } },
      params: { path: '/luma-exports/products', type: 'folder' },
    });
    const luma = JSON.parse(readFileSync(LUMA_SCHEMA, 'utf8'));
    expect(aep.flowService.targetConnections.get(ids.targetConnectionId)).toMatchObject({
      data: { schema: { id: luma.$id, version: 'application/vnd.adobe.xed-full+json;version=1' } },
      params: { dataSetId: LUMA_DATASET },
      connectionSpec: { id: 'c604ff05-7f1a-43c0-8e18-33bf874cb11c' },
    });
    const set = aep.dataPrep.mappingSets.get(ids.mappingSetId)!;
    expect(set).toHaveLength(1);
    expect((set[0]!.mappings as unknown[]).length).toBe(6);
    expect(aep.flowService.flows.get(ids.flowId)).toMatchObject({
      flowSpec: { id: '9753525b-82c7-4dce-8a9b-5ccfce2b9876' },
      transformations: [{ name: 'Mapping', params: { mappingId: ids.mappingSetId, mappingVersion: 0 } }],
      scheduleParams: { startTime: Date.parse('2030-01-01T06:00:00Z') / 1000, frequency: 'hour', interval: 1 },
      options: { errorDiagnosticsEnabled: true, partialIngestionPercent: 5 },
    });
    // AEP validated the mapping before anything was created.
    const paths = aep.aep.log.map((l) => `${l.method} ${l.path}`);
    expect(paths.indexOf('POST /data/foundation/conversion/mappingSets/validate')).toBeLessThan(paths.indexOf('POST /data/foundation/flowservice/connections'));
    const saved = readFileSync(join(mapping, '..', 'luma-products.mapping.deploy.json'), 'utf8');
    expect(JSON.parse(saved).deployments[0]).toMatchObject({ ...ids, datasetId: LUMA_DATASET, source: 's3://luma-exports/products/' });
    expect(saved + r.out + r.err).not.toContain(S3.AWS_SECRET_ACCESS_KEY);
  });

  it('a second deploy gives the same flow a new mapping-set version instead of a second flow', async () => {
    const mapping = lumaMapping();
    const first = JSON.parse((await run(deployCommand, [...deployArgs(mapping), '--json'])).out);
    const flows = aep.flowService.flows.size;
    const same = JSON.parse((await run(deployCommand, [...deployArgs(mapping), '--json'])).out);
    expect(same.outcome).toBe('unchanged');
    // The mapping changes (one column dropped) and the schedule too.
    const doc = JSON.parse(readFileSync(mapping, 'utf8'));
    doc.mappings.pop();
    writeFileSync(mapping, JSON.stringify(doc));
    const second = await run(deployCommand, [...deployArgs(mapping, '1d'), '--json']);
    expect(second.code, second.err).toBe(0);
    const again = JSON.parse(second.out);
    expect(again.outcome).toBe('updated');
    expect(aep.flowService.flows.size).toBe(flows);
    expect(again.ids.flowId).toBe(first.ids.flowId);
    expect(again.ids.mappingSetId).toBe(first.ids.mappingSetId);
    expect(again.ids.mappingVersion).toBe(1);
    const versions = aep.dataPrep.mappingSets.get(first.ids.mappingSetId)!;
    expect(versions.map((v) => v.version)).toEqual([0, 1]);
    expect((versions[1]!.mappings as unknown[]).length).toBe(5);
    expect(aep.flowService.flows.get(first.ids.flowId)).toMatchObject({
      transformations: [{ name: 'Mapping', params: { mappingId: first.ids.mappingSetId, mappingVersion: 1 } }],
      scheduleParams: { frequency: 'day', interval: 1 },
    });
  });

  it("reports AEP's validation failure in the user's terms and creates nothing", async () => {
    // The local schema has a field the dataset's schema in AEP does not (yet) have.
    const localSchema = join(tempDir(), 'luma-local.schema.json');
    const schema = JSON.parse(readFileSync(LUMA_SCHEMA, 'utf8'));
    schema.properties._techmarketingdemos.properties.productWeight = { type: 'number', title: 'Weight', 'meta:xdmType': 'number' };
    writeFileSync(localSchema, JSON.stringify(schema));
    const mapping = lumaMapping((doc) => doc.mappings.push({ sourceType: 'STATIC', source: '1.5', destination: '_techmarketingdemos.productWeight' }));
    const before = aep.flowService.connections.size;
    const r = await run(deployCommand, [...deployArgs(mapping), '--schema', localSchema]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/AEP's validation refused the mapping; nothing was created or changed/);
    expect(r.err).toMatch(
      /mapping 7 \(the value "1\.5" -> _techmarketingdemos\.productWeight\): Destination path _techmarketingdemos\.productWeight is not present in the target schema/,
    );
    expect(aep.flowService.connections.size).toBe(before);
  });

  it('--dry-run prints every request with the documented ids and secrets masked, and sends nothing', async () => {
    const mapping = lumaMapping();
    const logged = aep.aep.log.length;
    const r = await run(deployCommand, [...deployArgs(mapping), '--schema', LUMA_SCHEMA, '--dry-run'], { ...S3 });
    expect(r.code, r.err).toBe(0);
    expect(aep.aep.log.length).toBe(logged);
    for (const id of ['ecadc60c-7455-4d87-84dc-2a0e293d997b', 'c604ff05-7f1a-43c0-8e18-33bf874cb11c', '9753525b-82c7-4dce-8a9b-5ccfce2b9876'])
      expect(r.err).toContain(id);
    for (const path of [
      'flowservice/connections',
      'flowservice/sourceConnections',
      'flowservice/targetConnections',
      'conversion/mappingSets/validate',
      'conversion/mappingSets ',
      'flowservice/flows',
    ])
      expect(r.err).toContain(`POST /data/foundation/${path}`);
    expect(r.err).toContain('"s3SecretKey": "********"');
    expect(r.err).not.toContain(S3.AWS_SECRET_ACCESS_KEY);
  });

  it('refuses a schedule AEP cannot run and a password in the URL', async () => {
    const mapping = lumaMapping();
    const fast = await run(deployCommand, [...deployArgs(mapping, '5m'), '--dry-run']).catch((e: Error) => ({ code: 2, err: e.message }));
    expect(fast.err).toMatch(/at most every 15 minutes/);
    const pw = await run(deployCommand, ['--mapping', mapping, '--dataset', LUMA_DATASET, '--source', 'sftp://u:hunter2@host/x', '--every', '1h']).catch(
      (e: Error) => ({
        code: 2,
        err: e.message,
      }),
    );
    expect(pw.err).toMatch(/SFTP_PASSWORD, not in the URL/);
  });
});

describe('deploy from SFTP with a private key', () => {
  /** A key made by OpenSSH's own ssh-keygen, as a user makes one. */
  function key(type: 'rsa' | 'ed25519', passphrase = ''): string {
    const file = join(tempDir(), `id_${type}`);
    execFileSync('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', passphrase, '-f', file]);
    return file;
  }
  const sftpArgs = (mapping: string, keyFile: string) => [
    '--mapping',
    mapping,
    '--dataset',
    LUMA_DATASET,
    '--source',
    'sftp://exports@sftp.luma.example/products/',
    '--every',
    '1h',
    '--private-key',
    keyFile,
    '--cache',
    tempDir(),
  ];

  it('sends an RSA key as the base64 the SFTP spec asks for, with its passphrase, and never prints either', async () => {
    const file = key('rsa', 'correct horse');
    const r = await run(deployCommand, [...sftpArgs(lumaMapping(), file), '--json'], { ...CREDS, SFTP_PASSPHRASE: 'correct horse' });
    expect(r.code, r.err).toBe(0);
    expect(r.err).not.toContain('note:');
    const base = aep.flowService.connections.get(JSON.parse(r.out).ids.baseConnectionId)!;
    expect(base).toMatchObject({
      auth: {
        specName: 'SSH PublicKey Authentication for sftp',
        params: {
          host: 'sftp.luma.example',
          port: 22,
          userName: 'exports',
          privateKeyContent: readFileSync(file).toString('base64'),
          passPhrase: 'correct horse',
        },
      },
    });
    expect(r.out + r.err).not.toContain('correct horse');
  });

  it('refuses a key it cannot read before anything is sent, and notes a key type AEP does not document', async () => {
    const before = aep.flowService.connections.size;
    const locked = key('rsa', 'correct horse');
    const wrong = await run(deployCommand, sftpArgs(lumaMapping(), locked), { ...CREDS, SFTP_PASSPHRASE: 'wrong' }).catch((e: Error) => ({
      code: 2,
      out: '',
      err: e.message,
    }));
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/cannot be read: .*bad passphrase/);
    expect(aep.flowService.connections.size).toBe(before);
    const modern = await run(deployCommand, [...sftpArgs(lumaMapping(), key('ed25519')), '--dry-run'], { ...CREDS });
    expect(modern.code, modern.err).toBe(0);
    expect(modern.err).toMatch(/note: the private key .* is ssh-ed25519; AEP's SFTP source documents RSA and DSA/);
  });
});

describe('deploy over an existing base connection', () => {
  /** A connection as the Sources UI leaves one in the sandbox (made there, with its secret). */
  function existing(spec: string, specName: string, params: Record<string, string>): string {
    const id = crypto.randomUUID();
    aep.flowService.connections.set(id, { id, name: 'made in the Sources UI', auth: { specName, params }, connectionSpec: { id: spec, version: '1.0' } });
    return id;
  }

  it('builds the dataflow on it, with no storage credentials on this machine', async () => {
    const base = existing('ecadc60c-7455-4d87-84dc-2a0e293d997b', 'Access Key', { s3AccessKey: 'AKIAADMIN', s3SecretKey: 'admin-only-secret' });
    const before = aep.flowService.connections.size;
    const mapping = lumaMapping();
    // The plan reads the connection's kind instead of creating one, and needs no storage secret.
    const plan = await run(deployCommand, [...deployArgs(mapping), '--base-connection', base, '--dry-run', '--json'], { ...CREDS });
    expect(plan.code, plan.err).toBe(0);
    expect(
      JSON.parse(plan.out)
        .plan.slice(1, 3)
        .map((x: { method: string; path: string }) => `${x.method} ${x.path}`),
    ).toEqual([`GET /data/foundation/flowservice/connections/${base}`, 'POST /data/foundation/flowservice/sourceConnections']);
    const r = await run(deployCommand, [...deployArgs(mapping), '--base-connection', base, '--json'], { ...CREDS });
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`Base connection ${base} (existing)`);
    const { ids } = JSON.parse(r.out);
    expect(ids.baseConnectionId).toBe(base);
    expect(aep.flowService.sourceConnections.get(ids.sourceConnectionId)).toMatchObject({ baseConnectionId: base, params: { path: '/luma-exports/products' } });
    expect(aep.flowService.flows.get(ids.flowId)).toMatchObject({ sourceConnectionIds: [ids.sourceConnectionId] });
    expect(aep.flowService.connections.size).toBe(before);
  });

  it('refuses a connection of another kind than the source, and says which it is', async () => {
    const blob = existing('4c10e202-c428-4796-9208-5f1f5732b1cf', 'ConnectionString', { connectionString: 'DefaultEndpointsProtocol=https;AccountKey=x' });
    const mapping = lumaMapping();
    const r = await run(deployCommand, [...deployArgs(mapping), '--base-connection', blob], { ...CREDS }).catch((e: Error) => ({
      code: 2,
      out: '',
      err: e.message,
    }));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`base connection ${blob} is an Azure Blob connection, and --source s3://luma-exports/products/ needs an Amazon S3 one`);
    expect([...aep.flowService.sourceConnections.values()].some((c) => c.baseConnectionId === blob)).toBe(false);
  });
});

describe('xdm-mapper runs', () => {
  it("lists a flow's runs with their record counts and errors, and fetches the failed records", async () => {
    const mapping = lumaMapping();
    const { ids } = JSON.parse((await run(deployCommand, [...deployArgs(mapping), '--json'])).out);
    aep.flowService.addRun(ids.flowId, { input: 92, output: 92, failed: 0 });
    aep.flowService.addRun(ids.flowId, {
      input: 10,
      output: 8,
      failed: 2,
      errors: [{ code: 'MAPPER-3700-400', message: 'Mapper Transform Error', recordCount: 2 }],
      failedRecords: [
        '{"_corrupt_record":"LLMH09,Hoodie,,,,sixty","_errors":[{"code":"MAPPER-3700-400","message":"Cannot convert sixty to number"}]}\n{"_corrupt_record":"X,,,,,","_errors":[{"code":"1401","message":"productSku is required"}]}\n',
      ],
    });
    const out = tempDir();
    const r = await run(runsCommand, ['--flow', ids.flowId, '--out', out, '--json']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/success {2}92 records read, 92 ingested/);
    expect(r.err).toMatch(/10 records read, 8 ingested, 2 failed/);
    expect(r.err).toMatch(/MAPPER-3700-400: Mapper Transform Error \(2 records\)/);
    expect(r.err).toMatch(/failed: .*Cannot convert sixty to number/);
    const summary = JSON.parse(r.out);
    expect(summary.runs).toHaveLength(2);
    const failedRun = summary.runs.find((x: { failedRecords: number }) => x.failedRecords === 2);
    expect(summary.failedRecords[failedRun.id]).toEqual([{ file: 'row_errors/part-0.json', records: 2 }]);
    expect(readFileSync(join(out, failedRun.id, 'row_errors_part-0.json'), 'utf8')).toContain('productSku is required');
  });
});

describe('xdm-mapper runs, newest first', () => {
  it('asks Flow Service for the runs newest first, so the first page holds the latest', async () => {
    const { ids } = JSON.parse((await run(deployCommand, [...deployArgs(lumaMapping()), '--json'])).out);
    for (const input of [1, 2, 3]) aep.flowService.addRun(ids.flowId, { input, output: input, failed: 0 });
    const r = await run(runsCommand, ['--flow', ids.flowId, '--limit', '1', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).runs.map((x: { inputRecords: number }) => x.inputRecords)).toEqual([3]);
  });
});

describe('xdm-mapper dataflow', () => {
  it("shows a deployed flow's schedule and mapping version, and disables and enables it", async () => {
    const mapping = lumaMapping();
    const made = await run(deployCommand, [...deployArgs(mapping, '1d'), '--start', '2030-01-01T06:00:00Z', '--json']);
    const { ids } = JSON.parse(made.out);
    const shown = await run(dataflowCommand, ['--flow', ids.flowId]);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.err).toContain(`Dataflow ${ids.flowId}`);
    expect(shown.err).toContain(': enabled');
    expect(shown.err).toContain('schedule: every 1 day from 2030-01-01T06:00:00.000Z');
    expect(shown.err).toContain(`runs: mapping set ${ids.mappingSetId} version 0`);
    const off = await run(dataflowCommand, ['--flow', ids.flowId, '--disable', '--json']);
    expect(off.code, off.err).toBe(0);
    expect(JSON.parse(off.out)).toMatchObject({ changed: 'disable', state: 'disabled' });
    expect(aep.flowService.flows.get(ids.flowId)!.state).toBe('disabled');
    // A re-deploy of a changed mapping still finds the same (disabled) flow.
    const edited = JSON.parse(readFileSync(mapping, 'utf8'));
    edited.mappings.pop();
    writeFileSync(mapping, JSON.stringify(edited));
    const again = await run(deployCommand, [...deployArgs(mapping, '1d'), '--json']);
    expect(JSON.parse(again.out)).toMatchObject({ outcome: 'updated', ids: { flowId: ids.flowId } });
    const on = await run(dataflowCommand, ['--flow', ids.flowId, '--enable', '--json']);
    expect(JSON.parse(on.out)).toMatchObject({ state: 'enabled', mapping: `mapping set ${ids.mappingSetId} version 1` });
    const missing = await run(dataflowCommand, ['--flow', '00000000-0000-4000-8000-000000000000']);
    expect(missing.code).toBe(4);
    expect(missing.err).toMatch(/not found/);
  });
});

describe('xdm-mapper check --online', () => {
  it('finds no difference on the Luma file, then finds the one planted in AEP’s answer', async () => {
    const mapping = lumaMapping();
    const same = await run(checkCommand, ['--online', '--mapping', mapping, '--dataset', LUMA_DATASET, LUMA_CSV, '--cache', tempDir()]);
    expect(same.code, same.err + same.out).toBe(0);
    expect(aep.dataPrep.previews.at(-1)).toBe(92);
    expect(same.err).toMatch(/92 rows .* the same records/);
    // AEP writes the sixth row's price as text and drops its colour.
    aep.dataPrep.plant = (i, record) => {
      if (i !== 5) return;
      const t = record._techmarketingdemos as Record<string, unknown>;
      t.productPrice = String(t.productPrice);
      delete t.productColor;
    };
    try {
      const r = await run(checkCommand, ['--online', '--mapping', mapping, '--dataset', LUMA_DATASET, LUMA_CSV, '--cache', tempDir(), '--json']);
      expect(r.code).toBe(1);
      const summary = JSON.parse(r.out);
      expect(summary.rowsDiffering).toBe(1);
      expect(summary.differences.map((d: { field: string; line: number }) => `${d.line} ${d.field}`)).toEqual([
        '7 _techmarketingdemos.productColor',
        '7 _techmarketingdemos.productPrice',
      ]);
      const price = summary.differences[1];
      expect(typeof price.aep).toBe('string');
      expect(typeof price.ours).toBe('number');
    } finally {
      aep.dataPrep.plant = null;
    }
  });
});

describe('a mapping with stated date formats, in AEP', () => {
  /** CRM rows with day-first dates, which Data Prep's own list of formats would read month-first. */
  function crmFiles() {
    const dir = tempDir();
    const csv = join(dir, 'crm-export.csv');
    writeFileSync(
      csv,
      ['crmId,Date of Birth,joined.at', 'c1,03/04/1990,01.02.2024 09:30', 'c2,31/12/1999,29.02.2024 23:59', 'c3,,', 'c4,12/11/1985,05.06.2023 07:05'].join(
        '\n',
      ),
    );
    const mapping = join(dir, 'crm.mapping.json');
    writeFileSync(
      mapping,
      JSON.stringify({
        kind: 'xdm-mapper/mapping',
        version: 1,
        name: 'CRM export',
        source: { columns: ['crmId', 'Date of Birth', 'joined.at'], delimiter: ',', encoding: 'utf-8' },
        target: { schemaId: 'https://ns.adobe.com/techmarketingdemos/schemas/luma-crm' },
        mappings: [
          { sourceType: 'ATTRIBUTE', source: 'crmId', destination: '_techmarketingdemos.systemIdentifier.crmId' },
          { sourceType: 'ATTRIBUTE', source: 'Date of Birth', destination: 'person.birthDate', settings: { dateFormat: 'dd/MM/yyyy' } },
          { sourceType: 'ATTRIBUTE', source: 'joined.at', destination: 'loyalty.joinDate', settings: { dateFormat: 'dd.MM.yyyy HH:mm' } },
        ],
      }),
    );
    return { csv, mapping };
  }

  it('check --online sends each stated format as a date() expression, and AEP reads the dates as we do', async () => {
    const { csv, mapping } = crmFiles();
    const seen: Record<string, unknown>[] = [];
    aep.dataPrep.plant = (_i, record) => {
      seen.push(structuredClone(record));
    };
    try {
      const r = await run(checkCommand, ['--online', '--mapping', mapping, '--dataset', CRM_DATASET, csv, '--cache', tempDir()]);
      expect(r.code, r.err + r.out).toBe(0);
      expect(r.err).toContain(
        'mapping 2 (Date of Birth -> person.birthDate): its reading (dateFormat "dd/MM/yyyy") goes to AEP as date(${Date of Birth}, "dd/MM/yyyy")',
      );
      expect(r.err).toContain('date(${joined\\.at}, "dd.MM.yyyy HH:mm")');
      expect(r.err).toMatch(/4 rows .* the same records/);
    } finally {
      aep.dataPrep.plant = null;
    }
    // AEP's records, as its preview gave them: the 3rd of April, not the 4th of March.
    expect(seen.map((x) => [(x.person as { birthDate?: string } | undefined)?.birthDate, (x.loyalty as { joinDate?: string } | undefined)?.joinDate])).toEqual([
      ['1990-04-03', '2024-02-01T09:30:00Z'],
      ['1999-12-31', '2024-02-29T23:59:00Z'],
      [undefined, undefined],
      ['1985-11-12', '2023-06-05T07:05:00Z'],
    ]);
  });

  it('deploy stores the expressions in the mapping set, so the dataflow reads the files as the mapping says', async () => {
    const { mapping } = crmFiles();
    const r = await run(
      deployCommand,
      [
        '--mapping',
        mapping,
        '--dataset',
        CRM_DATASET,
        '--source',
        'sftp://exports@sftp.luma.example:2222/crm/',
        '--every',
        '1d',
        '--cache',
        tempDir(),
        '--json',
      ],
      { ...CREDS, SFTP_PASSWORD: 'sftp-secret-pw' },
    );
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('its reading (dateFormat "dd.MM.yyyy HH:mm") goes to AEP as');
    const { ids } = JSON.parse(r.out);
    const stored = aep.dataPrep.mappingSets.get(ids.mappingSetId)!.at(-1)!;
    expect(stored.mappings).toEqual([
      { sourceType: 'ATTRIBUTE', source: 'crmId', destination: '_techmarketingdemos.systemIdentifier.crmId' },
      { sourceType: 'EXPRESSION', source: 'date(${Date of Birth}, "dd/MM/yyyy")', destination: 'person.birthDate', name: 'Date of Birth' },
      { sourceType: 'EXPRESSION', source: 'date(${joined\\.at}, "dd.MM.yyyy HH:mm")', destination: 'loyalty.joinDate', name: 'joined.at' },
    ]);
    expect(r.out + r.err).not.toContain('sftp-secret-pw');
  });
});

describe('xdm-mapper preview', () => {
  it("shows the dataset's latest records, and says so when the dataset does not exist", async () => {
    aep.registry.datasets.get(LUMA_DATASET)!.rows = [{ _techmarketingdemos: { productSku: 'LLMH09' } }, { _techmarketingdemos: { productSku: 'LLMH10' } }];
    const r = await run(previewCommand, ['--dataset', LUMA_DATASET]);
    expect(r.code, r.err).toBe(0);
    expect(
      r.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)._techmarketingdemos.productSku),
    ).toEqual(['LLMH09', 'LLMH10']);
    const missing = await run(previewCommand, ['--dataset', 'nope']);
    expect(missing.code).toBe(4);
    expect(missing.err).toMatch(/Dataset nope was not found/);
  });
});
