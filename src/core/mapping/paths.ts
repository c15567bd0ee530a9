/** Destination paths in AEP's dot form: `person.name.firstName`, `productListItems[0].SKU`. */

export interface PathSegment {
  key: string;
  /** Array index written after the key (`items[2]`), when there is one. */
  index?: number;
}

/** Segment names that would reach into `Object.prototype` if used as keys. */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

export type ParsedPath = { ok: true; segments: PathSegment[] } | { ok: false; message: string };

const SEGMENT = /^([^.[\]]+)(?:\[(\d*)\])?$/;

/** Parses a destination path; rejects empty segments and prototype-polluting names. */
export function parsePath(path: string): ParsedPath {
  if (typeof path !== 'string' || path === '') return { ok: false, message: 'the path is empty' };
  const segments: PathSegment[] = [];
  for (const part of path.split('.')) {
    const m = SEGMENT.exec(part);
    if (!m) return { ok: false, message: `"${part}" is not a valid path segment in "${path}"` };
    const key = m[1]!;
    if (FORBIDDEN_SEGMENTS.has(key)) return { ok: false, message: `path segment "${key}" is not allowed (it would reach into Object.prototype)` };
    const seg: PathSegment = { key };
    if (m[2] !== undefined) {
      if (m[2] === '') return { ok: false, message: `"${part}" in "${path}" needs an array index such as [0]` };
      seg.index = Number(m[2]);
    }
    segments.push(seg);
  }
  return { ok: true, segments };
}

/** `productListItems[3].SKU` -> `productListItems[].SKU`: the field-tree path of a destination. */
export function schemaPathOf(path: string): string {
  return path.replace(/\[\d*\]/g, '[]');
}
