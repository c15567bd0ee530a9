import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './io';

/** Inside a temporary folder: the process writing it, so that a later run can remove it once that process is gone. */
const OWNER = '.owner-pid';

/** The name of a run's manifest; its `files` and `errors` list the rest of what the run wrote. */
export const MANIFEST = 'manifest.json';

/** What a manifest of ours says was written, or null when the file is not one. */
export function filesOfManifest(text: string): string[] | null {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return null;
  }
  const doc = m as { tool?: { name?: unknown }; files?: unknown; errors?: { path?: unknown } | null };
  if (typeof m !== 'object' || m === null || doc.tool?.name !== 'xdm-mapper' || !Array.isArray(doc.files)) return null;
  const names = doc.files.map((f) => (f as { path?: unknown })?.path).filter((p): p is string => typeof p === 'string');
  if (typeof doc.errors?.path === 'string') names.push(doc.errors.path);
  // Only plain names inside the folder: a manifest cannot make a run delete anything elsewhere.
  return names.filter((n) => n === basename(n) && n !== '' && n !== '.' && n !== '..');
}

/**
 * The folder a run writes into, made safe: the run writes into a fresh temporary folder beside
 * it, and only a complete run replaces the folder's outputs, at the end. What is replaced is
 * exactly what the folder's own manifest of ours lists (the earlier batch files, error file and
 * manifest); every other file is left where it is. A folder that holds files but no manifest of
 * ours is refused unless forced, since its files would be mixed with the run's. Its few
 * file-system calls are synchronous: through the thread pool each was a round trip of the
 * event loop, ~10 ms of a 1,000-row run's 160, and nothing runs beside them.
 */
export class OutputFolder {
  private constructor(
    readonly dir: string,
    /** Where the run writes; moved into `dir` by {@link commit}. */
    readonly temp: string,
    private readonly earlier: string[],
    private readonly force: boolean,
  ) {}

  static async open(dir: string, force: boolean): Promise<OutputFolder> {
    let earlier: string[] = [];
    if (existsSync(dir)) {
      const st = statSync(dir);
      if (!st.isDirectory()) throw new UsageError(`--out "${dir}" is a file, not a folder`);
      const names = readdirSync(dir);
      const manifestText = names.includes(MANIFEST) ? readOr(join(dir, MANIFEST)) : '';
      const listed = manifestText ? filesOfManifest(manifestText) : null;
      if (listed) earlier = [...listed, MANIFEST];
      else if (names.length && !force)
        throw new UsageError(
          `--out "${dir}" already holds files (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}) and no manifest.json of xdm-mapper: choose an empty or new folder, or add --force to write beside them (files with the run's names are then replaced)`,
        );
      else if (force && names.includes(MANIFEST)) earlier = [MANIFEST];
    } else mkdirSync(dir, { recursive: true });
    removeAbandoned(dir);
    const temp = mkdtempSync(join(dirname(dir), `.${basename(dir)}.partial-`));
    writeFileSync(join(temp, OWNER), String(process.pid));
    return new OutputFolder(dir, temp, earlier, force);
  }

  /**
   * Moves the finished run into the folder: the earlier run's listed files go first (manifest
   * before the files it lists, so a folder is never described by a manifest it does not match),
   * then the new files, manifest last.
   */
  async commit(): Promise<void> {
    const names = readdirSync(this.temp).filter((n) => n !== MANIFEST && n !== OWNER);
    const clash = this.force ? undefined : names.find((n) => !this.earlier.includes(n) && existsSync(join(this.dir, n)));
    if (clash)
      throw new UsageError(
        `"${join(this.dir, clash)}" is not listed in the folder's manifest, so it was not written by xdm-mapper and is not replaced: the run's complete output is in "${this.temp}"; move that file away and run again, or add --force`,
      );
    for (const name of [MANIFEST, ...this.earlier.filter((n) => n !== MANIFEST)]) rmSync(join(this.dir, name), { force: true });
    for (const name of names) renameSync(join(this.temp, name), join(this.dir, name));
    if (existsSync(join(this.temp, MANIFEST))) renameSync(join(this.temp, MANIFEST), join(this.dir, MANIFEST));
    rmSync(this.temp, { recursive: true, force: true });
  }

  /** Leaves the folder as it was: the temporary folder and all in it go. */
  async discard(): Promise<void> {
    rmSync(this.temp, { recursive: true, force: true });
  }
}

/** Temporary folders beside `dir` left by runs that were killed (their process is gone). */
function removeAbandoned(dir: string): void {
  const prefix = `.${basename(dir)}.partial-`;
  const parent = dirname(dir);
  for (const name of readdirOr(parent)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(readOr(join(parent, name, OWNER)));
    if (Number.isInteger(pid) && pid > 0 && !alive(pid)) rmSync(join(parent, name), { recursive: true, force: true });
  }
}

/** A file's text, or '' when it cannot be read. */
function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function readdirOr(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
