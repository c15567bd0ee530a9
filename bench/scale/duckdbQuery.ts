/**
 * DuckDB writing the same nested records as `apply`, for comparison: the mapping and schema
 * are translated into one `COPY (SELECT {…} AS top, … FROM read_csv(…)) TO … (FORMAT JSON)`,
 * each column converted by its field's type (TRY_CAST, a stated date format through
 * TRY_STRPTIME, Data Prep's boolean words), calculated fields by the shape's own SQL.
 * DuckDB checks no format (email, URI), enum or required field, and writes empty cells as
 * null instead of leaving them out: it does less than `apply`.
 */
import { readFileSync } from 'node:fs';
import { SHAPES } from './shapes';

type Entry = { sourceType: string; source: string; destination: string; settings?: { dateFormat?: string } };

/**
 * The COPY statement that writes the mapping's records from `csv` into `out`. Expressions are
 * the shape's SQL, or `sql`'s by destination. An array item's fields (`items[0].SKU`) are
 * written as an object (a struct, not a list of one): the same work within a few bytes.
 */
export function duckdbQuery(csv: string, mappingFile: string, schemaFile: string, out: string, shapeName?: string, sql: Record<string, string> = {}): string {
  const mapping = JSON.parse(readFileSync(mappingFile, 'utf8')) as { mappings: Entry[] };
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
  const shape = SHAPES.find((s) => s.name === shapeName);
  const calculated = new Map([
    ...(shape?.calculated ?? []).map((c) => [c.destination, c.sql] as const),
    // A column a cast cannot read (a decimal comma, Unix time) has the shape's own SQL.
    ...(shape?.columns ?? []).flatMap((c) => (c.sql && c.destination ? [[c.destination, c.sql] as const] : [])),
    ...Object.entries(sql),
  ]);
  return copyStatement(csv, out, mapping.mappings, schema, calculated);
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** Java date pattern letters DuckDB's strptime knows. */
const strptime = (java: string) =>
  java.replace('yyyy', '%Y').replace('MM', '%m').replace('dd', '%d').replace('HH', '%H').replace('mm', '%M').replace('ss', '%S').replace(/Z$/, '%z');

function copyStatement(csv: string, out: string, entries: Entry[], schema: Record<string, unknown>, calculated: Map<string, string>): string {
  const fieldSchema = (path: string): Record<string, unknown> => {
    let node = schema;
    for (const part of path.split('.')) {
      const k = part.replace(/\[\d+\]$/, '');
      node = ((node.properties ?? {}) as Record<string, Record<string, unknown>>)[k] ?? {};
      if (k !== part) node = (node.items ?? {}) as Record<string, unknown>;
    }
    return node;
  };
  const valueSql = (e: Entry): string => {
    if (e.sourceType === 'EXPRESSION') return calculated.get(e.destination) ?? 'NULL';
    if (calculated.has(e.destination)) return `CASE WHEN ${ident(e.source)} = '' THEN NULL ELSE ${calculated.get(e.destination)} END`;
    if (e.sourceType === 'STATIC') return literal(e.source);
    const col = `NULLIF(${ident(e.source)}, '')`;
    const f = fieldSchema(e.destination);
    if (f.type === 'integer') return `TRY_CAST(${col} AS BIGINT)`;
    if (f.type === 'number') return `TRY_CAST(${col} AS DOUBLE)`;
    if (f.type === 'boolean')
      return `CASE WHEN lower(trim(${col})) IN ('y', 'yes', 'on', 'true') THEN true WHEN lower(trim(${col})) IN ('n', 'no', 'off', 'false') THEN false END`;
    if (f.format === 'date')
      return e.settings?.dateFormat ? `CAST(TRY_STRPTIME(${col}, ${literal(strptime(e.settings.dateFormat))}) AS DATE)` : `TRY_CAST(${col} AS DATE)`;
    // A stated format is parsed by it (a cast of "2022-01-11 04:32:31 -0500" fails, slowly).
    const instant = e.settings?.dateFormat ? `TRY_STRPTIME(${col}, ${literal(strptime(e.settings.dateFormat))})` : `TRY_CAST(${col} AS TIMESTAMPTZ)`;
    if (f.format === 'date-time') return `strftime(${instant} AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ')`;
    return col;
  };

  /** The nested struct of the mapping's destinations. */
  type Tree = Map<string, Tree | string>;
  const tree: Tree = new Map();
  for (const e of entries) {
    const keys = e.destination.split('.').map((k) => k.replace(/\[\d+\]$/, ''));
    let node = tree;
    for (const k of keys.slice(0, -1)) {
      if (!node.has(k)) node.set(k, new Map());
      node = node.get(k) as Tree;
    }
    node.set(keys[keys.length - 1]!, valueSql(e));
  }
  const struct = (t: Tree): string => `{${[...t].map(([k, v]) => `${literal(k)}: ${typeof v === 'string' ? v : struct(v)}`).join(', ')}}`;
  const select = [...tree].map(([k, v]) => `${typeof v === 'string' ? v : struct(v)} AS ${ident(k)}`).join(', ');

  return `COPY (SELECT ${select} FROM read_csv(${literal(csv)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')) TO ${literal(out)} (FORMAT JSON)`;
}
