import { type Converter, converterFor } from '../convert/coerce';
import { INTEGER_RANGE, isIntegerType } from '../convert/scalar';
import type { Field, XdmType } from '../schema/field.types';
import type { RowErrorCode } from '../types';
import { isObject, numberText, toJson, typeName, type Value } from './values';
import { ZonedDate } from './zoned';

export type Written = { ok: true; value: unknown } | { ok: false; code: RowErrorCode; message: string };

/**
 * Turns an expression's value into what the destination field stores. Text goes through the
 * same conversions as a CSV cell; numbers, booleans and dates are checked against the field's
 * type; a date written to a date-time field is its instant in UTC.
 */
export function outputFor(field: Field): (v: Value) => Written {
  const type: XdmType = field.xdmType;
  if (type === 'object' || type === 'map')
    return (v) => (isObject(v) ? { ok: true, value: toJson(v) } : bad(`the expression gives ${typeName(v)}; ${field.path} is an object`));
  if (type === 'array') {
    const item = scalarOutput(field.itemType ?? 'string');
    return (v) => {
      if (!Array.isArray(v)) return bad(`the expression gives ${typeName(v)}; ${field.path} is an array`);
      const out: unknown[] = [];
      for (const x of v) {
        if (x === null) continue;
        const r = field.itemType === 'object' ? (isObject(x) ? { ok: true as const, value: toJson(x) } : bad('array items must be objects')) : item(x);
        if (!r.ok) return r;
        out.push(r.value);
      }
      return { ok: true, value: out };
    };
  }
  return scalarOutput(type);
}

/**
 * What an expression's value becomes in a destination: `productListItems[0].tags[1]` is one
 * item of an array field, `tags` the whole array. The run and the formula editor both use
 * this, so the editor shows what the record gets.
 */
export function outputForDestination(field: Field, destination: string): (v: Value) => Written {
  return outputFor(destinationField(field, destination));
}

/**
 * The same output without a result object: what the field stores, or undefined when the value
 * does not go into it (`outputForDestination` then says why). A row's evaluation calls this once
 * per calculated field and asks why only on failure, as a column's cell is read.
 */
export function outputValueForDestination(field: Field, destination: string): (v: Value) => unknown {
  const target = destinationField(field, destination);
  const written = outputFor(target);
  const unwrap = (v: Value): unknown => {
    const r = written(v);
    return r.ok ? r.value : undefined;
  };
  const type = target.xdmType;
  if (type === 'object' || type === 'map' || type === 'array') return unwrap;
  // Text goes through the field's converter (as in scalarOutput), whose reader gives the same value.
  const conv = converterFor(type);
  if (!conv.ok) return unwrap;
  const read = conv.read;
  return (v) => (typeof v === 'string' ? read(v) : unwrap(v));
}

const destinationField = (field: Field, destination: string): Field =>
  field.xdmType === 'array' && /\]$/.test(destination) ? { ...field, xdmType: field.itemType ?? 'string' } : field;

const bad = (message: string): Written => ({ ok: false, code: 'EXPRESSION_ERROR', message });

function scalarOutput(type: XdmType): (v: Value) => Written {
  const conv = converterFor(type);
  const fromText: Converter | null = conv.ok ? conv.convert : null;
  const viaText = (s: string): Written => {
    if (!fromText) return bad(`cannot write text into ${type}`);
    const r = fromText(s);
    return r.ok ? { ok: true, value: r.value } : r;
  };
  return (v) => {
    if (typeof v === 'string') return viaText(v);
    if (v instanceof ZonedDate) {
      if (type === 'date-time') return { ok: true, value: v.toIsoInstant() };
      if (type === 'date') return { ok: true, value: v.toString().slice(0, 10) };
      if (type === 'string') return { ok: true, value: v.toString() };
      return bad(`the expression gives a date; the field is ${type}`);
    }
    if (typeof v === 'number') {
      if (type === 'string') return { ok: true, value: numberText(v) };
      if (type === 'number') return Number.isFinite(v) ? { ok: true, value: v } : bad(`${numberText(v)} is not a finite number`);
      if (isIntegerType(type)) {
        const [min, max] = INTEGER_RANGE[type]!;
        if (!Number.isInteger(v)) return { ok: false, code: 'TYPE_INTEGER', message: `${numberText(v)} is not a whole number` };
        if (v < min || v > max) return { ok: false, code: 'TYPE_INTEGER_RANGE', message: `${v} is outside the range of ${type}` };
        return { ok: true, value: v };
      }
      if (type === 'date-time' || type === 'date') return bad('a number is not a date: use dformat() or date()');
      return bad(`the expression gives a number; the field is ${type}`);
    }
    if (typeof v === 'boolean') {
      if (type === 'boolean') return { ok: true, value: v };
      if (type === 'string') return { ok: true, value: String(v) };
      return bad(`the expression gives a boolean; the field is ${type}`);
    }
    return bad(`the expression gives ${typeName(v)}; the field is ${type}`);
  };
}
