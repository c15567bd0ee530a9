import type { XdmType } from '../../schema/field.types';
import type { PreparedColumn } from '../column';
import type { FieldDoc, FieldIndex } from '../fieldIndex';
import { VALUE_ONLY_RARELY, WANTS, type Want } from '../fieldKnowledge';
import { VAGUE } from '../lexicon';
import { DISTINCTIVE, KIND_LABEL, type ValueKind } from '../values/kinds';
import { SPECIFICITY, WEIGHTS } from '../weights';
import { type Evidence, NEUTRAL } from './evidence.types';

const V = WEIGHTS.values;

/** Generic words of free-text columns. */
const FREE_TEXT: ReadonlySet<string> = new Set(['description', 'text', 'info']);

/** Kinds read from the look of words: many values are needed before they refute anything. */
const NAMELIKE: ReadonlySet<ValueKind> = new Set<ValueKind>(['given-name', 'person-name', 'company-name']);

const fieldType = (doc: FieldDoc): XdmType => (doc.field.xdmType === 'array' ? (doc.field.itemType ?? 'string') : doc.field.xdmType);

/** Type evidence: the column's values must fit the field's type (never a date into a boolean, text into a number). */
export function typeEvidence(col: PreparedColumn, doc: FieldDoc): Evidence {
  const t = fieldType(doc);
  const int = t === 'byte' || t === 'short' || t === 'int' || t === 'long';
  const kind = col.profile.kind;
  const timestampText = kind === 'text' && col.values.kinds.has('date-time');
  let fit: 'strong' | 'ok' | 'weak' | 'none';
  if (kind === 'empty') fit = 'ok';
  else if (kind === 'boolean') fit = t === 'boolean' ? 'strong' : t === 'string' ? 'weak' : 'none';
  else if (kind === 'integer') fit = int || t === 'number' ? 'strong' : t === 'string' ? 'ok' : t === 'boolean' && col.values.kinds.has('flag') ? 'ok' : 'none';
  else if (kind === 'decimal') fit = t === 'number' ? 'strong' : t === 'string' ? 'weak' : 'none';
  else if (kind === 'date' || kind === 'date-time' || timestampText) fit = t === 'date' || t === 'date-time' ? 'strong' : t === 'string' ? 'weak' : 'none';
  else if (kind === 'text' && col.values.kinds.has('money')) fit = t === 'number' ? 'weak' : t === 'string' ? 'ok' : 'none';
  else fit = t === 'string' ? 'ok' : 'none';
  if (fit === 'none') return { factor: 0, note: null };
  // The field is right, but until someone says how the values read it cannot be accepted as is.
  const reading =
    int || t === 'number'
      ? col.profile.readings.number
      : t === 'date' || t === 'date-time'
        ? col.profile.readings.date
        : t === 'boolean'
          ? col.profile.readings.boolean
          : undefined;
  if (fit !== 'weak' && reading?.status === 'ambiguous')
    return {
      factor: WEIGHTS.type.ambiguous,
      note: `type: values read as ${t} in more than one way (${reading.options.map((o) => o.label).join(' or ')}): a reading must be chosen`,
    };
  if (fit === 'strong') return { factor: WEIGHTS.type.strong, note: `type: ${timestampText ? 'date-time' : kind} values fit ${t}` };
  return fit === 'weak' ? { factor: WEIGHTS.type.weak, note: null } : NEUTRAL;
}

/** The accepted kind that best explains the column for a field, with its strength (share x specificity). */
export function acceptedKind(col: PreparedColumn, doc: FieldDoc): { kind: ValueKind; strength: number } | null {
  if (!doc.want) return null;
  let best: { kind: ValueKind; strength: number } | null = null;
  for (const k of WANTS[doc.want].accepts) {
    const share = col.values.kinds.get(k);
    if (share === undefined) continue;
    const strength = share * SPECIFICITY[k];
    if (!best || strength > best.strength) best = { kind: k, strength };
  }
  return best;
}

/**
 * Value evidence: values of the kind a field is made for confirm it (the more specific the
 * kind, the more); values of another distinctive kind refute it (flags in a street, people's
 * names in a challenge, order numbers in a product name, street names in a country field).
 */
export function valueEvidence(col: PreparedColumn, doc: FieldDoc, confirm = true): Evidence {
  // An empty column cannot be checked: its name alone is less sure than a name and values.
  if (col.values.empty) return { factor: V.empty, note: 'no values to check' };
  const t = fieldType(doc);
  const accepted = acceptedKind(col, doc);
  if (accepted) return confirm ? { factor: 1 + (V.confirm - 1) * accepted.strength, note: `values look like ${KIND_LABEL[accepted.kind]}` } : NEUTRAL;
  // A name read from one or two values (`Austin`, `Paris`) is too thin to refute a field.
  const thin = col.profile.distinct < 3;
  const foreign = [...col.values.kinds.keys()].find((k) => DISTINCTIVE.has(k) && !fitsType(k, t) && !(thin && NAMELIKE.has(k)));
  if (doc.want && WANTS[doc.want].strict) {
    // A strict field is refuted when its kinds explain under half the values (typos and odd rows aside).
    const best = Math.max(0, ...WANTS[doc.want].accepts.map((k) => col.values.shares.get(k) ?? 0));
    if (best < 0.5) return { factor: V.strictMiss, note: `values are not what ${doc.field.path} holds` };
    return NEUTRAL;
  }
  if (foreign && (doc.want || t === 'string'))
    return { factor: V.contradict, note: `values look like ${KIND_LABEL[foreign]}, not what ${doc.field.path} holds` };
  return NEUTRAL;
}

