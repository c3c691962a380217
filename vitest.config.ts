import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    // The browser test needs Chromium: `npm run test:browser` (`.ci/run` runs it too).
    exclude: [...configDefaults.exclude, 'test/browser/**'],
    setupFiles: ['test/setup.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Outcomes that follow an answer (work after the ack, jobs) take seconds on a loaded
    // machine: expect.poll waits up to 10 s by default instead of vitest's 1 s.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
