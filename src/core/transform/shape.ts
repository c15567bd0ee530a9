import type { PathSegment } from '../mapping/paths';
import type { RecordValidator } from '../validate/validator';

/**
 * The shape of the records a mapping writes, known before the first row: a tree of objects,
 * arrays and leaves, one leaf per mapping step, children in the order their first step comes
 * in the mapping. Records are written in this order whatever the row, so that a record built
 * as objects and a record written straight as JSON text have the same bytes.
 */
export interface OutputTree {
  root: ObjectNode;
  /** Step numbers in tree order: a step's record fields are written in this order. */
  order: number[];
}

interface ObjectNode {
  kind: 'object';
  children: Map<string, OutNode>;
}
interface ArrayNode {
  kind: 'array';
  items: Map<number, OutNode>;
}
interface LeafNode {
  kind: 'leaf';
  step: number;
}
type OutNode = ObjectNode | ArrayNode | LeafNode;

/**
 * Builds the tree from each step's destination segments; null when two steps write the same
 * field or one writes inside another's value (the record then depends on which comes last).
 */
export function outputTree(destinations: readonly PathSegment[][]): OutputTree | null {
  const root: ObjectNode = { kind: 'object', children: new Map() };
  for (const [step, segments] of destinations.entries()) {
    let parent: ObjectNode = root;
    for (let k = 0; k < segments.length; k++) {
      const { key, index } = segments[k]!;
      const last = k === segments.length - 1;
      const here = last && index === undefined ? 'leaf' : index === undefined ? 'object' : 'array';
      let node = parent.children.get(key);
      if (!node) {
        node = here === 'leaf' ? { kind: 'leaf', step } : here === 'object' ? { kind: 'object', children: new Map() } : { kind: 'array', items: new Map() };
        parent.children.set(key, node);
      } else if (node.kind !== here || node.kind === 'leaf') return null;
      if (node.kind === 'leaf') break;
      if (node.kind === 'object') {
        parent = node;
        continue;
      }
      const array = node as ArrayNode;
      let item = array.items.get(index!);
      if (!item) {
        item = last ? { kind: 'leaf', step } : { kind: 'object', children: new Map() };
        array.items.set(index!, item);
      } else if (last || item.kind !== 'object') return null;
      if (item.kind === 'leaf') break;
      parent = item as ObjectNode;
    }
  }
  const order: number[] = [];
  const walk = (n: OutNode): void => {
    if (n.kind === 'leaf') order.push(n.step);
    else if (n.kind === 'object') for (const c of n.children.values()) walk(c);
    else for (const c of n.items.values()) walk(c);
  };
  walk(root);
  return { root, order };
}

/** What a step writes, as the schema check needs to know it. */
export interface ShapeStep {
  /** The JSON type every value of the step has, when one is certain (a column's conversion). */
  valueType: 'string' | 'number' | 'integer' | 'boolean' | null;
  /** For integers: the range every value of the step lies in (its field's width, which the conversion keeps). */
  range?: readonly [number, number];
}

/**
 * How a record is written: objects with their keys (as JSON text, colon included) and the
 * children that must be present when the object is, arrays with their items in index order,
 * leaves naming the step whose value they hold.
 */
export type PlanNode =
  | { kind: 'leaf'; step: number }
  | { kind: 'object'; keys: string[]; children: PlanNode[]; mustHave: number[]; unwritable: boolean; root: boolean }
  | { kind: 'array'; items: PlanNode[] };

/** A text field's whole schema beyond its type: one format, or a list of the texts it takes. */
export type TextRule = { format: string } | { oneOf: string[] } | { pattern: string };

/**
 * How clean rows are written straight as JSON: the record's shape with its presence and
 * required rules, and per step the check that proves its value valid without ajv.
 */
export interface DirectShape {
  /** Per step: a check of its value against its field's schema, or null when none is needed. */
  checks: (((value: unknown) => boolean) | null)[];
  /**
   * Per step whose check is on text alone: the format it must have, or the texts it must be one
   * of (a byte test may prove these without the check).
   */
  textRules: (TextRule | null)[];
  root: PlanNode & { kind: 'object' };
}

/**
 * The keywords ajv (with ajv-formats) validates with. Any other key of a schema (`title`,
 * `meta:*`, XDM's `version`, …) constrains nothing: with strict mode off, ajv ignores it.
 */
const VALIDATION_KEYWORDS = new Set([
  'type',
  'enum',
  'const',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'format',
  'formatMinimum',
  'formatMaximum',
  'formatExclusiveMinimum',
  'formatExclusiveMaximum',
  'items',
  'additionalItems',
  'prefixItems',
  'maxItems',
  'minItems',
  'uniqueItems',
  'contains',
  'maxContains',
  'minContains',
  'maxProperties',
  'minProperties',
  'required',
  'properties',
  'patternProperties',
  'additionalProperties',
  'dependencies',
  'dependentRequired',
  'dependentSchemas',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'if',
  'then',
  'else',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  '$ref',
  '$dynamicRef',
  '$recursiveRef',
  'discriminator',
  'nullable',
]);
const isAnnotation = (k: string): boolean => !VALIDATION_KEYWORDS.has(k);
const OBJECT_KEYWORDS = new Set(['type', 'properties', 'required', 'additionalProperties']);
const ARRAY_KEYWORDS = new Set(['type', 'items']);
/** Keys that JavaScript objects keep in numeric order ahead of the others. */
const isIndexKey = (k: string): boolean => /^(0|[1-9]\d*)$/.test(k) && Number(k) < 4294967295;

