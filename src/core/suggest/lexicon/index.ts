import { ADDRESS } from './address';
import { COMMON } from './common';
import { CONTACT } from './contact';
import { LOYALTY } from './loyalty';
import { ORDERS } from './orders';
import { PERSON } from './person';
import type { PhraseList } from './phrase';
import { PRODUCTS } from './products';

export type { PhraseList } from './phrase';
export * from './words';

/**
 * Every phrase, the specific domains first: where two entries list the same variant, the
 * first wins, so qualifier words (`shipping`, `billing`) and short generic words (`no`,
 * `amt`) come last.
 */
export const PHRASES: PhraseList = [...PERSON, ...CONTACT, ...LOYALTY, ...ORDERS, ...PRODUCTS, ...ADDRESS, ...COMMON];
