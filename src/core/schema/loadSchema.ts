import { asPath, type FieldPath, hasOwn } from '../types';
import type { Field, FieldTree, SchemaLoadResult, SchemaProblem, XdmType } from './field.types';
import { deriveXdmType } from './xdmType';

type Node = Record<string, unknown>;

const isObj = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);
const MAX_DEPTH = 64;
/**
 * Bounds on what a schema may expand to once its `$ref`s and `allOf`s are resolved. A few KB of
 * references used inside each other can stand for billions of fields; the Schema Registry's
 * largest unions have a few thousand. Steps count every node resolved and every field made.
 */
export const MAX_FIELDS = 100_000;
export const MAX_EXPANSION_STEPS = 250_000;

/** Platform-managed fields that a person rarely maps by hand. */
export function isSystemSegment(key: string): boolean {
  return key === '_repo' || /BatchID$/i.test(key) || /^repository(CreatedBy|LastModifiedBy)$/.test(key) || key === 'createdBy' || key === 'modifiedBy';
}

/**
 * Parses schema text (JSON) and loads it; a syntax error is reported with its line and column.
 */
export function loadSchemaText(text: string): SchemaLoadResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { ok: false, problems: [{ pointer: '', message: `not valid JSON: ${jsonErrorWhere(text, e)}` }] };
  }
  return loadSchema(doc);
}

function jsonErrorWhere(text: string, e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const m = /position (\d+)/.exec(msg);
  if (!m) return msg;
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - before.lastIndexOf('\n');
  return `${msg.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${col}`;
}

/**
 * Reads an XDM schema (Schema Registry xed-full form) or a plain JSON Schema (draft-07 or
 * 2020-12, local `$ref`s and `allOf`) into a {@link FieldTree}. Problems are returned as data
 * with the JSON pointer where they sit; nothing is thrown.
 */
