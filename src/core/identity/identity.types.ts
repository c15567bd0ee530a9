import type { FieldPath } from '../types';

/** An identity field of a schema: an `xdm:descriptorIdentity` on a field. */
export interface IdentityField {
  path: FieldPath;
  /** `xdm:namespace`: the namespace code (`lumaLoyaltyId`, `Email`, `ECID`). */
  namespace: string;
  primary: boolean;
}

/** Where a dataset's records carry identities: descriptor fields, and `identityMap` when the schema has it. */
export interface IdentitySpec {
  fields: IdentityField[];
  identityMap: boolean;
}

/** One identity found in one record. */
export interface RecordIdentity {
  namespace: string;
  id: string;
  /** The record's primary identity (a primary descriptor, or an identityMap item marked primary). */
  primary: boolean;
  authenticatedState?: string;
  /** The field it came from: a descriptor's path, or `identityMap.NS[i].id`. */
  path: string;
}

/** Where a record is: its dataset (by position in ingestion order), its number there (1-based), file and line. */
export interface RecordRef {
  dataset: number;
  record: number;
  file: string;
  line: number;
}

/** One record of one dataset with its identities: a profile fragment. */
export interface Fragment {
  ref: RecordRef;
  record: Record<string, unknown>;
  identities: RecordIdentity[];
}

export type MergePolicy = { kind: 'timestamp' } | { kind: 'dataset-precedence'; order: readonly number[] };
