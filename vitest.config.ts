import { defineConfig } from 'vitest/config';

const shared = { environment: 'node', testTimeout: 30_000, hookTimeout: 60_000 } as const;

export default defineConfig({
  test: {
    // Once per run, for every project (the projects do not inherit it, so it does not run twice).
    globalSetup: ['test/setup/buildCli.ts'],
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/package/**'] } },
      // Packing and installing builds the app and the library: run after the rest, not beside it.
      { test: { ...shared, name: 'package', include: ['test/package/**/*.test.ts'], sequence: { groupOrder: 1 } } },
    ],
  },
});
