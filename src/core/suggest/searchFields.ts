import type { Field, FieldTree } from '../schema/field.types';
import { fieldIndex } from './fieldIndex';

export interface FieldHit {
  field: Field;
  /** 0 (perfect) .. 1 (barely), fuse.js's score. */
  score: number;
}

/**
 * The field picker's search: fuzzy over titles, paths, key words and descriptions, so that
 * "post code", "postalCode" and "Postal code" all find `homeAddress.postalCode`. System fields
 * sink to the bottom unless asked for by name.
 */
export function searchFields(tree: FieldTree, query: string, limit = 50): FieldHit[] {
  const q = query.trim();
  if (!q) return [];
  const idx = fieldIndex(tree);
  const hits = idx
    .fuse()
    .search(q, { limit: limit * 2 })
    .map((r) => ({ field: r.item.field, score: r.score ?? 1 }));
  const sink = (f: Field) => (f.system && !/repo|batch|system/i.test(q) ? 1 : 0);
  // fuse's threshold does not cap its scores: keep only real matches.
  return hits
    .filter((h) => h.score <= 0.5)
    .sort((a, b) => sink(a.field) - sink(b.field) || a.score - b.score || a.field.path.length - b.field.path.length)
    .slice(0, limit);
}
