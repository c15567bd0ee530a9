/**
 * Runs a TypeScript benchmark helper (parse-only, DuckDB) through tsx's register API in this
 * process, so that its own work is timed in a fresh process like the command's:
 *   node bench/scale/with-tsx.mjs SCRIPT.ts ARGS...
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], resolve(script), ...args];
await import(pathToFileURL(resolve(script)).href);
