import { str } from '../values';
import type { FnSpec } from './types';

/**
 * Adobe Analytics strings: an events list `event101=5:123456,scOpen` (name=value:id) and a
 * products list of `category;product;quantity;price;events;eVars` entries separated by commas.
 */
function events(s: string): { name: string; value: string | null; id: string | null }[] {
  return s
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .map((e) => {
      const m = /^([^=:]+)(?:=([^:]*))?(?::(.*))?$/.exec(e)!;
      return { name: m[1]!, value: m[2] ?? null, id: m[3] ?? null };
    });
}

const products = (s: string): string[][] => s.split(',').map((p) => p.split(';'));
const part = (p: string[], i: number): string | null => (p[i] === undefined || p[i] === '' ? null : p[i]!);

function productList(name: string, description: string, index: number): FnSpec {
  return {
    name,
    family: 'analytics',
    params: ['PRODUCTS_STRING'],
    description,
    call: ([v]) => {
      const s = str(v!);
      return s === null ? null : products(s).map((p) => part(p, index));
    },
  };
}

function namedValues(s: string, field: number, name: string, sep: string): (string | null)[] {
  return products(s).map((p) => {
    const list = part(p, field);
    if (!list) return null;
    for (const entry of list.split(sep)) {
      const at = entry.indexOf('=');
      if (at > 0 && entry.slice(0, at) === name) return entry.slice(at + 1).split(':')[0]!;
    }
    return null;
  });
}

export const ANALYTICS_FUNCTIONS: FnSpec[] = [
  {
    name: 'aa_get_event_id',
    family: 'analytics',
    params: ['EVENT_STRING', 'EVENT_NAME'],
    description: 'The id of a named event in an Analytics events string (the part after ":").',
    call: ([s, n]) => {
      const t = str(s!);
      const name = str(n!);
      return t === null || name === null ? null : (events(t).find((e) => e.name === name)?.id ?? null);
    },
  },
  {
    name: 'aa_get_event_value',
    family: 'analytics',
    params: ['EVENT_STRING', 'EVENT_NAME'],
    description: 'The value of a named event in an Analytics events string (1 when the event has none).',
    call: ([s, n]) => {
      const t = str(s!);
      const name = str(n!);
      if (t === null || name === null) return null;
      const e = events(t).find((x) => x.name === name);
      return e ? (e.value === null || e.value === '' ? 1 : Number.isNaN(Number(e.value)) ? e.value : Number(e.value)) : null;
    },
  },
  productList('aa_get_product_categories', 'The category of each product of an Analytics products string.', 0),
  productList('aa_get_product_names', 'The name of each product of an Analytics products string.', 1),
  productList('aa_get_product_quantity', 'The quantity of each product of an Analytics products string.', 2),
  productList('aa_get_product_price', 'The price of each product of an Analytics products string.', 3),
  {
    name: 'aa_get_product_event_values',
    family: 'analytics',
    params: ['PRODUCTS_STRING', 'EVENT_NAME'],
    description: 'The value of a named event on each product of an Analytics products string.',
    call: ([s, n]) => {
      const t = str(s!);
      const name = str(n!);
      return t === null || name === null ? null : namedValues(t, 4, name, '|');
    },
  },
  {
    name: 'aa_get_product_evars',
    family: 'analytics',
    params: ['PRODUCTS_STRING', 'EVAR_NAME'],
    description: 'The value of a named merchandising eVar on each product of an Analytics products string.',
    call: ([s, n]) => {
      const t = str(s!);
      const name = str(n!);
      return t === null || name === null ? null : namedValues(t, 5, name, '|').filter((v) => v !== null);
    },
  },
];
