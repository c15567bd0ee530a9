/**
 * papaparse alone over a file, in the same 1 MiB chunks as apply: the speed to compare with.
 *   npx tsx bench/scale/parse-only.ts FILE.csv   -> prints one JSON line {rows, seconds, mbPerSec, rssMb}
 */
import { createReadStream, statSync } from 'node:fs';
import Papa from 'papaparse';

const file = process.argv[2]!;
const t0 = performance.now();
let rows = 0;
const step = () => {
  rows++;
};
const parser = new Papa.Parser({ delimiter: ',', newline: '\n', step });
const decoder = new TextDecoder();
let buf = '';
for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
  buf += decoder.decode(chunk as Buffer, { stream: true });
  const r = parser.parse(buf, 0, true);
  buf = buf.slice(r.meta.cursor);
}
new Papa.Parser({ delimiter: ',', newline: '\n', step }).parse(buf + decoder.decode(), 0, false);
const seconds = (performance.now() - t0) / 1000;
const mb = statSync(file).size / 1e6;
const usage = process.resourceUsage();
console.log(JSON.stringify({ rows, seconds, cpu: (usage.userCPUTime + usage.systemCPUTime) / 1e6, mbPerSec: mb / seconds, rssMb: usage.maxRSS / 1024 }));
