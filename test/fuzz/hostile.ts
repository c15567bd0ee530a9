import fc from 'fast-check';

/**
 * Generators of hostile inputs for the command line: CSV files whose structure, encoding, names
 * and values break the usual assumptions, and mapping and schema documents that are wrong in
 * the ways people's (and attackers') documents are.
 */

/** Column and field names that have broken tools: Object.prototype members, path syntax, odd characters. */
export const HOSTILE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
  'a.b',
  'x[0]',
  '${y}',
  '',
  ' ',
  '"q"',
  "it's",
  'Größe',
  '名前',
  '🙂',
  'tab\there',
  'new\nline',
  'semi;colon',
  'pipe|x',
  'nul\u0000',
  'bidi\u202e',
  'zero\u200bwidth',
  'n'.repeat(300),
  'null',
  'true',
  '123',
  'Price',
  'SKU',
  'email',
];

/** Cell values: edge numbers and dates, quotes, line breaks, control and surrogate characters, injection text. */
export const HOSTILE_VALUES = [
  '',
  ' ',
  '0',
  '-0',
  '00123',
  '1e309',
  'NaN',
  'Infinity',
  '9007199254740993',
  '3.14',
  '-2147483649',
  'true',
  'yes',
  'maybe',
  '2024-02-30',
  '2024-03-01',
  '01/02/2024',
  '2024-03-01T10:00:00Z',
  '"',
  '""',
  'a"b',
  '"unclosed',
  'x,y',
  'a;b|c\td',
  'line\nbreak',
  'cr\rhere',
  '\u0000',
  '\ufeff',
  '\ud800',
  '__proto__',
  'constructor',
  '{"__proto__":{"polluted":1}}',
  '<script>alert(1)</script>',
  '%s%n%x',
  '${jndi:ldap://127.0.0.1/x}',
  '🙂🙂🙂',
  `${'a'.repeat(40)}!`,
  'constructor://h',
  'https://user:pw@host:8443/p?q=1#f',
  'é'.repeat(50),
];

