/** An entry of the mapping set sent to AEP. */
export interface SentEntry {
  sourceType?: unknown;
  source?: unknown;
  destination?: unknown;
}

/** What `POST /mappingSets/validate` answers: one verdict per mapping, in order (Data Prep API reference). */
export interface ValidationAnswer {
  validationResponse?: { status?: string; errors?: { destination?: string; source?: string; exception?: string; columnName?: string }[] | null }[];
}

/**
 * AEP's verdicts in the user's terms: which entry of their mapping (number, column or formula,
 * field) AEP refused, and what AEP said.
 */
export function explainValidation(sent: readonly SentEntry[], answer: ValidationAnswer): string[] {
  const verdicts = answer.validationResponse ?? [];
  const out: string[] = [];
  verdicts.forEach((v, i) => {
    if (v.status === 'SUCCESS') return;
    const entry = sent[i];
    const what = entry
      ? `${entry.sourceType === 'ATTRIBUTE' ? `column "${String(entry.source)}"` : entry.sourceType === 'STATIC' ? `the value ${JSON.stringify(entry.source)}` : `the formula ${String(entry.source)}`} -> ${String(entry.destination)}`
      : 'an entry AEP added';
    const reasons = (v.errors ?? []).map((e) => e.exception).filter(Boolean);
    out.push(`mapping ${i + 1} (${what}): ${reasons.length ? reasons.join('; ') : `AEP answered ${v.status ?? 'no status'}`}`);
  });
  if (verdicts.length !== sent.length)
    out.push(`AEP returned ${verdicts.length} verdicts for the ${sent.length} mappings sent; check the mapping set in AEP's UI`);
  return out;
}
