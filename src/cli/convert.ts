import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { toAepLegacy, toAepMappingSet } from '../core/mapping/aep';
import { serializeMapping } from '../core/mapping/document';
import { type Io, loadMappingFile, UsageError } from './io';

export const CONVERT_HELP = `xdm-mapper convert MAPPING.json --to FORMAT [--out FILE]

Converts a mapping between xdm-mapper's document and AEP's mapping-set formats. The input may be
any of them (it is detected). FORMAT is one of:
  xdm-mapper   our versioned document (for git and for apply)
  aep          an AEP Data Prep mapping set: {outputSchema, mappings: [{sourceType, source, destination}]}
  aep-legacy   the legacy [{sourceAttribute, destinationXdmPath}] entries (ATTRIBUTE entries only)
Prints to stdout unless --out is given.
`;

export async function convertCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { to: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.out(CONVERT_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('convert needs exactly one mapping file');
  const to = values.to;
  if (to !== 'xdm-mapper' && to !== 'aep' && to !== 'aep-legacy') throw new UsageError('--to must be xdm-mapper, aep or aep-legacy');
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
