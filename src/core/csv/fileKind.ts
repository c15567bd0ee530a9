/**
 * What a file is, from its first bytes, before anyone tries to read it as CSV: a spreadsheet
 * saved in its own format, a PDF, an image or an archive is refused with a message that says
 * what it is and what to do, the same in the web app and on the command line.
 */

export type NotCsvCode = 'EMPTY' | 'XLSX' | 'XLS' | 'ZIP' | 'GZIP' | 'PDF' | 'IMAGE' | 'UTF16_NO_BOM' | 'BINARY';

export interface NotCsv {
  code: NotCsvCode;
  /** A sentence naming the file, what it is and what was expected. */
  message: string;
}

/** How much of the start of a file the check reads. */
export const FILE_KIND_BYTES = 4096;

const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0): boolean => bytes.every((b, i) => head[at + i] === b);
const ascii = (head: Uint8Array, from: number, to: number): string => String.fromCharCode(...head.subarray(from, to));

const IMAGES: { name: string; test: (h: Uint8Array) => boolean }[] = [
  { name: 'PNG', test: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { name: 'JPEG', test: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  { name: 'GIF', test: (h) => ascii(h, 0, 6) === 'GIF87a' || ascii(h, 0, 6) === 'GIF89a' },
  { name: 'WebP', test: (h) => ascii(h, 0, 4) === 'RIFF' && ascii(h, 8, 12) === 'WEBP' },
  { name: 'TIFF', test: (h) => startsWith(h, [0x49, 0x49, 0x2a, 0x00]) || startsWith(h, [0x4d, 0x4d, 0x00, 0x2a]) },
  { name: 'HEIC', test: (h) => ascii(h, 4, 8) === 'ftyp' && /^(heic|heix|mif1|avif)$/.test(ascii(h, 8, 12)) },
];

/** Text whose every other byte is zero: UTF-16 written without the byte order mark that names it. */
function looksUtf16WithoutBom(probe: Uint8Array): boolean {
  if (probe.length < 8) return false;
  let evenZeros = 0;
  let oddZeros = 0;
  const n = probe.length - (probe.length % 2);
  for (let i = 0; i < n; i += 2) {
    if (probe[i] === 0) evenZeros++;
    if (probe[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  return Math.max(evenZeros, oddZeros) >= pairs * 0.9 && Math.min(evenZeros, oddZeros) <= pairs * 0.05;
}

/**
 * Why the file whose first bytes are `head` cannot be read as CSV text, or null when it can be
 * tried. `name` is the file's name as the person knows it; it only goes into the message.
 */
export function notCsvReason(name: string, head: Uint8Array): NotCsv | null {
  const no = (code: NotCsvCode, what: string): NotCsv => ({ code, message: `"${name}" ${what}` });
  if (head.length === 0) return no('EMPTY', 'is empty (0 bytes): expected a CSV file with a header row.');
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    // An Office Open XML workbook is a zip whose entries are named xl/…; the names are in the clear.
    const names = ascii(head, 0, Math.min(head.length, FILE_KIND_BYTES));
    if (names.includes('xl/') || /\.xlsx$/i.test(name))
      return no('XLSX', 'is an Excel workbook (.xlsx), not CSV text: open it in your spreadsheet and save or export it as CSV first.');
    return no('ZIP', 'is a zip archive, not CSV text: unzip it and choose the CSV file inside.');
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return no('XLS', 'is an Excel 97-2003 workbook (.xls), not CSV text: open it in your spreadsheet and save it as CSV first.');
  if (startsWith(head, [0x1f, 0x8b])) return no('GZIP', 'is compressed with gzip, not CSV text: decompress it first (gunzip) and choose the CSV file.');
  if (ascii(head, 0, 5) === '%PDF-') return no('PDF', 'is a PDF document, not CSV text: export the data from where it came as CSV.');
  const image = IMAGES.find((i) => i.test(head));
  if (image) return no('IMAGE', `is a ${image.name} image, not CSV text.`);
  const probe = head.subarray(0, FILE_KIND_BYTES);
  const bom16 = startsWith(probe, [0xff, 0xfe]) || startsWith(probe, [0xfe, 0xff]);
  if (!bom16 && looksUtf16WithoutBom(probe))
    return no(
      'UTF16_NO_BOM',
      'holds UTF-16 text without a byte order mark, which cannot be told apart safely: save it again as UTF-8 (or as UTF-16 with a BOM).',
    );
  if (!bom16 && probe.includes(0)) return no('BINARY', 'holds binary data (zero bytes), not CSV text.');
  return null;
}
