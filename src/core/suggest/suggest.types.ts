import type { ConfidenceWord } from './confidence';

/** One proposed destination for a column, with how sure we are and why. */
export interface Candidate {
  /** Destination as a mapping writes it (`productListItems[0].SKU`). */
  destination: string;
  /** Field-tree path (`productListItems[].SKU`). */
  path: string;
  /** 0..1 */
  confidence: number;
  evidence: string[];
}

/** The suggester's answer for one column. */
export interface Suggestion {
  column: string;
  /** Best destination, or null when leaving the column unmapped is the honest answer. */
  destination: string | null;
  path: string | null;
  confidence: number;
  /** The confidence as a word (`high`, `medium`, `low`, `none`), from ./confidence.ts. */
  level: ConfidenceWord;
  evidence: string[];
  /** Up to five other destinations, best first. */
  alternatives: Candidate[];
  /** True when the suggestion comes from a saved mapping. */
  fromMemory: boolean;
}

/** A header that a saved mapping sent somewhere. */
export interface MemoryEntry {
  column: string;
  destination: string;
  /** Where it was learnt: a mapping's name or file. */
  source: string;
}
