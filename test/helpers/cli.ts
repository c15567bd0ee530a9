import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';

/** Runs the CLI in-process and captures what it prints. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), isTTY: false });
  return { code, out, err };
}

export const tempDir = (prefix = 'xdm-') => mkdtempSync(join(tmpdir(), prefix));

export function writeTemp(dir: string, name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

export const readJsonl = (path: string): Record<string, unknown>[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));

/** `text` as UTF-16 LE with its byte-order mark, as Excel's "Unicode text" writes it. */
export function utf16le(text: string): Uint8Array {
  const b = new Uint8Array(2 + text.length * 2);
  b.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    b[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    b[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return b;
}
