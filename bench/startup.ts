/**
 * Start-up benchmark (`npm run bench`): wall time of the installed command as a user runs it,
 * `xdm-mapper --help` and `apply` of a 1,000-row file (the Luma products repeated, UTF-8), each
 * the median of 15 runs in fresh processes. Needs the compiled command: `npm run build:cli`.
 *   npx tsx bench/startup.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dir = join(root, '.bench', 'startup');
mkdirSync(dir, { recursive: true });
const bin = join(root, 'bin', 'xdm-mapper.cjs');

// The Luma file is Mac Roman; a user's 1,000-row export is more often UTF-8.
const luma = new TextDecoder('macintosh').decode(readFileSync(join(root, 'public/samples/luma/luma-products.csv')));
const [header, ...rows] = luma.split('\r\n');
const lines = [header];
for (let i = 0; lines.length <= 1000; i++) lines.push(rows[i % rows.length]);
const csv = join(dir, 'luma-1000.csv');
writeFileSync(csv, `${lines.join('\n')}\n`);

function median(args: string[], runs = 15, env: Record<string, string> = {}): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
    times.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`xdm-mapper ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const bare = (() => {
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[7]!;
})();
const help = median(['--help']);
const out = join(dir, 'out');
const applyArgs = [
  'apply',
  '--mapping',
  join(root, 'mappings/luma-products.mapping.json'),
  '--schema',
  join(root, 'public/samples/luma/luma-product-catalog.schema.json'),
  csv,
  '--out',
  out,
];
// The first run after a build fills the compile cache (dist/cli/.cache); the medians are of runs after it, as a user's are.
median(applyArgs, 1);
const apply = median(applyArgs);
const uncached = median(applyArgs, 15, { XDM_MAPPER_COMPILE_CACHE: 'off' });
rmSync(out, { recursive: true, force: true });
console.log(`\nstart-up, node ${process.version} (median of 15 fresh processes)`);
console.log(`  node -e 0                        ${bare.toFixed(0).padStart(5)} ms`);
console.log(`  xdm-mapper --help                ${help.toFixed(0).padStart(5)} ms`);
console.log(`  xdm-mapper apply, 1,000 rows     ${apply.toFixed(0).padStart(5)} ms`);
console.log(`    the same, compile cache off    ${uncached.toFixed(0).padStart(5)} ms`);
