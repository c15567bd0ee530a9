import type { ReadingSettings } from '../convert/coerce';
import type { CsvEncoding } from '../csv/encoding';
import type { Delimiter } from '../csv/sniff';

export type SourceType = 'ATTRIBUTE' | 'STATIC' | 'EXPRESSION';

/** Per-entry settings that AEP keeps elsewhere (or not at all): how the source is read. */
export type MappingSettings = ReadingSettings;

/** One entry, in exactly AEP Data Prep's mapping-set shape, plus optional settings. */
export interface MappingEntry {
  sourceType: SourceType;
  /** Column name (ATTRIBUTE), constant (STATIC) or formula (EXPRESSION). */
  source: string;
  /** Dot path; array items carry an index: `productListItems[0].SKU`. */
  destination: string;
  name?: string;
  description?: string;
  settings?: MappingSettings;
}

/** How empty cells are written: left out (AEP's default for missing values), or as null. */
export type EmptyCellPolicy = 'omit' | 'null';

export interface MappingDocumentV1 {
  kind: 'xdm-mapper/mapping';
  version: 1;
  name: string;
  description?: string;
  source: {
    columns: string[];
    delimiter?: Delimiter;
    encoding?: CsvEncoding;
    /** `sha256:` of the ordered header names: tells a reused mapping that the file changed. */
    headerFingerprint?: string;
  };
  target: {
    schemaId: string;
    title?: string;
    tenant?: string | null;
  };
  options?: {
    emptyCells?: EmptyCellPolicy;
  };
  mappings: MappingEntry[];
}

/** The current document version; older ones are migrated on load. */
export type MappingDocument = MappingDocumentV1;
export const CURRENT_VERSION = 1;

/** A problem with a mapping document, located by JSON pointer. */
export interface MappingProblem {
  pointer: string;
  message: string;
}

export type MappingLoadResult =
  | { ok: true; doc: MappingDocument; format: 'xdm-mapper' | 'aep-mapping-set' | 'aep-legacy' | 'aep-template'; warnings: string[] }
  | { ok: false; problems: MappingProblem[] };
