import { defineConfig } from 'vitest/config';

// Unit and integration tests sit beside the code they test. Tests that need Debian's
// python3-torch or chromium skip with a printed reason where those are absent (CI installs them).
export default defineConfig({
  test: {
    include: [
      'app/**/*.test.ts',
      'main/**/*.test.ts',
      'scripts/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'e2e/**/*.spec.ts',
    ],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // expect.poll waits for a page (or a worker) to catch up; its default second is too short on a
    // machine whose other core is busy. Waiting longer costs nothing when the condition holds.
    expect: { poll: { timeout: 15_000 } },
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
