/**
 * The workloads on the reference runtime (reference/src), written as a learner would write
 * them with the course's API: generator coroutines, `createTask`, `yield* future`, `callSoon`.
 *
 * Usage: `node --expose-gc --import tsx bench/workloads/reference.ts <workload> <n> [variant] [warm|cold]`.
 *
 * @module
 */

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type Awaitable,
  type Coroutine,
  createTask,
  Future,
  getRunningLoop,
  newEventLoop,
  run,
  sleep,
  type Task,
} from '../../reference/src/index.ts';
import {
  check,
  checkClose,
  cpuJob,
  F_JOB_SIZE,
  F_WARMUP_JOBS,
  F_WORKERS,
  G_JOB_SIZE,
  heapAfterGc,
  lateness,
  type Measurement,
  randomDelaysMs,
  runWorkloads,
  Stopwatch,
  unavailable,
} from './common.ts';

/** `gather` of lesson 05, once reference/src/groups.ts exports it. */
type Gather = (aws: Awaitable<unknown>[]) => Future<unknown[]>;
/** `toThread` of lesson 06, once reference/src/threads.ts exports it. */
type ToThread = (fn: (n: number) => number, ...args: [number]) => Coroutine<number>;
/** `WorkerPoolExecutor` of lesson 06. */
type ExecutorClass = new (options?: { maxWorkers?: number }) => unknown;

/**
 * Imports `name` from reference/src/`file`.ts, or returns `null` when the file or the export is
 * not there yet (other lessons land while the benchmarks exist). The path is computed, so that
 * the type checker does not need the file either.
 */
async function optionalExport(file: string, name: string): Promise<unknown> {
  const url = new URL(`../../reference/src/${file}.ts`, import.meta.url);
  if (!existsSync(fileURLToPath(url))) return null;
  const module = (await import(url.href)) as Record<string, unknown>;
  return typeof module[name] === 'function' ? module[name] : null;
}

/** A: two tasks handing control back and forth, `n` switches in all. */
async function pingPong(n: number, variant: string): Promise<Measurement> {
  function* bare(turns: number): Coroutine<void> {
    for (let i = 0; i < turns; i++) yield;
  }
  function* sleeping(turns: number): Coroutine<void> {
    for (let i = 0; i < turns; i++) yield* sleep(0);
  }
  const side = variant === 'sleep0' ? sleeping : bare;
  function* main(): Coroutine<void> {
    const a = createTask(side(n / 2));
    const b = createTask(side(n / 2));
    yield* a;
    yield* b;
  }
  const watch = new Stopwatch();
  await run(main());
  return watch.stop();
}

/** B: spawn `n` tasks that return a value at once, then join them all. */
async function spawnJoin(n: number, variant: string): Promise<Measurement> {
  const gather =
    variant === 'gather' ? ((await optionalExport('groups', 'gather')) as Gather) : null;
  if (variant === 'gather' && gather === null) return unavailable('groups.ts has no gather yet');
  // biome-ignore lint/correctness/useYield: the task returns at its first step, as B asks.
  function* child(i: number): Coroutine<number> {
    return i;
  }
  function* main(): Coroutine<number> {
    const tasks: Task<number>[] = [];
    for (let i = 0; i < n; i++) tasks.push(createTask(child(i)));
    let sum = 0;
    if (gather !== null) {
      for (const value of (yield* gather(tasks)) as number[]) sum += value;
    } else {
      for (const task of tasks) sum += yield* task;
    }
    return sum;
  }
  const watch = new Stopwatch();
  const sum = await run(main());
  const measured = watch.stop();
  check('sum of results', sum, (n * (n - 1)) / 2);
  return measured;
}

/** B, memory: `n` tasks alive, all parked on one future; heap growth per task. */
async function pendingMemory(n: number): Promise<Measurement> {
  let bytesPerTask = 0;
  function* waiter(gate: Future<null>): Coroutine<null> {
    return yield* gate;
  }
  function* main(): Coroutine<void> {
    const gate = new Future<null>();
    const before = heapAfterGc();
    const tasks: Task<null>[] = [];
    for (let i = 0; i < n; i++) tasks.push(createTask(waiter(gate)));
    yield; // One iteration: every task takes its first step and parks on the gate.
    bytesPerTask = (heapAfterGc() - before) / n;
    gate.setResult(null);
    for (const task of tasks) yield* task;
  }
  const watch = new Stopwatch();
  await run(main());
  return { ...watch.stop(), bytesPerTask };
}

