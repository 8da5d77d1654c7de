/**
 * The plan of a benchmark run: its tables (sections), each a list of rows, one runtime's take
 * on a workload at a size.
 *
 * @module
 */

import { flags, HEAVY_RUNS, ONLY, QUICK, SIZES } from './options.ts';
import { fmtInt } from './stats.ts';
import { G_JOB_SIZE } from './workloads/common.ts';

export type Runtime = 'reference' | 'asyncio' | 'native' | 'effection';

/** One line of a table: one runtime's take on a workload. */
export interface Row {
  /** Identifies the row for the goals. */
  key: string;
  runtime: Runtime;
  /** What the row runs, as the table shows it. */
  label: string;
  workload: string;
  variant: string;
  n: number;
  /** The size of the warm-up runs, when smaller than `n`. */
  warmupN?: number;
  /** Set when the row is not run: why. */
  skip?: string;
}

/** One table. */
export interface Section {
  id: string;
  /** Which `--only` name selects it. */
  group: string;
  title: string;
  /** What the table shows: times, memory per task, or timers' lateness. */
  kind: 'time' | 'memory' | 'timers';
  /** What one operation is, for the per-operation column. */
  unit: string;
  /** What the section's ratios are relative to. */
  baseline: string;
  rows: Row[];
  /** Text under the table. */
  notes: string[];
  /**
   * Whether each process runs the workload once untimed before the measured run (by default,
   * for the timed tables: see `runWorkloads`).
   */
  warmInProcess?: boolean;
  /** Measured runs and warm-ups, when not the defaults. */
  runs?: number;
  warmups?: number;
}

export function row(
  key: string,
  runtime: Runtime,
  label: string,
  workload: string,
  n: number,
  variant = '',
  extra: Partial<Row> = {},
): Row {
  return { key, runtime, label, workload, variant, n, ...extra };
}

