/**
 * The options of `npm run bench` and the sizes of each workload (full, or a tenth with
 * `--quick`).
 *
 * @module
 */

import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './grader-latency.ts';

export const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runs: { type: 'string' },
    warmups: { type: 'string' },
    out: { type: 'string' },
    'no-grader': { type: 'boolean', default: false },
  },
});

export const QUICK = flags.quick;

/** The sizes of each workload, and how often each row runs. */
export const SIZES = QUICK
  ? {
      switches: 100_000,
      tasks: 10_000,
      timers: [1_000, 10_000, 100_000],
      callbacks: 100_000,
      chain: 10_000,
      jobs: 100,
      cpuBoundJobs: 8,
      pythonCpuBoundJobs: 2,
      effectionTasks: 1_000,
      effectionSleepSwitches: 200,
      runs: 1,
      warmups: 0,
      childTimeoutMs: 60_000,
    }
  : {
      switches: 1_000_000,
      tasks: 100_000,
      timers: [10_000, 100_000, 1_000_000],
      callbacks: 1_000_000,
      chain: 100_000,
      jobs: 1_000,
      cpuBoundJobs: 8,
      pythonCpuBoundJobs: 2,
      effectionTasks: 10_000,
      effectionSleepSwitches: 2_000,
      runs: 5,
      warmups: 1,
      childTimeoutMs: 300_000,
    };
export const RUNS = flags.runs === undefined ? SIZES.runs : Number(flags.runs);
/** Measured runs of C at its largest size (see `plan`). */
export const HEAVY_RUNS = 3;
export const WARMUPS = flags.warmups === undefined ? SIZES.warmups : Number(flags.warmups);
export const ONLY = flags.only === undefined ? null : new Set(flags.only.split(','));
export const OUT =
  flags.out ?? join(ROOT, QUICK ? '.course/bench/RESULTS-quick.md' : 'bench/RESULTS.md');
