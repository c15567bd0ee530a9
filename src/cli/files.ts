import { readFileSync } from 'node:fs';
import { sha256Hex } from '../core/hash';
import { loadMappingText } from '../core/mapping/document';
import type { MappingLoadResult } from '../core/mapping/mapping.types';
import type { SchemaLoadResult } from '../core/schema/field.types';
import { loadSchemaText } from '../core/schema/loadSchema';
import { UsageError } from './io';

/** A file's text; a missing or unreadable file is a usage error naming what it was for. */
export async function readText(path: string, what: string): Promise<string> {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `${what} "${path}" does not exist` : `cannot read ${what} "${path}": ${(e as Error).message}`);
  }
}

/** A schema file loaded into its field tree, with the sha256 of its text; a usage error when it cannot be used. */
export async function loadSchemaFile(path: string): Promise<{ result: Extract<SchemaLoadResult, { ok: true }>; sha256: string }> {
  const text = await readText(path, 'schema file');
  const result = loadSchemaText(text);
  if (!result.ok) throw new UsageError(`schema "${path}" cannot be used:\n${result.problems.map((p) => `  at ${p.pointer || '/'}: ${p.message}`).join('\n')}`);
  return { result, sha256: sha256Hex(text) };
}

/** A mapping file loaded (ours or an AEP mapping set), with the sha256 of its text; a usage error when it cannot be used. */
export async function loadMappingFile(path: string): Promise<{ result: Extract<MappingLoadResult, { ok: true }>; sha256: string }> {
  const text = await readText(path, 'mapping file');
  const result = loadMappingText(text);
  if (!result.ok) throw new UsageError(`mapping "${path}" cannot be used:\n${result.problems.map((p) => `  at ${p.pointer || '/'}: ${p.message}`).join('\n')}`);
  return { result, sha256: sha256Hex(text) };
}
