/**
 * `apply` with a stated date format against the same records with ISO dates (the issue's
 * target: within 10 %). Two files of the same records, one written `yyyy-MM-dd` and
 * `yyyy-MM-ddTHH:mm:ssZ`, one written `dd/MM/yyyy` and `dd.MM.yyyy HH:mm:ss` with those
 * patterns stated in the mapping; each applied five times in a fresh process (as the CLI
 * loads), the fastest CPU time of the child compared. Also a decimal-comma amount column.
 *   npx tsx bench/values/stated-format-speed.ts [ROWS]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const dir = join(root, '.bench', 'values');
mkdirSync(dir, { recursive: true });
const rows = Number(process.argv[2] ?? 400_000);

let seed = 11;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const p2 = (n: number) => String(n).padStart(2, '0');

const schema = {
  $id: 'https://example.com/bench-values',
  type: 'object',
  properties: {
    id: { type: 'string' },
    birthDate: { type: 'string', format: 'date' },
    createdAt: { type: 'string', format: 'date-time' },
    amount: { type: 'number' },
  },
};
writeFileSync(join(dir, 'schema.json'), JSON.stringify(schema));

function files(): { iso: string; local: string } {
  const iso: string[] = ['id,birth,created,amount'];
  const local: string[] = ['id,birth,created,amount'];
  for (let i = 0; i < rows; i++) {
    const [y, m, d] = [int(1940, 2005), int(1, 12), int(1, 28)];
    const [cy, cm, cd, h, mi, s] = [int(2020, 2025), int(1, 12), int(1, 28), int(0, 23), int(0, 59), int(0, 59)];
    const cents = int(0, 9_999_999);
    const a = `${Math.floor(cents / 100)}.${p2(cents % 100)}`;
    iso.push(`C${i},${y}-${p2(m)}-${p2(d)},${cy}-${p2(cm)}-${p2(cd)}T${p2(h)}:${p2(mi)}:${p2(s)}Z,${a}`);
    local.push(`C${i},${p2(d)}/${p2(m)}/${y},${p2(cd)}.${p2(cm)}.${cy} ${p2(h)}:${p2(mi)}:${p2(s)},"${a.replace('.', ',')}"`);
  }
  const out = { iso: join(dir, `iso-${rows}.csv`), local: join(dir, `local-${rows}.csv`) };
  writeFileSync(out.iso, `${iso.join('\n')}\n`);
  writeFileSync(out.local, `${local.join('\n')}\n`);
  return out;
}

function mapping(name: string, settings: [unknown, unknown, unknown]): string {
  const file = join(dir, `${name}.mapping.json`);
  const entry = (source: string, destination: string, s: unknown) => ({ sourceType: 'ATTRIBUTE', source, destination, ...(s ? { settings: s } : {}) });
  writeFileSync(
    file,
    JSON.stringify({
      kind: 'xdm-mapper/mapping',
      version: 1,
      name,
      source: { columns: ['id', 'birth', 'created', 'amount'] },
      target: { schemaId: schema.$id },
      mappings: [
        entry('id', 'id', null),
        entry('birth', 'birthDate', settings[0]),
        entry('created', 'createdAt', settings[1]),
        entry('amount', 'amount', settings[2]),
      ],
    }),
  );
  return file;
}

// The shipped command (bin/xdm-mapper.cjs runs dist/cli), with its CPU time printed at exit.
const wrapper = join(dir, 'cpu.mjs');
writeFileSync(
  wrapper,
  `process.on('exit', () => { const c = process.cpuUsage(); process.stderr.write('\\nCPU ' + (c.user + c.system) / 1e6 + '\\n'); });\nawait import(${JSON.stringify(join(root, 'bin', 'xdm-mapper.cjs'))});\n`,
);

/** Fastest CPU seconds (user + system) of `apply` in a child process over five runs: the least disturbed by other work on the machine. */
function apply(csv: string, map: string): number {
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const out = join(dir, 'out');
    rmSync(out, { recursive: true, force: true });
    const r = spawnSync(process.execPath, [wrapper, 'apply', '--mapping', map, '--schema', join(dir, 'schema.json'), csv, '--out', out], { encoding: 'utf8' });
    const m = /CPU ([\d.]+)/.exec(r.stderr);
    if (!m || (r.status !== 0 && r.status !== null)) throw new Error(`apply failed: ${r.stderr}`);
    times.push(Number(m[1]));
  }
  return Math.min(...times);
}

const { iso, local } = files();
const isoTime = apply(iso, mapping('iso', [null, null, null]));
const isoStated = apply(iso, mapping('iso-stated', [{ dateFormat: 'yyyy-MM-dd' }, { dateFormat: "yyyy-MM-dd'T'HH:mm:ssX" }, null]));
const localTime = apply(local, mapping('local', [{ dateFormat: 'dd/MM/yyyy' }, { dateFormat: 'dd.MM.yyyy HH:mm:ss' }, { decimalSeparator: ',' }]));
const pct = (t: number) => `${((t / isoTime - 1) * 100).toFixed(1)} %`;
console.log(
  `apply, ${rows.toLocaleString('en')} rows (fastest CPU time of 5 runs each, start-up included): ISO dates ${isoTime.toFixed(2)} s; ` +
    `ISO dates with their formats stated ${isoStated.toFixed(2)} s (${pct(isoStated)}); ` +
    `dd/MM/yyyy, dd.MM.yyyy HH:mm:ss and decimal commas, stated ${localTime.toFixed(2)} s (${pct(localTime)}); target within 10 %`,
);
