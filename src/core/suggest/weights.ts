import type { ValueKind } from './values/kinds';

/**
 * Every number the suggester weighs evidence with, in one table. A factor above 1 raises a
 * candidate's odds (p/(1-p)) by that much, so confirmations saturate instead of passing 1; a
 * factor below 1 scales the score down, so one contradiction is enough to drop a candidate.
 */
export const WEIGHTS = {
  /** How much each header word must be explained. */
  header: {
    word: 1,
    generic: 0.5,
    /** A past participle (`Qty Ordered`, `Cancelled at`): a modifier more than a subject. */
    participle: 0.4,
    bracketed: 0.15,
    /** Words that qualify rather than name: `tax excluded` of a price, a second identifier word. */
    qualifier: 0.05,
    index: 0.5,
    /** `Customer` on a profile, `Variant` in a catalogue: the record itself. */
    subject: 0.15,
  },
  /** Credit a header word earns from the field word it matches. */
  credit: {
    typo: 0.8,
    defaultQualifier: 0.9,
    description: 0.35,
  },
  name: {
    /** The field's own distinguishing word (`cancel` in cancelDate) was not named. */
    missingSpecific: 0.5,
    /** Only the object was named (`Billing` for `billingAddress.label`), not the field. */
    parentOnly: 0.3,
    /** A bare word (`Name`, `Status`) read against a field off the record's own fields. */
    bareOffSubject: 0.15,
    /** The same, when the values confirm the field. */
    bareConfirmed: 0.6,
    /** A bare word on a schema that does not say what its records are (no class, a plain title): no field is off the subject. */
    bareUnknownSubject: 0.6,
    /** A bare header read as the record's own (`Name` as the customer's name): an inference, not what it says. */
    subjectReading: 0.9,
    /** Credit of header words matched on a parent rather than the key, relative to key words. */
    parentWords: 0.9,
    /** Exact names are near certain but leave room for the values to speak. */
    ceiling: 0.95,
  },
  /** `ambiguous`: values that fit the type in more than one reading (`1,234`), which someone must choose. */
  type: { strong: 1.15, weak: 0.75, ambiguous: 0.85 },
  values: {
    /** Odds factor per unit of a kind's specificity when values confirm a field. */
    confirm: 3,
    contradict: 0.08,
    /** A strict field (country, currency) whose values are mostly not of its kind. */
    strictMiss: 0.1,
    enumConfirm: 2.5,
    enumMiss: 0.2,
    enumTranslate: 0.7,
    courtesyMiss: 0.2,
    empty: 0.9,
  },
  /** Values deciding alone (the header says nothing usable). */
  valuesOnly: { unlabelled: 0.9, named: 0.6, onlyField: 1.25 },
  context: {
    /** A field inside an array when the header says nothing of items. */
    arrayWithoutItemWords: 0.8,
    itemWords: 1.15,
    subRecordWithoutIndex: 0.8,
    /** A parallel object the header did not ask for (billing, work) when a default exists. */
    otherQualifier: 0.7,
    nearDefaultQualifier: 0.92,
    /** `Street 3` for a header that means line 1; `Address1` names line 1 outright. */
    wrongLine: 0.25,
    namedLine: 1.3,
    /** A rarely used object (challenges, partner data) not named by the header. */
    rareUnnamed: 0.4,
    measure: 0.3,
    /** Columns sharing a prefix land under the parent chosen for the group. */
    groupParent: 1.6,
    groupOther: 0.8,
    /** Work contacts in a file about people at work. */
    workContext: 1.5,
  },
  prior: { platform: 0.3, nestedId: 0.5, meta: 0.7 },
  memory: 0.97,
  /** Below this a column stays unmapped. */
  threshold: 0.5,
  /** How close a rival destination may come before the winner's confidence is discounted. */
  margin: { window: 0.15, discount: 0.12 },
} as const;

/**
 * How much a value kind alone says about a column's meaning (0..1): an email column is near
 * certain, a decimal is not.
 */
export const SPECIFICITY: Readonly<Record<ValueKind, number>> = {
  email: 0.95,
  phone: 0.85,
  url: 0.7,
  uuid: 0.45,
  hash: 0.4,
  flag: 0.2,
  date: 0.3,
  'date-time': 0.35,
  'birth-date': 0.85,
  'day-month': 0.7,
  year: 0.4,
  'country-code': 0.85,
  'country-name': 0.9,
  'state-code': 0.6,
  currency: 0.9,
  language: 0.75,
  gender: 0.9,
  'courtesy-title': 0.9,
  tier: 0.75,
  'marital-status': 0.85,
  'postal-code': 0.7,
  'postal-numeric': 0.25,
  street: 0.8,
  'person-name': 0.7,
  'given-name': 0.7,
  'name-word': 0.15,
  'company-name': 0.6,
  'job-title': 0.6,
  'product-name': 0.5,
  sku: 0.5,
  'order-number': 0.75,
  'numeric-id': 0.3,
  'code-id': 0.35,
  'national-id': 0.8,
  'category-path': 0.8,
  colour: 0.8,
  size: 0.7,
  money: 0.3,
  quantity: 0.2,
  coordinate: 0.6,
  html: 0.5,
  'long-text': 0.4,
};
