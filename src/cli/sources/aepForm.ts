import type { MappingDocument } from '../../core/mapping/mapping.types';

/**
 * What `deploy` and `check --online` tell the user before anything is sent: each entry whose
 * reading (a date format, a number format, flag words, a time zone…) goes to AEP as an
 * expression, since a mapping set has no settings, and what AEP cannot hold at all.
 * `set` is the mapping set made by mappingSetBody from `doc`, entry for entry.
 */
export function describeAepForm(doc: MappingDocument, set: Record<string, unknown>): string[] {
  const sent = Array.isArray(set.mappings) ? (set.mappings as { sourceType?: string; source?: string }[]) : [];
  const lines: string[] = [];
  doc.mappings.forEach((m, i) => {
    const out = sent[i];
    if (!out || out.sourceType === m.sourceType) return;
    const stated = Object.entries(m.settings ?? {})
      .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
      .join(', ');
    lines.push(`mapping ${i + 1} (${m.source} -> ${m.destination}): its reading (${stated}) goes to AEP as ${out.source}`);
  });
  if (doc.options?.emptyCells === 'null')
    lines.push('note: the mapping writes empty cells as null; AEP leaves them out, which its datasets read the same way (a null field is an absent one)');
  return lines;
}
