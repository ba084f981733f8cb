import { defineConfig } from 'vitest/config';

/**
 * Browser tests: the built app served by `vite preview`, driven in real headless Chromium (Debian's
 * /usr/bin/chromium) through playwright-core, with WebGPU on SwiftShader. See test/browser/harness.ts.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/browser/globalSetup.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-output/browser.json' },
  },
});
