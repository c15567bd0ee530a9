/**
 * Shared vocabulary of the core. Branded strings keep a CSV column name and an XDM field path
 * from being confused with each other at compile time.
 */

/** A CSV column name exactly as it appears in the header row. */
export type ColumnName = string & { readonly __brand: 'ColumnName' };
/** A dot path into an XDM record: `person.name.firstName`, `productListItems[].SKU`. */
export type FieldPath = string & { readonly __brand: 'FieldPath' };

export const asColumn = (s: string): ColumnName => s as ColumnName;
export const asPath = (s: string): FieldPath => s as FieldPath;

/** Stable machine-readable codes for everything that can go wrong with a row or a cell. */
export type RowErrorCode =
  | 'CSV_UNCLOSED_QUOTE'
  | 'CSV_MALFORMED_QUOTE'
  | 'CSV_TOO_FEW_FIELDS'
  | 'CSV_TOO_MANY_FIELDS'
  | 'CSV_ROW_TOO_LONG'
  | 'TYPE_BOOLEAN'
  | 'TYPE_INTEGER'
  | 'TYPE_INTEGER_RANGE'
  | 'TYPE_NUMBER'
  | 'TYPE_DATE'
  | 'TYPE_DATETIME'
  | 'TYPE_ENUM'
  | 'EXPRESSION_UNSUPPORTED'
  | 'EXPRESSION_ERROR'
  | 'REQUIRED_MISSING'
  | 'SCHEMA_VIOLATION'
  | 'RECORD_TOO_LARGE';

/**
 * One problem with one input row: a field that failed conversion (the row still goes in with
 * that field nulled) or a rejection (the row does not go in). Errors are values, never thrown.
 */
export interface RowError {
  /** 1-based data row (the header is not counted). */
  row: number;
  /** 1-based physical line where the row starts in the file. */
  line: number;
  /** Source column, when one can be named. */
  column: string | null;
  /** Offending cell value, when there is one. */
  value: string | null;
  /** Destination field path, when the error concerns one. */
  destination?: string;
  code: RowErrorCode;
  message: string;
  /** True when the whole row was rejected because of this error. */
  rejected: boolean;
  /** The raw text of an unparsable row, as in AEP's error files. */
  _corrupt_record?: string;
}

/** Plain own-property check that never consults the prototype chain. */
export const hasOwn = (o: object, k: string): boolean => Object.hasOwn(o, k);
