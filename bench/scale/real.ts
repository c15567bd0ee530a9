/**
 * Real exports at scale: the benchmark's other files are generated with small schemas written
 * for them, and users bring neither. These are exports of real systems (bench/suggest-real,
 * sources in its SOURCES.md) mapped onto AEP's own schemas (the samples the web app offers,
 * hundreds of fields, `_id` a `uri-reference`), each mapping as `xdm-mapper suggest` proposed
 * it, with the fixes its pre-flight asked for (bench/scale/real/*.mapping.json: a required
 * `_id` or `timestamp` mapped, an unusable column unmapped, a lower-case currency code through
 * `upper()`). A file is made large by repeating its rows with every digit run drawn again (same
 * length, so ids, amounts and phone numbers keep their shape) and the year of each date drawn
 * again, so that no cache of repeated values makes it look faster than it is.
 *   npx tsx bench/scale/real.ts NAME OUT.csv [MB]
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { rng } from './shapes';

const root = join(import.meta.dirname, '..', '..');

export interface RealExport {
  name: string;
  label: string;
  /** The export, under bench/suggest-real. */
  csv: string;
  /** AEP's schema, under public/samples. */
  schema: string;
  /** DuckDB's SQL for the mapping's expressions, by destination. */
  sql?: Record<string, string>;
}

export const REAL_EXPORTS: readonly RealExport[] = [
  {
    name: 'ra02-shopify-orders',
    label: 'real: Shopify orders (73 columns, 34 mapped)',
    csv: 'ra02-shopify-orders.csv',
    schema: 'xdm/experienceevent-commerce.schema.json',
  },
  {
    name: 'ra03-shopify-products',
    label: 'real: Shopify products (Luma catalog)',
    csv: 'ra03-shopify-products.csv',
    schema: 'luma/luma-product-catalog.schema.json',
  },
  {
    name: 'ra06-salesforce-contacts',
    label: 'real: Salesforce contacts (65 columns, 45 mapped, 650 KB schema)',
    csv: 'ra06-salesforce-contacts.csv',
    schema: 'xdm/profile-large.schema.json',
  },
  {
    name: 'ra08-stripe-payments',
    label: 'real: Stripe payments',
    csv: 'ra08-stripe-payments.csv',
    schema: 'xdm/experienceevent-commerce.schema.json',
    sql: { 'commerce.order.currencyCode': 'upper("Currency")' },
  },
  { name: 'ra11-fr-adherents', label: 'real: French member list', csv: 'ra11-fr-adherents.csv', schema: 'xdm/profile-person-contact-loyalty.schema.json' },
  {
    name: 'ra14-olist-order-items',
    label: 'real: Olist order items (an expression)',
    csv: 'ra14-olist-order-items.csv',
    schema: 'xdm/experienceevent-commerce.schema.json',
    sql: { _id: `concat("order_id", '-', "order_item_id")` },
  },
];

/** Paths of an export's files: the large copy is made by {@link scaleExport}. */
export function realPaths(r: RealExport): { source: string; schema: string; mapping: string } {
  return {
    source: join(root, 'bench', 'suggest-real', r.csv),
    schema: join(root, 'public', 'samples', r.schema),
    mapping: join(root, 'bench', 'scale', 'real', `${r.name}.mapping.json`),
  };
}

const DATE_LIKE = /\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{2}:\d{2}/;
const quote = (c: string) => (/[",\n\r]/.test(c) || c !== c.trim() ? `"${c.replace(/"/g, '""')}"` : c);

/** Writes `out`: the export's header, then its rows again and again, redrawn, up to `mb` MB. */
export function scaleExport(r: RealExport, out: string, mb: number): { rows: number; bytes: number } {
  const text = readFileSync(realPaths(r).source, 'utf8').replace(/^\uFEFF/, '');
  const [header, ...rows] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  const rand = rng(11);
  const digits = (run: string) => {
    let o = '';
    for (let i = 0; i < run.length; i++) {
      // A leading zero stays one (a zip code, an account number); no other run gains one.
      const d = Math.floor(rand() * 10);
      o += i === 0 ? (run[0] === '0' && run.length > 1 ? '0' : d === 0 ? '1' : String(d)) : String(d);
    }
    return o;
  };
  const redraw = (c: string) => {
    if (c === '') return c;
    if (DATE_LIKE.test(c)) return c.replace(/\b(19|20)\d{2}\b/, () => String(1990 + Math.floor(rand() * 35)));
    return c.replace(/\d+/g, digits);
  };
  const fd = openSync(out, 'w');
  writeSync(fd, `${header!.map(quote).join(',')}\n`);
  const target = mb * 1e6;
  let bytes = 0;
  let buffer: string[] = [];
  let k = 0;
  for (; bytes < target; k++) {
    const line = `${rows[k % rows.length]!.map((c) => quote(redraw(c))).join(',')}\n`;
    bytes += Buffer.byteLength(line);
    buffer.push(line);
    if (buffer.length === 5000) {
      writeSync(fd, buffer.join(''));
      buffer = [];
    }
  }
  writeSync(fd, buffer.join(''));
  closeSync(fd);
  return { rows: k, bytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [name, out, mb] = process.argv.slice(2);
  const r = REAL_EXPORTS.find((x) => x.name === name);
  if (!r || !out) throw new Error(`usage: real.ts ${REAL_EXPORTS.map((x) => x.name).join('|')} OUT.csv [MB]`);
  console.log(JSON.stringify(scaleExport(r, out, Number(mb ?? 60))));
}
