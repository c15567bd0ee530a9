import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli';
import { LUMA_CSV, LUMA_MAPPING, LUMA_SCHEMA } from '../helpers/samples';

describe("xdm-mapper convert with AEP's mapping template", () => {
  it('writes the template, reads it back with the schema named, and apply maps the same records from either', async () => {
    const dir = tempDir();
    const template = join(dir, 'luma-template.csv');
    expect((await cli('convert', LUMA_MAPPING, '--to', 'aep-template', '--out', template)).code).toBe(0);
    const text = readFileSync(template, 'utf8');
    expect(text.split('\r\n').slice(0, 2)).toEqual(['sourceType,source,destination,name,description', 'ATTRIBUTE,SKU,_techmarketingdemos.productSku,,']);

    const back = await cli('convert', template, '--to', 'xdm-mapper', '--schema', LUMA_SCHEMA);
    expect(back.code).toBe(0);
    const doc = JSON.parse(back.out);
    const original = JSON.parse(readFileSync(LUMA_MAPPING, 'utf8'));
    expect(doc.mappings).toEqual(original.mappings);
    expect(doc.target).toEqual(original.target);

    const fromJson = await cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', join(dir, 'a'));
    const fromTemplate = await cli('apply', '--mapping', template, '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', join(dir, 'b'));
    expect([fromJson.code, fromTemplate.code]).toEqual([0, 0]);
    expect(readFileSync(join(dir, 'b', 'part-00001.jsonl'), 'utf8')).toBe(readFileSync(join(dir, 'a', 'part-00001.jsonl'), 'utf8'));
  });

  it('says on which line a template is wrong', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'Source Field,Target Field\nSKU,_techmarketingdemos.productSku\nName,\n');
    const r = await cli('convert', bad, '--to', 'aep');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/at line 3: the row has no destination/);
  });

  it('warns about entries the template does not carry as they were', async () => {
    const dir = tempDir();
    const doc = JSON.parse(readFileSync(LUMA_MAPPING, 'utf8'));
    // A name equal to the column is not kept by AEP's formats (they only carry a name that differs).
    doc.mappings[0].name = 'SKU';
    const path = join(dir, 'named.mapping.json');
    writeFileSync(path, JSON.stringify(doc));
    const r = await cli('convert', path, '--to', 'aep-template');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: 1 entry does not come back the same from this format: _techmarketingdemos\.productSku/);
    expect((await cli('convert', LUMA_MAPPING, '--to', 'aep-template')).err).toBe('');
  });
});
