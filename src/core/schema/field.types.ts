import type { ScalarType } from '../convert/scalar';
import type { FieldPath } from '../types';

/** XDM's own type names (`meta:xdmType`); integer widths are separate types. */
export type XdmType = ScalarType | 'object' | 'array' | 'map';

export interface Identity {
  namespace: string;
  primary: boolean;
}

/** One node of a schema's field tree. */
export interface Field {
  /** Dot path; array items are written `name[]` (`productListItems[].SKU`). */
  path: FieldPath;
  /** The last segment of the path, without `[]`. */
  key: string;
  parent: FieldPath | null;
  xdmType: XdmType;
  /** For arrays: the type of each item. */
  itemType?: XdmType;
  title: string;
  description: string;
  format?: string;
  enum?: readonly (string | number | boolean)[];
  /** `meta:enum`: value -> human label. */
  enumLabels?: Readonly<Record<string, string>>;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  /** Required within its parent object (`required` array or `isRequired`). */
  required: boolean;
  /** Required from the root: this field and every ancestor object are required. */
  requiredFromRoot: boolean;
  identity?: Identity;
  /** Child paths, for objects and arrays of objects. */
  children: FieldPath[];
  /** A field a person maps to: not an object, or an array/map of scalars. */
  isLeaf: boolean;
  /** Sits under an array of objects, so a destination needs an index. */
  inArray: boolean;
  /** Platform-managed fields (`_repo.*`, `*BatchID`, …) that users rarely map. */
  system: boolean;
  /** Under the organisation's tenant object. */
  tenant: boolean;
}

/** A schema resolved into one tree of fields. */
export interface FieldTree {
  id: string;
  title: string;
  description: string;
  /** `meta:class`, when the schema names one. */
  className: string | null;
  /** `meta:tenantNamespace` (`_techmarketingdemos`), when the schema names one. */
  tenant: string | null;
  /** Every field, objects included, by path; insertion order is schema order. */
  fields: ReadonlyMap<FieldPath, Field>;
  /** Top-level paths. */
  roots: FieldPath[];
  leaves: Field[];
  /** Fields (leaves and objects) required from the root. */
  required: FieldPath[];
  identities: { path: FieldPath; namespace: string; primary: boolean }[];
  /** The JSON Schema that records are validated against (local `$ref`s intact). */
  jsonSchema: Record<string, unknown>;
}

/** Something wrong with a schema document, located by JSON pointer. */
export interface SchemaProblem {
  pointer: string;
  message: string;
}

export type SchemaLoadResult = { ok: true; tree: FieldTree; warnings: SchemaProblem[] } | { ok: false; problems: SchemaProblem[] };
