#!/usr/bin/env node
const { loadMain } = require('./load.cjs');

const main = loadMain();
if (!main) {
  process.stderr.write('xdm-mapper: the compiled command is missing (dist/cli/main.cjs): run "npm run build" in the package folder.\n');
  process.exit(2);
}
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
