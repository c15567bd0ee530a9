import type { FileSink } from './writer';

/** Keeps written files in memory: for previews, tests and small browser runs. */
export class MemorySink implements FileSink {
  readonly files = new Map<string, Uint8Array[]>();

  open(name: string) {
    const parts: Uint8Array[] = [];
    this.files.set(name, parts);
    return {
      write: (bytes: Uint8Array) => {
        parts.push(bytes.slice());
      },
      close: () => {},
    };
  }

  /** One file's text. */
  text(name: string): string {
    const parts = this.files.get(name);
    if (!parts) return '';
    return new TextDecoder().decode(concat(parts));
  }
}

/** Byte pieces joined into one array (the piece itself when there is only one). */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
