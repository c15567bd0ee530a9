import { parseArgs } from 'node:util';
import { type Io, UsageError } from './io';

/**
 * One command-line option, described once: the same description parses the flag, checks its
 * value and writes its line of help. Commands are built from shared groups of options, so
 * `--max-errors` means (and is checked) the same in apply, ingest and watch.
 */
export interface OptionSpec<T> {
  kind: 'string' | 'boolean';
  /** The value's placeholder in the help (`PCT`, `FILE`); none for a boolean. */
  arg?: string;
  help: string;
  /** Given more than once, the values are collected in order. */
  multiple?: boolean;
  /** Turns the text into the value, or throws a UsageError that says what was expected. */
  parse: (text: string, flag: string) => T;
  default?: T;
}

type Specs = Record<string, OptionSpec<unknown>>;

/** The parsed value of each option: its parsed type, undefined when absent and without default. */
export type Values<S extends Specs> = { [K in keyof S]: ValueOf<S[K]> };
type ValueOf<O> = O extends OptionSpec<infer T> ? (O extends { multiple: true } ? T[] : O extends { default: unknown } ? T : T | undefined) : never;

export interface CommandSpec<S extends Specs> {
  name: string;
  /** The synopsis line after `xdm-mapper `. */
  usage: string;
  /** What the command does, a paragraph. */
  about: string;
  options: S;
  /** Extra help after the options: credentials, exit codes. */
  footer?: string;
}

/** A text option whose value is checked by `parse`. */
export function text<T = string, E extends Partial<OptionSpec<T>> = Record<never, never>>(
  arg: string,
  help: string,
  parse?: (text: string, flag: string) => T,
  extra?: E,
): OptionSpec<T> & E {
  return { kind: 'string', arg, help, parse: parse ?? ((t) => t as T), ...(extra as E) };
}

/** An on/off flag. */
export function flag(help: string): OptionSpec<boolean> & { default: boolean } {
  return { kind: 'boolean', help, parse: () => true, default: false };
}

/**
 * `--json`, shared by every command that has a summary: the summary goes to stdout as one JSON
 * object (for scripts and CI), while messages for people stay on stderr.
 */
export const JSON_OPTION = {
  json: flag('print the summary as one JSON object on stdout (for scripts and CI); messages stay on stderr'),
};

/** Writes a command's summary: one JSON object, one line. */
export function printSummary(io: Io, summary: { command: string; ok: boolean; exitCode: number } & Record<string, unknown>): void {
  io.out(`${JSON.stringify(summary)}\n`);
}

/** A percentage from 0 to 100. */
export function percent(text: string, flag: string): number {
  const n = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 0 && n <= 100)) throw new UsageError(`--${flag} must be a percentage from 0 to 100, got "${text}"`);
  return n;
}

/** A whole number of at least `min`. */
export const wholeNumber =
  (min = 0) =>
  (text: string, flag: string): number => {
    const n = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
    if (!(Number.isSafeInteger(n) && n >= min)) throw new UsageError(`--${flag} must be a whole number${min ? ` of at least ${min}` : ''}, got "${text}"`);
    return n;
  };

/** One of a fixed list of words. */
export const oneOf =
  <T extends string>(...words: T[]) =>
  (text: string, flag: string): T => {
    if (!(words as string[]).includes(text)) throw new UsageError(`--${flag} must be ${words.map((w) => `"${w}"`).join(' or ')}, got "${text}"`);
    return text as T;
  };

/** Parses a command line against a command's options; unknown flags and bad values are usage errors. */
export function parseCommand<S extends Specs>(spec: CommandSpec<S>, argv: string[]): { values: Values<S>; positionals: string[]; help: boolean } {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = { help: { type: 'boolean' } };
  for (const [name, o] of Object.entries(spec.options)) options[name] = { type: o.kind, ...(o.multiple ? { multiple: true } : {}) };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const raw = parsed.values as Record<string, string | boolean | (string | boolean)[] | undefined>;
  const values: Record<string, unknown> = Object.create(null);
  for (const [name, o] of Object.entries(spec.options)) {
    const given = Object.hasOwn(raw, name) ? raw[name] : undefined;
    if (given === undefined) values[name] = o.multiple ? [] : o.default;
    else if (o.kind === 'boolean') values[name] = true;
    else if (Array.isArray(given)) values[name] = given.map((g) => o.parse(String(g), name));
    else values[name] = o.parse(String(given), name);
  }
  return { values: values as Values<S>, positionals: parsed.positionals, help: raw.help === true };
}

/** The command's help text, written from its option table. */
export function helpOf(spec: CommandSpec<Specs>): string {
  const rows = Object.entries(spec.options).map(([name, o]) => [`--${name}${o.arg ? ` ${o.arg}` : ''}`, o.help] as const);
  const width = Math.min(26, Math.max(...rows.map(([l]) => l.length)) + 2);
  const lines = rows.map(([left, help]) => {
    const [first, ...more] = help.split('\n');
    const pad = left.length + 2 > width ? `\n  ${' '.repeat(width)}` : ' '.repeat(width - left.length);
    return `  ${left}${pad}${first}${more.map((m) => `\n  ${' '.repeat(width)}${m}`).join('')}`;
  });
  return `xdm-mapper ${spec.usage}\n\n${spec.about}\n\nOptions:\n${lines.join('\n')}\n${spec.footer ? `\n${spec.footer}` : ''}`;
}
