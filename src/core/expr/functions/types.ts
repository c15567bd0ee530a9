import type { Value } from '../values';

export interface EvalContext {
  /** Milliseconds since the epoch, for now() and timestamp(). */
  now(): number;
  /** Whether the source row has a (non-empty) value at this path. */
  hasField(path: string): boolean;
  uuid(): string;
}

export type Family =
  | 'string'
  | 'regex'
  | 'hashing'
  | 'url'
  | 'date'
  | 'objects'
  | 'arrays'
  | 'maps'
  | 'logical'
  | 'aggregation'
  | 'conversion'
  | 'json'
  | 'special'
  | 'analytics'
  | 'useragent';

/** One function of the library, with what the editor's autocomplete shows. */
export interface FnSpec {
  name: string;
  aliases?: string[];
  family: Family;
  /** Parameter names; `?` marks optional ones, `...` a repeated last one. */
  params: string[];
  description: string;
  call(args: Value[], ctx: EvalContext): Value;
}

/** Smallest and largest argument counts from the parameter list. */
export function arity(spec: FnSpec): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const p of spec.params) {
    if (p.startsWith('...')) return { min: p.endsWith('?') ? min : min + 1, max: Number.POSITIVE_INFINITY };
    max++;
    if (!p.endsWith('?')) min = max;
  }
  return { min, max };
}
