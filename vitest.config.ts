import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['main/**/*.test.ts', 'preload/**/*.test.ts', 'models/**/*.test.ts', 'renderer/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // tfjs backends are global per process: isolate test files in forks.
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
