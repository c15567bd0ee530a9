import type { Expr } from './ast';

/**
 * Arguments that name an attribute of the objects a function is given, which AEP's reference
 * writes without quotes: `object_to_map(addresses, type)` keys the objects of `addresses` by
 * their `type`. Function name -> the argument's index, and the argument count it applies to.
 */
const ATTRIBUTE_ARGUMENTS: Readonly<Record<string, { index: number; argc: number }>> = {
  object_to_map: { index: 1, argc: 2 },
  array_to_map: { index: 1, argc: 2 },
};

/**
 * Reads a bare name in an attribute position as the attribute's name when the file has no
 * column of that name (the only reading that could run). A name that is a column stays the
 * column, as everywhere else in the language; `${name}` is always the column. Changes the call
 * node in place; run before its arguments are resolved.
 */
export function readAttributeNames(call: Extract<Expr, { type: 'call' }>, isColumn: (name: string) => boolean): void {
  const rule = Object.hasOwn(ATTRIBUTE_ARGUMENTS, call.name) ? ATTRIBUTE_ARGUMENTS[call.name] : undefined;
  if (!rule || call.args.length !== rule.argc) return;
  const arg = call.args[rule.index];
  if (arg?.type !== 'field' || arg.braced || arg.path.length !== 1) return;
  const name = arg.path[0]!;
  if (!isColumn(name)) call.args[rule.index] = { type: 'literal', value: name, pos: arg.pos };
}
