import { type Expr, walk } from '../expr/ast';
import { parseExpression } from '../expr/parser';
import type { MappingDocument } from '../mapping/mapping.types';
import { schemaPathOf } from '../mapping/paths';
import type { FieldTree } from '../schema/field.types';

/** Which columns feed one identity of the target schema. */
export interface IdentityFeed {
  namespace: string;
  primary: boolean;
  /** The descriptor's field, or `identityMap`. */
  destination: string;
  via: 'descriptor' | 'identityMap';
  /** Columns read (an expression may read several); empty for a constant. */
  columns: string[];
  /** Index of the mapping entry, or null when nothing fills this identity. */
  mapping: number | null;
  sourceType: 'ATTRIBUTE' | 'STATIC' | 'EXPRESSION' | null;
}

export interface MappingIdentityWarning {
  code: 'PRIMARY_UNMAPPED' | 'NO_PRIMARY' | 'CONSTANT_IDENTITY' | 'SEVERAL_PRIMARIES';
  message: string;
}

export interface MappingIdentities {
  feeds: IdentityFeed[];
  warnings: MappingIdentityWarning[];
}

const literalKey = (e: Expr): string | null => (e.type === 'literal' && typeof e.value === 'string' ? e.value : null);

/** Key/value pairs of an object-building node: to_object / to_map / object_to_map calls and `{…}` literals. */
function pairsOf(e: Expr): { key: string | null; value: Expr }[] | null {
  if (e.type === 'object') return e.entries.map((x) => ({ key: literalKey(x.key), value: x.value }));
  if (e.type === 'call' && ['to_object', 'to_map', 'object_to_map'].includes(e.name.toLowerCase()) && e.args.length % 2 === 0 && e.args.length > 0) {
    const out: { key: string | null; value: Expr }[] = [];
    for (let i = 0; i < e.args.length; i += 2) out.push({ key: literalKey(e.args[i]!), value: e.args[i + 1]! });
    return out;
  }
  return null;
}

const columnsIn = (e: Expr): string[] => {
  const seen = new Set<string>();
  walk(e, (x) => {
    if (x.type === 'field') seen.add(x.path.join('.'));
  });
  return [...seen];
};

/**
 * The identityMap namespaces an expression writes: a literal key whose value holds an object
 * with an `id` (`to_object("Email", to_array(false, to_object("id", email, …)))`), with the
 * columns read for the id and whether the item says `"primary", true`.
 */
export function identityMapFeeds(source: string): { namespace: string; columns: string[]; primary: boolean }[] {
  const parsed = parseExpression(source);
  if (!parsed.ok) return [];
  const out: { namespace: string; columns: string[]; primary: boolean }[] = [];
  walk(parsed.expr, (node) => {
    for (const { key, value } of pairsOf(node) ?? []) {
      if (key === null || key === 'id') continue;
      walk(value, (item) => {
        const pairs = pairsOf(item);
        const id = pairs?.find((p) => p.key === 'id');
        if (!pairs || !id) return;
        const primary = pairs.some((p) => p.key === 'primary' && p.value.type === 'literal' && p.value.value === true);
        out.push({ namespace: key, columns: columnsIn(id.value), primary });
      });
    }
  });
  return out;
}

/**
 * Which columns feed which identity of the schema under a mapping, and what is wrong with it:
 * a primary identity nothing fills, a constant identity (every record would join one graph),
 * no primary identity at all, or several.
 */
export function mappingIdentities(doc: MappingDocument, tree: FieldTree): MappingIdentities {
  const feeds: IdentityFeed[] = [];
  const warnings: MappingIdentityWarning[] = [];
  for (const ident of tree.identities) {
    const entries = doc.mappings.map((m, i) => ({ m, i })).filter(({ m }) => schemaPathOf(m.destination) === ident.path);
    if (!entries.length) {
      feeds.push({
        namespace: ident.namespace,
        primary: ident.primary,
        destination: ident.path,
        via: 'descriptor',
        columns: [],
        mapping: null,
        sourceType: null,
      });
      if (ident.primary)
        warnings.push({
          code: 'PRIMARY_UNMAPPED',
          message: `the primary identity ${ident.path} (${ident.namespace}) is not mapped: AEP's Profile needs it in every record`,
        });
      continue;
    }
    for (const { m, i } of entries) {
      const columns = m.sourceType === 'ATTRIBUTE' ? [m.source] : m.sourceType === 'EXPRESSION' ? columnsIn(parseOr(m.source)) : [];
      feeds.push({
        namespace: ident.namespace,
        primary: ident.primary,
        destination: m.destination,
        via: 'descriptor',
        columns,
        mapping: i,
        sourceType: m.sourceType,
      });
      if (m.sourceType === 'STATIC')
        warnings.push({
          code: 'CONSTANT_IDENTITY',
          message: `${m.destination} (${ident.namespace}) is the constant "${m.source}": every record would join one identity graph`,
        });
    }
  }
  // `identityMap.Email[0].id` filled entry by entry, its `primary` from a constant beside it.
  const direct = new Map<string, IdentityFeed>();
  doc.mappings.forEach((m, i) => {
    const d = /^identityMap\.([^.[\]]+)\[(\d+)\]\.(id|primary)$/.exec(m.destination);
    if (!d) return;
    const key = `${d[1]}[${d[2]}]`;
    const feed = direct.get(key) ?? {
      namespace: d[1]!,
      primary: false,
      destination: `identityMap.${key}.id`,
      via: 'identityMap' as const,
      columns: [],
      mapping: null,
      sourceType: null,
    };
    if (d[3] === 'id') {
      feed.mapping = i;
      feed.sourceType = m.sourceType;
      feed.columns = m.sourceType === 'ATTRIBUTE' ? [m.source] : m.sourceType === 'EXPRESSION' ? columnsIn(parseOr(m.source)) : [];
    } else feed.primary = m.sourceType === 'STATIC' && m.source.trim().toLowerCase() === 'true';
    direct.set(key, feed);
  });
  doc.mappings.forEach((m, i) => {
    if (m.sourceType !== 'EXPRESSION' || m.destination !== 'identityMap') return;
    for (const f of identityMapFeeds(m.source))
      feeds.push({
        namespace: f.namespace,
        primary: f.primary,
        destination: 'identityMap',
        via: 'identityMap',
        columns: f.columns,
        mapping: i,
        sourceType: 'EXPRESSION',
      });
  });
  for (const f of direct.values()) if (f.mapping !== null) feeds.push(f);
  const filled = feeds.filter((f) => f.mapping !== null);
  const primaries = filled.filter((f) => f.primary);
  if (filled.length && !primaries.length && !warnings.some((w) => w.code === 'PRIMARY_UNMAPPED'))
    warnings.push({ code: 'NO_PRIMARY', message: 'no mapped identity is primary: AEP would take none of these records into Profile' });
  if (new Set(primaries.map((p) => p.namespace)).size > 1)
    warnings.push({
      code: 'SEVERAL_PRIMARIES',
      message: `several primary identities are mapped (${primaries.map((p) => p.namespace).join(', ')}); a record has one`,
    });
  return { feeds, warnings };
}

function parseOr(source: string): Expr {
  const r = parseExpression(source);
  return r.ok ? r.expr : { type: 'literal', value: null, pos: 0 };
}
