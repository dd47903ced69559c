import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // migrates once per run; every test database starts as a copy (test/sjabloon.ts)
    globalSetup: ['test/sjabloon.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // the browser journeys wait for the server's answer; on a loaded 2-core CI machine one second is not enough
    expect: { poll: { timeout: 15_000 } },
  },
});