export function plan(): Section[] {
  const s = SIZES;
  const eff = s.effectionTasks;
  const sections: Section[] = [
    {
      id: 'A',
      group: 'A',
      title: `A. Two tasks ping-ponging, ${fmtInt(s.switches)} switches`,
      kind: 'time',
      unit: 'switch',
      baseline: 'A.ref',
      rows: [
        row('A.ref', 'reference', 'reference: bare `yield`', 'A', s.switches, 'yield'),
        row('A.ref.sleep0', 'reference', 'reference: `yield* sleep(0)`', 'A', s.switches, 'sleep0'),
        row('A.asyncio', 'asyncio', 'asyncio: `await asyncio.sleep(0)`', 'A', s.switches),
        row(
          'A.baton',
          'native',
          'native: baton through resolved promises',
          'A',
          s.switches,
          'baton',
        ),
        row('A.null', 'native', 'native: `await null` (the floor)', 'A', s.switches, 'null'),
        row(
          'A.effection',
          'effection',
          'Effection: baton through `withResolvers`',
          'A',
          s.switches,
        ),
        row(
          'A.effection.sleep0',
          'effection',
          'Effection: `yield* sleep(0)`',
          'A',
          s.effectionSleepSwitches,
          'sleep0',
        ),
      ],
      notes: [
        "Effection's `sleep(0)` is a `setTimeout(0)`, which Node clamps to 1 ms: it is measured on far fewer switches, and compared per switch.",
      ],
    },
    {
      id: 'B',
      group: 'B',
      title: `B. Spawn ${fmtInt(s.tasks)} tasks that return a value, and join them all`,
      kind: 'time',
      unit: 'task',
      baseline: 'B.ref',
      rows: [
        row('B.ref', 'reference', 'reference: `createTask`, join with `yield* task`', 'B', s.tasks),
        row(
          'B.ref.gather',
          'reference',
          'reference: `createTask`, `gather`',
          'B',
          s.tasks,
          'gather',
        ),
        row(
          'B.asyncio.loop',
          'asyncio',
          'asyncio: `create_task`, join with `await task`',
          'B',
          s.tasks,
          'loop',
        ),
        row('B.asyncio', 'asyncio', 'asyncio: `create_task`, `gather`', 'B', s.tasks, 'gather'),
        row('B.native', 'native', 'native: async functions, `Promise.all`', 'B', s.tasks),
        row(
          'B.effection',
          'effection',
          `Effection: \`spawn\`, join with \`yield* task\` (n = ${fmtInt(eff)})`,
          'B',
          eff,
        ),
      ],
      notes: [
        'Peak RSS is the process\'s high-water mark (`getrusage` maxrss), baseline included; "growth" is that minus the RSS just before the workload.',
        `Effection costs far more per task (see its row): it runs ${fmtInt(eff)} tasks, compared per task.`,
      ],
    },
    {
      id: 'Bmem',
      group: 'Bmem',
      title: `B. Memory per task: ${fmtInt(s.tasks)} tasks alive, all waiting on one future`,
      kind: 'memory',
      unit: 'task',
      baseline: 'Bmem.ref',
      rows: [
        row('Bmem.ref', 'reference', 'reference: tasks parked on a `Future`', 'Bmem', s.tasks),
        row('Bmem.asyncio', 'asyncio', 'asyncio: tasks awaiting a future', 'Bmem', s.tasks),
        row('Bmem.native', 'native', 'native: async functions awaiting a promise', 'Bmem', s.tasks),
        row(
          'Bmem.effection',
          'effection',
          `Effection: tasks waiting on \`withResolvers\` (n = ${fmtInt(eff)})`,
          'Bmem',
          eff,
        ),
      ],
      notes: [
        'Node: growth of `heapUsed` after a forced garbage collection (`--expose-gc`), from before the tasks are created to when all have started and parked, divided by the tasks alive.',
        'CPython: the same growth as `tracemalloc` counts it (every Python allocation), after `gc.collect()`.',
      ],
    },
  ];
  for (const [i, n] of s.timers.entries()) {
    const effectionSkip =
      n > eff ? 'not run at this size: Effection costs far more per task (see B)' : undefined;
    // The largest size costs about 45 s of CPU a round (28 s of it CPython's): 3 rounds, and no
    // warm-up of its own (the rounds of the size before have just warmed every cache), keep
    // the whole benchmark under 10 minutes.
    const heavy = !QUICK && i === s.timers.length - 1 && flags.runs === undefined;
    const heavyNote = heavy
      ? [
          `At this size: ${HEAVY_RUNS} measured runs and no warm-up of its own (the runs at the size before have just warmed the caches), so that the whole benchmark stays under 10 minutes.`,
        ]
      : [];
    sections.push({
      id: `C${i}`,
      group: 'C',
      title: `C. ${fmtInt(n)} tasks each sleeping a random 0 to 100 ms of real time, joined`,
      kind: 'timers',
      unit: 'task',
      baseline: `C${i}.ref`,
      rows: [
        row(`C${i}.ref`, 'reference', 'reference: `yield* sleep(d)`', 'C', n),
        row(`C${i}.asyncio`, 'asyncio', 'asyncio: `await asyncio.sleep(d)`, `gather`', 'C', n),
        row(
          `C${i}.native`,
          'native',
          'native: `await` a `setTimeout` promise, `Promise.all`',
          'C',
          n,
        ),
        row(`C${i}.effection`, 'effection', 'Effection: `spawn`, `yield* sleep(d)`', 'C', n, '', {
          skip: effectionSkip,
        }),
      ],
      notes: [
        ...(i === 0
          ? [
              'Delays are whole milliseconds (Node keeps one timer list per distinct duration). Lateness: for each task, when it woke minus when it asked to (the moment it called sleep, plus the delay). CPU is user + system time of every thread.',
            ]
          : []),
        ...heavyNote,
      ],
      ...(heavy ? { runs: HEAVY_RUNS, warmups: 0 } : {}),
    });
  }
  for (const shape of ['batch', 'chain'] as const) {
    const how = shape === 'batch' ? 'queued at once, then run' : 'each callback queueing the next';
    sections.push({
      id: `D.${shape}`,
      group: 'D',
      title: `D. ${fmtInt(s.callbacks)} plain callbacks, ${how}`,
      kind: 'time',
      unit: 'callback',
      baseline: `D.${shape}.ref`,
      rows: [
        row(`D.${shape}.ref`, 'reference', 'reference: `loop.callSoon`', 'D', s.callbacks, shape),
        row(`D.${shape}.asyncio`, 'asyncio', 'asyncio: `loop.call_soon`', 'D', s.callbacks, shape),
        row(
          `D.${shape}.microtask`,
          'native',
          'native: `queueMicrotask`',
          'D',
          s.callbacks,
          `microtask-${shape}`,
        ),
        row(
          `D.${shape}.then`,
          'native',
          'native: `promise.then` on a resolved promise',
          'D',
          s.callbacks,
          `then-${shape}`,
        ),
        row(
          `D.${shape}.immediate`,
          'native',
          'native: `setImmediate`',
          'D',
          s.callbacks,
          `immediate-${shape}`,
        ),
        row(`D.${shape}.effection`, 'effection', 'Effection', 'D', s.callbacks, '', {
          skip: 'no equivalent: Effection schedules operations; it has no callback queue',
        }),
      ],
      notes: [],
    });
  }
  sections.push(
    {
      id: 'E',
      group: 'E',
      title: `E. A chain of ${fmtInt(s.chain)} futures, each awaiting the previous`,
      kind: 'time',
      unit: 'link',
      baseline: 'E.ref',
      rows: [
        row('E.ref', 'reference', 'reference: tasks, each `yield* previous`', 'E', s.chain),
        row('E.asyncio', 'asyncio', 'asyncio: tasks, each `await previous`', 'E', s.chain),
        row('E.native', 'native', 'native: async functions, each `await previous`', 'E', s.chain),
        row(
          'E.effection',
          'effection',
          `Effection: spawned tasks, each \`yield* previous\` (n = ${fmtInt(eff)})`,
          'E',
          Math.min(eff, s.chain),
        ),
      ],
      notes: [
        'Every link starts and parks on the one before; then the first future is resolved and the time runs until the last link is done.',
      ],
    },
    {
      id: 'F',
      group: 'F',
      title: `F. ${fmtInt(s.jobs)} small CPU jobs through 2 worker threads`,
      kind: 'time',
      unit: 'job',
      baseline: 'F.ref',
      rows: [
        row('F.ref', 'reference', 'reference: `toThread`', 'F', s.jobs),
        row(
          'F.asyncio',
          'asyncio',
          'asyncio: `to_thread`, `ThreadPoolExecutor(max_workers=2)`',
          'F',
          s.jobs,
        ),
        row('F.native', 'native', 'native: a plain `worker_threads` pool', 'F', s.jobs),
        row('F.effection', 'effection', 'Effection', 'F', s.jobs, '', {
          skip: 'no equivalent: Effection has no thread pool of its own',
        }),
      ],
      notes: [
        "Each job sums `sqrt(i)` for 20,000 values of `i`; 4 jobs run first, untimed, to start both workers. CPython's threads share the GIL, and its loop is interpreted: its job is far slower, so its ratio says little about dispatch.",
      ],
    },
    {
      id: 'G',
      group: 'G',
      title: `G. ${fmtInt(s.cpuBoundJobs)} CPU-bound jobs: 2 worker threads against the loop alone`,
      kind: 'time',
      unit: 'job',
      baseline: 'G.ref',
      // Each job is a long loop, compiled on the spot: a warm-up would change nothing but the time.
      warmInProcess: false,
      rows: [
        row('G.ref', 'reference', 'reference: `toThread`, 2 workers', 'G', s.cpuBoundJobs),
        row(
          'G.ref.loop',
          'reference',
          'reference: one task per job, on the loop',
          'G',
          s.cpuBoundJobs,
          'loop',
        ),
        row(
          'G.asyncio',
          'asyncio',
          `asyncio: \`to_thread\`, \`ThreadPoolExecutor(max_workers=2)\` (n = ${s.pythonCpuBoundJobs})`,
          'G',
          s.pythonCpuBoundJobs,
        ),
        row(
          'G.asyncio.loop',
          'asyncio',
          `asyncio: one coroutine per job, on the loop (n = ${s.pythonCpuBoundJobs})`,
          'G',
          s.pythonCpuBoundJobs,
          'loop',
        ),
      ],
      notes: [
        `Each job sums \`sqrt(i)\` for ${fmtInt(G_JOB_SIZE)} values of \`i\` (about 25 ms in V8, 0.6 s in CPython, which therefore runs fewer jobs, compared per job). As lesson 06 explains, the reference's two workers run two jobs at once, so the jobs take about half the loop's time on a 2-core machine; CPython's threads share the GIL, so \`to_thread\` does not make pure-Python work faster.`,
      ],
    },
  );
  return sections.filter((section) => ONLY === null || ONLY.has(section.group));
}
