/**
 * What one source of evidence says about a column and a field: a factor (below 1 it scales
 * the score down, above 1 it raises the odds, 0 rules the field out) and a note for a person.
 */
export interface Evidence {
  factor: number;
  note: string | null;
}

/** No opinion. */
export const NEUTRAL: Evidence = { factor: 1, note: null };
