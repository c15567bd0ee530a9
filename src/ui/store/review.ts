import { dropColumn, type EditResult, mapColumn, moveEntry, setConstant, setExpression, setReading, unmap } from '../../core/mapping/edits';
import { adoptHeader, renameColumns } from '../../core/mapping/editsRename';
import type { MappingDocument, MappingEntry, MappingSettings } from '../../core/mapping/mapping.types';
import type { Suggestion } from '../../core/suggest/suggest.types';

/**
 * The person's review of the mapping: what they said no to, what they mapped by hand, and which
 * mapped columns they asked to see suggestions for again. With the mapping document this is the
 * state that undo and redo move through; suggestions and what is pending are derived from it.
 */
export interface Decisions {
  /** Suggestions said no to, as `column\u0000destination`. */
  rejected: readonly string[];
  /** Columns mapped by hand (drawn, picked, typed), not by accepting a suggestion. */
  manual: readonly string[];
  /** Mapped columns whose different suggestion is offered again ("Suggest again"). */
  reopened: readonly string[];
}

export interface Snapshot {
  mapping: MappingDocument;
  decisions: Decisions;
}

export const NO_DECISIONS: Decisions = { rejected: [], manual: [], reopened: [] };

export const suggestionKey = (column: string, destination: string) => `${column}\u0000${destination}`;

/** A suggestion drawn but not in the mapping: accept it or reject it. */
export interface PendingSuggestion {
  column: string;
  destination: string;
  confidence: number;
  evidence: string[];
  /** For a reopened column: the destination it fills now, which accepting replaces. */
  replaces?: string;
}

/**
 * The suggestions waiting for a decision. A suggestion is pending when the person has not
 * rejected it, its column is not mapped (or was reopened), and its destination is free (or
 * filled by a reopened column).
 */
export function pendingSuggestions(suggestions: readonly Suggestion[] | null, mapping: MappingDocument | null, d: Decisions): PendingSuggestion[] {
  if (!suggestions || !mapping) return [];
  const rejected = new Set(d.rejected);
  const reopened = new Set(d.reopened);
  const byColumn = new Map<string, string[]>();
  const byDestination = new Map<string, MappingEntry>();
  for (const m of mapping.mappings) {
    byDestination.set(m.destination, m);
    if (m.sourceType === 'ATTRIBUTE') byColumn.set(m.source, [...(byColumn.get(m.source) ?? []), m.destination]);
  }
  const out: PendingSuggestion[] = [];
  for (const s of suggestions) {
    if (!s.destination || rejected.has(suggestionKey(s.column, s.destination))) continue;
    const current = byColumn.get(s.column) ?? [];
    if (current.includes(s.destination)) continue;
    if (current.length && !reopened.has(s.column)) continue;
    const writer = byDestination.get(s.destination);
    if (writer && !(writer.sourceType === 'ATTRIBUTE' && reopened.has(writer.source))) continue;
    out.push({ column: s.column, destination: s.destination, confidence: s.confidence, evidence: s.evidence, ...(current[0] ? { replaces: current[0] } : {}) });
  }
  return out;
}

export type MapAction =
  | { kind: 'map'; column: string; destination: string }
  | { kind: 'unmap'; destination: string }
  | { kind: 'drop'; column: string }
  | { kind: 'constant'; destination: string; value: string; replaces?: string }
  | { kind: 'expression'; destination: string; expression: string; replaces?: string }
  | { kind: 'move'; from: string; to: string }
  | { kind: 'reading'; destination: string; settings: MappingSettings | undefined }
  | { kind: 'accept'; suggestions: readonly PendingSuggestion[] }
  | { kind: 'reject'; suggestions: readonly PendingSuggestion[] }
  | { kind: 'reopen'; columns: readonly string[] }
  | { kind: 'rename'; renames: readonly { from: string; to: string }[]; header: readonly string[] };

export type ActionResult = { ok: true; snapshot: Snapshot; warnings: string[] } | { ok: false; message: string };

const add = (list: readonly string[], items: readonly string[]) => [...new Set([...list, ...items])];
const without = (list: readonly string[], items: readonly string[]) => {
  const drop = new Set(items);
  return list.filter((x) => !drop.has(x));
};

/** Runs core edits one after another; the first that fails stops the chain. */
function chain(doc: MappingDocument, steps: ((d: MappingDocument) => EditResult)[]): EditResult {
  let r: EditResult = { ok: true, doc, warnings: [] };
  for (const step of steps) {
    if (!r.ok) return r;
    const next = step(r.doc);
    r = next.ok ? { ...next, warnings: [...r.warnings, ...next.warnings] } : next;
  }
  return r;
}

