/**
 * Runs `xdm-mapper profiles` in this process and prints wall seconds, peak RSS and the command's
 * last lines as one JSON line on stderr. Used by bench/identity/bench.ts.
 */
import { main } from '../../src/cli/main';

const t0 = performance.now();
let err = '';
let out = '';
const code = await main(process.argv.slice(2), { out: (t) => (out += t), err: (t) => (err += t), isTTY: false });
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage();
process.stderr.write(
  `${JSON.stringify({ code, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, rssMb: process.resourceUsage().maxRSS / 1024, err: err.trim().split('\n'), out: out.split('\n').slice(0, 8) })}\n`,
);
process.exitCode = code;