type Schema = Record<string, unknown>;

/**
 * Plans writing records as JSON straight from converted values, with the schema checked per
 * value and per object (required fields) instead of on a built record. Null when the schema
 * asks for more than that can prove (combinators, references with siblings, item-count
 * limits, …): every row of such a mapping is built as a record and validated whole.
 */
export function planDirect(tree: OutputTree, steps: readonly ShapeStep[], validator: RecordValidator | undefined): DirectShape | null {
  const checks: DirectShape['checks'] = steps.map(() => null);
  const textRules: DirectShape['textRules'] = steps.map(() => null);
  const root = validator?.schema;
  const resolve = (node: unknown): Schema | null => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return null;
    const s = node as Schema;
    if (!('$ref' in s)) return s;
    const ref = s.$ref;
    if (Object.keys(s).length !== 1 || typeof ref !== 'string' || !ref.startsWith('#') || !root) return null;
    let at: unknown = root;
    for (const raw of ref.slice(1).split('/').slice(1)) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return null;
      at = (at as Schema)[key];
    }
    return resolve(at);
  };
  const plain = (s: Schema, allowed: Set<string>, type: string): boolean =>
    Object.keys(s).every((k) => allowed.has(k) || isAnnotation(k)) &&
    (s.type === undefined || s.type === type || (Array.isArray(s.type) && s.type.includes(type)));

  const leaf = (step: number, s: Schema | null): PlanNode | null => {
    if (root) {
      if (!s) return null;
      const type = steps[step]!.valueType;
      const range = steps[step]!.range;
      // Bounds the value's own range already keeps (an XDM int's minimum and maximum) prove nothing more.
      const kept = (k: string) =>
        range !== undefined &&
        ((k === 'minimum' && typeof s.minimum === 'number' && s.minimum <= range[0]) ||
          (k === 'maximum' && typeof s.maximum === 'number' && s.maximum >= range[1]));
      const free =
        type !== null &&
        Object.keys(s).every((k) => k === 'type' || kept(k) || isAnnotation(k)) &&
        (s.type === type || (s.type === 'number' && type === 'integer'));
      if (!free) {
        const check = validator!.compilePart(s);
        if (!check) return null;
        checks[step] = check;
        textRules[step] = type === 'string' && s.type === 'string' ? textRule(s) : null;
      }
    }
    return { kind: 'leaf', step };
  };

  const object = (node: ObjectNode, s: Schema | null, isRoot: boolean): (PlanNode & { kind: 'object' }) | null => {
    if (root && (!s || !plain(s, OBJECT_KEYWORDS, 'object'))) return null;
    const props = (s?.properties ?? {}) as Schema;
    const keys: string[] = [];
    const children: PlanNode[] = [];
    for (const [key, child] of node.children) {
      if (isIndexKey(key)) return null;
      const cs = root ? (Object.hasOwn(props, key) ? resolve(props[key]) : null) : null;
      if (root && !cs) return null;
      const c = child.kind === 'leaf' ? leaf(child.step, cs) : child.kind === 'object' ? object(child, cs, false) : array(child, cs);
      if (!c) return null;
      keys.push(`${JSON.stringify(key)}:`);
      children.push(c);
    }
    const required = Array.isArray(s?.required) ? (s.required as unknown[]) : [];
    const mustHave: number[] = [];
    // A required field that no step writes: every record holding this object breaks the
    // schema, and the full path says how.
    let unwritable = false;
    for (const r of required) {
      const i = typeof r === 'string' ? [...node.children.keys()].indexOf(r) : -1;
      if (i < 0) unwritable = true;
      else mustHave.push(i);
    }
    if (unwritable && isRoot) return null;
    return { kind: 'object', keys, children, mustHave, unwritable, root: isRoot };
  };

  const array = (node: ArrayNode, s: Schema | null): PlanNode | null => {
    if (root && (!s || !plain(s, ARRAY_KEYWORDS, 'array'))) return null;
    const itemSchema = root ? resolve(s!.items) : null;
    if (root && !itemSchema) return null;
    const items: PlanNode[] = [];
    for (const [, item] of [...node.items].sort((a, b) => a[0] - b[0])) {
      const c = item.kind === 'leaf' ? leaf(item.step, itemSchema) : object(item as ObjectNode, itemSchema, false);
      if (!c) return null;
      items.push(c);
    }
    return { kind: 'array', items };
  };

  const top = object(tree.root, root ? resolve(root) : null, true);
  if (!top) return null;
  return { checks, textRules, root: top };
}

/** The rule of a text field's schema that holds one format, one list of texts or one pattern besides its type. */
function textRule(s: Schema): TextRule | null {
  const keys = Object.keys(s).filter((k) => k !== 'type' && !isAnnotation(k));
  if (keys.length !== 1) return null;
  if (keys[0] === 'format' && typeof s.format === 'string') return { format: s.format };
  if (keys[0] === 'enum' && Array.isArray(s.enum) && s.enum.every((v) => typeof v === 'string')) return { oneOf: s.enum as string[] };
  if (keys[0] === 'pattern' && typeof s.pattern === 'string') return { pattern: s.pattern };
  return null;
}
