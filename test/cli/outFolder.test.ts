import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir, writeTemp } from '../helpers/cli';
import { bigLuma, killHard, startCli, waitFor } from '../helpers/process';
import { LUMA_CSV, LUMA_MAPPING, LUMA_SCHEMA } from '../helpers/samples';

const apply = (out: string, ...extra: string[]) => cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', out, ...extra);

/** Every file under a folder with its bytes, for before/after comparisons. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out[`${rel}${e.name}`] = readFileSync(join(d, e.name)).toString('base64');
    }
  };
  walk(dir, '');
  return out;
}

describe('apply --out never deletes what it did not write (issue 13, #6)', () => {
  it("keeps a user's files, even those named like its own, and replaces only what its manifest lists", async () => {
    const out = join(tempDir(), 'out');
    expect((await apply(out, '--file-size', '2KB')).code).toBe(0);
    const firstParts = readdirSync(out).filter((n) => n.startsWith('part-'));
    expect(firstParts.length).toBeGreaterThan(2);
    writeFileSync(join(out, 'part-2023.jsonl'), 'my own records\n');
    writeFileSync(join(out, 'notes'), 'my notes\n');
    writeFileSync(join(out, '.errors.jsonl.partial'), 'looks like ours, is not\n');
    const r = await apply(out, '--file-size', '1MB');
    expect(r.code, r.err).toBe(0);
    const names = readdirSync(out).sort();
    expect(names).toEqual(['.errors.jsonl.partial', 'errors.jsonl', 'manifest.json', 'notes', 'part-00001.jsonl', 'part-2023.jsonl']);
    expect(readFileSync(join(out, 'part-2023.jsonl'), 'utf8')).toBe('my own records\n');
    // No temporary folder is left beside it.
    expect(readdirSync(dirname(out))).toEqual(['out']);
  });

  it('refuses a folder that holds files but no manifest of ours, unless --force', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'part-00001.jsonl'), 'someone else\n');
    writeFileSync(join(out, 'report.txt'), 'x');
    const before = snapshot(out);
    const refused = await apply(out);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/already holds files \(.*\) and no manifest\.json of xdm-mapper.*--force/);
    expect(snapshot(out)).toEqual(before);
    const forced = await apply(out, '--force');
    expect(forced.code, forced.err).toBe(0);
    expect(readFileSync(join(out, 'report.txt'), 'utf8')).toBe('x');
    expect(readFileSync(join(out, 'part-00001.jsonl'), 'utf8')).not.toBe('someone else\n');
  });

  it('a run that fails leaves the earlier good outputs exactly as they were', async () => {
    const out = join(tempDir(), 'out');
    expect((await apply(out)).code).toBe(0);
    const good = snapshot(out);
    const dir = tempDir();
    const other = writeTemp(dir, 'other.csv', 'Sku,Title\nA,B\n');
    const failed = await cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, other, '--out', out);
    expect(failed.code).toBe(2);
    expect(failed.err).toMatch(/no column "SKU"/);
    expect(snapshot(out)).toEqual(good);
    expect(readdirSync(dirname(out))).toEqual(['out']);
  });

  it('a manifest cannot make a run delete files outside the folder, or files it does not list', async () => {
    const root = tempDir();
    const out = join(root, 'out');
    expect((await apply(out)).code).toBe(0);
    writeFileSync(join(root, 'precious.txt'), 'keep me');
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    m.files.push({ path: '../precious.txt', records: 1, bytes: 7, sha256: 'x' }, { path: '/etc/hostname', records: 1, bytes: 1, sha256: 'x' });
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(m));
    expect((await apply(out)).code).toBe(0);
    expect(readFileSync(join(root, 'precious.txt'), 'utf8')).toBe('keep me');
    expect(existsSync('/etc/hostname')).toBe(true);
  });

  it("a file the manifest does not list but the run would write is not replaced: the run's output is kept aside", async () => {
    const out = join(tempDir(), 'out');
    expect((await apply(out)).code).toBe(0);
    writeFileSync(join(out, 'part-00002.jsonl'), 'mine\n');
    const r = await apply(out, '--file-size', '2KB');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/part-00002\.jsonl" is not listed in the folder's manifest.*complete output is in/s);
    expect(readFileSync(join(out, 'part-00002.jsonl'), 'utf8')).toBe('mine\n');
  });

  it('killed in the middle of a run (the real command, kill -9), the folder keeps its earlier outputs; the next run cleans up', async () => {
    const root = tempDir();
    const out = join(root, 'out');
    const input = bigLuma(join(root, 'big.csv'), 3000);
    expect((await apply(out)).code).toBe(0);
    const good = snapshot(out);
    const run = startCli(['apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, input, '--out', out, '--file-size', '1MB']);
    // Killed once it has written part of a batch file into its temporary folder.
    const temp = () => readdirSync(root).find((n) => n.startsWith('.out.partial-'));
    await waitFor(
      () => {
        const t = temp();
        return t !== undefined && readdirSync(join(root, t)).some((n) => n.endsWith('.partial'));
      },
      20_000,
      'the run to write',
    );
    await killHard(run);
    expect(snapshot(out)).toEqual(good);
    expect(temp()).toBeDefined();
    mkdirSync(join(root, 'unrelated'));
    expect((await apply(out)).code).toBe(0);
    expect(temp()).toBeUndefined();
    expect(existsSync(join(root, 'unrelated'))).toBe(true);
  });
});