const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);
const name = fc.oneof({ weight: 3, arbitrary: pick(HOSTILE_NAMES) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
const value = fc.oneof(
  { weight: 4, arbitrary: pick(HOSTILE_VALUES) },
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9 ]{1,12}$/) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'latin1' | 'broken-utf-8';

export interface CsvCase {
  columns: string[];
  bytes: Uint8Array;
  describe: string;
}

function quote(cell: string, delimiter: string, how: 'proper' | 'raw' | 'half'): string {
  if (how === 'raw') return cell;
  if (how === 'half') return `"${cell}`;
  return /["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function encode(text: string, encoding: Encoding, noise: number[]): Uint8Array {
  let bytes: Uint8Array;
  if (encoding === 'utf-16le') bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
  else if (encoding === 'utf-16be') bytes = new Uint8Array([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()]);
  else if (encoding === 'latin1') bytes = new Uint8Array(Buffer.from(text, 'latin1'));
  else bytes = new TextEncoder().encode(encoding === 'utf-8-bom' ? `\ufeff${text}` : text);
  if (encoding === 'broken-utf-8' && bytes.length) for (const n of noise) bytes[n % bytes.length] = 0x80 + (n % 0x7f);
  return bytes;
}

/** A CSV file: a header (maybe with a sep= or title line above), rows of hostile cells, broken structure now and then. */
export const csvFile: fc.Arbitrary<CsvCase> = fc
  .record({
    columns: fc.uniqueArray(name, { minLength: 1, maxLength: 6 }),
    rows: fc.array(fc.record({ cells: fc.array(value, { minLength: 8, maxLength: 8 }), ragged: fc.option(fc.nat(8), { freq: 8 }) }), { maxLength: 25 }),
    delimiter: pick([',', ';', '\t', '|']),
    eol: pick(['\n', '\r\n', '\r']),
    quoting: fc.array(pick(['proper', 'proper', 'proper', 'proper', 'proper', 'proper', 'raw', 'half'] as const), { minLength: 1, maxLength: 8 }),
    preamble: pick(['', 'sep', 'Export of 2024-03-01', '', '']),
    encoding: pick(['utf-8', 'utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'latin1', 'broken-utf-8'] as const),
    noise: fc.array(fc.nat(), { maxLength: 4 }),
    cutAt: fc.option(fc.nat(), { freq: 6 }),
    longCell: fc.option(fc.integer({ min: 1000, max: 200_000 }), { freq: 8 }),
  })
  .map(({ columns, rows, delimiter, eol, quoting, preamble, encoding, noise, cutAt, longCell }) => {
    const line = (cells: string[]) => cells.map((c, i) => quote(c, delimiter, quoting[i % quoting.length]!)).join(delimiter);
    // Rows as long as the header, now and then one of another length.
    const shaped = rows.map((r) => r.cells.slice(0, r.ragged ?? columns.length));
    const body = shaped.map((r, i) => (i === 0 && longCell ? [...r.slice(0, -1), 'L'.repeat(longCell)] : r));
    let text = `${preamble ? `${preamble === 'sep' ? `sep=${delimiter}` : preamble}${eol}` : ''}${[columns.map((c) => quote(c, delimiter, 'proper')).join(delimiter), ...body.map(line)].join(eol)}${eol}`;
    if (cutAt !== null) text = text.slice(0, cutAt % (text.length + 1));
    return {
      columns,
      bytes: encode(text, encoding, noise),
      describe: `${encoding}, delimiter ${JSON.stringify(delimiter)}, eol ${JSON.stringify(eol)}, ${rows.length} rows${cutAt !== null ? ', cut short' : ''}${longCell ? `, a ${longCell}-character cell` : ''}`,
    };
  });

const TYPES = ['string', 'string', 'string', 'integer', 'number', 'boolean', 'date', 'date-time', 'byte', 'enum', 'pattern'] as const;
const EXPRESSIONS = [
  (c: string) => `matches_regex(${c}, "^(a+)+$")`,
  (c: string) => `extract_regex(${c}, "(\\\\d+)")`,
  (c: string) => `explode(${c}, ",")`,
  (c: string) => `get_url_port(${c})`,
  (c: string) => `date_part(${c}, now())`,
  (c: string) => `concat(${c}, "-", ${c})`,
  (c: string) => `to_integer(${c})`,
  (c: string) => `upper(${c})`,
  (c: string) => `date(${c}, "dd/MM/yyyy")`,
  () => 'uuid()',
  (c: string) => `iif(${c} == "", "empty", ${c})`,
  (c: string) => `size_of(explode(${c}, ";"))`,
  (c: string) => `str_to_object(${c}, "=", "&").get("__proto__")`,
  (c: string) => `matches_regex("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", ${c})`,
  (c: string) => `extract_regex(${c}, ${c})`,
  (c: string) => `sha256(${c})`,
  (c: string) => `substr(${c}, 1, 3)`,
  (c: string) => `to_object("constructor", ${c}).get("toString")`,
];

/** A schema field key from a column name: the names a schema can hold (dots and brackets cannot address a field). */
const REFUSED_KEYS = new Set(['__proto__', 'prototype', 'constructor']);
const fieldKey = (column: string, i: number) => {
  const key = (column.replace(/[.[\]]/g, '_') || `field_${i}`).slice(0, 60);
  // A schema may not name these (the loader refuses them); a broken document tries it.
  return REFUSED_KEYS.has(key) ? `${key}_${i}` : key;
};

function fieldSchema(type: (typeof TYPES)[number], enumValues: string[]): Record<string, unknown> {
  switch (type) {
    case 'date':
      return { type: 'string', format: 'date' };
    case 'date-time':
      return { type: 'string', format: 'date-time' };
    case 'byte':
      return { type: 'integer', minimum: -128, maximum: 127 };
    case 'enum':
      return { type: 'string', enum: enumValues };
    case 'pattern':
      return { type: 'string', pattern: '^(a+)+$' };
    default:
      return { type };
  }
}

export interface DocsCase {
  schema: string;
  mapping: string;
  describe: string;
}

/** A schema with one field per column (hostile names kept where a schema can hold them) and a mapping onto it. */
const fittingDocs = (columns: string[]): fc.Arbitrary<DocsCase> =>
  fc
    .record({
      types: fc.array(pick(TYPES), { minLength: columns.length, maxLength: columns.length }),
      required: fc.array(fc.constantFrom(false, false, false, true), { minLength: columns.length, maxLength: columns.length }),
      mapped: fc.array(fc.boolean(), { minLength: columns.length, maxLength: columns.length }),
      expressions: fc.array(fc.tuple(fc.nat(EXPRESSIONS.length - 1), fc.nat()), { maxLength: 3 }),
      nested: fc.boolean(),
      dateFormat: fc.option(pick(['dd/MM/yyyy', 'yyyy-MM-dd', 'dMdMdMdMdMdM', "yyyy-MM-dd'T'HH:mm:ssX"]), { freq: 3 }),
      enumValues: fc.array(pick(HOSTILE_VALUES), { minLength: 1, maxLength: 4 }),
      emptyCells: pick(['omit', 'null']),
    })
    .map(({ types, required, mapped, expressions, nested, dateFormat, enumValues, emptyCells }) => {
      const keys = columns.map(fieldKey);
      const unique = keys.map((k, i) => (keys.indexOf(k) === i ? k : `${k}_${i}`));
      const properties: Record<string, unknown> = Object.create(null);
      unique.forEach((k, i) => {
        properties[k] = fieldSchema(types[i]!, enumValues);
      });
      for (let e = 0; e < expressions.length; e++) properties[`calc_${e}`] = { type: 'string' };
      const leaves = { type: 'object', properties, required: unique.filter((_, i) => required[i]) };
      const schema = nested
        ? {
            $schema: 'http://json-schema.org/draft-07/schema#',
            type: 'object',
            definitions: { row: leaves },
            properties: { rec: { $ref: '#/definitions/row' } },
          }
        : leaves;
      const at = (k: string) => (nested ? `rec.${k}` : k);
      const ref = (c: string) => `\${${c.replace(/[{}]/g, '')}}`;
      const mappings = [
        ...columns.flatMap((c, i) =>
          mapped[i]
            ? [
                {
                  sourceType: 'ATTRIBUTE',
                  source: c,
                  destination: at(unique[i]!),
                  ...(dateFormat && /date/.test(types[i]!) ? { settings: { dateFormat } } : {}),
                },
              ]
            : [],
        ),
        ...expressions.map(([f, col], e) => ({
          sourceType: 'EXPRESSION',
          source: EXPRESSIONS[f]!(ref(columns[col % columns.length]!)),
          destination: at(`calc_${e}`),
        })),
      ];
      return {
        schema: JSON.stringify(schema),
        mapping: JSON.stringify({ kind: 'xdm-mapper/mapping', version: 1, name: 'fuzz', options: { emptyCells }, mappings }),
        describe: `${mappings.length} entries, ${nested ? 'nested' : 'flat'} schema`,
      };
    });

/** Documents that are wrong: not JSON, the wrong shape, prototype keys, cycles, bombs, evil patterns. */
const brokenDocs = (columns: string[]): fc.Arbitrary<DocsCase> => {
  const good = { kind: 'xdm-mapper/mapping', version: 1, mappings: [{ sourceType: 'ATTRIBUTE', source: columns[0], destination: 'f' }] };
  const schemas = [
    '{"type":"object","properties":{"f":{"type":"string"}}}',
    '{"type":"object","properties":',
    '[]',
    'null',
    '{"type":"object","properties":{"__proto__":{"type":"string"},"f":{"type":"string"}}}',
    '{"type":"object","properties":{"f":{"$ref":"#/properties/f"}}}',
    '{"type":"object","properties":{"f":{"type":"string","pattern":"(a)\\\\1"}}}',
    '{"type":"object","properties":{"f":{"type":"string","pattern":"^(a|a)*$"}}}',
    `{"type":"object","definitions":{${Array.from({ length: 25 }, (_, i) => `"d${i}":{"allOf":[{"$ref":"#/definitions/d${i + 1}"},{"$ref":"#/definitions/d${i + 1}"}]}`).join(',')},"d25":{"type":"object","properties":{"x":{"type":"string"}}}},"properties":{"f":{"$ref":"#/definitions/d0"}}}`,
    `{"type":"object","properties":{"f":${'{"type":"object","properties":{"g":'.repeat(80)}{"type":"string"}${'}}'.repeat(80)}}}`,
    '{"type":"object","properties":{"f":{"type":"strung"}}}',
    '{"type":"object","properties":{"f":{"type":"string","meta:xdmType":"constructor"},"toString":{"type":"object","properties":{"call":{"type":"string"}}}}}',
  ];
  const mappings = [
    JSON.stringify(good),
    '{"kind":"xdm-mapper/mapping","version":1,"mappings":{"__proto__":{"polluted":1}}}',
    `{"kind":"xdm-mapper/mapping","version":1,"__proto__":{"polluted":1},"mappings":[{"sourceType":"ATTRIBUTE","source":${JSON.stringify(columns[0])},"destination":"__proto__.polluted"}]}`,
    JSON.stringify({ ...good, mappings: [{ sourceType: 'ATTRIBUTE', source: columns[0], destination: 'constructor.prototype.polluted' }] }),
    JSON.stringify({ ...good, mappings: [{ sourceType: 'EXPRESSION', source: 'matches_regex(f, "(a)\\\\1")', destination: 'f' }] }),
    JSON.stringify({ ...good, mappings: [{ sourceType: 'EXPRESSION', source: `${'concat('.repeat(300)}"x"${')'.repeat(300)}`, destination: 'f' }] }),
    JSON.stringify({ ...good, version: 99 }),
    JSON.stringify({ ...good, mappings: 'all' }),
    '{"kind":"xdm-mapper/mapping"',
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
    JSON.stringify([{ sourceAttribute: columns[0], destinationXdmPath: 'f' }]),
    JSON.stringify({ ...good, mappings: [{ sourceType: 'STATIC', source: 'x', destination: 'toString.call' }] }),
  ];
  return fc.record({ schema: fc.oneof(pick(schemas), fc.json({ maxDepth: 3 })), mapping: fc.oneof(pick(mappings), fc.json({ maxDepth: 3 })) }).map((d) => ({
    ...d,
    describe: 'broken documents',
  }));
};

export interface FuzzCase {
  csv: CsvCase;
  docs: DocsCase;
}

/** One hostile run of the command: mostly documents that fit the file, now and then broken ones. */
export const fuzzCase: fc.Arbitrary<FuzzCase> = csvFile.chain((csv) =>
  fc.oneof({ weight: 8, arbitrary: fittingDocs(csv.columns) }, { weight: 1, arbitrary: brokenDocs(csv.columns) }).map((docs) => ({ csv, docs })),
);
