import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { compileValidator } from '../core/validate/validator';
import { loadSchemaFile } from './files';
import { type Io, UsageError } from './io';
import { type CommandSpec, helpOf, JSON_OPTION, parseCommand, printSummary, text, wholeNumber } from './options';

const VALIDATE_OPTIONS = {
  schema: text('FILE', 'XDM schema (xed-full) or JSON Schema'),
  'max-report': text('N', 'invalid records printed (default 50); all are counted', wholeNumber(), { default: 50 }),
  ...JSON_OPTION,
};

export const VALIDATE: CommandSpec<typeof VALIDATE_OPTIONS> = {
  name: 'validate',
  usage: 'validate --schema S.json FILE.jsonl [--max-report N]',
  about: `Checks records from anywhere against an XDM schema: JSON Lines (one record per line) or a JSON
array. Prints each invalid record's line and what is wrong; exits 1 when any record is invalid.`,
  options: VALIDATE_OPTIONS,
  footer: 'Exit status: 0 every record valid; 1 some record invalid; 2 bad arguments, or a schema or file that cannot be used.\n',
};

export const VALIDATE_HELP = helpOf(VALIDATE);

export async function validateCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals, help } = parseCommand(VALIDATE, argv);
  if (help) {
    io.out(VALIDATE_HELP);
    return 0;
  }
  if (!values.schema) throw new UsageError('validate needs --schema FILE');
  if (positionals.length !== 1) throw new UsageError('validate needs exactly one records file');
  const maxReport = values['max-report'];
  const schema = await loadSchemaFile(values.schema);
  const v = compileValidator(schema.result.tree.jsonSchema);
  if (!v.ok) throw new UsageError(v.message);
  const file = positionals[0]!;
  let records = 0;
  let invalid = 0;
  const reported: { where: string; messages: string[] }[] = [];
  const report = (where: string, msgs: string[]) => {
    invalid++;
    if (invalid > maxReport) return;
    if (values.json) reported.push({ where, messages: msgs });
    else io.out(`${where}: ${msgs.join('; ')}\n`);
  };
  const check = (rec: unknown, where: string) => {
    records++;
    const violations = v.validator.validate(rec);
    if (violations.length)
      report(
        where,
        violations.map((x) => x.message),
      );
  };
  const stream = createReadStream(file, { encoding: 'utf8' });
  stream.on('error', () => {});
  let first = true;
  let arrayText: string[] | null = null;
  try {
    for await (const line of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
      if (first && line.trimStart().startsWith('[')) arrayText = [];
      first = false;
      if (arrayText) {
        arrayText.push(line);
        continue;
      }
      if (line.trim() === '') continue;
      let rec: unknown;
      try {
        rec = JSON.parse(line);
      } catch (e) {
        report(`line ${records + 1}`, [`not JSON: ${(e as Error).message}`]);
        records++;
        continue;
      }
      check(rec, `line ${records + 1}`);
    }
  } catch (e) {
    throw new UsageError(`cannot read "${file}": ${(e as Error).message}`);
  }
  if (arrayText) {
    let arr: unknown;
    try {
      arr = JSON.parse(arrayText.join('\n'));
    } catch (e) {
      throw new UsageError(`"${file}" starts like a JSON array but is not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(arr)) throw new UsageError(`"${file}" is not a JSON array`);
    for (let i = 0; i < arr.length; i++) check(arr[i], `record ${i + 1}`);
  }
  if (invalid > maxReport && !values.json) io.out(`… and ${invalid - maxReport} more invalid records\n`);
  io.err(`${records} records checked against ${schema.result.tree.title}: ${records - invalid} valid, ${invalid} invalid\n`);
  const code = invalid ? 1 : 0;
  if (values.json)
    printSummary(io, {
      command: 'validate',
      ok: code === 0,
      exitCode: code,
      file,
      schema: { path: values.schema, id: schema.result.tree.id, title: schema.result.tree.title },
      records,
      valid: records - invalid,
      invalid,
      invalidRecords: reported,
    });
  return code;
}
