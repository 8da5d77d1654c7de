/**
 * The course's own tests: the reference runtime's tests (with the CPython parity scenarios)
 * and the grader's tests. The exercise suites are not here: they run through the grader
 * (`grader/vitest/grade.config.ts`), which resolves `#course/*` per target.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'reference', include: ['reference/test/**/*.test.ts'] } },
      {
        test: {
          name: 'grader',
          include: ['grader/test/**/*.test.ts'],
          // The fixture course's own suites are graded by these tests, not run as tests here.
          exclude: ['grader/test/fixtures/**'],
          testTimeout: 60_000,
        },
      },
      // The site: its build, its server, and the browser test (skipped without chromium).
      { test: { name: 'site', include: ['site/test/**/*.test.ts'], testTimeout: 120_000 } },
    ],
  },
});
