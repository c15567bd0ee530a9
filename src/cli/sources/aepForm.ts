import type { MappingDocument, MappingEntry } from '../../core/mapping/mapping.types';

/**
 * A column in Data Prep's expression language, always braced: a bare name could be one of its
 * reserved words or function names, and a dot must be escaped or it reads as a path
 * (`${First\.Name}`, as the Data Prep functions guide writes it).
 */
const column = (name: string) => `\${${name.replace(/[\\}.]/g, (c) => `\\${c}`)}}`;

/** A text as a string literal of Data Prep's expression language. */
const literal = (text: string) => `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** What AEP is sent in place of an entry, and why, in the user's terms. */
export interface Rewrite {
  /** 0-based index of the entry in the mapping. */
  index: number;
  expression: string;
  reason: string;
}

/**
 * Our mapping in the form AEP's mapping sets can hold. A mapping set keeps only sourceType,
 * source and destination: a setting (a column's stated date format) would be lost there, and
 * Data Prep would read the column with its own list of formats instead (a day-first 03/04/2024
 * read as March 4th). Each such entry becomes the expression that reads the same, which our
 * engine runs as well (`date(${Order Date}, "dd/MM/yyyy")`), so `check --online` compares the
 * very mapping `deploy` sends. Notes name what AEP cannot hold at all.
 */
export function aepForm(doc: MappingDocument): { doc: MappingDocument; rewrites: Rewrite[]; notes: string[] } {
  const rewrites: Rewrite[] = [];
  const mappings = doc.mappings.map((m, index): MappingEntry => {
    const format = m.settings?.dateFormat;
    const { settings: _settings, ...rest } = m;
    if (!format || m.sourceType === 'EXPRESSION') return rest;
    const value = m.sourceType === 'ATTRIBUTE' ? column(m.source) : literal(m.source);
    const expression = `date(${value}, ${literal(format)})`;
    rewrites.push({ index, expression, reason: `its date format ${format}` });
    return { ...rest, sourceType: 'EXPRESSION', source: expression };
  });
  const notes =
    doc.options?.emptyCells === 'null'
      ? ['the mapping writes empty cells as null; AEP leaves them out, which its datasets read the same way (a null field is an absent one)']
      : [];
  return { doc: { ...doc, mappings }, rewrites, notes };
}

/** One line per rewritten entry and note, for the user before anything is sent. */
export function describeAepForm(doc: MappingDocument, form: ReturnType<typeof aepForm>): string[] {
  return [
    ...form.rewrites.map((r) => {
      const m = doc.mappings[r.index]!;
      return `mapping ${r.index + 1} (${m.source} -> ${m.destination}): ${r.reason} goes to AEP as ${r.expression}`;
    }),
    ...form.notes.map((n) => `note: ${n}`),
  ];
}
