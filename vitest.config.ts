import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Building datasets and reading them back with polars takes seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC' },
    coverage: {
      provider: 'v8',
      include: ['pipeline/**/*.ts'],
      reporter: ['text-summary', 'html', 'json-summary'],
      reportsDirectory: 'coverage',
      // The stages are pure functions over text: nearly every line of them is reachable from the tests.
      thresholds: { 'pipeline/stages/**': { lines: 90, statements: 90, functions: 90, branches: 80 } },
    },
  },
});
