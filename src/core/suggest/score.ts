import type { PreparedColumn } from './column';
import { lineEvidence, priorEvidence, qualifierEvidence, rarityEvidence, subjectEvidence } from './evidence/context';
import type { Evidence } from './evidence/evidence.types';
import { nameEvidence, nameNotes } from './evidence/name';
import { acceptedKind, enumEvidence, typeEvidence, valueEvidence, valueOnlyEvidence } from './evidence/values';
import type { FieldDoc, FieldIndex } from './fieldIndex';
import { WANTS } from './fieldKnowledge';

export interface Scored {
  score: number;
  evidence: string[];
  /** What the score rests on: the header's words, or the values alone. */
  base: 'name' | 'values';
  /** A name that fitted well (0.5 or more) before the values or the enum spoke against the field. */
  vetoed: boolean;
}

/** A factor applied to a score: above 1 it raises the odds, below 1 it scales the score down. */
export function apply(score: number, factor: number): number {
  if (factor <= 1) return score * factor;
  return (score * factor) / (1 - score + score * factor);
}

/** The sources that weigh every candidate after its base (name, or values alone). */
const CONTEXT: readonly ((col: PreparedColumn, doc: FieldDoc) => Evidence)[] = [
  typeEvidence,
  enumEvidence,
  lineEvidence,
  qualifierEvidence,
  rarityEvidence,
  priorEvidence,
];

/**
 * Scores one column against one field. The base is the name evidence, or, when the header says
 * nothing usable or nothing this field answers to, the value evidence alone; then the values,
 * the field's type and enum, and the schema's context weigh in. Null when the field is ruled out.
 * Without `explain` the evidence is left out (scoring every candidate, explaining the best).
 */
export function scoreColumn(col: PreparedColumn, doc: FieldDoc, idx: FieldIndex, explain = true): Scored | null {
  // Values that point at the field say what the header leaves out (`Title` of job titles is the job title).
  const confirmed = doc.want !== null && WANTS[doc.want].alone && (acceptedKind(col, doc)?.strength ?? 0) >= 0.6;
  const named = col.meaningless ? null : nameEvidence(col, doc, confirmed);
  // Values decide when the name cannot: the stronger of the two is the base.
  const alone = valueOnlyEvidence(col, doc, idx);
  const name = named && (!alone || named.factor >= alone.factor) ? named : null;
  const base: Evidence | null = name ?? alone;
  if (!base || base.factor <= 0) return null;
  let score = base.factor;
  const evidence: string[] = !explain ? [] : name ? nameNotes(name, doc) : base.note ? [base.note] : [];
  const sources: Evidence[] = [valueEvidence(col, doc, name !== null), subjectEvidence(col, doc, name), ...CONTEXT.map((f) => f(col, doc))];
  let vetoed = false;
  for (const e of sources) {
    if (e.factor === 0) return null;
    vetoed ||= name !== null && name.factor >= 0.5 && e.factor <= 0.2 && (e === sources[0] || e === sources[3]);
    score = apply(score, e.factor);
    if (explain && e.note) evidence.push(e.note);
  }
  return { score: Math.min(1, score), evidence, base: name ? 'name' : 'values', vetoed };
}
