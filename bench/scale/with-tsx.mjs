/**
 * Runs a TypeScript script loaded the way `bin/xdm-mapper.mjs` loads the CLI (tsx's register
 * API, in this process), so that the benchmark measures `xdm-mapper` as it ships:
 *   node bench/scale/with-tsx.mjs SCRIPT.ts ARGS...
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], resolve(script), ...args];
await import(pathToFileURL(resolve(script)).href);
