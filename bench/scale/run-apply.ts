/**
 * Runs `xdm-mapper apply` in this process and prints its own figures as one JSON line on
 * stderr: wall seconds and peak RSS. Used by bench/scale/bench.ts.
 */
import { main } from '../../src/cli/main';

const t0 = performance.now();
let err = '';
const code = await main(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => (err += t), isTTY: false });
const seconds = (performance.now() - t0) / 1000;
process.stderr.write(
  `${JSON.stringify({ code, seconds, rssMb: process.resourceUsage().maxRSS / 1024, summary: err.split('\n').filter(Boolean).slice(-4) })}\n`,
);
process.exitCode = code;
