import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { compilePattern } from '../regex';
import { addFormats, VALIDATOR_OPTIONS, wellFormed } from './metaSchema';
import { pruneToFields } from './schemaPrune';

/** One way a record breaks the schema, with the record path where it happens. */
export interface Violation {
  /** Dot path of the offending value (`_tenant.productSku`, `items[0].qty`). */
  path: string;
  /** `required` when a required field is absent; otherwise the JSON Schema keyword. */
  keyword: string;
  message: string;
}

export interface RecordValidator {
  /** Empty when the record is valid. */
  validate(record: unknown): Violation[];
  /** Formats the schema uses that are not checked (unknown to ajv-formats). */
  uncheckedFormats: string[];
  /**
   * The schema records are checked against (date formats removed when they are trusted; cut to
   * the fields records can hold when those were given).
   */
  schema: Record<string, unknown>;
  /**
   * A check for one value against a piece of `schema` (a leaf field's own schema), with the
   * same options and formats; null when that piece cannot be compiled on its own.
   */
  compilePart(part: Record<string, unknown>): ((value: unknown) => boolean) | null;
}

/**
 * Compiles the target schema once with ajv (draft-07 by default, 2019-09 / 2020-12 when the
 * schema says so) and ajv-formats. XDM's `meta:*` annotations are not JSON Schema keywords, so
 * strict mode is off; formats that ajv-formats does not know are accepted and listed.
 */
export interface ValidatorOptions {
  /**
   * Skip the date, date-time and time format checks: for records built by the transformer,
   * whose conversions only ever write valid ISO 8601 text into those fields.
   */
  trustDateFormats?: boolean;
  /**
   * The key path of every value the records can hold (array indices left out), when they are
   * known: records are then checked against the schema without the fields none can have
   * (`schemaPrune.ts`), with the same answers, at a fraction of a large schema's compile.
   */
  fields?: readonly (readonly string[])[];
}

const DATE_FORMATS = new Set(['date', 'date-time', 'time']);

/** A copy of the schema without date format checks (the only change). */
function withoutDateFormats(node: unknown, depth = 0): unknown {
  if (depth > 200 || typeof node !== 'object' || node === null) return node;
  if (Array.isArray(node)) return node.map((n) => withoutDateFormats(n, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === 'format' && typeof v === 'string' && DATE_FORMATS.has(v)) continue;
    Object.defineProperty(out, k, { value: withoutDateFormats(v, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export function compileValidator(
  source: Record<string, unknown>,
  options: ValidatorOptions = {},
): { ok: true; validator: RecordValidator } | { ok: false; message: string } {
  const strip = (s: Record<string, unknown>) => (options.trustDateFormats ? (withoutDateFormats(s) as Record<string, unknown>) : s);
  let pruned = options.fields ? pruneToFields(source, options.fields) : null;
  const draft = typeof source.$schema === 'string' ? source.$schema : '';
  const opts = VALIDATOR_OPTIONS;
  const later = draft.includes('2020-12') || draft.includes('2019-09');
  const ajv = draft.includes('2020-12') ? new Ajv2020(opts) : draft.includes('2019-09') ? new Ajv2019(opts) : new Ajv(opts);
  addFormats(ajv);
  const known = new Set(Object.keys(ajv.formats));
  const unchecked = new Set<string>();
  collectFormats(source, (f) => {
    if (!known.has(f)) unchecked.add(f);
  });
  for (const f of unchecked) ajv.addFormat(f, true);
  // The whole schema's patterns: one that cannot be used refuses the schema, mapped or not.
  const badPattern = refusedPattern(source);
  if (badPattern) return { ok: false, message: `the schema's pattern at ${badPattern.pointer || '/'} cannot be used: ${badPattern.message}` };
  // A cut schema is compiled only when the whole one is well formed by its meta-schema: a
  // keyword's bad value in a field no run writes (`maxLength: "10"`) refuses the schema, as
  // compiling it whole does, and as `validate` does with the same schema.
  if (pruned && !wellFormed(ajv, source, !later)) pruned = null;
  let schema = strip(pruned ?? source);
  let fn: ValidateFunction | undefined;
  if (pruned)
    try {
      fn = ajv.compile(schema as AnySchema);
    } catch {
      // The whole schema's compile then says what is wrong with it.
      schema = strip(source);
    }
  try {
    fn ??= ajv.compile(schema as AnySchema);
  } catch (e) {
    return { ok: false, message: `the schema cannot be compiled for validation: ${e instanceof Error ? e.message : String(e)}` };
  }
  const check = fn;
  return {
    ok: true,
    validator: {
      uncheckedFormats: [...unchecked],
      schema,
      compilePart(part) {
        try {
          const check = ajv.compile(part as AnySchema);
          return (value) => check(value) as boolean;
        } catch {
          return null;
        }
      },
      validate(record) {
        if (check(record)) return [];
        return (check.errors ?? []).filter((e) => !isNoise(e)).map(toViolation);
      },
    },
  };
}

/** The first `pattern` or `patternProperties` key that RE2 refuses, with its JSON pointer. */
function refusedPattern(node: unknown, pointer = '', depth = 0): { pointer: string; message: string } | null {
  if (depth > 200 || typeof node !== 'object' || node === null) return null;
  const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node as Record<string, unknown>);
  for (const [k, v] of entries) {
    const at = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!Array.isArray(node) && k === 'pattern' && typeof v === 'string') {
      const r = compilePattern(v);
      if (!r.ok) return { pointer: at, message: r.message };
    }
    if (!Array.isArray(node) && k === 'patternProperties' && typeof v === 'object' && v !== null)
      for (const key of Object.keys(v)) {
        const r = compilePattern(key);
        if (!r.ok) return { pointer: `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, message: r.message };
      }
    const inner = refusedPattern(v, at, depth + 1);
    if (inner) return inner;
  }
  return null;
}

function collectFormats(node: unknown, add: (f: string) => void, depth = 0): void {
  if (depth > 200 || typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const n of node) collectFormats(n, add, depth + 1);
    return;
  }
  const o = node as Record<string, unknown>;
  if (typeof o.format === 'string' && (o.type === 'string' || o.type === undefined)) add(o.format);
  for (const v of Object.values(o)) if (typeof v === 'object') collectFormats(v, add, depth + 1);
}

/** `if`/`anyOf` wrappers repeat what their branches already said. */
const isNoise = (e: ErrorObject) => e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'oneOf';

function toViolation(e: ErrorObject): Violation {
  let path = pointerToDotPath(e.instancePath);
  if (e.keyword === 'required') {
    const missing = (e.params as { missingProperty: string }).missingProperty;
    path = path ? `${path}.${missing}` : missing;
    return { path, keyword: 'required', message: `required field ${path} is missing` };
  }
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    path = path ? `${path}.${extra}` : extra;
    return { path, keyword: e.keyword, message: `${path} is not a field of the schema` };
  }
  if (e.keyword === 'enum') {
    const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
    return {
      path,
      keyword: e.keyword,
      message: `${path} must be one of ${allowed
        .slice(0, 12)
        .map((v) => JSON.stringify(v))
        .join(', ')}${allowed.length > 12 ? ', …' : ''}`,
    };
  }
  return { path, keyword: e.keyword, message: `${path || 'the record'} ${e.message ?? 'is invalid'}` };
}

/** `/a/b/0/c` -> `a.b[0].c` */
export function pointerToDotPath(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const p = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(p)) out += `[${p}]`;
    else out += out ? `.${p}` : p;
  }
  return out;
}
