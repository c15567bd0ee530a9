/**
 * Writes one of the benchmark's further shapes (bench/scale/shapes.ts): its CSV, and beside it
 * its mapping and schema (NAME.mapping.json, NAME.schema.json).
 *   npx tsx bench/scale/generate-shape.ts NAME OUT.csv
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import { mappingOf, SHAPES, schemaOf, writeShape } from './shapes';

const [name, out] = process.argv.slice(2);
const shape = SHAPES.find((s) => s.name === name);
if (!shape || !out) {
  console.error(`usage: generate-shape.ts ${SHAPES.map((s) => s.name).join('|')} OUT.csv`);
  process.exit(2);
}
const stem = out.replace(/\.csv$/, '');
writeFileSync(`${stem}.mapping.json`, `${JSON.stringify(mappingOf(shape), null, 2)}\n`);
writeFileSync(`${stem}.schema.json`, `${JSON.stringify(schemaOf(shape), null, 2)}\n`);
const stream = createWriteStream(out);
await writeShape(shape, async (t) => {
  if (!stream.write(t)) await new Promise((r) => stream.once('drain', r));
});
stream.end();
await new Promise((r) => stream.on('finish', r));
