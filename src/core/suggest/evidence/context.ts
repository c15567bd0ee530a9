import type { PreparedColumn } from '../column';
import type { FieldDoc } from '../fieldIndex';
import { DEFAULT_QUALIFIERS, NEAR_DEFAULT_QUALIFIERS } from '../lexicon';
import { WEIGHTS } from '../weights';
import { type Evidence, NEUTRAL } from './evidence.types';
import type { NameFit } from './name';
import { acceptedKind } from './values';

const X = WEIGHTS.context;

/**
 * Line evidence: numbered lines (`street1`..`street4`) take the header's number, 1 when it has
 * none; array fields take any number as the item index, and without one want item words.
 */
export function lineEvidence(col: PreparedColumn, doc: FieldDoc): Evidence {
  if (doc.line !== null) {
    const want = col.line ?? 1;
    if (want !== doc.line) return { factor: X.wrongLine, note: null };
    return col.line !== null ? { factor: X.namedLine, note: `the header names line ${want}` } : NEUTRAL;
  }
  // Item words (`Lineitem price`, a bare `Price`) place a column on the order's lines.
  if (doc.field.inArray && col.itemWords && doc.field.path.startsWith('productListItems[]')) return { factor: X.itemWords, note: null };
  if (doc.field.inArray && !col.itemWords && col.index === null)
    // An order's lines are its items; other lists (payments, refunds) are sub-records that a column must ask for.
    return { factor: doc.field.path.startsWith('productListItems[]') ? X.arrayWithoutItemWords : X.subRecordWithoutIndex, note: null };
  return NEUTRAL;
}

/**
 * Qualifier evidence: among parallel objects (home, work, billing addresses), a header that
 * names none means the default one; the others need to be asked for.
 */
export function qualifierEvidence(col: PreparedColumn, doc: FieldDoc): Evidence {
  const own = doc.qualifiers.filter((q) => !DEFAULT_QUALIFIERS.has(q));
  if (!own.length) {
    if (doc.qualifiers.length && !col.qualifiers.size) return { factor: 1, note: `the default among parallel fields (${doc.qualifiers.join(', ')})` };
    return NEUTRAL;
  }
  if (own.some((q) => col.qualifiers.has(q))) return NEUTRAL;
  if (own.every((q) => NEAR_DEFAULT_QUALIFIERS.has(q))) return { factor: X.nearDefaultQualifier, note: null };
  return { factor: X.otherQualifier, note: null };
}

/**
 * Rarity evidence: fields deep in rarely used objects (loyalty challenges, requisition lists,
 * partner data, returns) need the object named; ExperienceEvent counters are not CSV columns.
 */
export function rarityEvidence(col: PreparedColumn, doc: FieldDoc): Evidence {
  if (doc.measure) return { factor: X.measure, note: null };
  if (!doc.rare) return NEUTRAL;
  if (doc.rare.some((w) => col.words.has(w))) return NEUTRAL;
  return { factor: X.rareUnnamed, note: null };
}

/**
 * Subject evidence: a bare header (`Name`, `Status`, `Description`) means one of the record's
 * own fields; any other field needs the values to say so.
 */
export function subjectEvidence(col: PreparedColumn, doc: FieldDoc, name: NameFit | null): Evidence {
  if (!name?.reading.bare || doc.recordField) return NEUTRAL;
  const confirmed = (acceptedKind(col, doc)?.strength ?? 0) >= 0.4;
  if (!doc.subjectKnown) return confirmed ? NEUTRAL : { factor: WEIGHTS.name.bareUnknownSubject, note: null };
  return { factor: confirmed ? WEIGHTS.name.bareConfirmed : WEIGHTS.name.bareOffSubject, note: null };
}

/** Prior evidence: platform-managed fields, ids of nested objects and geo metadata rank low. */
export function priorEvidence(_col: PreparedColumn, doc: FieldDoc): Evidence {
  switch (doc.system) {
    case 'platform':
      return { factor: WEIGHTS.prior.platform, note: 'a field the platform usually fills' };
    case 'nested-id':
      return { factor: WEIGHTS.prior.nestedId, note: null };
    case 'meta':
      return { factor: WEIGHTS.prior.meta, note: null };
    default:
      return NEUTRAL;
  }
}
