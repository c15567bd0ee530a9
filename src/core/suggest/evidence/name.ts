import type { HeaderReading, PreparedColumn } from '../column';
import type { FieldDoc } from '../fieldIndex';
import { DEFAULT_QUALIFIERS } from '../lexicon';
import { WEIGHTS } from '../weights';
import type { Evidence } from './evidence.types';

const C = WEIGHTS.credit;
const N = WEIGHTS.name;

/** The header's best reading against a field: how well the words fit, and the words that matched. */
export interface NameFit extends Evidence {
  reading: HeaderReading;
  matched: string[];
}

/** What a name fit says to a person: the reading's notes, then which words matched which field. */
export function nameNotes(fit: NameFit, doc: FieldDoc): string[] {
  const title = doc.field.title ? `"${doc.field.title}"` : doc.field.key;
  return [...fit.reading.notes, `name: ${fit.matched.map((m) => `"${m}"`).join(', ')} match ${title} (${doc.field.path})`];
}

/**
 * Name evidence: every header word explained by the field, and the field's own words named by
 * the header. A match on the object's words alone (`Billing` for `billingAddress.label`) and a
 * bare word read against a field off the record's subject count for little.
 */
export function nameEvidence(col: PreparedColumn, doc: FieldDoc, valuesConfirm = false): NameFit | null {
  let best: NameFit | null = null;
  for (const r of col.readings) {
    const fit = fitReading(r, doc, valuesConfirm);
    if (fit && (!best || fit.factor > best.factor)) best = fit;
  }
  return best;
}

function fitReading(reading: HeaderReading, doc: FieldDoc, valuesConfirm: boolean): NameFit | null {
  let hw = 0;
  let hit = 0;
  let keyPart = 0;
  let keyHit = false;
  // Few words on either side: arrays beat sets here (this runs for every candidate of every column).
  const covered: string[] = [];
  const matched: string[] = [];
  for (const { t, w } of reading.tokens) {
    // A number in the header is an item index or a line number, not a word to match.
    if (isNumber(t)) continue;
    hw += w;
    let credit = doc.words.get(t) ?? 0;
    let via = t;
    // "Home Email" and "Personal Phone" name the default object whichever word the schema uses.
    if (!credit && DEFAULT_QUALIFIERS.has(t)) {
      const q = doc.core.find((x) => DEFAULT_QUALIFIERS.has(x.t))?.t;
      if (q) {
        credit = C.defaultQualifier;
        via = q;
      }
    }
    if (!credit && doc.description.has(t)) credit = C.description;
    if (!credit) continue;
    hit += w * credit;
    const core = doc.aliasOf.get(via) ?? via;
    covered.push(core);
    if (doc.keyWords.has(via) || doc.keyWords.has(core)) {
      keyHit = true;
      keyPart += w * credit;
    }
    matched.push(t);
  }
  if (!hw || !hit) return null;
  let fw = 0;
  let fhit = 0;
  for (const { t, w } of doc.core) {
    fw += w;
    if (covered.includes(t)) fhit += w;
  }
  const covH = hit / hw;
  const covF = fw ? fhit / fw : 0;
  let factor = Math.min(N.ceiling, covH * covH * Math.sqrt(covF));
  // Words matched on the field's own key weigh more than words matched on its parents
  // (`Account Id` is `b2b.accountID` before `userAccount.ID`).
  factor *= N.parentWords + (1 - N.parentWords) * (keyPart / hit);
  // The words that make a field what it is ("cancel" in cancelDate, "cart" in cartSource) must be
  // named by the header, unless the values say what the header leaves out.
  let missing = 0;
  for (const t of doc.specific) if (!covered.includes(t)) missing++;
  if (missing && !valuesConfirm) factor *= N.missingSpecific ** (missing / doc.specific.length);
  // A generic key (`personalEmail.address`) is named by its parent, so parent words count there,
  // but only for the key that holds the object's value (`number`, not `status`).
  if (reading.inferred) factor *= N.subjectReading;
  if (!keyHit && (doc.specific.length || !doc.mainKey)) factor *= N.parentOnly;
  // A key that describes its object (`status`, `label`) needs the object named: a delivery status is
  // not the shipping address's status.
  else if (doc.objectWords.length && !doc.objectWords.some((t) => covered.includes(t))) factor *= N.parentOnly;
  return { factor, note: null, reading, matched };
}

const isNumber = (t: string) => t.charCodeAt(0) >= 48 && t.charCodeAt(0) <= 57 && /^\d+$/.test(t);
