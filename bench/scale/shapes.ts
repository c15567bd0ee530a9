/**
 * The benchmark's further file shapes, each a generated CSV with its own mapping and schema:
 * the kinds of export users bring (timestamps with milliseconds and offsets, format-checked
 * emails and URIs, long quoted text, accented names, sparse rows, wide files, calculated
 * fields, a stated date format, a product export with all of these, a shop export with every
 * field quoted, decimal commas, Unix and 12-hour times and month names, a database export with
 * microseconds). Each column says how its
 * cells are generated, which field it goes to and what DuckDB does to convert it, so that the
 * CSV, the mapping, the schema and DuckDB's query come from one description.
 */

/** A deterministic generator: the same file every time. */
export function rng(seed = 7): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The XDM kind of a field, which decides its JSON Schema and DuckDB's cast. */
export type Kind = 'string' | 'int' | 'number' | 'boolean' | 'date' | 'date-time' | 'email' | 'uri' | 'tier';

export interface Column {
  name: string;
  /** The cell of row i (1-based); '' for an empty one. */
  cell: (i: number, r: Rand) => string;
  /** The destination, or none for a column the mapping leaves out. */
  destination?: string;
  kind?: Kind;
  /** A stated date format (`settings.dateFormat`). */
  dateFormat?: string;
  /** Other settings of the column's reading (a number format, Unix time). */
  settings?: Record<string, unknown>;
  /** DuckDB's SQL for the column's value (read as VARCHAR), where a cast by the field's type would not read it. */
  sql?: string;
}

export interface Calculated {
  expression: string;
  destination: string;
  /** The same as DuckDB SQL over the columns (read as VARCHAR). */
  sql: string;
}

