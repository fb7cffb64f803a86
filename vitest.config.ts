import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts', 'targets/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // One test file per core (vitest's default leaves one core idle: on the 2-core machines, one file at a time).
    // The lab's namespaces and the e2e tests' directories are unique per run, so files never share state.
    maxWorkers: availableParallelism(),
    // Test files share their worker's module cache: importing and transforming the sources once per worker, not once
    // per file, saves a third of the suite on two cores. No test mocks modules or leaves global state behind.
    isolate: false,
  },
});
