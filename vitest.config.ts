import { defineConfig } from 'vitest/config';

/** Unit tests: pure engines in Node, seeded and tolerance-based. */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-output/unit.json' },
  },
});
