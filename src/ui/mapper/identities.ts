import type { Expr } from '../../core/expr/ast';
import { walk } from '../../core/expr/ast';
import { parseExpression, referencedColumns } from '../../core/expr/parser';
import type { MappingDocument, MappingEntry } from '../../core/mapping/mapping.types';
import { schemaPathOf } from '../../core/mapping/paths';
import type { FieldTree } from '../../core/schema/field.types';

/**
 * Which columns feed which identity, as AEP will read them: the schema's identity descriptors
 * (a field with its namespace and primary flag) and `identityMap` entries the mapping fills
 * (`identityMap.Email[0].id`, or a formula building `{"Email": [{"id": …, "primary": true}]}`).
 */
export interface IdentityFeed {
  namespace: string;
  primary: boolean;
  /** The field or identityMap destination. */
  destination: string;
  /** What fills it: column names, or `constant …` / `formula …`. */
  from: string[];
  via: 'descriptor' | 'identityMap';
}

export interface IdentityReport {
  feeds: IdentityFeed[];
  /** The schema's primary identity when nothing fills it. */
  primaryUnmapped: { path: string; namespace: string } | null;
}

const sourceOf = (m: MappingEntry): string[] =>
  m.sourceType === 'ATTRIBUTE'
    ? [m.source]
    : m.sourceType === 'STATIC'
      ? [`constant ${JSON.stringify(m.source)}`]
      : referencedColumns(m.source).length
        ? referencedColumns(m.source)
        : [`formula ${m.source}`];

/** `{"NS": [{"id": …, "primary": true}]}` literals in a formula: namespace, the id's columns, primary. */
function identityMapLiterals(expr: Expr): { namespace: string; columns: string[]; primary: boolean }[] {
  const out: { namespace: string; columns: string[]; primary: boolean }[] = [];
  walk(expr, (e) => {
    if (e.type !== 'object') return;
    for (const { key, value } of e.entries) {
      if (key.type !== 'literal' || typeof key.value !== 'string' || value.type !== 'array') continue;
      for (const item of value.items) {
        if (item.type !== 'object') continue;
        const get = (k: string) => item.entries.find((x) => x.key.type === 'literal' && x.key.value === k)?.value;
        const id = get('id');
        if (!id) continue;
        const columns: string[] = [];
        walk(id, (n) => {
          if (n.type === 'field') columns.push(n.path.join('.'));
        });
        const primary = get('primary');
        out.push({ namespace: key.value, columns, primary: primary?.type === 'literal' && primary.value === true });
      }
    }
  });
  return out;
}

export function identityReport(tree: FieldTree, mapping: MappingDocument): IdentityReport {
  const feeds: IdentityFeed[] = [];
  for (const id of tree.identities) {
    const entries = mapping.mappings.filter((m) => schemaPathOf(m.destination) === id.path || schemaPathOf(m.destination) === `${id.path}[]`);
    feeds.push({ namespace: id.namespace, primary: id.primary, destination: id.path, from: entries.flatMap(sourceOf), via: 'descriptor' });
  }
  const byKey = new Map<string, IdentityFeed>();
  for (const m of mapping.mappings) {
    const direct = /^identityMap\.([^.[\]]+)\[(\d+)\]\.(id|primary)$/.exec(m.destination);
    if (direct) {
      const key = `${direct[1]}[${direct[2]}]`;
      const feed = byKey.get(key) ?? { namespace: direct[1]!, primary: false, destination: `identityMap.${key}.id`, from: [], via: 'identityMap' as const };
      if (direct[3] === 'id') feed.from.push(...sourceOf(m));
      else feed.primary = m.sourceType === 'STATIC' && m.source.trim().toLowerCase() === 'true';
      byKey.set(key, feed);
    } else if (m.destination === 'identityMap' && m.sourceType === 'EXPRESSION') {
      const parsed = parseExpression(m.source);
      if (!parsed.ok) continue;
      for (const lit of identityMapLiterals(parsed.expr))
        feeds.push({ namespace: lit.namespace, primary: lit.primary, destination: 'identityMap', from: lit.columns, via: 'identityMap' });
    }
  }
  feeds.push(...byKey.values());
  const primary = tree.identities.find((i) => i.primary);
  const primaryFed = primary && feeds.some((f) => f.via === 'descriptor' && f.destination === primary.path && f.from.length);
  return { feeds, primaryUnmapped: primary && !primaryFed ? { path: primary.path, namespace: primary.namespace } : null };
}
