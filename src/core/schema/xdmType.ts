import type { Field, XdmType } from './field.types';

const XDM_TYPES = new Set<XdmType>(['string', 'byte', 'short', 'int', 'long', 'number', 'boolean', 'date', 'date-time', 'object', 'array', 'map']);

/** AEP also reports `double` and `integer` in places; fold them onto the XDM names. */
const ALIASES: Record<string, XdmType> = { double: 'number', float: 'number', integer: 'int', datetime: 'date-time' };

/**
 * The XDM type of a JSON Schema node: the explicit `meta:xdmType` when present, otherwise
 * derived the way the Schema Registry derives it (format for dates, min/max for integer width,
 * `additionalProperties`-only objects are maps).
 */
export function deriveXdmType(node: Record<string, unknown>): XdmType | null {
  const explicit = node['meta:xdmType'];
  if (typeof explicit === 'string') {
    const t = (Object.hasOwn(ALIASES, explicit) ? ALIASES[explicit] : explicit) as XdmType;
    if (XDM_TYPES.has(t)) return t;
  }
  let type = node.type;
  if (Array.isArray(type)) type = type.find((t) => t !== 'null');
  switch (type) {
    case 'string':
      if (node.format === 'date') return 'date';
      if (node.format === 'date-time') return 'date-time';
      return 'string';
    case 'integer':
      return integerWidth(node.minimum, node.maximum);
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'array';
    case 'object':
      if (!node.properties && node.additionalProperties && typeof node.additionalProperties === 'object') return 'map';
      return 'object';
    default:
      if (node.properties) return 'object';
      return null;
  }
}

/** Integer width from a range, as the registry does: the narrowest type that holds it. */
function integerWidth(min: unknown, max: unknown): XdmType {
  if (typeof min !== 'number' || typeof max !== 'number') return 'long';
  if (min >= -128 && max <= 127) return 'byte';
  if (min >= -32768 && max <= 32767) return 'short';
  if (min >= -2147483648 && max <= 2147483647) return 'int';
  return 'long';
}

/** The type a value is written as: an array's item type for `name[]` destinations. */
export function writeTypeOf(field: Field): XdmType {
  return field.xdmType === 'array' ? (field.itemType ?? 'string') : field.xdmType;
}