/**
 * One change the person makes, applied to the mapping and the decisions together, so that a
 * single undo takes back both. `suggestions` are the current ones (dropping a column also says
 * no to its suggestion).
 */
export function applyAction(s: Snapshot, a: MapAction, suggestions: readonly Suggestion[] | null): ActionResult {
  const d = s.decisions;
  const doc = s.mapping;
  const attributeAt = (destination: string) => doc.mappings.find((m) => m.destination === destination && m.sourceType === 'ATTRIBUTE');
  let r: EditResult;
  let decisions: Decisions = d;
  switch (a.kind) {
    case 'map':
      r = mapColumn(doc, a.column, a.destination);
      decisions = { ...d, manual: add(d.manual, [a.column]), rejected: without(d.rejected, [suggestionKey(a.column, a.destination)]) };
      break;
    case 'unmap': {
      r = unmap(doc, a.destination);
      const was = attributeAt(a.destination);
      if (was) decisions = { ...d, rejected: add(d.rejected, [suggestionKey(was.source, a.destination)]) };
      break;
    }
    case 'drop': {
      r = dropColumn(doc, a.column);
      const keys = doc.mappings.filter((m) => m.sourceType === 'ATTRIBUTE' && m.source === a.column).map((m) => suggestionKey(a.column, m.destination));
      const suggested = suggestions?.find((x) => x.column === a.column)?.destination;
      if (suggested) keys.push(suggestionKey(a.column, suggested));
      decisions = { ...d, rejected: add(d.rejected, keys), reopened: without(d.reopened, [a.column]) };
      break;
    }
    case 'constant':
    case 'expression': {
      const write = (x: MappingDocument) => (a.kind === 'constant' ? setConstant(x, a.destination, a.value) : setExpression(x, a.destination, a.expression));
      r = chain(doc, [...(a.replaces && a.replaces !== a.destination ? [(x: MappingDocument) => unmap(x, a.replaces!)] : []), write]);
      break;
    }
    case 'move': {
      r = moveEntry(doc, a.from, a.to);
      const was = attributeAt(a.from);
      if (was) decisions = { ...d, manual: add(d.manual, [was.source]) };
      break;
    }
    case 'reading':
      r = setReading(doc, a.destination, a.settings);
      break;
    case 'accept': {
      const steps = a.suggestions.flatMap((p) => [
        ...(p.replaces ? [(x: MappingDocument) => unmap(x, p.replaces!)] : []),
        (x: MappingDocument) => mapColumn(x, p.column, p.destination),
      ]);
      r = chain(doc, steps);
      const columns = a.suggestions.map((p) => p.column);
      decisions = { ...d, manual: without(d.manual, columns), reopened: without(d.reopened, columns) };
      break;
    }
    case 'reject':
      r = { ok: true, doc, warnings: [] };
      decisions = {
        ...d,
        rejected: add(
          d.rejected,
          a.suggestions.map((p) => suggestionKey(p.column, p.destination)),
        ),
        reopened: without(
          d.reopened,
          a.suggestions.map((p) => p.column),
        ),
      };
      break;
    case 'reopen':
      r = { ok: true, doc, warnings: [] };
      decisions = { ...d, reopened: add(d.reopened, a.columns) };
      break;
    case 'rename': {
      const renames = new Map(a.renames.map((x) => [x.from, x.to]));
      const renamed = renameColumns(doc, renames);
      r = renamed.ok ? { ...renamed, doc: adoptHeader(renamed.doc, a.header) } : renamed;
      const rename = (c: string) => renames.get(c) ?? c;
      const renameKey = (k: string) => {
        const [c, dest] = k.split('\u0000');
        return suggestionKey(rename(c!), dest!);
      };
      decisions = { rejected: d.rejected.map(renameKey), manual: d.manual.map(rename), reopened: d.reopened.map(rename) };
      break;
    }
  }
  if (!r.ok) return { ok: false, message: r.message };
  return { ok: true, snapshot: { mapping: r.doc, decisions }, warnings: r.warnings };
}

/** Whether an action left things as they were (nothing to undo). */
export const unchanged = (a: Snapshot, b: Snapshot) =>
  a.mapping === b.mapping &&
  a.decisions.rejected.join('\n') === b.decisions.rejected.join('\n') &&
  a.decisions.manual.join('\n') === b.decisions.manual.join('\n') &&
  a.decisions.reopened.join('\n') === b.decisions.reopened.join('\n');
