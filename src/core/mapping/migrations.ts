import { CURRENT_VERSION } from './mapping.types';

/**
 * Migrations from each older document version to the next. Version 1 is the first published
 * version, so the chain is empty today; a change to the format adds `1: (doc) => v2doc` here
 * and a test with a real v1 document beside it.
 */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type MigrationResult = { ok: true; doc: Record<string, unknown>; from: number } | { ok: false; message: string };

/** Brings a document of any known version up to the current one, one step at a time. */
export function migrate(
  doc: Record<string, unknown>,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  current: number = CURRENT_VERSION,
): MigrationResult {
  const from = doc.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1)
    return { ok: false, message: `"version" must be a whole number from 1 to ${current}, found ${JSON.stringify(from)}` };
  if (from > current)
    return {
      ok: false,
      message: `this mapping is version ${from}, written by a newer xdm-mapper; this one reads up to version ${current}: upgrade xdm-mapper`,
    };
  let out = doc;
  for (let v = from; v < current; v++) {
    const step = migrations[v];
    if (!step) return { ok: false, message: `no migration from version ${v} to ${v + 1}` };
    out = step(out);
    if (out.version !== v + 1) return { ok: false, message: `migration from version ${v} did not produce version ${v + 1}` };
  }
  return { ok: true, doc: out, from };
}
