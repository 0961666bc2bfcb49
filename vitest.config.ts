import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/build-assets.ts'],
    setupFiles: ['tests/helpers/cleanup.ts'],
    // Browser and process tests start servers and Chromium: give them room on a 2-core machine.
    fileParallelism: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
