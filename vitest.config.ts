import { defineConfig } from 'vitest/config';

// Polls wait up to 10 s (vitest's default is 1 s): on a loaded 2-core machine a browser step or a child process can take longer.
const shared = { environment: 'node', testTimeout: 30_000, hookTimeout: 60_000, expect: { poll: { timeout: 10_000 } } } as const;

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