/** Kinds a type itself explains: dates in date fields, flags in booleans. */
function fitsType(k: ValueKind, t: XdmType): boolean {
  if (k === 'flag') return t === 'boolean';
  if (k === 'date' || k === 'date-time' || k === 'birth-date') return t === 'date' || t === 'date-time';
  return false;
}

/**
 * Enum evidence: values among a field's allowed values confirm it; values outside them refute it,
 * unless they are the same values in other words (`Hombre`, `casado` for a gender or a marital
 * status): the field is right, the values want translating.
 */
export function enumEvidence(col: PreparedColumn, doc: FieldDoc): Evidence {
  const allowed = doc.allowed;
  if (!allowed || !col.folded.length) return NEUTRAL;
  const share = col.folded.filter((v) => allowed.has(v)).length / col.folded.length;
  if (share >= 0.8) return { factor: V.enumConfirm, note: "values are among the field's allowed values" };
  if (share < 0.5 && doc.closed && acceptedKind(col, doc))
    return { factor: V.enumTranslate, note: "values mean the field's allowed values in other words: they need translating" };
  // `meta:enum` alone lists suggestions, not limits: only a real `enum` refutes.
  if (share < 0.5 && doc.closed) return { factor: V.enumMiss, note: "values are not among the field's allowed values" };
  return NEUTRAL;
}

/**
 * Values deciding alone, for a header that says nothing usable (or nothing this field answers
 * to): as strong as the kind is specific, and weaker when several default fields take that kind.
 */
export function valueOnlyEvidence(col: PreparedColumn, doc: FieldDoc, idx: FieldIndex): Evidence | null {
  const accepted = acceptedKind(col, doc);
  if (!accepted || !doc.want || !WANTS[doc.want].alone) return null;
  // Notes, tags, comments and descriptions hold free text, whatever a few of their values look like.
  if (col.readings.some((r) => r.tokens.some((x) => VAGUE.has(x.t) || FREE_TEXT.has(x.t)))) return null;
  const { rivals, plainest, count } = rivalsOf(idx, doc.want);
  // A bare header (`Name`, `Code`) says as little as none.
  const bare = col.readings.some((r) => r.bare);
  // For a header that says nothing, the only field of its kind is the likely one (an SKU column on
  // a catalogue with one SKU field); several default fields of one kind share the likelihood.
  const only = count === 1 && (col.meaningless || bare);
  const uniqueness = only ? WEIGHTS.valuesOnly.onlyField : 1 / (1 + 0.25 * Math.max(0, rivals - 1));
  const scale = col.meaningless || bare ? WEIGHTS.valuesOnly.unlabelled : WEIGHTS.valuesOnly.named;
  // Among fields of one kind, the plain one (`tier`) before the qualified one (`nextTier`).
  const plain = 1 / (1 + 0.15 * Math.max(0, doc.specific.length - plainest));
  const usual = VALUE_ONLY_RARELY.get(doc.field.key) ?? 1;
  return { factor: Math.min(0.95, accepted.strength * uniqueness * scale * plain * usual), note: `values look like ${KIND_LABEL[accepted.kind]}` };
}

const rivalCache = new WeakMap<FieldIndex, Map<Want, { rivals: number; plainest: number; count: number }>>();

/**
 * How many default fields of a schema take one kind of value (parallel objects other than the
 * default count half for the mailing address, nothing for the rest), and the fewest
 * distinguishing words any of them has.
 */
function rivalsOf(idx: FieldIndex, want: Want): { rivals: number; plainest: number; count: number } {
  let byWant = rivalCache.get(idx);
  if (!byWant) rivalCache.set(idx, (byWant = new Map()));
  let hit = byWant.get(want);
  if (!hit) {
    let rivals = 0;
    let count = 0;
    let plainest = Number.POSITIVE_INFINITY;
    for (const d of idx.byWant.get(want) ?? []) {
      if (d.system || d.rare || d.measure || (d.line !== null && d.line !== 1)) continue;
      count++;
      const other = d.qualifiers.filter((q) => q !== 'home' && q !== 'personal');
      rivals += other.length === 0 ? 1 : other.every((q) => q === 'mailing') ? 0.5 : 0;
      plainest = Math.min(plainest, d.specific.length);
    }
    hit = { rivals, count, plainest: Number.isFinite(plainest) ? plainest : 0 };
    byWant.set(want, hit);
  }
  return hit;
}
