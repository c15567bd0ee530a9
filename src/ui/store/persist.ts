import { serializeMapping } from '../../core/mapping/document';
import type { MappingDocument, MappingEntry } from '../../core/mapping/mapping.types';
import type { Decisions, Snapshot } from './review';
import { type SavedSession, useSession } from './session';

const KEY = 'xdm-mapper.session.v2';
const OLD_KEYS = ['xdm-mapper.session.v1'];
/** The file's first bytes kept across a reload; a file this small is kept whole. */
export const HEAD_BYTES = 512 * 1024;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * The undo history, small enough for local storage: consecutive snapshots share almost every
 * entry, so each distinct text (a document without its entries, an entry, a set of decisions)
 * is stored once and a snapshot is a list of numbers into that table.
 */
export interface SavedHistory {
  texts: string[];
  past: number[][];
  future: number[][];
}

export function encodeHistory(past: readonly Snapshot[], future: readonly Snapshot[]): SavedHistory {
  const texts: string[] = [];
  const index = new Map<string, number>();
  const id = (text: string) => {
    let i = index.get(text);
    if (i === undefined) {
      i = texts.push(text) - 1;
      index.set(text, i);
    }
    return i;
  };
  const encode = (s: Snapshot) => {
    const { mappings, ...frame } = s.mapping;
    return [id(JSON.stringify(frame)), id(JSON.stringify(s.decisions)), ...mappings.map((m) => id(JSON.stringify(m)))];
  };
  return { texts, past: past.map(encode), future: future.map(encode) };
}

export function decodeHistory(h: SavedHistory): { past: Snapshot[]; future: Snapshot[] } {
  const parsed = h.texts.map((t) => JSON.parse(t) as unknown);
  const decode = (row: number[]): Snapshot => {
    const [frame, decisions, ...entries] = row;
    const mapping = { ...(parsed[frame!] as Omit<MappingDocument, 'mappings'>), mappings: entries.map((i) => parsed[i] as MappingEntry) } as MappingDocument;
    return { mapping, decisions: parsed[decisions!] as Decisions };
  };
  return { past: h.past.map(decode), future: h.future.map(decode) };
}

interface Stored {
  v: 2;
  step: SavedSession['step'];
  schema: SavedSession['schema'];
  source: (Omit<NonNullable<SavedSession['source']>, 'head'> & { head: string }) | null;
  mapping: string | null;
  mappingOrigin: SavedSession['mappingOrigin'];
  decisions: Decisions;
  history: SavedHistory | null;
}

function snapshot(withHistory: boolean): string {
  const s = useSession.getState();
  const stored: Stored = {
    v: 2,
    step: s.step,
    schema: s.schema ? { name: s.schema.name, text: s.schema.text } : null,
    source: s.source
      ? { name: s.source.name, size: s.source.size, overrides: s.source.overrides, head: toBase64(s.source.head.subarray(0, HEAD_BYTES)) }
      : null,
    mapping: s.mapping ? serializeMapping(s.mapping) : null,
    mappingOrigin: s.mappingOrigin,
    decisions: s.decisions,
    history: withHistory ? encodeHistory(s.past, s.future) : null,
  };
  return JSON.stringify(stored);
}

function restoreFrom(storage: Storage): void {
  const text = storage.getItem(KEY);
  if (!text) return;
  const raw = JSON.parse(text) as Stored;
  if (raw.v !== 2) throw new Error('unknown session version');
  const history = raw.history ? decodeHistory(raw.history) : { past: [], future: [] };
  const saved: SavedSession = {
    step: raw.step,
    schema: raw.schema,
    source: raw.source ? { ...raw.source, head: fromBase64(raw.source.head) } : null,
    mapping: raw.mapping,
    mappingOrigin: raw.mappingOrigin,
    decisions: raw.decisions,
    ...history,
  };
  const session = useSession.getState();
  if (!session.restore(saved)) {
    storage.removeItem(KEY);
    return;
  }
  if (saved.source && saved.source.size > saved.source.head.length)
    session.notify(
      'session',
      'warning',
      `Session restored. Only the first ${Math.round(saved.source.head.length / 1024)} KB of "${saved.source.name}" were kept: choose the file again in the Source step to run all of it.`,
    );
}

/** Restores the last session, then saves every change (debounced). "Start over" clears it. */
export function persistSession(storage: Storage = localStorage): void {
  for (const k of OLD_KEYS) storage.removeItem(k);
  try {
    restoreFrom(storage);
  } catch {
    storage.removeItem(KEY);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    timer = undefined;
    if (!useSession.getState().schema) {
      storage.removeItem(KEY);
      return;
    }
    try {
      storage.setItem(KEY, snapshot(true));
    } catch {
      // Over the storage quota: the session without its undo history, else nothing.
      try {
        storage.setItem(KEY, snapshot(false));
        useSession.getState().notify('session', 'warning', 'The undo history is too large to keep across a reload; the mapping itself is kept.');
      } catch {
        storage.removeItem(KEY);
        useSession.getState().notify('session', 'warning', 'This session is too large to keep across a reload.');
      }
    }
  };
  // A reload or a closed tab within the debounce would lose the last edit: a pending save is made as the page goes.
  addEventListener('pagehide', () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    save();
  });
  useSession.subscribe((s, prev) => {
    if (
      s.step === prev.step &&
      s.schema === prev.schema &&
      s.source === prev.source &&
      s.mapping === prev.mapping &&
      s.decisions === prev.decisions &&
      s.past === prev.past &&
      s.future === prev.future
    )
      return;
    clearTimeout(timer);
    timer = setTimeout(save, 300);
  });
}

/** "Start over": the saved session goes at once, not after the debounce. */
export function clearSavedSession(storage: Storage = localStorage): void {
  storage.removeItem(KEY);
}
