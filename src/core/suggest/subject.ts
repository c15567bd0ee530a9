import type { FieldTree } from '../schema/field.types';

/** What a schema's records are about: a person (profiles), a product (catalogues), an event. */
export type Subject = 'person' | 'product' | 'event' | 'other';

/** Reads the subject from the schema's class, then its title. */
export function schemaSubject(tree: FieldTree): Subject {
  const cls = (tree.className ?? '').toLowerCase();
  if (/experienceevent/.test(cls)) return 'event';
  if (/\/profile$|individual/.test(cls)) return 'person';
  if (/product|catalog/.test(cls) || /product|catalog/i.test(tree.title)) return 'product';
  return 'other';
}

/**
 * The word a bare header (`Name`, `Type`, `Amount`) is read with: on a profile a name is the
 * customer's, in a catalogue the product's, in a purchase event the order's.
 */
export function subjectWord(tree: FieldTree, subject: Subject): string | null {
  if (subject === 'person') return 'customer';
  if (subject === 'product') return 'product';
  if (subject === 'event' && tree.leaves.some((f) => f.path.startsWith('commerce.order.'))) return 'order';
  return null;
}
