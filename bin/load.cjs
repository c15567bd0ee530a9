// Loads the compiled command (dist/cli, built by `npm run build`, which `npm ci` runs through
// `prepare`): plain JavaScript, no TypeScript loader at start-up, with V8's compiled code of the
// last run reused (dist/cli/.cache; XDM_MAPPER_COMPILE_CACHE=off compiles afresh every time).
// CommonJS, like the bundle: an ES module here would start Node's ES module loader as well as
// its CommonJS one, ~10 ms of a 150 ms start.
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist', 'cli');

/** The command's `main`, or null when the package has not been built. */
function loadMain() {
  try {
    if (process.env.XDM_MAPPER_COMPILE_CACHE !== 'off')
      require(join(cli, 'compileCache.cjs')).installCompileCache(cli, join(cli, '.cache', `${process.version}-${process.arch}`));
    return require(join(cli, 'main.cjs')).main;
  } catch (e) {
    if (e?.code === 'MODULE_NOT_FOUND' && String(e.message).includes(cli)) return null;
    throw e;
  }
}

module.exports = { loadMain };
