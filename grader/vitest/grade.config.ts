/**
 * The vitest configuration of a grading run. It reads the run plan named by `COURSE_RUN_PLAN`
 * and makes one vitest project per plan project, each with its own resolution of `#course/*`,
 * so that one process can grade suites against several targets at once.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { PLAN_ENV, type RunPlan } from './plan.ts';

const planPath = process.env[PLAN_ENV];
if (!planPath) throw new Error(`${PLAN_ENV} is not set: this configuration is for the grader`);
const plan = JSON.parse(readFileSync(planPath, 'utf8')) as RunPlan;
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export default defineConfig({
  root: plan.root,
  test: {
    reporters: [[here('./reporter.ts'), { output: plan.results, sideChannel: plan.sideChannel }]],
    includeTaskLocation: true,
    testTimeout: plan.testTimeout,
    hookTimeout: plan.testTimeout,
    // The learner's code never runs in the grader's own process: a worker that hangs or
    // exits is contained, and the watchdog can kill the whole run.
    pool: 'threads',
    env: { COURSE_SIDE_CHANNEL: plan.sideChannel },
    projects: plan.projects.map((project) => ({
      root: plan.root,
      resolve: {
        alias: Object.entries(project.aliases).map(([specifier, file]) => ({
          find: new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
          replacement: file,
        })),
      },
      test: {
        name: project.name,
        include: project.tests,
        setupFiles: [here('./side-channel.ts'), here('./futures.ts')],
      },
    })),
  },
});
