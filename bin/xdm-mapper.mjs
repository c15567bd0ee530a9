#!/usr/bin/env node
// The command runs the compiled JavaScript in dist/ (built by `npm run build`, which `npm ci` runs
// through `prepare`): no TypeScript loader at start-up.
let main;
try {
  ({ main } = await import('../dist/cli/main.js'));
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist/cli/main.js')) throw e;
  process.stderr.write('xdm-mapper: the compiled command is missing (dist/cli/main.js): run "npm run build" in the package folder.\n');
  process.exit(2);
}
process.exitCode = await main(process.argv.slice(2));
