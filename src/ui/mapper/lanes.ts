import type { ColumnProfile } from '../../core/csv/profile';
import { referencedColumns } from '../../core/expr/parser';
import type { MappingDocument, MappingEntry } from '../../core/mapping/mapping.types';
import { schemaPathOf } from '../../core/mapping/paths';
import type { Field, FieldTree } from '../../core/schema/field.types';
import { searchFields } from '../../core/suggest/searchFields';
import type { PendingSuggestion } from '../store/review';
import type { Filter } from '../store/ui';

/**
 * The mapper's two lanes as rows: the file's columns on the left, the schema tree on the
 * right, each filtered and searched on its own. Pure: the graph and the table are views of
 * these rows and of the mapping, never a second copy of either.
 */

export interface ColumnRow {
  name: string;
  /** Position in the file (stable id for the graph). */
  index: number;
  kind: string;
  samples: string;
  /** Destinations this column fills directly. */
  destinations: string[];
  /** Destinations of the formulas that read this column. */
  formulas: string[];
  /** Set when the run cannot read the column yet: a reading must be chosen. */
  choose: boolean;
  pending: PendingSuggestion | null;
  errors: number;
  /** The sample value that matched the search, when the name did not. */
  matchedValue: string | null;
}

export interface FieldRow {
  path: string;
  key: string;
  title: string;
  type: string;
  depth: number;
  group: boolean;
  open: boolean;
  required: boolean;
  identity: { namespace: string; primary: boolean } | null;
  /** What fills it: the entry, when a leaf is mapped. */
  entry: MappingEntry | null;
  /** Pending suggestions for this leaf, or inside this group. */
  pending: number;
  /** Mapped leaves inside a group. */
  mappedInside: number;
  errors: number;
  system: boolean;
}

export interface LaneInput {
  tree: FieldTree;
  profiles: readonly ColumnProfile[];
  mapping: MappingDocument;
  pending: readonly PendingSuggestion[];
  expanded: ReadonlySet<string>;
  collapsed: ReadonlySet<string>;
  filter: Filter;
  columnSearch: string;
  fieldSearch: string;
  showSystem: boolean;
  errorsByColumn: ReadonlyMap<string, number>;
  errorsByDestination: ReadonlyMap<string, number>;
  /** Columns whose reading must be chosen before anything is written from them (the pre-flight's). */
  choose?: ReadonlySet<string>;
}

/** Object paths that hold a path, nearest first. */
export function ancestorsOf(tree: FieldTree, path: string): string[] {
  const out: string[] = [];
  let f = tree.fields.get(path as Field['path']);
  while (f?.parent) {
    out.push(f.parent);
    f = tree.fields.get(f.parent);
  }
  return out;
}

/** The field-tree path a destination writes: `items[0].SKU` -> `items[].SKU`, an array of scalars -> `tags[]`'s field. */
export function fieldOfDestination(tree: FieldTree, destination: string): string {
  const p = schemaPathOf(destination);
  if (tree.fields.has(p as Field['path'])) return p;
  const bare = p.replace(/\[\]$/, '');
  if (tree.fields.has(bare as Field['path'])) return bare;
  // Inside a map (`identityMap.Email[0].id`): the map field itself.
  const segs = p.split('.');
  for (let n = segs.length - 1; n > 0; n--) {
    const prefix = segs.slice(0, n).join('.');
    for (const cand of [prefix, prefix.replace(/\[\]$/, '')]) if (tree.fields.has(cand as Field['path'])) return cand;
  }
  return p;
}

/**
 * Columns matching a search by name or by a sample value (`Ottawa` finds Billing City), name
 * matches first; null when there is no search.
 */
