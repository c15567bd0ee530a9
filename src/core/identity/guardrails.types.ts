import type { RecordRef } from './identity.types';

/** A guardrail AEP's Identity Service applies, checked before ingestion. */
export type GuardrailCode =
  | 'REFUSED_VALUE'
  | 'TOO_MANY_IDENTITIES'
  | 'NO_PRIMARY_IDENTITY'
  | 'GRAPH_OVER_LIMIT'
  | 'SHARED_VALUE'
  | 'UNIQUE_NAMESPACE_REPEATED'
  | 'UNREADABLE_RECORD';

export interface GuardrailExample {
  /** The record, for checks about one record. */
  at?: RecordRef;
  namespace?: string;
  id?: string;
  /** Profiles a shared value would join, identities in a graph, values of a namespace in one graph. */
  n?: number;
  /** Sub-code of a refused value (`ECID_LENGTH`, `RESERVED_VALUE`, …). */
  code?: string;
  detail: string;
}

export interface GuardrailCheck {
  code: GuardrailCode;
  title: string;
  /** What AEP does about it. */
  effect: string;
  /** How many records, values or graphs are affected (the unit is in `unit`). */
  count: number;
  unit: 'records' | 'identities' | 'graphs' | 'values';
  examples: GuardrailExample[];
}

/** Every check, in a fixed order, each with its count (0 when clean). */
export interface GuardrailReport {
  checks: GuardrailCheck[];
}