export function loadSchema(doc: unknown): SchemaLoadResult {
  const problems: SchemaProblem[] = [];
  const warnings: SchemaProblem[] = [];
  if (!isObj(doc)) return { ok: false, problems: [{ pointer: '', message: 'a schema must be a JSON object' }] };
  let steps = 0;
  let exploded = false;
  /** True once the schema has expanded past its bounds; the first time, says where. */
  const overBudget = (at: string): boolean => {
    if (exploded) return true;
    if (++steps <= MAX_EXPANSION_STEPS && fields.size <= MAX_FIELDS) return false;
    exploded = true;
    problems.push({
      pointer: at,
      message: `the schema expands to more than ${fields.size > MAX_FIELDS ? `${MAX_FIELDS.toLocaleString('en-US')} fields` : `${MAX_EXPANSION_STEPS.toLocaleString('en-US')} resolved nodes`} here: its $ref and allOf entries are used inside each other too many times`,
    });
    return true;
  };

  const resolveRef = (ref: string, at: string): Node | null => {
    if (!ref.startsWith('#')) {
      problems.push({ pointer: at, message: `only local $ref ("#/...") can be resolved, found "${ref}"` });
      return null;
    }
    let cur: unknown = doc;
    const parts = ref
      .slice(1)
      .split('/')
      .filter((p) => p !== '');
    for (const raw of parts) {
      const p = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (!isObj(cur) || !hasOwn(cur, p)) {
        problems.push({ pointer: at, message: `$ref "${ref}" points at nothing` });
        return null;
      }
      cur = cur[p];
    }
    if (!isObj(cur)) {
      problems.push({ pointer: at, message: `$ref "${ref}" does not point at a schema object` });
      return null;
    }
    return cur;
  };

  /** Resolves `$ref` and merges `allOf` so that each node has one `properties` map. */
  const normalise = (node: Node, at: string, seen: string[]): Node | null => {
    if (overBudget(at)) return null;
    let out: Node = node;
    if (typeof node.$ref === 'string') {
      if (seen.includes(node.$ref)) {
        warnings.push({ pointer: at, message: `recursive $ref "${node.$ref}" stops here` });
        return null;
      }
      const target = resolveRef(node.$ref, `${at}/$ref`);
      if (!target) return null;
      const resolved = normalise(target, at, [...seen, node.$ref]);
      if (!resolved) return null;
      const { $ref: _r, ...rest } = node;
      out = { ...resolved, ...rest };
    }
    if (Array.isArray(out.allOf)) {
      const merged: Node = { ...out };
      delete merged.allOf;
      const props: Node = isObj(out.properties) ? { ...out.properties } : {};
      const required = new Set<string>(Array.isArray(out.required) ? (out.required as string[]) : []);
      (out.allOf as unknown[]).forEach((part, i) => {
        if (!isObj(part)) {
          problems.push({ pointer: `${at}/allOf/${i}`, message: 'allOf entries must be schema objects' });
          return;
        }
        const p = normalise(part, `${at}/allOf/${i}`, seen);
        if (!p) return;
        if (isObj(p.properties)) Object.assign(props, p.properties);
        if (Array.isArray(p.required)) for (const r of p.required) required.add(String(r));
        for (const k of ['type', 'title', 'description', 'meta:xdmType']) if (merged[k] === undefined && p[k] !== undefined) merged[k] = p[k];
      });
      merged.properties = props;
      if (required.size) merged.required = [...required];
      if (merged.type === undefined) merged.type = 'object';
      out = merged;
    }
    return out;
  };

  const fields = new Map<FieldPath, Field>();
  const roots: FieldPath[] = [];
  const tenant = typeof doc['meta:tenantNamespace'] === 'string' ? (doc['meta:tenantNamespace'] as string) : null;

  const walkProperties = (
    owner: Node,
    at: string,
    parent: Field | null,
    prefix: string,
    depth: number,
    seen: string[],
    inArray: boolean,
    parentRequiredFromRoot: boolean,
    system: boolean,
  ): FieldPath[] => {
    const props = owner.properties;
    if (props === undefined) return [];
    if (!isObj(props)) {
      problems.push({ pointer: `${at}/properties`, message: '"properties" must be an object' });
      return [];
    }
    const requiredList = owner.required;
    if (requiredList !== undefined && !Array.isArray(requiredList))
      problems.push({ pointer: `${at}/required`, message: '"required" must be an array of field names' });
    const requiredSet = new Set(Array.isArray(requiredList) ? requiredList.map(String) : []);
    for (const r of requiredSet)
      if (!hasOwn(props, r)) problems.push({ pointer: `${at}/required`, message: `required field "${r}" is not among the properties` });
    const paths: FieldPath[] = [];
    for (const key of Object.keys(props)) {
      const ptr = `${at}/properties/${escapePointer(key)}`;
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({ pointer: ptr, message: `field name "${key}" is not allowed` });
        continue;
      }
      if (key.includes('.') || key.includes('[') || key.includes(']')) {
        problems.push({ pointer: ptr, message: `field name "${key}" contains ".", "[" or "]", which cannot be addressed by a path` });
        continue;
      }
      const raw = props[key];
      if (!isObj(raw)) {
        problems.push({ pointer: ptr, message: 'a property must be a schema object' });
        continue;
      }
      const node = normalise(raw, ptr, seen);
      if (!node) continue;
      const f = makeField(
        node,
        ptr,
        key,
        prefix,
        parent,
        requiredSet.has(key) || node.isRequired === true,
        inArray,
        parentRequiredFromRoot,
        system || isSystemSegment(key),
        depth,
        seen,
      );
      if (f) paths.push(f.path);
    }
    return paths;
  };

  const makeField = (
    node: Node,
    at: string,
    key: string,
    prefix: string,
    parent: Field | null,
    required: boolean,
    inArray: boolean,
    parentRequiredFromRoot: boolean,
    system: boolean,
    depth: number,
    seen: string[],
  ): Field | null => {
    if (depth > MAX_DEPTH) {
      problems.push({ pointer: at, message: `nesting deeper than ${MAX_DEPTH} levels` });
      return null;
    }
    if (overBudget(at)) return null;
    const xdmType = deriveXdmType(node);
    if (!xdmType) {
      problems.push({ pointer: at, message: `field "${key}" has no type (expected "type" or "meta:xdmType")` });
      return null;
    }
    const path = asPath(prefix ? `${prefix}.${key}` : key);
    const field: Field = {
      path,
      key,
      parent: parent?.path ?? null,
      xdmType,
      title: typeof node.title === 'string' ? node.title : '',
      description: typeof node.description === 'string' ? node.description : '',
      required,
      requiredFromRoot: required && parentRequiredFromRoot,
      children: [],
      isLeaf: true,
      inArray,
      system,
      tenant: tenant !== null && (path === tenant || path.startsWith(`${tenant}.`)),
    };
    copyConstraints(node, field);
    fields.set(path, field);
    if (xdmType === 'object') {
      field.isLeaf = false;
      field.children = walkProperties(node, at, field, path, depth + 1, seen, inArray, field.requiredFromRoot, system);
    } else if (xdmType === 'array') {
      const items = isObj(node.items) ? normalise(node.items, `${at}/items`, seen) : null;
      if (!items) {
        if (node.items === undefined) warnings.push({ pointer: at, message: `array "${key}" has no "items"; treated as an array of strings` });
        field.itemType = 'string';
      } else {
        const itemType = deriveXdmType(items) ?? 'string';
        field.itemType = itemType;
        if (itemType === 'object' && isObj(items.properties)) {
          // An array of objects is walked through as `name[]`, each item's fields below it.
          field.isLeaf = false;
          const itemPath = `${path}[]`;
          field.children = walkProperties(items, `${at}/items`, field, itemPath, depth + 1, seen, true, false, system);
        }
      }
      if (field.isLeaf) {
        // An array of scalars is one leaf written `name[]`.
        fields.delete(path);
        field.path = asPath(`${path}[]`);
        fields.set(field.path, field);
      }
    }
    if (field.isLeaf) leaves.push(field);
    return field;
  };

  const leaves: Field[] = [];
  const root = normalise(doc, '', []);
  if (!root) return { ok: false, problems: problems.length ? problems : [{ pointer: '', message: 'the schema could not be resolved' }] };
  if (!isObj(root.properties)) problems.push({ pointer: '/properties', message: 'the schema has no "properties": nothing to map to' });
  else roots.push(...walkProperties(root, '', null, '', 0, [], false, true, false));

  const identities: FieldTree['identities'] = [];
  const descriptors = doc['meta:descriptors'];
  if (Array.isArray(descriptors)) {
    descriptors.forEach((d, i) => {
      if (!isObj(d) || d['@type'] !== 'xdm:descriptorIdentity') return;
      const src = d['xdm:sourceProperty'];
      const path = typeof src === 'string' ? pointerToPath(src, fields) : null;
      if (!path) {
        problems.push({ pointer: `/meta:descriptors/${i}`, message: `identity descriptor points at "${String(src)}", which is not a field of this schema` });
        return;
      }
      const identity = { namespace: String(d['xdm:namespace'] ?? ''), primary: d['xdm:isPrimary'] === true };
      const f = fields.get(path);
      if (f) f.identity = identity;
      identities.push({ path, ...identity });
    });
  }

  if (problems.length) return { ok: false, problems };
  const required = [...fields.values()].filter((f) => f.requiredFromRoot).map((f) => f.path);
  const tree: FieldTree = {
    id: typeof doc.$id === 'string' ? doc.$id : '',
    title: typeof doc.title === 'string' ? doc.title : '(untitled schema)',
    description: typeof doc.description === 'string' ? doc.description : '',
    className: typeof doc['meta:class'] === 'string' ? (doc['meta:class'] as string) : null,
    tenant,
    fields,
    roots,
    leaves,
    required,
    identities,
    jsonSchema: doc,
  };
  return { ok: true, tree, warnings };
}

