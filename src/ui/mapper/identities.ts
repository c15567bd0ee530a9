import { mappingIdentities } from '../../core/identity/mappingIdentities';
import type { MappingDocument } from '../../core/mapping/mapping.types';
import type { FieldTree } from '../../core/schema/field.types';

/** One identity as the Map step lists it: what fills it, in words a person reads. */
export interface IdentityFeed {
  namespace: string;
  primary: boolean;
  /** The field or identityMap destination. */
  destination: string;
  /** What fills it: column names, or `constant …` / `formula …`; empty when nothing does. */
  from: string[];
  via: 'descriptor' | 'identityMap';
}

export interface IdentityReport {
  feeds: IdentityFeed[];
  /** The schema's primary identity when nothing fills it. */
  primaryUnmapped: { path: string; namespace: string } | null;
}

/** The core's reading of which columns feed which identity (the same one `profiles` uses), labelled for the Map step. */
export function identityReport(tree: FieldTree, mapping: MappingDocument): IdentityReport {
  const { feeds, warnings } = mappingIdentities(mapping, tree);
  const labelled = feeds.map((f): IdentityFeed => {
    const entry = f.mapping === null ? undefined : mapping.mappings[f.mapping];
    const from = !entry
      ? []
      : entry.sourceType === 'STATIC'
        ? [`constant ${JSON.stringify(entry.source)}`]
        : f.columns.length
          ? f.columns
          : [`formula ${entry.source}`];
    return { namespace: f.namespace, primary: f.primary, destination: f.destination, from, via: f.via };
  });
  const primary = tree.identities.find((i) => i.primary);
  const unmapped = primary && warnings.some((w) => w.code === 'PRIMARY_UNMAPPED');
  return { feeds: labelled, primaryUnmapped: unmapped ? { path: primary.path, namespace: primary.namespace } : null };
}
