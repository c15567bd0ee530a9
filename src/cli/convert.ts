import { writeFile } from 'node:fs/promises';
import { toAepLegacy, toAepMappingSet } from '../core/mapping/aep';
import { serializeMapping } from '../core/mapping/document';
import { loadMappingFile } from './files';
import { type Io, UsageError } from './io';
import { type CommandSpec, helpOf, oneOf, parseCommand, text } from './options';

const CONVERT_OPTIONS = {
  to: text('FORMAT', 'xdm-mapper | aep | aep-legacy', oneOf('xdm-mapper', 'aep', 'aep-legacy')),
  out: text('FILE', 'write the result here instead of stdout'),
};

export const CONVERT: CommandSpec<typeof CONVERT_OPTIONS> = {
  name: 'convert',
  usage: 'convert MAPPING.json --to FORMAT [--out FILE]',
  about: `Converts a mapping between xdm-mapper's document and AEP's mapping-set formats. The input may be
any of them (it is detected). FORMAT is one of:
  xdm-mapper   our versioned document (for git and for apply)
  aep          an AEP Data Prep mapping set: {outputSchema, mappings: [{sourceType, source, destination}]}
  aep-legacy   the legacy [{sourceAttribute, destinationXdmPath}] entries (ATTRIBUTE entries only)
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
  if (!to) throw new UsageError('convert needs --to xdm-mapper, aep or aep-legacy');
  const { result } = await loadMappingFile(positionals[0]!);
  for (const w of result.warnings) io.err(`warning: ${w}\n`);
  let text: string;
  if (to === 'xdm-mapper') text = serializeMapping(result.doc);
  else if (to === 'aep') text = `${JSON.stringify(toAepMappingSet(result.doc), null, 2)}\n`;
  else {
    const legacy = toAepLegacy(result.doc);
    if (legacy.dropped) io.err(`warning: ${legacy.dropped} STATIC or EXPRESSION entries have no legacy form and were left out\n`);
    text = `${JSON.stringify(legacy.mappings, null, 2)}\n`;
  }
  if (values.out) await writeFile(values.out, text);
  else io.out(text);
  return 0;
}
