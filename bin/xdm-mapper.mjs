#!/usr/bin/env node
import { loadMain } from './load.mjs';

const main = loadMain();
if (!main) {
  process.stderr.write('xdm-mapper: the compiled command is missing (dist/cli/main.cjs): run "npm run build" in the package folder.\n');
  process.exit(2);
}
process.exitCode = await main(process.argv.slice(2));
