/**
 * `xdm-mapper apply` exactly as bin/xdm-mapper.cjs runs it (the compiled command in dist/, with its compile cache),
 * printing at exit one JSON line on stderr with the process's peak RSS and the command's last
 * lines: bench/scale/bench.ts times the whole process from outside.
 */
import { loadMain } from '../../bin/load.cjs';

const main = loadMain();
let err = '';
const code = await main(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => (err += t), isTTY: false });
const usage = process.resourceUsage();
// CPU seconds of the whole process (every thread, start-up included): a figure that other work on the machine disturbs far less than wall time.
const cpu = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
process.stderr.write(`${JSON.stringify({ code, cpu, rssMb: usage.maxRSS / 1024, summary: err.split('\n').filter(Boolean).slice(-4) })}\n`);
process.exitCode = code;
