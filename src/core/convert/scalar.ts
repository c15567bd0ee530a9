/**
 * The scalar value types a single text can be converted to, named as XDM names them. This is
 * the bottom layer: the schema's own type list (which adds objects, arrays and maps) is built
 * on these names, so conversion never needs to know what a schema is.
 */
export type ScalarType = 'string' | 'byte' | 'short' | 'int' | 'long' | 'number' | 'boolean' | 'date' | 'date-time';

/** Inclusive value range of each integer type; `long` is capped at what a double holds exactly. */
export const INTEGER_RANGE: Partial<Record<string, readonly [number, number]>> = {
  byte: [-128, 127],
  short: [-32768, 32767],
  int: [-2147483648, 2147483647],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

export type IntegerType = 'byte' | 'short' | 'int' | 'long';
export const isIntegerType = (t: string): t is IntegerType => t === 'byte' || t === 'short' || t === 'int' || t === 'long';
