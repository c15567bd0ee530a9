import { defineConfig } from 'vitest/config';
import base from '../../vitest.config';

/**
 * The project's unit tests with every ApplyRun recorded (see capture.setup.ts). The projects of
 * vitest.config.ts do not inherit a setup file given at the top, so the unit project is named
 * here with it (browser and package tests left out).
 */
const unit = base.test?.projects?.find((p) => typeof p === 'object' && 'test' in p && p.test?.name === 'unit') as { test: Record<string, unknown> } | undefined;
if (!unit) throw new Error('vitest.config.ts has no unit project');
export default defineConfig({
  test: {
    globalSetup: base.test?.globalSetup,
    projects: [{ test: { ...unit.test, setupFiles: ['bench/fingerprint/capture.setup.ts'], exclude: ['test/e2e/**', 'test/package/**', 'node_modules/**'] } }],
  },
});
