/**
 * The workloads on Node's own machinery: `async`/`await` and promises, `queueMicrotask`,
 * `setImmediate`, `setTimeout`, and a plain `worker_threads` pool.
 *
 * Usage: `node --expose-gc --import tsx bench/workloads/native.ts <workload> <n> [variant] [warm|cold]`.
 *
 * @module
 */

import { Worker } from 'node:worker_threads';
import {
  check,
  checkClose,
  cpuJob,
  F_JOB_SIZE,
  F_WARMUP_JOBS,
  F_WORKERS,
  heapAfterGc,
  lateness,
  type Measurement,
  randomDelaysMs,
  runWorkloads,
  Stopwatch,
} from './common.ts';

/** A promise with its resolver (`Promise.withResolvers` arrived in Node 22). */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * A: two async functions, `n` switches in all. `baton`: each hands a baton to the other by
 * resolving the promise the other awaits, then awaits its own. `null`: each awaits `null`, the
 * floor of what a switch through the microtask queue costs.
 */
async function pingPong(n: number, variant: string): Promise<Measurement> {
  const turns = n / 2;
  const watch = new Stopwatch();
  if (variant === 'null') {
    const side = async () => {
      for (let i = 0; i < turns; i++) await null;
    };
    await Promise.all([side(), side()]);
    return watch.stop();
  }
  const batons = [deferred<void>(), deferred<void>()];
  const side = async (me: number) => {
    const other = 1 - me;
    for (let i = 0; i < turns; i++) {
      const mine = deferred<void>();
      batons[me] = mine;
      batons[other].resolve();
      await mine.promise;
    }
    batons[other].resolve();
  };
  await Promise.all([side(0), side(1)]);
  return watch.stop();
}

/** B: `n` async functions that return a value at once, joined with `Promise.all`. */
async function spawnJoin(n: number): Promise<Measurement> {
  const child = async (i: number) => i;
  const watch = new Stopwatch();
  const promises: Promise<number>[] = [];
  for (let i = 0; i < n; i++) promises.push(child(i));
  let sum = 0;
  for (const value of await Promise.all(promises)) sum += value;
  const measured = watch.stop();
  check('sum of results', sum, (n * (n - 1)) / 2);
  return measured;
}

/** B, memory: `n` async functions suspended on one promise; heap growth per function. */
async function pendingMemory(n: number): Promise<Measurement> {
  const gate = deferred<null>();
  const waiter = async () => await gate.promise;
  const watch = new Stopwatch();
  const before = heapAfterGc();
  const promises: Promise<null>[] = [];
  for (let i = 0; i < n; i++) promises.push(waiter());
  await null; // For symmetry with the others: every function is already suspended.
  const bytesPerTask = (heapAfterGc() - before) / n;
  gate.resolve(null);
  await Promise.all(promises);
  return { ...watch.stop(), bytesPerTask };
}

/** C: `n` async functions each awaiting a `setTimeout` of a random 0 to 100 ms, joined. */
async function sleepers(n: number): Promise<Measurement> {
  const delays = randomDelaysMs(n);
  const late = new Float64Array(n);
  const sleeper = async (i: number) => {
    const start = performance.now();
    await new Promise<void>((resolve) => setTimeout(resolve, delays[i]));
    late[i] = performance.now() - start - delays[i];
  };
  const watch = new Stopwatch();
  const promises: Promise<void>[] = [];
  for (let i = 0; i < n; i++) promises.push(sleeper(i));
  await Promise.all(promises);
  return { ...watch.stop(), ...lateness(late) };
}

/**
 * D: `n` plain callbacks through `queueMicrotask`, `then` on a resolved promise, or `setImmediate`
 * (the variant's first word),
 * queued at once (`batch`) or each queueing the next (`chain`).
 */
async function callbacks(n: number, variant: string): Promise<Measurement> {
  const [how, shape] = variant.split('-');
  const resolved = Promise.resolve();
  const enqueue: (callback: () => void) => void =
    how === 'immediate'
      ? (callback) => setImmediate(callback)
      : how === 'then'
        ? (callback) => resolved.then(callback)
        : queueMicrotask;
  const finished = deferred<void>();
  let count = 0;
  const watch = new Stopwatch();
  if (shape === 'chain') {
    const next = () => {
      if (++count === n) finished.resolve();
      else enqueue(next);
    };
    enqueue(next);
  } else {
    const done = () => {
      if (++count === n) finished.resolve();
    };
    for (let i = 0; i < n; i++) enqueue(done);
  }
  await finished.promise;
  const measured = watch.stop();
  check('callbacks run', count, n);
  return measured;
}

/** E: a chain of `n` async functions, each awaiting the promise of the one before. */
async function futureChain(n: number): Promise<Measurement> {
  const link = async (previous: Promise<number>) => (await previous) + 1;
  const watch = new Stopwatch();
  const root = deferred<number>();
  let last = root.promise;
  for (let i = 0; i < n; i++) last = link(last);
  root.resolve(0);
  const value = await last;
  const measured = watch.stop();
  check('end of the chain', value, n);
  return measured;
}

/** The worker of the pool: runs the job it receives and posts the result back. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const cpuJob = ${cpuJob.toString()};
parentPort.on('message', ({ id, n }) => parentPort.postMessage({ id, value: cpuJob(n) }));
`;

/** A plain pool of worker threads: a queue, and each idle worker takes the next job. */
class WorkerPool {
  readonly #idle: Worker[] = [];
  readonly #queue: { id: number; n: number }[] = [];
  readonly #pending = new Map<number, (value: number) => void>();
  readonly #workers: Worker[] = [];
  #nextId = 0;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.on('message', ({ id, value }: { id: number; value: number }) => {
        const resolve = this.#pending.get(id);
        this.#pending.delete(id);
        resolve?.(value);
        this.#dispatch(worker);
      });
      this.#workers.push(worker);
      this.#idle.push(worker);
    }
  }

  /** Runs `cpuJob(n)` on the next free worker. */
  submit(n: number): Promise<number> {
    const id = this.#nextId++;
    const result = new Promise<number>((resolve) => this.#pending.set(id, resolve));
    this.#queue.push({ id, n });
    const worker = this.#idle.pop();
    if (worker !== undefined) this.#dispatch(worker);
    return result;
  }

  #dispatch(worker: Worker): void {
    const job = this.#queue.shift();
    if (job === undefined) this.#idle.push(worker);
    else worker.postMessage(job);
  }

  /** Ends the workers. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }
}

/** F: `n` small CPU jobs through a pool of 2 worker threads. */
async function threads(n: number): Promise<Measurement> {
  const pool = new WorkerPool(F_WORKERS);
  const warm: Promise<number>[] = [];
  for (let i = 0; i < F_WARMUP_JOBS; i++) warm.push(pool.submit(F_JOB_SIZE));
  await Promise.all(warm);
  const watch = new Stopwatch();
  const jobs: Promise<number>[] = [];
  for (let i = 0; i < n; i++) jobs.push(pool.submit(F_JOB_SIZE));
  let sum = 0;
  for (const value of await Promise.all(jobs)) sum += value;
  const measured = watch.stop();
  await pool.close();
  checkClose('job results', sum, n * cpuJob(F_JOB_SIZE));
  return measured;
}

runWorkloads({
  A: pingPong,
  B: spawnJoin,
  Bmem: pendingMemory,
  C: sleepers,
  D: callbacks,
  E: futureChain,
  F: threads,
});
