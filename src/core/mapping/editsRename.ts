import { walk } from '../expr/ast';
import { RESERVED, type Token, tokenize } from '../expr/lexer';
import { parseExpression } from '../expr/parser';
import { headerFingerprint } from '../hash';
import type { EditResult } from './edits';
import type { MappingDocument } from './mapping.types';

/**
 * Column renames in a mapping. Formulas are rewritten through the expression parser: only the
 * tokens of a column reference change, so a string literal that happens to hold the old name
 * (`concat("my Color is ", Color)`) keeps it, and every other character stays as written.
 */

export type RewriteResult = { ok: true; text: string; changed: boolean } | { ok: false; message: string };

const BARE = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

/** How a column name is written in a formula: bare when it can be, else `${…}` with `\` and `}` escaped. */
export function columnReference(name: string, braced = false): string {
  if (!braced && BARE.test(name) && !RESERVED.has(name) && name !== 'true' && name !== 'false' && name !== 'null') return name;
  return `\${${name.replace(/[\\}]/g, (c) => `\\${c}`)}}`;
}

/** Where a token ends: the next token starts after it, past any whitespace. */
function tokenEnd(src: string, tokens: readonly Token[], i: number): number {
  const t = tokens[i]!;
  const next = tokens[i + 1]?.pos ?? src.length;
  return t.pos + src.slice(t.pos, next).trimEnd().length;
}

/** Path segments a name token contributes: a braced name splits on its unescaped dots. */
function segmentsOf(t: Token): number {
  if (t.kind !== 'braced') return 1;
  let n = 1;
  for (let i = 0; i < t.value.length; i++) {
    if (t.value[i] === '\\') i++;
    else if (t.value[i] === '.') n++;
  }
  return n;
}

/**
 * A formula with its references to renamed columns rewritten; `renames` maps old names to new
 * ones, all applied at once (so two columns can swap names). A formula that does not parse is
 * refused, never patched by guesswork.
 */
export function renameInExpression(src: string, renames: ReadonlyMap<string, string>): RewriteResult {
  const parsed = parseExpression(src);
  if (!parsed.ok) return { ok: false, message: parsed.error.message };
  const lexed = tokenize(src);
  if (!lexed.ok) return { ok: false, message: lexed.error.message };
  const tokens = lexed.tokens;
  const at = new Map(tokens.map((t, i) => [t.pos, i]));
  const spans: { start: number; end: number; text: string }[] = [];
  walk(parsed.expr, (e) => {
    if (e.type !== 'field') return;
    const to = renames.get(e.path.join('.'));
    if (to === undefined) return;
    const first = at.get(e.pos);
    if (first === undefined) return;
    // A reference is its first name token, then `.name` pairs until its path is covered.
    let i = first;
    let covered = segmentsOf(tokens[i]!);
    while (covered < e.path.length && tokens[i + 1]?.kind === 'op' && tokens[i + 2]) {
      i += 2;
      covered += segmentsOf(tokens[i]!);
    }
    spans.push({ start: e.pos, end: tokenEnd(src, tokens, i), text: columnReference(to, e.braced) });
  });
  if (!spans.length) return { ok: true, text: src, changed: false };
  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let from = 0;
  for (const s of spans) {
    out += src.slice(from, s.start) + s.text;
    from = s.end;
  }
  out += src.slice(from);
  return { ok: true, text: out, changed: out !== src };
}

/**
 * Renames columns throughout a mapping: the entries that read them, the formulas that refer
 * to them, and the document's list of source columns (with its fingerprint). A new name that
 * is already a column of the document is refused, unless that column is renamed too.
 */
export function renameColumns(doc: MappingDocument, renames: ReadonlyMap<string, string>): EditResult {
  for (const [from, to] of renames) {
    if (!to.trim()) return { ok: false, code: 'EMPTY_NAME', message: `a new name for "${from}" cannot be empty` };
    if (to !== from && doc.source.columns.includes(to) && !renames.has(to))
      return { ok: false, code: 'NAME_TAKEN', message: `"${to}" is already a column of this mapping` };
  }
  const warnings: string[] = [];
  let changed = false;
  const mappings = doc.mappings.map((m) => {
    if (m.sourceType === 'ATTRIBUTE') {
      const to = renames.get(m.source);
      if (to === undefined || to === m.source) return m;
      changed = true;
      return { ...m, source: to };
    }
    if (m.sourceType !== 'EXPRESSION') return m;
    const r = renameInExpression(m.source, renames);
    if (!r.ok) {
      warnings.push(`the formula for "${m.destination}" does not parse (${r.message}) and was left as written`);
      return m;
    }
    if (!r.changed) return m;
    changed = true;
    return { ...m, source: r.text };
  });
  const columns = doc.source.columns.map((c) => renames.get(c) ?? c);
  const columnsChanged = columns.some((c, i) => c !== doc.source.columns[i]);
  if (!changed && !columnsChanged) return { ok: true, doc, warnings };
  const source = columnsChanged
    ? { ...doc.source, columns, ...(doc.source.headerFingerprint ? { headerFingerprint: headerFingerprint(columns) } : {}) }
    : doc.source;
  return { ok: true, doc: { ...doc, source, mappings }, warnings };
}

/** Renames one column: `renameColumns` with a single pair. */
export function renameColumn(doc: MappingDocument, from: string, to: string): EditResult {
  return renameColumns(doc, new Map([[from, to]]));
}

/** The document made for `header`: its column list and fingerprint follow the file's. */
export function adoptHeader(doc: MappingDocument, header: readonly string[]): MappingDocument {
  const fingerprint = headerFingerprint(header);
  if (doc.source.headerFingerprint === fingerprint && doc.source.columns.join('\u0000') === header.join('\u0000')) return doc;
  return { ...doc, source: { ...doc.source, columns: [...header], headerFingerprint: fingerprint } };
}
