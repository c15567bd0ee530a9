import { ANALYTICS_FUNCTIONS } from './analytics';
import { DATE_FUNCTIONS } from './datetime';
import { HASHING_FUNCTIONS } from './hashing';
import { ARRAY_EXPORT_FUNCTIONS, MAP_FUNCTIONS } from './maps';
import { REGEX_FUNCTIONS, STRING_FUNCTIONS } from './string';
import {
  AGGREGATION_FUNCTIONS,
  ARRAY_FUNCTIONS,
  CONVERSION_FUNCTIONS,
  JSON_FUNCTIONS,
  LOGICAL_FUNCTIONS,
  OBJECT_FUNCTIONS,
  SPECIAL_FUNCTIONS,
} from './structure';
import type { FnSpec } from './types';
import { URL_FUNCTIONS } from './url';
import { USER_AGENT_FUNCTIONS } from './userAgent';

/** Every function, in the families of AEP's reference. */
export const ALL_FUNCTIONS: readonly FnSpec[] = [
  ...STRING_FUNCTIONS,
  ...REGEX_FUNCTIONS,
  ...HASHING_FUNCTIONS,
  ...URL_FUNCTIONS,
  ...DATE_FUNCTIONS,
  ...OBJECT_FUNCTIONS,
  ...ARRAY_FUNCTIONS,
  ...ARRAY_EXPORT_FUNCTIONS,
  ...MAP_FUNCTIONS,
  ...LOGICAL_FUNCTIONS,
  ...AGGREGATION_FUNCTIONS,
  ...CONVERSION_FUNCTIONS,
  ...JSON_FUNCTIONS,
  ...SPECIAL_FUNCTIONS,
  ...ANALYTICS_FUNCTIONS,
  ...USER_AGENT_FUNCTIONS,
];

/** JEXL's own functions, which Data Prep keeps as reserved words. */
const JEXL_FUNCTIONS: FnSpec[] = [
  {
    name: 'empty',
    family: 'objects',
    params: ['INPUT'],
    description: 'Whether a value is null or empty (JEXL).',
    call: (a, ctx) => ALL_FUNCTIONS.find((f) => f.name === 'is_empty')!.call(a, ctx),
  },
  {
    name: 'size',
    family: 'arrays',
    params: ['INPUT'],
    description: 'The size of an array, object or string (JEXL).',
    call: (a, ctx) => ALL_FUNCTIONS.find((f) => f.name === 'size_of')!.call(a, ctx),
  },
];

/** Name (and alias) -> function. A Map: a function named like an Object.prototype member is simply unknown. */
export const FUNCTIONS: ReadonlyMap<string, FnSpec> = new Map(
  [...ALL_FUNCTIONS, ...JEXL_FUNCTIONS].flatMap((f) => [[f.name, f] as const, ...(f.aliases ?? []).map((a) => [a, f] as const)]),
);

/**
 * Functions of AEP's reference that xdm-mapper does not implement; a mapping that uses one is
 * refused when it is loaded, never run with a guess.
 */
export const UNSUPPORTED: ReadonlyMap<string, string> = new Map([['fpid_to_ecid', "converting an FPID to an ECID uses Adobe's own identity algorithm"]]);
