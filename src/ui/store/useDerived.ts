import { useMemo } from 'react';
import type { Reconciliation } from '../../core/suggest/reconcile';
import type { Suggestion } from '../../core/suggest/suggest.types';
import { reconciliationFor, suggestionsFor } from './derive';
import { type PendingSuggestion, pendingSuggestions } from './review';
import { useSession } from './session';

/** The session's derived data for components, recomputed only when what it comes from changes. */
export function useSuggestions(): Suggestion[] | null {
  const schema = useSession((s) => s.schema);
  const source = useSession((s) => s.source);
  return useMemo(() => (schema && source?.sample.header ? suggestionsFor(schema.tree, source.profiles) : null), [schema, source]);
}

export function usePending(): PendingSuggestion[] {
  const suggestions = useSuggestions();
  const mapping = useSession((s) => s.mapping);
  const decisions = useSession((s) => s.decisions);
  return useMemo(() => pendingSuggestions(suggestions, mapping, decisions), [suggestions, mapping, decisions]);
}

export function useReconciliation(): Reconciliation | null {
  const mapping = useSession((s) => s.mapping);
  const header = useSession((s) => s.source?.sample.header?.columns);
  return useMemo(() => (mapping && header ? reconciliationFor(mapping, header) : null), [mapping, header]);
}