export function searchColumns(profiles: readonly ColumnProfile[], query: string): Map<string, string | null> | null {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  const byName: [string, null][] = [];
  const byValue: [string, string][] = [];
  for (const p of profiles) {
    if (p.name.toLowerCase().includes(q)) byName.push([p.name, null]);
    else {
      const v = p.values.find((x) => x.toLowerCase().includes(q)) ?? p.top.find((t) => t.value.toLowerCase().includes(q))?.value;
      if (v !== undefined) byValue.push([p.name, v]);
    }
  }
  return new Map<string, string | null>([...byName, ...byValue]);
}

export function columnRows(g: LaneInput): ColumnRow[] {
  const destinations = new Map<string, string[]>();
  const formulas = new Map<string, string[]>();
  for (const m of g.mapping.mappings) {
    if (m.sourceType === 'ATTRIBUTE') destinations.set(m.source, [...(destinations.get(m.source) ?? []), m.destination]);
    else if (m.sourceType === 'EXPRESSION') for (const c of referencedColumns(m.source)) formulas.set(c, [...(formulas.get(c) ?? []), m.destination]);
  }
  const pendingBy = new Map(g.pending.map((p) => [p.column, p]));
  const matches = searchColumns(g.profiles, g.columnSearch);
  const rows: ColumnRow[] = [];
  const order = matches ? [...matches.keys()].map((n) => g.profiles.find((p) => p.name === n)!) : g.profiles;
  for (const p of order) {
    const dests = destinations.get(p.name) ?? [];
    const pending = pendingBy.get(p.name) ?? null;
    const errors = g.errorsByColumn.get(p.name) ?? 0;
    const inFormulas = formulas.get(p.name) ?? [];
    if (g.filter === 'unmapped' && (dests.length || inFormulas.length)) continue;
    if (g.filter === 'errors' && !errors) continue;
    if (g.filter === 'pending' && !pending) continue;
    rows.push({
      name: p.name,
      index: p.index,
      kind: p.kind,
      samples: p.samples.slice(0, 3).join(' · '),
      destinations: dests,
      formulas: inFormulas,
      choose: g.choose?.has(p.name) ?? false,
      pending,
      errors,
      matchedValue: matches?.get(p.name) ?? null,
    });
  }
  return rows;
}

/** Which objects are open: the person's choice, then those holding what matters now. */
export function openGroups(g: LaneInput, matches: ReadonlySet<string> | null): Set<string> {
  const { tree } = g;
  const open = new Set(g.expanded);
  const wanted = new Set<string>();
  for (const m of g.mapping.mappings) wanted.add(fieldOfDestination(tree, m.destination));
  for (const p of g.pending) wanted.add(fieldOfDestination(tree, p.destination));
  for (const p of tree.required) wanted.add(p);
  if (g.filter === 'identity') for (const i of tree.identities) wanted.add(i.path);
  if (g.filter === 'errors') for (const p of g.errorsByDestination.keys()) wanted.add(p);
  if (matches) for (const p of matches) wanted.add(p);
  for (const p of wanted) for (const a of ancestorsOf(tree, p)) if (!g.collapsed.has(a)) open.add(a);
  if (tree.leaves.length <= 80) for (const f of tree.fields.values()) if (!f.isLeaf && !g.collapsed.has(f.path)) open.add(f.path);
  return open;
}