/** C: `n` tasks each sleeping a random 0 to 100 ms of real time, joined. */
async function sleepers(n: number): Promise<Measurement> {
  const delays = randomDelaysMs(n);
  const late = new Float64Array(n);
  function* sleeper(i: number): Coroutine<void> {
    const start = performance.now();
    yield* sleep(delays[i] / 1000);
    late[i] = performance.now() - start - delays[i];
  }
  function* main(): Coroutine<void> {
    const tasks: Task<void>[] = [];
    for (let i = 0; i < n; i++) tasks.push(createTask(sleeper(i)));
    for (const task of tasks) yield* task;
  }
  const watch = new Stopwatch();
  await run(main());
  return { ...watch.stop(), ...lateness(late) };
}

/** D: `n` plain callbacks through `callSoon`, queued at once (`batch`) or one by one (`chain`). */
async function callbacks(n: number, variant: string): Promise<Measurement> {
  const loop = newEventLoop();
  let count = 0;
  const watch = new Stopwatch();
  if (variant === 'chain') {
    const next = () => {
      if (++count === n) loop.stop();
      else loop.callSoon(next);
    };
    loop.callSoon(next);
  } else {
    const done = () => {
      if (++count === n) loop.stop();
    };
    for (let i = 0; i < n; i++) loop.callSoon(done);
  }
  await loop.runForever();
  const measured = watch.stop();
  loop.close();
  check('callbacks run', count, n);
  return measured;
}

/** E: a chain of `n` tasks, each awaiting the one before; the first awaits a future. */
async function futureChain(n: number): Promise<Measurement> {
  function* link(previous: Future<number>): Coroutine<number> {
    return (yield* previous) + 1;
  }
  function* main(): Coroutine<number> {
    const root = new Future<number>();
    let last: Future<number> = root;
    for (let i = 0; i < n; i++) last = createTask(link(last));
    yield; // Every link starts and parks on the one before.
    root.setResult(0);
    return yield* last;
  }
  const watch = new Stopwatch();
  const value = await run(main());
  const measured = watch.stop();
  check('end of the chain', value, n);
  return measured;
}

/** F and G: `n` CPU jobs of `size` through `toThread`, on a default executor of 2 workers. */
async function threads(n: number, size: number): Promise<Measurement> {
  const found = (await optionalExport('threads', 'toThread')) as ToThread | null;
  if (found === null) return unavailable('not yet: reference/src/threads.ts has no toThread');
  const toThread = found;
  const Executor = (await optionalExport('threads', 'WorkerPoolExecutor')) as ExecutorClass | null;
  let measured: Measurement | null = null;
  function* job(jobSize: number): Coroutine<number> {
    return yield* toThread(cpuJob, jobSize);
  }
  function* main(): Coroutine<void> {
    // Two workers, as asked; where the executor cannot be set, the default one is used.
    const loop = getRunningLoop() as unknown as { setDefaultExecutor?: (e: unknown) => void };
    if (Executor !== null) loop.setDefaultExecutor?.(new Executor({ maxWorkers: F_WORKERS }));
    const warm: Task<number>[] = [];
    for (let i = 0; i < F_WARMUP_JOBS; i++) warm.push(createTask(job(F_JOB_SIZE)));
    for (const task of warm) yield* task;
    const watch = new Stopwatch();
    const tasks: Task<number>[] = [];
    for (let i = 0; i < n; i++) tasks.push(createTask(job(size)));
    let sum = 0;
    for (const task of tasks) sum += yield* task;
    measured = watch.stop();
    checkClose('job results', sum, n * cpuJob(size));
  }
  await run(main());
  return measured ?? unavailable('the run ended without measuring');
}

/** G, on the loop: the same `n` jobs, each run by a task in its step, one after another. */
async function jobsOnLoop(n: number): Promise<Measurement> {
  // biome-ignore lint/correctness/useYield: the job blocks the loop for its whole step, as G shows.
  function* job(): Coroutine<number> {
    return cpuJob(G_JOB_SIZE);
  }
  function* main(): Coroutine<number> {
    const tasks: Task<number>[] = [];
    for (let i = 0; i < n; i++) tasks.push(createTask(job()));
    let sum = 0;
    for (const task of tasks) sum += yield* task;
    return sum;
  }
  const watch = new Stopwatch();
  const sum = await run(main());
  const measured = watch.stop();
  checkClose('job results', sum, n * cpuJob(G_JOB_SIZE));
  return measured;
}

runWorkloads({
  A: pingPong,
  B: spawnJoin,
  Bmem: pendingMemory,
  C: sleepers,
  D: callbacks,
  E: futureChain,
  F: (n) => threads(n, F_JOB_SIZE),
  G: (n, variant) => (variant === 'loop' ? jobsOnLoop(n) : threads(n, G_JOB_SIZE)),
});
