import { join } from 'node:path';
import { build } from 'vite';

/**
 * The command is shipped compiled (dist/cli); tests that start `xdm-mapper` as a user does run
 * that build, so it is made once per test run from the current sources.
 */
export default async function setup(): Promise<void> {
  const root = join(import.meta.dirname, '..', '..');
  await build({ configFile: join(root, 'vite.cli.config.ts'), root, logLevel: 'warn' });
}
