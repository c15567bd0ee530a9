// Loads the compiled command (dist/cli, built by `npm run build`, which `npm ci` runs through
// `prepare`): plain JavaScript, no TypeScript loader at start-up, with V8's compiled code of the
// last run reused (dist/cli/.cache; XDM_MAPPER_COMPILE_CACHE=off compiles afresh every time).
import { createRequire } from 'node:module';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', 'dist', 'cli');

/** The command's `main`, or null when the package has not been built. */
export function loadMain() {
  const require = createRequire(import.meta.url);
  try {
    if (process.env.XDM_MAPPER_COMPILE_CACHE !== 'off')
      require(join(cli, 'compileCache.cjs')).installCompileCache(cli, join(cli, '.cache', `${process.version}-${process.arch}`));
    return require(join(cli, 'main.cjs')).main;
  } catch (e) {
    if (e?.code === 'MODULE_NOT_FOUND' && String(e.message).includes(cli)) return null;
    throw e;
  }
}
