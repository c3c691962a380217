import { defineConfig } from 'vitest/config';

// `npm run test:browser`: the Agents Playground driven by Chromium (playwright-core). Apart
// from `npm test` because it needs a Chromium (`.ci/run` installs Debian's).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    pool: 'forks',
    testTimeout: 240_000,
    hookTimeout: 180_000,
  },
});