export interface Shape {
  name: string;
  label: string;
  rows: number;
  columns: Column[];
  calculated?: Calculated[];
  /** Every field quoted, as Salesforce and many database tools export. */
  quoteAll?: boolean;
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Linus', 'Ngozi', 'Aiko', 'Mateus', 'Karen', 'Ravi', 'Olga'];
const FIRST_ACCENTED = ['Zoë', 'José', 'Björn', 'Søren', 'Łucja', 'François', 'Đorđe', 'Ines', 'Mária', 'Nguyễn', 'Çağla', 'Jürgen'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Nakamura', 'Dubois', 'Kowalski', "O'Brien", 'Smith'];
const LAST_ACCENTED = ['Müller', 'García', 'Ødegaard', 'Łukasiewicz', 'Żółć', 'Brontë', 'Ibáñez', 'Šimić', 'Dvořák', 'Søndergård'];
const CITIES = ['Berlin', 'São Paulo', 'Zürich', 'Paris', 'Kraków', 'New York, NY', 'Tokyo', 'Lyon', 'Malmö', 'Reykjavík'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WORDS = ['soft', 'cotton', 'blend', 'with', 'a', 'relaxed', 'fit', 'and', 'ribbed', 'cuffs', 'machine', 'washable', 'size', 'true', 'to'];

const id = (i: number) => (i % 50000 === 0 ? '' : `C${pad(i, 9)}`);
const isoDate = (r: Rand) => `${1940 + Math.floor(r() * 65)}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
const clock = (r: Rand) => `${pad(Math.floor(r() * 24))}:${pad(Math.floor(r() * 60))}:${pad(Math.floor(r() * 60))}`;
const millis = (r: Rand) => pad(1 + Math.floor(r() * 999), 3);
const offset = (r: Rand) => pick(r, ['+02:00', '-05:00', '+05:30', '+09:00', '-03:00']);
/** ISO date-times as exports write them: milliseconds, Z or an offset. */
const timestamp = (r: Rand) => {
  const d = `2019-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}T${clock(r)}`;
  const k = r();
  return k < 0.4 ? `${d}.${millis(r)}Z` : k < 0.7 ? `${d}.${millis(r)}${offset(r)}` : `${d}${offset(r)}`;
};
const email = (first: string, i: number) =>
  `${
    first
      .normalize('NFKD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase() || 'x'
  }.${i}@example.com`;
const sentence = (r: Rand, words: number) => Array.from({ length: words }, () => pick(r, WORDS)).join(' ');
/** Product copy: a few hundred characters, quoted words, now and then a line break. */
const longText = (r: Rand) => {
  const parts = [];
  for (let k = 0; k < 4 + Math.floor(r() * 6); k++)
    parts.push(r() < 0.3 ? `the "${pick(r, WORDS)}" ${sentence(r, 6)}` : r() < 0.2 ? `${sentence(r, 8)}\n` : `${sentence(r, 10)}.`);
  return parts.join(' ');
};

/** The fourteen columns of the first benchmark file, with their fields. */
function base(opts: { accented?: number; empty?: number; birth?: (r: Rand) => string; dateFormat?: string; joined?: (r: Rand) => string } = {}): Column[] {
  const accented = opts.accented ?? 0.3;
  const empty = opts.empty ?? 0;
  let first = '';
  const maybe = (f: (i: number, r: Rand) => string) => (i: number, r: Rand) => (r() < empty ? '' : f(i, r));
  return [
    { name: 'id', cell: id, destination: '_bench.customerId', kind: 'string' },
    {
      name: 'first_name',
      cell: maybe((_i, r) => (first = r() < accented ? pick(r, FIRST_ACCENTED) : pick(r, FIRST))),
      destination: 'person.name.firstName',
      kind: 'string',
    },
    {
      name: 'last_name',
      cell: maybe((_i, r) => (r() < accented ? pick(r, LAST_ACCENTED) : pick(r, LAST))),
      destination: 'person.name.lastName',
      kind: 'string',
    },
    { name: 'email', cell: maybe((i) => email(first, i)), destination: 'personalEmail.address', kind: 'email' },
    {
      name: 'birth_date',
      cell: maybe((i, r) => (i % 40000 === 0 ? 'not-a-date' : (opts.birth ?? isoDate)(r))),
      destination: 'person.birthDate',
      kind: 'date',
      dateFormat: opts.dateFormat,
    },
    {
      name: 'city',
      cell: maybe((_i, r) => (r() < accented ? pick(r, CITIES.slice(1, 5).concat(CITIES.slice(8))) : pick(r, CITIES))),
      destination: 'homeAddress.city',
      kind: 'string',
    },
    { name: 'postal_code', cell: maybe((_i, r) => pad(Math.floor(r() * 99999), 5)), destination: 'homeAddress.postalCode', kind: 'string' },
    { name: 'country', cell: maybe((_i, r) => pick(r, ['DE', 'BR', 'CH', 'FR', 'PL', 'US', 'JP'])), destination: 'homeAddress.countryCode', kind: 'string' },
    { name: 'points', cell: maybe((_i, r) => (r() < 0.1 ? '' : String(Math.floor(r() * 100000)))), destination: 'loyalty.points', kind: 'int' },
    { name: 'tier', cell: maybe((_i, r) => pick(r, ['gold', 'silver', 'bronze', 'platinum', ''])), destination: 'loyalty.tier', kind: 'tier' },
    { name: 'opt_in', cell: maybe((_i, r) => pick(r, ['yes', 'no', 'Y', 'N', 'true', 'false'])), destination: '_bench.optIn', kind: 'boolean' },
    {
      name: 'joined',
      cell: maybe((_i, r) => (opts.joined ? opts.joined(r) : `2019-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}T10:${pad(Math.floor(r() * 60))}:00Z`)),
      destination: '_bench.joined',
      kind: 'date-time',
    },
    { name: 'lifetime_value', cell: maybe((_i, r) => (r() * 5000).toFixed(2)), destination: '_bench.lifetimeValue', kind: 'number' },
    { name: 'note', cell: maybe((_i, r) => (r() < 0.3 ? 'said "hello", then left' : r() < 0.5 ? '' : 'ok')), destination: '_bench.note', kind: 'string' },
  ];
}

const website = (i: number, r: Rand) =>
  `https://shop.example.com/${pick(r, ['u', 'p', 'c'])}/${i}?ref=${pick(r, ['mail', 'ads', 'home'])}&v=${Math.floor(r() * 100)}`;

export const SHAPES: Shape[] = [
  { name: 'timestamps', label: 'date-times with ms and offsets', rows: 1_000_000, columns: base({ joined: timestamp }) },
  {
    name: 'email-uri',
    label: 'email and URI formats',
    rows: 1_000_000,
    columns: [...base(), { name: 'website', cell: website, destination: '_bench.website', kind: 'uri' }],
  },
  {
    name: 'long-text',
    label: 'long quoted text, "" and line breaks',
    rows: 250_000,
    columns: [...base(), { name: 'description', cell: (_i, r) => longText(r), destination: '_bench.description', kind: 'string' }],
  },
  { name: 'accented', label: 'accented names in most rows', rows: 1_000_000, columns: base({ accented: 0.9 }) },
  { name: 'sparse', label: '40 % empty cells', rows: 1_000_000, columns: base({ empty: 0.4 }) },
  {
    name: 'wide',
    label: '120 columns, 80 mapped',
    rows: 250_000,
    columns: [
      ...base(),
      ...Array.from({ length: 106 }, (_, k): Column => {
        const mapped = k < 66;
        const numeric = k % 2 === 0;
        return {
          name: `attr_${k + 1}`,
          cell: (_i, r) => (r() < 0.2 ? '' : numeric ? String(Math.floor(r() * 1000)) : pick(r, ['red', 'blue', 'green', 'XL', 'M'])),
          destination: mapped ? `_bench.attributes.attr_${k + 1}` : undefined,
          kind: numeric ? 'int' : 'string',
        };
      }),
    ],
  },
  {
    name: 'calculated',
    label: 'three calculated fields',
    rows: 1_000_000,
    columns: base(),
    calculated: [
      { expression: 'concat(first_name, " ", last_name)', destination: '_bench.displayName', sql: "concat(first_name, ' ', last_name)" },
      { expression: 'upper(country)', destination: '_bench.countryUpper', sql: 'upper(country)' },
      {
        expression: 'iif(is_empty(points), "none", iif(to_integer(points) > 50000, "high", "standard"))',
        destination: '_bench.level',
        sql: "CASE WHEN points IS NULL OR points = '' THEN 'none' WHEN TRY_CAST(points AS INTEGER) > 50000 THEN 'high' ELSE 'standard' END",
      },
    ],
  },
  {
    name: 'dmy-dates',
    label: 'stated dd/MM/yyyy dates',
    rows: 1_000_000,
    columns: base({
      birth: (r) => `${pad(1 + Math.floor(r() * 28))}/${pad(1 + Math.floor(r() * 12))}/${1940 + Math.floor(r() * 65)}`,
      dateFormat: 'dd/MM/yyyy',
    }),
  },
  {
    name: 'product-export',
    label: 'product export (all of the above)',
    rows: 400_000,
    columns: [
      { name: 'sku', cell: id, destination: '_bench.customerId', kind: 'string' },
      {
        name: 'name',
        cell: (_i, r) => `${pick(r, FIRST_ACCENTED)} ${pick(r, LAST_ACCENTED)} ${pick(r, WORDS)}`,
        destination: 'person.name.firstName',
        kind: 'string',
      },
      { name: 'description', cell: (_i, r) => (r() < 0.7 ? longText(r).slice(0, 160) : ''), destination: '_bench.description', kind: 'string' },
      { name: 'price', cell: (_i, r) => (r() * 500).toFixed(2), destination: '_bench.lifetimeValue', kind: 'number' },
      {
        name: 'created',
        cell: (_i, r) => `2021-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}T${clock(r)}.${millis(r)}Z`,
        destination: '_bench.joined',
        kind: 'date-time',
      },
      { name: 'updated', cell: (_i, r) => timestamp(r), destination: '_bench.updated', kind: 'date-time' },
      { name: 'contact', cell: (i, r) => (r() < 0.1 ? '' : email(pick(r, FIRST_ACCENTED), i)), destination: 'personalEmail.address', kind: 'email' },
      { name: 'url', cell: website, destination: '_bench.website', kind: 'uri' },
      { name: 'in_stock', cell: (_i, r) => pick(r, ['true', 'false', 'yes', 'no']), destination: '_bench.optIn', kind: 'boolean' },
      { name: 'quantity', cell: (_i, r) => (r() < 0.2 ? '' : String(Math.floor(r() * 1000))), destination: 'loyalty.points', kind: 'int' },
    ],
  },
  {
    name: 'shop-export',
    label: 'shop export: quoted, decimal commas, Unix and 12-hour times, month names',
    rows: 800_000,
    quoteAll: true,
    columns: [
      { name: 'order', cell: id, destination: '_bench.customerId', kind: 'string' },
      { name: 'customer', cell: (_i, r) => `${pick(r, FIRST_ACCENTED)} ${pick(r, LAST_ACCENTED)}`, destination: 'person.name.firstName', kind: 'string' },
      {
        name: 'total',
        cell: (_i, r) => `${grouped(Math.floor(r() * 5000), '.')},${pad(Math.floor(r() * 100))} €`,
        destination: '_bench.lifetimeValue',
        kind: 'number',
        settings: { decimalSeparator: ',', thousandsSeparator: '.', currency: '€' },
        sql: `TRY_CAST(replace(replace(replace(total, ' €', ''), '.', ''), ',', '.') AS DOUBLE)`,
      },
      {
        name: 'units',
        cell: (_i, r) => (r() < 0.2 ? '' : grouped(Math.floor(r() * 20000), '.')),
        destination: 'loyalty.points',
        kind: 'int',
        settings: { decimalSeparator: ',', thousandsSeparator: '.' },
        sql: `TRY_CAST(replace(units, '.', '') AS BIGINT)`,
      },
      {
        name: 'discount',
        cell: (_i, r) => `${Math.floor(r() * 40)},${Math.floor(r() * 10)} %`,
        destination: '_bench.discount',
        kind: 'number',
        settings: { decimalSeparator: ',', percent: true },
        sql: `TRY_CAST(replace(replace(discount, ' %', ''), ',', '.') AS DOUBLE)`,
      },
      {
        name: 'created',
        cell: (_i, r) => String(1_420_070_400 + Math.floor(r() * 315_360_000)),
        destination: '_bench.joined',
        kind: 'date-time',
        settings: { epoch: 'seconds' },
        sql: `strftime(to_timestamp(TRY_CAST(created AS BIGINT)) AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ')`,
      },
      {
        name: 'shipped',
        cell: (_i, r) => {
          const h = Math.floor(r() * 24);
          return `${1 + Math.floor(r() * 12)}/${1 + Math.floor(r() * 28)}/2023 ${h % 12 || 12}:${pad(Math.floor(r() * 60))}:${pad(Math.floor(r() * 60))} ${h < 12 ? 'AM' : 'PM'}`;
        },
        destination: '_bench.updated',
        kind: 'date-time',
        dateFormat: 'M/d/yyyy h:mm:ss a',
        sql: `strftime(TRY_STRPTIME(shipped, '%m/%d/%Y %I:%M:%S %p') AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ')`,
      },
      {
        name: 'birthday',
        cell: (_i, r) => `${pad(1 + Math.floor(r() * 28))}-${pick(r, MONTHS)}-${1940 + Math.floor(r() * 65)}`,
        destination: '_bench.birth',
        kind: 'date',
        sql: `CAST(TRY_STRPTIME(birthday, '%d-%b-%Y') AS DATE)`,
      },
      { name: 'newsletter', cell: (_i, r) => pick(r, ['true', 'false']), destination: '_bench.optIn', kind: 'boolean' },
    ],
  },
  {
    // As PostgreSQL, BigQuery and pandas write a table out: microseconds, UTC named or an
    // offset, the whole numbers of a column with blanks as 5.0, Python's True and False.
    name: 'db-export',
    label: 'database export: microseconds, UTC, whole numbers as 5.0, True/False',
    rows: 900_000,
    columns: [
      { name: 'id', cell: id, destination: '_bench.customerId', kind: 'string' },
      { name: 'first_name', cell: (_i, r) => pick(r, FIRST), destination: 'person.name.firstName', kind: 'string' },
      {
        name: 'created_at',
        cell: (_i, r) => `2023-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))} ${clock(r)}.${pad(Math.floor(r() * 1e6), 6)} UTC`,
        destination: '_bench.joined',
        kind: 'date-time',
        dateFormat: 'yyyy-MM-dd HH:mm:ss.SSSSSS z',
        sql: `strftime(TRY_STRPTIME(created_at, '%Y-%m-%d %H:%M:%S.%f UTC'), '%Y-%m-%dT%H:%M:%S.%fZ')`,
      },
      {
        name: 'updated_at',
        cell: (_i, r) =>
          `2024-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}T${clock(r)}.${pad(Math.floor(r() * 1e6), 6)}${pick(r, ['+00:00', '+02:00', '-05:00'])}`,
        destination: '_bench.updated',
        kind: 'date-time',
        dateFormat: "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX",
        sql: `strftime(TRY_STRPTIME(updated_at, '%Y-%m-%dT%H:%M:%S.%f%z') AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%fZ')`,
      },
      {
        name: 'points',
        cell: (_i, r) => (r() < 0.2 ? '' : `${Math.floor(r() * 60000)}.0`),
        destination: 'loyalty.points',
        kind: 'int',
        sql: 'TRY_CAST(TRY_CAST(points AS DOUBLE) AS BIGINT)',
      },
      {
        name: 'lifetime_value',
        cell: (_i, r) => `${Math.floor(r() * 5000)}.${pad(Math.floor(r() * 100))}`,
        destination: '_bench.lifetimeValue',
        kind: 'number',
      },
      { name: 'birth_date', cell: (_i, r) => isoDate(r), destination: '_bench.birth', kind: 'date' },
      { name: 'opt_in', cell: (_i, r) => pick(r, ['True', 'False']), destination: '_bench.optIn', kind: 'boolean' },
    ],
  },
];

/** A whole number with its thousands grouped by `sep` (`12.345`). */
function grouped(n: number, sep: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** The JSON Schema of a field of this kind. */
function fieldSchema(kind: Kind): Record<string, unknown> {
  switch (kind) {
    case 'int':
      return { type: 'integer', minimum: -2147483648, maximum: 2147483647 };
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'date-time':
      return { type: 'string', format: 'date-time' };
    case 'email':
      return { type: 'string', format: 'email' };
    case 'uri':
      return { type: 'string', format: 'uri' };
    case 'tier':
      return { type: 'string', enum: ['gold', 'silver', 'bronze', 'platinum'] };
    default:
      return { type: 'string' };
  }
}

/** The schema every destination of the shape lives in; `_bench.customerId` is required. */
export function schemaOf(shape: Shape): Record<string, unknown> {
  const root: Record<string, unknown> = { type: 'object', properties: {} };
  const put = (path: string, leaf: Record<string, unknown>) => {
    const keys = path.split('.');
    let node = root;
    for (const k of keys.slice(0, -1)) {
      const props = node.properties as Record<string, Record<string, unknown>>;
      props[k] ??= { type: 'object', properties: {} };
      node = props[k]!;
    }
    (node.properties as Record<string, unknown>)[keys[keys.length - 1]!] = leaf;
  };
  for (const c of shape.columns) if (c.destination) put(c.destination, fieldSchema(c.kind ?? 'string'));
  for (const c of shape.calculated ?? []) put(c.destination, { type: 'string' });
  const bench = (root.properties as Record<string, Record<string, unknown>>)._bench!;
  bench.required = ['customerId'];
  return {
    $id: `https://example.com/schemas/bench-${shape.name}`,
    title: `Bench ${shape.label}`,
    'meta:tenantNamespace': '_bench',
    ...root,
    required: ['_bench'],
  };
}

/** The mapping document of the shape. */
export function mappingOf(shape: Shape): Record<string, unknown> {
  return {
    kind: 'xdm-mapper/mapping',
    version: 1,
    name: `Bench ${shape.label}`,
    source: { columns: shape.columns.map((c) => c.name) },
    target: { schemaId: `https://example.com/schemas/bench-${shape.name}` },
    mappings: [
      ...shape.columns
        .filter((c) => c.destination)
        .map((c) => ({
          sourceType: 'ATTRIBUTE',
          source: c.name,
          destination: c.destination,
          ...(c.dateFormat || c.settings ? { settings: { ...(c.dateFormat ? { dateFormat: c.dateFormat } : {}), ...c.settings } } : {}),
        })),
      ...(shape.calculated ?? []).map((c) => ({ sourceType: 'EXPRESSION', source: c.expression, destination: c.destination })),
    ],
  };
}

/** Writes the shape's CSV rows through `write` (the header first). */
export async function writeShape(shape: Shape, write: (text: string) => Promise<void>): Promise<void> {
  const r = rng();
  const quote = (s: string) => (shape.quoteAll || /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  let buf = `${shape.columns.map((c) => c.name).join(',')}\n`;
  for (let i = 1; i <= shape.rows; i++) {
    buf += `${shape.columns.map((c) => quote(c.cell(i, r))).join(',')}\n`;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
}
