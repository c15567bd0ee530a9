import { writeFile } from 'node:fs/promises';
import { toAepLegacy, toAepMappingSet } from '../core/mapping/aep';
import { toAepTemplate } from '../core/mapping/aepTemplate';
import { loadMappingText, serializeMapping } from '../core/mapping/document';
import { destinationType } from '../core/mapping/entryReadings';
import type { MappingDocument } from '../core/mapping/mapping.types';
import { loadMappingFile, loadSchemaFile } from './files';
import { type Io, UsageError } from './io';
import { type CommandSpec, helpOf, oneOf, parseCommand, text } from './options';

const CONVERT_OPTIONS = {
  to: text('FORMAT', 'xdm-mapper | aep | aep-legacy | aep-template', oneOf('xdm-mapper', 'aep', 'aep-legacy', 'aep-template')),
  out: text('FILE', 'write the result here instead of stdout'),
  schema: text('FILE', 'the target schema, named in the result (a template does not name it)'),
};

export const CONVERT: CommandSpec<typeof CONVERT_OPTIONS> = {
  name: 'convert',
  usage: 'convert MAPPING --to FORMAT [--out FILE] [--schema S.json]',
  about: `Converts a mapping between xdm-mapper's document and AEP's formats. The input may be any of
them (it is detected). FORMAT is one of:
  xdm-mapper     our versioned document (for git and for apply)
  aep            an AEP Data Prep mapping set: {outputSchema, mappings: [{sourceType, source, destination}]}
  aep-legacy     the legacy [{sourceAttribute, destinationXdmPath}] entries (ATTRIBUTE entries only)
  aep-template   AEP's mapping template, the CSV file of the mapping screen's "Download template"
                 and "Upload template" (sourceType, source, destination, name, description)
Prints to stdout unless --out is given.`,
  options: CONVERT_OPTIONS,
};

export const CONVERT_HELP = helpOf(CONVERT);

export async function convertCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals, help } = parseCommand(CONVERT, argv);
  if (help) {
    io.out(CONVERT_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('convert needs exactly one mapping file');
  const to = values.to;
  if (!to) throw new UsageError('convert needs --to xdm-mapper, aep, aep-legacy or aep-template');
  const { result } = await loadMappingFile(positionals[0]!);
  for (const w of result.warnings) io.err(`warning: ${w}\n`);
  let doc: MappingDocument = result.doc;
  // With the schema, each reading is written for its field's type (a date-time, an integer).
  let typeOf: ((destination: string) => string | undefined) | undefined;
  if (values.schema) {
    const tree = (await loadSchemaFile(values.schema)).result.tree;
    doc = { ...doc, target: { ...doc.target, schemaId: tree.id, title: tree.title, tenant: tree.tenant } };
    typeOf = (d) => destinationType(tree, d);
  } else if (!doc.target.schemaId && to !== 'aep-template' && to !== 'aep-legacy')
    io.err('warning: the mapping does not name its target schema (give it with --schema S.json)\n');
  let text: string;
  if (to === 'xdm-mapper') text = serializeMapping(doc);
  else if (to === 'aep') text = `${JSON.stringify(toAepMappingSet(doc, typeOf), null, 2)}\n`;
  else if (to === 'aep-template') text = toAepTemplate(doc, typeOf);
  else {
    const legacy = toAepLegacy(doc);
    if (legacy.dropped) io.err(`warning: ${legacy.dropped} STATIC or EXPRESSION entries have no legacy form and were left out\n`);
    text = `${JSON.stringify(legacy.mappings, null, 2)}\n`;
  }
  if (to === 'aep' || to === 'aep-template') warnLost(doc, text, io);
  if (values.out) await writeFile(values.out, text);
  else io.out(text);
  return 0;
}

/** Reads the converted text back and names the entries it does not carry as they were (per-entry settings, …). */
function warnLost(doc: MappingDocument, text: string, io: Io): void {
  const back = loadMappingText(text);
  const kept = back.ok ? new Set(back.doc.mappings.map((m) => JSON.stringify(m))) : new Set<string>();
  const lost = doc.mappings.filter((m) => !kept.has(JSON.stringify(m)));
  if (lost.length)
    io.err(
      `warning: ${lost.length} entr${lost.length === 1 ? 'y does' : 'ies do'} not come back the same from this format: ${lost
        .map((m) => `${m.destination}${m.settings ? ` (settings ${JSON.stringify(m.settings)})` : ''}`)
        .join(', ')}\n`,
    );
}
