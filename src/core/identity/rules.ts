/**
 * AEP Identity Service's documented rules for identity values and records (Identity Service
 * guardrails): what it refuses before anything is linked.
 */

/** Identities one XDM record may carry. */
export const MAX_IDENTITIES_PER_RECORD = 20;
/** Identities one graph may hold; past it the oldest are deleted to make room. */
export const MAX_IDENTITIES_PER_GRAPH = 50;
/** Characters a non-ECID identity value may have. */
export const MAX_VALUE_LENGTH = 1024;
/** ECIDs are exactly this many digits. */
export const ECID_LENGTH = 38;

export type RefusalCode = 'EMPTY_VALUE' | 'RESERVED_VALUE' | 'VALUE_TOO_LONG' | 'ECID_LENGTH' | 'ECID_NOT_DIGITS';

export interface Refusal {
  code: RefusalCode;
  /** AEP skips the whole record, or blocks only this identity. */
  effect: 'record-skipped' | 'identity-blocked';
  reason: string;
}

const RESERVED = new Set(['null', 'anonymous', 'invalid']);

/**
 * Whether AEP refuses an identity value, and what it then does. The reserved words are matched
 * in any case and around spaces: AEP's page lists them in lower case, and "NULL" is as much a
 * placeholder as "null".
 */
export function refusalOf(namespace: string, id: string): Refusal | null {
  if (namespace.toUpperCase() === 'ECID') {
    if (id.length !== ECID_LENGTH)
      return { code: 'ECID_LENGTH', effect: 'record-skipped', reason: `an ECID has ${ECID_LENGTH} digits; this one has ${id.length} characters` };
    if (!/^[0-9]+$/.test(id)) return { code: 'ECID_NOT_DIGITS', effect: 'record-skipped', reason: 'an ECID is digits only' };
    return null;
  }
  if (id.trim() === '') return { code: 'EMPTY_VALUE', effect: 'identity-blocked', reason: 'the value is empty' };
  if (id.length > MAX_VALUE_LENGTH)
    return { code: 'VALUE_TOO_LONG', effect: 'record-skipped', reason: `the value has ${id.length} characters; AEP allows ${MAX_VALUE_LENGTH}` };
  if (RESERVED.has(id.trim().toLowerCase()))
    return { code: 'RESERVED_VALUE', effect: 'identity-blocked', reason: `"${id}" is a placeholder AEP does not accept as an identity` };
  return null;
}
