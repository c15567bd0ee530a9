import { lstat, readFile, realpath } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import type { Manifest } from '../../core/batch/manifest';
import { formatBytes } from '../io';
import { AepError } from './aepClient';
import { fileSha256 } from './state';

/** AEP's limits for one batch. */
export const MAX_FILES = 1500;
export const MAX_BATCH_BYTES = 100 * 1024 ** 3;

const refuse = (message: string) => new AepError(message, null, '');

/** A file name a manifest may list: a plain name inside the folder. */
const plainName = (p: unknown): p is string => typeof p === 'string' && p !== '' && p === basename(p) && p !== '.' && p !== '..' && !p.includes('\\');

/**
 * The files of an `apply` output folder, each proved to be what the manifest says before
 * anything is sent: a plain file inside the folder (no path out of it, no link), of the listed
 * size, with the listed sha256. A file changed after `apply` wrote it is refused, naming it.
 */
export async function checkedOutput(dir: string): Promise<{ manifest: Manifest; files: Manifest['files'] }> {
  let text: string;
  try {
    text = await readFile(join(dir, 'manifest.json'), 'utf8');
  } catch {
    throw refuse(`"${dir}" has no manifest.json: give the folder "xdm-mapper apply --out" wrote`);
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch {
    throw refuse(`"${join(dir, 'manifest.json')}" is not valid JSON`);
  }
  if (manifest?.tool?.name !== 'xdm-mapper' || !Array.isArray(manifest.files))
    throw refuse(`"${join(dir, 'manifest.json')}" is not a manifest written by xdm-mapper apply`);
  const root = await realpath(dir);
  const files = manifest.files.filter((f) => f?.records > 0);
  for (const f of files) {
    if (!plainName(f.path)) throw refuse(`the manifest lists "${String(f.path)}", which is not a file inside "${dir}": nothing was sent`);
    if (typeof f.sha256 !== 'string' || !Number.isSafeInteger(f.bytes)) throw refuse(`the manifest's entry for ${f.path} has no sha256 or size`);
    const path = join(dir, f.path);
    const st = await lstat(path).catch(() => null);
    if (!st) throw refuse(`${f.path} is listed in the manifest but missing from "${dir}"`);
    if (!st.isFile()) throw refuse(`${f.path} in "${dir}" is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a plain file'}: nothing was sent`);
    if (!(await realpath(path)).startsWith(root + sep)) throw refuse(`${f.path} is not inside "${dir}"`);
    if (st.size !== f.bytes)
      throw refuse(`${f.path} has ${st.size} bytes, the manifest says ${f.bytes}: it changed after apply wrote it; run apply again. Nothing was sent`);
    if ((await fileSha256(path)) !== f.sha256)
      throw refuse(`${f.path} does not match its sha256 in the manifest: it changed after apply wrote it; run apply again. Nothing was sent`);
  }
  if (files.length > MAX_FILES) throw refuse(`${files.length} files exceed AEP's limit of ${MAX_FILES} per batch: run apply again with a larger --file-size`);
  const total = files.reduce((n, f) => n + f.bytes, 0);
  if (total > MAX_BATCH_BYTES) throw refuse(`${formatBytes(total)} exceeds AEP's limit of 100 GB per batch: split the input`);
  return { manifest, files };
}
