import type { ColumnProfile } from '../../core/csv/profile';
import type { MappingDocument } from '../../core/mapping/mapping.types';
import type { FieldTree } from '../../core/schema/field.types';
import { type Reconciliation, reconcileColumns } from '../../core/suggest/reconcile';
import { suggestMappings } from '../../core/suggest/suggest';
import type { Suggestion } from '../../core/suggest/suggest.types';
import { type PendingSuggestion, pendingSuggestions } from './review';
import type { SessionState } from './session';

/**
 * What the session derives rather than stores: suggestions (from the schema and the file),
 * the suggestions still pending (from those, the mapping and the decisions), and how a mapping
 * fits the file. Undo and redo change only stored state, so none of these can go stale.
 */

const suggestionCache = new WeakMap<readonly ColumnProfile[], { tree: FieldTree; suggestions: Suggestion[] }>();

/** The suggester's answer for this schema and these columns, computed once per pair. */
export function suggestionsFor(tree: FieldTree, profiles: readonly ColumnProfile[]): Suggestion[] {
  const hit = suggestionCache.get(profiles);
  if (hit && hit.tree === tree) return hit.suggestions;
  const suggestions = suggestMappings(tree, profiles as ColumnProfile[]);
  suggestionCache.set(profiles, { tree, suggestions });
  return suggestions;
}

const reconciliationCache = new WeakMap<MappingDocument, { header: readonly string[]; r: Reconciliation }>();

/** How a mapping fits a file's header: columns it reads that are missing, new ones, renames. */
export function reconciliationFor(mapping: MappingDocument, header: readonly string[]): Reconciliation {
  const hit = reconciliationCache.get(mapping);
  if (hit && hit.header === header) return hit.r;
  const r = reconcileColumns(mapping, header);
  reconciliationCache.set(mapping, { header, r });
  return r;
}

type Parts = Pick<SessionState, 'schema' | 'source' | 'mapping' | 'decisions'>;

/** Everything derived, from a session state: for tests and for code outside React. */
export function derive(s: Parts): { suggestions: Suggestion[] | null; pending: PendingSuggestion[]; reconciliation: Reconciliation | null } {
  const suggestions = s.schema && s.source?.sample.header ? suggestionsFor(s.schema.tree, s.source.profiles) : null;
  const pending = pendingSuggestions(suggestions, s.mapping, s.decisions);
  const header = s.source?.sample.header?.columns;
  const reconciliation = s.mapping && header ? reconciliationFor(s.mapping, header) : null;
  return { suggestions, pending, reconciliation };
}
