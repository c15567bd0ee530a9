import Fuse from 'fuse.js';
import type { Field, FieldTree } from '../schema/field.types';
import { FUSE_OPTIONS, fieldIndex } from './fieldIndex';

export interface FieldHit {
  field: Field;
  /** 0 (perfect) .. 1 (barely), fuse.js's score. */
  score: number;
}

/** Three-letter pieces of the query's words (a shorter word whole): a field fuse finds shares one with it. */
function piecesOf(query: string): string[] {
  const out = new Set<string>();
  for (const w of query.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (w.length <= 3) {
      if (w) out.add(w);
      continue;
    }
    for (let i = 0; i + 3 <= w.length; i++) out.add(w.slice(i, i + 3));
  }
  return [...out];
}

/** Characters of a search query that are matched fuzzily. */
export const MAX_QUERY = 64;

/**
 * The field picker's search: fuzzy over titles, paths, key words and descriptions, so that
 * "post code", "postalCode" and "Postal code" all find `homeAddress.postalCode`. A query that is
 * a field's path (or destination, `items[0].SKU`) finds that field first. System fields sink to
 * the bottom unless asked for by name.
 *
 * fuse scores each field on its own, so matching only the fields that share a piece of the
 * query gives those fields the scores a search of every field gives them, in a fraction of the
 * time on a schema of thousands of fields. When fewer fields share a piece than are asked for
 * (a query with typos in every word), every field is searched.
 */
export function searchFields(tree: FieldTree, query: string, limit = 50): FieldHit[] {
  const whole = query.trim();
  // fuse's work grows with the query's length (it matches 32-character slices one by one, ten
  // times slower at 100 characters than at 20): a pasted paragraph is cut rather than searched
  // for minutes; long field paths are found by the exact lookup below instead.
  const q = Array.from(whole).slice(0, MAX_QUERY).join('').trim();
  if (!q) return [];
  const idx = fieldIndex(tree);
  const exact = idx.byPath.get(whole.replace(/\[\d*\]/g, '[]'));
  const pieces = piecesOf(q);
  const candidates = pieces.length ? idx.docs.filter((_, i) => pieces.some((p) => idx.searchText[i]!.includes(p))) : [];
  const fuse = candidates.length >= limit * 2 && candidates.length < idx.docs.length ? new Fuse(candidates, FUSE_OPTIONS) : idx.fuse();
  const hits = fuse
    .search(q, { limit: limit * 2 })
    .map((r) => ({ field: r.item.field, score: r.score ?? 1 }))
    .filter((h) => h.field !== exact?.field);
  const sink = (f: Field) => (f.system && !/repo|batch|system/i.test(q) ? 1 : 0);
  // fuse's threshold does not cap its scores: keep only real matches.
  const found = hits
    .filter((h) => h.score <= 0.5)
    .sort((a, b) => sink(a.field) - sink(b.field) || a.score - b.score || a.field.path.length - b.field.path.length);
  return (exact ? [{ field: exact.field, score: 0 }, ...found] : found).slice(0, limit);
}