export function fieldRows(g: LaneInput): FieldRow[] {
  const { tree } = g;
  const entries = new Map<string, MappingEntry>();
  for (const m of g.mapping.mappings) entries.set(fieldOfDestination(tree, m.destination), m);
  const pendingAt = new Map<string, number>();
  const mappedIn = new Map<string, number>();
  for (const p of g.pending) {
    const f = fieldOfDestination(tree, p.destination);
    for (const a of [f, ...ancestorsOf(tree, f)]) pendingAt.set(a, (pendingAt.get(a) ?? 0) + 1);
  }
  for (const path of entries.keys()) for (const a of ancestorsOf(tree, path)) mappedIn.set(a, (mappedIn.get(a) ?? 0) + 1);
  const matches = g.fieldSearch.trim() ? new Set(searchFields(tree, g.fieldSearch, 80).map((h) => h.field.path as string)) : null;
  const matchedGroups = new Set<string>();
  if (matches) for (const m of matches) for (const a of ancestorsOf(tree, m)) matchedGroups.add(a);
  const open = openGroups(g, matches);
  const requiredGroups = new Set(tree.required.flatMap((r) => ancestorsOf(tree, r)));
  const identityGroups = new Set(tree.identities.flatMap((i) => ancestorsOf(tree, i.path)));
  const errorGroups = new Set([...g.errorsByDestination.keys()].flatMap((p) => (tree.fields.has(p as Field['path']) ? ancestorsOf(tree, p) : [])));

  const keep = (f: Field): boolean => {
    if (!g.showSystem && f.system && !entries.has(f.path) && !(mappedIn.get(f.path) ?? 0)) return false;
    if (matches && !matches.has(f.path) && !matchedGroups.has(f.path)) return false;
    if (!f.isLeaf) {
      if (g.filter === 'required') return requiredGroups.has(f.path);
      if (g.filter === 'identity') return identityGroups.has(f.path);
      if (g.filter === 'errors') return errorGroups.has(f.path);
      if (g.filter === 'pending') return (pendingAt.get(f.path) ?? 0) > 0;
      return true;
    }
    if (g.filter === 'required') return f.requiredFromRoot;
    if (g.filter === 'identity') return Boolean(f.identity);
    if (g.filter === 'unmapped') return !entries.has(f.path);
    if (g.filter === 'errors') return (g.errorsByDestination.get(f.path) ?? 0) > 0;
    if (g.filter === 'pending') return (pendingAt.get(f.path) ?? 0) > 0;
    return true;
  };
  const rows: FieldRow[] = [];
  const visit = (paths: readonly string[], depth: number) => {
    for (const p of paths) {
      const f = tree.fields.get(p as Field['path']);
      if (!f || !keep(f)) continue;
      const isOpen = !f.isLeaf && (open.has(f.path) || (matches !== null && matchedGroups.has(f.path)));
      rows.push({
        path: f.path,
        key: f.key,
        title: f.title,
        type: f.xdmType === 'array' ? `${f.itemType ?? 'string'}[]` : f.xdmType,
        depth,
        group: !f.isLeaf,
        open: isOpen,
        required: f.requiredFromRoot,
        identity: f.identity ?? null,
        entry: entries.get(f.path) ?? null,
        pending: pendingAt.get(f.path) ?? 0,
        mappedInside: mappedIn.get(f.path) ?? 0,
        errors: g.errorsByDestination.get(f.path) ?? 0,
        system: f.system,
      });
      if (isOpen) visit(f.children, depth + 1);
    }
  };
  visit(tree.roots, 0);
  return rows;
}

/** Equal as rows are: each value the same, or arrays and plain objects of the same values. */
function sameRow(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const x = (a as Record<string, unknown>)[k];
    const y = (b as Record<string, unknown>)[k];
    if (x === y) continue;
    if (!x || !y || typeof x !== 'object' || typeof y !== 'object') return false;
    const vx = Object.values(x);
    const vy = Object.values(y);
    if (Array.isArray(x) !== Array.isArray(y) || vx.length !== vy.length || vx.some((v, i) => v !== vy[i])) return false;
  }
  return true;
}

/**
 * The rows of a lane worked out again, each one that shows the same as before handed back as
 * the same object (a search, a filter or an edit changes a few rows; the graph draws only those
 * again). `previous` is the last call's rows by id, and is replaced by this call's.
 */
export function keepSameRows<R extends object>(next: R[], previous: Map<string, R>, id: (r: R) => string): R[] {
  const kept = next.map((r) => {
    const p = previous.get(id(r));
    return p && sameRow(p, r) ? p : r;
  });
  previous.clear();
  for (const r of kept) previous.set(id(r), r);
  return kept;
}
