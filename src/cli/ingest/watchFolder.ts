import { constants, existsSync } from 'node:fs';
import { copyFile, lstat, mkdir, readdir, rename, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

/** A file of a watched folder, as the watcher decides on it. */
export interface WatchedFile {
  size: number;
  mtimeMs: number;
  /** Stays the same when the file is renamed within the folder (inode here, an etag remotely). */
  identity: string;
  /** The entry is a link to the file (processed through it; the link is what is moved). */
  link: boolean;
}

/**
 * What the watcher needs of a folder: list, stat, read, move. The local folder implements it
 * with the file system; a remote one (SFTP, S3, Azure) can implement the same four, while the
 * watcher's state, lock and work files stay on the local disk.
 */
export interface WatchedFolder {
  /** For messages: the path or URL. */
  readonly name: string;
  /** Names of the CSV files waiting in the folder (not hidden, not in done/ or failed/). */
  list(): Promise<string[]>;
  /** The file now, or null when it is gone; a link that leads nowhere or to a non-file gives a reason. */
  stat(name: string): Promise<WatchedFile | { problem: string } | null>;
  /** Copies the file's bytes as they are now to a local path (the copy is what gets mapped). */
  read(name: string, to: string): Promise<void>;
  /** Moves the file out of the way into `done/` or `failed/`; returns the name it got there. */
  move(name: string, to: 'done' | 'failed'): Promise<string>;
  /** Keeps a local folder of outputs beside the moved file (`NAME.xdm`). */
  keepOutputs(localDir: string, to: 'done' | 'failed', csvName: string): Promise<void>;
}

const CSV = /\.(csv|tsv|txt)$/i;

/** A free name in a folder: `name`, else `name (2)`, `name (3)`… */
function freeName(dir: string, name: string): string {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let candidate = name;
  for (let k = 2; existsSync(join(dir, candidate)); k++) candidate = `${stem} (${k})${ext}`;
  return candidate;
}

/** A folder on this machine. */
export class LocalFolder implements WatchedFolder {
  constructor(readonly name: string) {}

  async list(): Promise<string[]> {
    const entries = await readdir(this.name, { withFileTypes: true });
    return entries
      .filter((d) => (d.isFile() || d.isSymbolicLink()) && CSV.test(d.name) && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
  }

  async stat(name: string): Promise<WatchedFile | { problem: string } | null> {
    const path = join(this.name, name);
    const own = await lstat(path).catch(() => null);
    if (!own) return null;
    const link = own.isSymbolicLink();
    const st = link ? await stat(path).catch(() => null) : own;
    if (!st) return { problem: 'is a symbolic link to nothing' };
    if (!st.isFile()) return { problem: `is a symbolic link to something that is not a file` };
    return { size: st.size, mtimeMs: st.mtimeMs, identity: `${own.dev}:${own.ino}`, link };
  }

  async read(name: string, to: string): Promise<void> {
    // A clone where the file system can (no bytes copied), a copy elsewhere.
    await copyFile(join(this.name, name), to, constants.COPYFILE_FICLONE);
  }

  async move(name: string, to: 'done' | 'failed'): Promise<string> {
    const target = join(this.name, to);
    await mkdir(target, { recursive: true });
    const moved = freeName(target, name);
    await rename(join(this.name, name), join(target, moved));
    return moved;
  }

  async keepOutputs(localDir: string, to: 'done' | 'failed', csvName: string): Promise<void> {
    if (!existsSync(localDir)) return;
    const target = join(this.name, to);
    await mkdir(target, { recursive: true });
    await rename(localDir, join(target, freeName(target, `${csvName}.xdm`)));
  }
}