function copyConstraints(node: Node, f: Field): void {
  if (typeof node.format === 'string') f.format = node.format;
  if (Array.isArray(node.enum)) f.enum = node.enum.filter((v) => ['string', 'number', 'boolean'].includes(typeof v)) as (string | number | boolean)[];
  if (isObj(node['meta:enum'])) {
    const labels: Record<string, string> = Object.create(null);
    for (const [k, v] of Object.entries(node['meta:enum'])) if (typeof v === 'string') labels[k] = v;
    f.enumLabels = labels;
  }
  for (const k of ['minimum', 'maximum', 'minLength', 'maxLength'] as const) if (typeof node[k] === 'number') f[k] = node[k] as number;
  if (typeof node.pattern === 'string') f.pattern = node.pattern;
}

/** `/_tenant/productSku` -> `_tenant.productSku`; `/items/0/x` style pointers into arrays -> `items[].x`. */
function pointerToPath(pointer: string, fields: ReadonlyMap<FieldPath, Field>): FieldPath | null {
  const parts = pointer
    .replace(/^\//, '')
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let path = '';
  for (const p of parts) {
    if (/^\d+$/.test(p) || p === 'items') continue;
    const next = path ? `${path}.${p}` : p;
    if (fields.has(asPath(next))) path = next;
    else if (fields.has(asPath(`${next}[]`))) path = `${next}[]`;
    else return null;
  }
  return path ? asPath(path) : null;
}

/** Counts of interest for a summary line. */
export function describeTree(tree: FieldTree): string {
  return `${tree.title}: ${tree.leaves.length} leaf fields, ${tree.required.length} required, ${tree.identities.length} identities`;
}

export type { XdmType };
