import { existsSync } from 'node:fs';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { extname, join } from 'node:path';

/** A file of a watched folder, as the watcher decides on it (the shape of watch's WatchedFile). */
export interface RemoteFile {
  size: number;
  mtimeMs: number;
  /** Stays the same while the content does: the ETag (S3, Blob), size and time (SFTP). */
  identity: string;
  link: boolean;
}

/**
 * A folder on a server, with the four operations `watch` needs of any folder (list, stat, read,
 * move) plus where a file's outputs go. The watcher's state, lock and work files stay on the
 * local disk; the outputs too, under `--out DIR`, while the CSV is moved on the server to
 * `done/` or `failed/` beside it, with its manifest.
 */
export interface RemoteFolder {
  readonly name: string;
  list(): Promise<string[]>;
  stat(name: string): Promise<RemoteFile | { problem: string } | null>;
  /** Copies the file as it is now to a local path; fails when it changes while being read. */
  read(name: string, to: string): Promise<void>;
  /** Moves the file on the server into `done/` or `failed/`; returns the name it got there. */
  move(name: string, to: 'done' | 'failed'): Promise<string>;
  keepOutputs(localDir: string, to: 'done' | 'failed', csvName: string): Promise<void>;
  close(): Promise<void>;
}

export const CSV_NAME = /\.(csv|tsv|txt)$/i;

/** Files a watcher takes: CSV-like names, not hidden. */
export const watchable = (name: string) => CSV_NAME.test(name) && !name.startsWith('.') && !name.includes('/');

/** `name`, else `name (2)`, `name (3)`… : the first for which `taken` says no. */
export async function freeName(name: string, taken: (candidate: string) => Promise<boolean>): Promise<string> {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let candidate = name;
  for (let k = 2; await taken(candidate); k++) candidate = `${stem} (${k})${ext}`;
  return candidate;
}

/** A file changed while it was read: the copy is not the file, so it is not processed now. */
export class ChangedWhileRead extends Error {
  constructor(name: string, what: string) {
    super(`${name} changed while it was read (${what}); it is taken again once it settles`);
  }
}

/** Outputs of a remote file stay on this machine: `OUT/done/NAME.xdm/`. Returns the manifest's text. */
export async function keepLocally(outDir: string, localDir: string, to: 'done' | 'failed', csvName: string): Promise<string | null> {
  if (!existsSync(localDir)) return null;
  const target = join(outDir, to);
  await mkdir(target, { recursive: true });
  const name = await freeName(`${csvName}.xdm`, async (c) => existsSync(join(target, c)));
  await rename(localDir, join(target, name));
  const manifest = join(target, name, 'manifest.json');
  return existsSync(manifest) ? readFile(manifest, 'utf8') : null;
}

/** A remote path joined from a prefix and a name, with exactly one `/` between. */
export const joinKey = (prefix: string, name: string) => (prefix === '' ? name : `${prefix.replace(/\/+$/, '')}/${name}`);
