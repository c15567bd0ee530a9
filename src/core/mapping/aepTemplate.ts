import Papa from 'papaparse';
import { toAepMappingSet } from './aep';
import type { MappingDocument, MappingProblem } from './mapping.types';

/**
 * AEP's mapping template: the CSV file that the mapping step's "Download template" writes and
 * "Upload template" reads, one mapping a row. Its columns carry the fields of a mapping-set
 * entry, so a template and a mapping set describe the same mappings.
 */
export const TEMPLATE_COLUMNS = ['sourceType', 'source', 'destination', 'name', 'description'] as const;
type TemplateColumn = (typeof TEMPLATE_COLUMNS)[number];

/**
 * Header spellings a template may use for each column (compared without case, spaces, dashes
 * and underscores): the mapping-set field names, the mapping screen's labels ("Source field",
 * "Target field"), and the legacy API's names.
 */
const HEADER_NAMES: Readonly<Record<TemplateColumn, readonly string[]>> = {
  sourceType: ['sourcetype', 'type', 'mappingtype', 'sourcefieldtype', 'fieldtype'],
  source: ['source', 'sourcefield', 'sourceattribute', 'sourcepath', 'sourcecolumn'],
  destination: ['destination', 'destinationfield', 'target', 'targetfield', 'destinationxdmpath', 'xdmpath', 'targetpath'],
  name: ['name', 'mappingname'],
  description: ['description', 'mappingdescription'],
};

const fold = (h: string): string => h.toLowerCase().replace(/[\s_-]+/g, '');
const columnOf = new Map<string, TemplateColumn>(TEMPLATE_COLUMNS.flatMap((c) => HEADER_NAMES[c].map((h) => [h, c] as const)));

/**
 * The header row of a template, when the text's first line is one (a source and a destination
 * column), and its delimiter: a comma, or the semicolon or tab a spreadsheet may save with.
 */
function templateHeader(text: string): { columns: (TemplateColumn | null)[]; delimiter: string } | null {
  const first = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  if (first.trimStart().startsWith('{') || first.trimStart().startsWith('[')) return null;
  const parsed = Papa.parse<string[]>(first, { delimitersToGuess: [',', ';', '\t'] });
  const columns = (parsed.data[0] ?? []).map((c) => columnOf.get(fold(c)) ?? null);
  return columns.includes('source') && columns.includes('destination') ? { columns, delimiter: parsed.meta.delimiter } : null;
}

/** True when the text is a mapping template (CSV with a source and a destination column). */
export function isAepTemplate(text: string): boolean {
  return templateHeader(text) !== null;
}

/** Mapping-set entries read from a template, each with the line it came from. */
export interface TemplateEntries {
  set: { mappings: Record<string, string>[] };
  /** The 1-based line of each entry, for messages about it. */
  lines: number[];
  warnings: string[];
}

/**
 * Reads a template into an AEP mapping set (`{mappings: [{sourceType, source, destination}]}`),
 * which the mapping loader then checks like any other. Empty rows are skipped; an empty source
 * type is ATTRIBUTE, as in a mapping set. Unknown columns are reported, not read.
 */
export function readAepTemplate(text: string): { ok: true; entries: TemplateEntries } | { ok: false; problems: MappingProblem[] } {
  const found = templateHeader(text);
  if (!found)
    return { ok: false, problems: [{ pointer: 'line 1', message: 'not a mapping template: the first line needs a "source" and a "destination" column' }] };
  const header = found.columns;
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: found.delimiter, skipEmptyLines: false });
  const rows = parsed.data;
  const problems: MappingProblem[] = parsed.errors
    .filter((e) => e.type === 'Quotes')
    .map((e) => ({ pointer: `line ${(e.row ?? 0) + 1}`, message: `${e.message} (a quoted field is not closed)` }));
  const warnings = (rows[0] ?? [])
    .filter((_, i) => header[i] === null && rows[0]![i]!.trim() !== '')
    .map((h) => `template column "${h}" is not part of a mapping and was ignored`);
  const mappings: Record<string, string>[] = [];
  const lines: number[] = [];
  // Lines are counted in the text, since quoted cells may hold line breaks.
  let line = 1 + lineBreaks(rows[0] ?? []);
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r]!;
    line += 1;
    const at = line;
    line += lineBreaks(cells);
    if (cells.every((c) => c.trim() === '')) continue;
    const entry: Record<string, string> = Object.create(null);
    header.forEach((col, i) => {
      const cell = cells[i];
      if (col && cell !== undefined && cell !== '') entry[col] = cell;
    });
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== ''))
      problems.push({ pointer: `line ${at}`, message: `the row has ${cells.length} cells, the header ${header.length}` });
    if (entry.destination === undefined) problems.push({ pointer: `line ${at}`, message: 'the row has no destination' });
    if (entry.source === undefined) entry.source = '';
    entry.sourceType = entry.sourceType?.trim().toUpperCase() || 'ATTRIBUTE';
    mappings.push({ ...entry });
    lines.push(at);
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, entries: { set: { mappings }, lines, warnings } };
}

const lineBreaks = (cells: readonly string[]): number => cells.reduce((n, c) => n + (c.match(/\r\n|\n|\r/g)?.length ?? 0), 0);

/**
 * A mapping as AEP's template: a header row, then one row per mapping-set entry (the same
 * entries as {@link toAepMappingSet}), quoted where a cell needs it, CRLF line ends.
 */
export function toAepTemplate(doc: MappingDocument, typeOf?: (destination: string) => string | undefined): string {
  const entries = (toAepMappingSet(doc, typeOf).mappings as Record<string, string | undefined>[]).map((e) => TEMPLATE_COLUMNS.map((c) => e[c] ?? ''));
  return `${Papa.unparse({ fields: [...TEMPLATE_COLUMNS], data: entries }, { newline: '\r\n', quotes: false })}\r\n`;
}
