import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeAll } from '../../../src/core/csv/decode';
import { firstInvalidUtf8, sniffEncoding } from '../../../src/core/csv/encoding';
import { readCsv } from '../../helpers/csv';
import { LUMA_CSV } from '../../helpers/samples';

const win1252 = (s: string) => {
  // Encode through a reverse table of the real Windows-1252 decoder.
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decodeAll(new Uint8Array([b]), 'windows-1252'), b);
  return new Uint8Array([...s].map((c) => table.get(c)!));
};
const macRoman = (s: string) => {
  const dec = new TextDecoder('macintosh');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(dec.decode(new Uint8Array([b])), b);
  return new Uint8Array([...s].map((c) => table.get(c)!));
};

describe('sniffEncoding', () => {
  it('reads the real Luma file as Mac Roman, so ™ and ® survive', () => {
    const bytes = readFileSync(LUMA_CSV);
    expect(sniffEncoding(bytes).encoding).toBe('macintosh');
    const r = readCsv(bytes);
    const names = r.rows.map((x) => x.cells[1]);
    expect(names).toContain('Deion Long-Sleeve EverCool™ Tee');
    expect(names).toContain('Logan HeatTec® Tee');
    expect(names.join('')).not.toMatch(/[ª¨\uFFFD]/);
  });

  it('tells Windows-1252 text from Mac Roman text', () => {
    const text = 'name,note\r\nCafé Crème,“quoted” – 5 €\r\nJosé Müller,naïve résumé\r\nSøren,Ærø\r\n';
    expect(sniffEncoding(win1252(text)).encoding).toBe('windows-1252');
    expect(sniffEncoding(macRoman(text)).encoding).toBe('macintosh');
    expect(readCsv(win1252(text)).rows[0]!.cells).toEqual(['Café Crème', '“quoted” – 5 €']);
    expect(readCsv(macRoman(text)).rows[1]!.cells).toEqual(['José Müller', 'naïve résumé']);
  });

  it('recognises BOMs and plain UTF-8', () => {
    expect(sniffEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toMatchObject({ encoding: 'utf-8', bomLength: 3 });
    expect(sniffEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toMatchObject({ encoding: 'utf-16le', bomLength: 2 });
    expect(sniffEncoding(new Uint8Array([0xfe, 0xff, 0, 0x61]))).toMatchObject({ encoding: 'utf-16be', bomLength: 2 });
    expect(sniffEncoding(new TextEncoder().encode('a,b\nÄ,ß\n')).encoding).toBe('utf-8');
  });

  it('decodes Windows-1252 punctuation in 0x80..0x9F the same in every runtime', () => {
    expect(decodeAll(new Uint8Array([0x93, 0x80, 0x96, 0x99, 0x94]), 'windows-1252')).toBe('“€–™”');
  });

  it('reads UTF-16 files with their BOM', () => {
    const text = 'name;city\nZoë;Zürich\n';
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    const be = new Uint8Array(2 + text.length * 2);
    be.set([0xfe, 0xff]);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      le[2 + 2 * i] = c & 0xff;
      le[3 + 2 * i] = c >> 8;
      be[2 + 2 * i] = c >> 8;
      be[3 + 2 * i] = c & 0xff;
    }
    for (const bytes of [le, be]) {
      const r = readCsv(bytes, 3);
      expect(r.header?.columns).toEqual(['name', 'city']);
      expect(r.rows[0]!.cells).toEqual(['Zoë', 'Zürich']);
    }
  });

  it('does not count a multi-byte character cut by the end of the sample as invalid', () => {
    const bytes = new TextEncoder().encode('a,€');
    expect(firstInvalidUtf8(bytes.subarray(0, bytes.length - 1))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc3, 0x28]))).toBe(1);
  });

  it('keeps multi-byte UTF-8 characters intact across any chunk boundary', () => {
    const text = 'name,city\n"Zoë ™",München\n日本,😀\n';
    const whole = readCsv(text).rows;
    for (const chunk of [1, 2, 3, 5]) expect(readCsv(text, chunk).rows).toEqual(whole);
    expect(whole[1]!.cells).toEqual(['日本', '😀']);
  });
});
