import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toAepMappingSet } from '../../../src/core/mapping/aep';
import { isAepTemplate, TEMPLATE_COLUMNS, toAepTemplate } from '../../../src/core/mapping/aepTemplate';
import { createMappingDocument, loadMapping, loadMappingText } from '../../../src/core/mapping/document';
import type { MappingDocument, MappingEntry } from '../../../src/core/mapping/mapping.types';
import { LUMA_MAPPING, ROOT } from '../../helpers/samples';

const load = (text: string) => {
  const r = loadMappingText(text);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r;
};
const problems = (text: string) => {
  const r = loadMappingText(text);
  if (r.ok) throw new Error('expected the template to be refused');
  return r.problems.map((p) => `${p.pointer}: ${p.message}`);
};
const docWith = (mappings: MappingEntry[]): MappingDocument =>
  createMappingDocument({ name: 'test', columns: ['a'], schemaId: 'https://ns.adobe.com/x/schemas/1', mappings });

describe("AEP's mapping template, written and read", () => {
  for (const file of ['luma-products.mapping.json', 'luma-products-calculated.mapping.json']) {
    it(`${file}: ours -> template -> ours gives the same mappings`, () => {
      const doc = load(readFileSync(join(ROOT, 'mappings', file), 'utf8')).doc;
      const template = toAepTemplate(doc);
      expect(template.split('\r\n')[0]).toBe(TEMPLATE_COLUMNS.join(','));
      const back = load(template);
      expect(back.format).toBe('aep-template');
      expect(back.doc.mappings).toEqual(doc.mappings);
    });
  }

  it('keeps cells with delimiters, quotes, line breaks, leading spaces and non-ASCII text exactly', () => {
    const mappings: MappingEntry[] = [
      { sourceType: 'ATTRIBUTE', source: 'Grand Total (€), incl. "tax"', destination: 'commerce.order.priceTotal', description: 'line one\r\nline two' },
      { sourceType: 'EXPRESSION', source: 'concat(upper(${Last Name}), ", ", ${Prénom})', destination: 'person.name.fullName', name: 'Full name' },
      { sourceType: 'STATIC', source: '  web  ', destination: 'channel._type' },
      { sourceType: 'EXPRESSION', source: '-1 * to_integer(qty)', destination: 'a.b' },
    ];
    expect(load(toAepTemplate(docWith(mappings))).doc.mappings).toEqual(mappings);
  });

  it('round-trips any entries (property test)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', ';', '"', "'", '\n', '\r\n', '=', 'é', '€', '\t', '$', '{', '}') });
    const entry = fc.record({
      sourceType: fc.constantFrom('ATTRIBUTE', 'STATIC', 'EXPRESSION') as fc.Arbitrary<MappingEntry['sourceType']>,
      source: cell.filter((s) => s !== ''),
      name: fc.option(
        cell.filter((s) => s !== ''),
        { nil: undefined },
      ),
      description: fc.option(
        cell.filter((s) => s !== ''),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 8 }), (raw) => {
        const mappings = raw.map((e, i): MappingEntry => {
          const m: MappingEntry = { sourceType: e.sourceType, source: e.source, destination: `f${i}.value` };
          if (e.name !== undefined && e.name !== e.source) m.name = e.name;
          if (e.description !== undefined) m.description = e.description;
          return m;
        });
        expect(load(toAepTemplate(docWith(mappings))).doc.mappings).toEqual(mappings);
      }),
      { numRuns: 200 },
    );
  });

  it('reads the same mappings as the mapping set JSON of the same mapping', () => {
    const doc = load(readFileSync(LUMA_MAPPING, 'utf8')).doc;
    const fromSet = loadMapping(JSON.parse(JSON.stringify(toAepMappingSet(doc))));
    if (!fromSet.ok) throw new Error('set');
    expect(load(toAepTemplate(doc)).doc.mappings).toEqual(fromSet.doc.mappings);
  });
});

describe('templates as people edit them', () => {
  it("takes the mapping screen's labels, a BOM, semicolons, blank rows and a blank source type", () => {
    const text = '\uFEFFSource Field;Target Field;Source Type\r\nSKU;_techmarketingdemos.productSku;\r\n\r\n"web";channel._type;static\r\n';
    expect(isAepTemplate(text)).toBe(true);
    expect(load(text).doc.mappings).toEqual([
      { sourceType: 'ATTRIBUTE', source: 'SKU', destination: '_techmarketingdemos.productSku' },
      { sourceType: 'STATIC', source: 'web', destination: 'channel._type' },
    ]);
  });
  it('names the line of each problem, counting line breaks inside quoted cells', () => {
    const text = 'sourceType,source,destination\nATTRIBUTE,a,x.a\nEXPRESSION,"concat(a,\n b)",x.b\nLOOKUP,c,x.c\nATTRIBUTE,d,x.a\nATTRIBUTE,e,\n';
    expect(problems(text)).toEqual(['line 7: the row has no destination']);
    expect(problems(text.replace('ATTRIBUTE,e,\n', ''))).toEqual(['line 5: unknown sourceType "LOOKUP"']);
    expect(problems(text.replace('ATTRIBUTE,e,\n', '').replace('LOOKUP', 'STATIC'))).toEqual(['line 6: "x.a" is already the destination of mapping 0']);
  });
  it('refuses unsafe destinations as any mapping does', () => {
    expect(problems('source,destination\na,__proto__.polluted\n')[0]).toMatch(/^line 2: .*__proto__/);
  });
  it('reports a column it does not read', () => {
    expect(load('source,destination,identity\na,x.a,true\n').warnings).toEqual(['template column "identity" is not part of a mapping and was ignored']);
  });
  it('is not mistaken for JSON, nor JSON for a template', () => {
    expect(isAepTemplate('{"source": 1, "destination": 2}')).toBe(false);
    expect(isAepTemplate('id,first_name,email\n1,Ada,ada@example.com\n')).toBe(false);
  });
});
