/**
 * Unix time: a column of 9- or 10-digit numbers (seconds, optionally with a fraction) or 12- or
 * 13-digit ones (milliseconds) between 1980 and 2070, without a leading zero (a phone number has one). The unit follows from the digits, so the
 * reading is decided; it applies only when the column goes into a date field.
 */
import { isoInstant } from '../convert/dates';
import type { ColumnReading, ReadingScanner } from './reading.types';

const SECONDS = /^[1-9]\d{8,9}(\.\d{1,6})?$/;
const MILLIS = /^[1-9]\d{11,12}$/;
/** 1980-01-01 and 2070-01-01, in seconds: identifiers of ten digits mostly fall outside. */
const FROM = 315532800;
const TO = 3155760000;

/** A scanner for the Unix-time reading of a column whose first values look like Unix times, or null. */
export function epochScanner(head: readonly string[]): ReadingScanner | null {
  if (!head.length) return null;
  const unit = head.every((v) => SECONDS.test(v)) ? 'seconds' : head.every((v) => MILLIS.test(v)) ? 'milliseconds' : null;
  if (!unit) return null;
  const re = unit === 'seconds' ? SECONDS : MILLIS;
  const scale = unit === 'seconds' ? 1 : 1000;
  let total = 0;
  let read = 0;
  const misfits: string[] = [];
  const feed = (v: string) => {
    if (v === '') return;
    total++;
    const n = Number(v) / scale;
    if (n >= FROM && n < TO && re.test(v)) read++;
    else if (misfits.length < 5) misfits.push(v);
  };
  return { feed, finish: () => (!total || read / total < 0.95 ? null : reading(unit, head[0]!, read / total, misfits.slice())) };
}

function reading(unit: 'seconds' | 'milliseconds', example: string, fit: number, misfits: string[]): ColumnReading {
  const settings = { epoch: unit } as const;
  const value = isoInstant(Number(example) * (unit === 'seconds' ? 1000 : 1));
  return {
    kind: 'date',
    status: 'decided',
    settings,
    options: [{ settings, label: `Unix time in ${unit}`, example: { text: example, value } }],
    evidence: [`Unix time in ${unit}: ${example} is ${value}`],
    fit,
    misfits,
    hasTime: true,
  };
}
