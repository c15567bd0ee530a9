import { serializeMapping } from '../../core/mapping/document';
import { type SavedSession, useSession } from './session';

const KEY = 'xdm-mapper.session.v1';
/** The file's first bytes kept across a reload: enough for the sample, profiles and preview. */
const HEAD_BYTES = 512 * 1024;

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

function snapshot(): string {
  const s = useSession.getState();
  const saved = {
    v: 1,
    step: s.step,
    schema: s.schema ? { name: s.schema.name, text: s.schema.text } : null,
    source: s.source
      ? { name: s.source.name, size: s.source.size, overrides: s.source.overrides, head: toBase64(s.source.head.subarray(0, HEAD_BYTES)) }
      : null,
    mapping: s.mapping ? serializeMapping(s.mapping) : null,
    mappingOrigin: s.mappingOrigin,
  };
  return JSON.stringify(saved);
}

/** Restores the last session, then saves every change (debounced). "Start over" clears it. */
export function persistSession(storage: Storage = localStorage): void {
  try {
    const text = storage.getItem(KEY);
    if (text) {
      const raw = JSON.parse(text) as Omit<SavedSession, 'source'> & { source: (Omit<NonNullable<SavedSession['source']>, 'head'> & { head: string }) | null };
      const saved: SavedSession = { ...raw, source: raw.source ? { ...raw.source, head: fromBase64(raw.source.head) } : null };
      if (!useSession.getState().restore(saved)) storage.removeItem(KEY);
      else if (saved.source && saved.source.size > saved.source.head.length)
        useSession
          .getState()
          .notify(
            'info',
            `Session restored. Only the first ${Math.round(saved.source.head.length / 1024)} KB of "${saved.source.name}" were kept: choose the file again to run all of it.`,
          );
    }
  } catch {
    storage.removeItem(KEY);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  useSession.subscribe((s, prev) => {
    if (s.step === prev.step && s.schema === prev.schema && s.source === prev.source && s.mapping === prev.mapping) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!useSession.getState().schema) {
        storage.removeItem(KEY);
        return;
      }
      try {
        storage.setItem(KEY, snapshot());
      } catch {
        // Over the storage quota: keep what fits rather than nothing.
        storage.removeItem(KEY);
        useSession.getState().notify('warning', 'This session is too large to keep across a reload.');
      }
    }, 300);
  });
}

/** "Start over": the saved session goes at once, not after the debounce. */
export function clearSavedSession(storage: Storage = localStorage): void {
  storage.removeItem(KEY);
}
