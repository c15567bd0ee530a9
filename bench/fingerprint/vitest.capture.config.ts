import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../../vitest.config';

/** The project's test configuration with every ApplyRun recorded (see capture.setup.ts). */
export default mergeConfig(base, defineConfig({ test: { setupFiles: ['bench/fingerprint/capture.setup.ts'], exclude: ['test/e2e/**', 'node_modules/**'] } }));
