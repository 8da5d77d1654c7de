/**
 * `WorkerPoolExecutor`: CPython's `concurrent.futures.ThreadPoolExecutor` on Node's
 * `worker_threads`, the executor behind `toThread` and `loop.runInExecutor`.
 *
 * As in CPython, workers start lazily, one per job while fewer than `maxWorkers` exist and none
 * is idle; jobs beyond that wait in a FIFO queue; `shutdown()` lets queued and running jobs
 * finish. Unlike Python's threads, workers share no memory with the loop (except
 * `SharedArrayBuffer`s): a job's function travels as source text or as a module and export,
 * and its arguments and result are structured-cloned (see `threads.ts`).
 *
 * A worker runs one job at a time: a job is posted to a worker only once the worker is free,
 * so a queued job can still be cancelled, and a worker that dies takes only its own job with it.
 *
 * @module
 */

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CancelledError, RuntimeError, ValueError } from './errors.ts';
import type { JobMessage, ReplyMessage, WorkerConfig } from './worker-main.ts';
import { workerScript } from './worker-main.ts';
import {
  _cloneError,
  _functionSpec,
  _rebuildThrown,
  type FunctionSpec,
  type ModuleFunction,
  type WorkerFunction,
} from './worker-transfer.ts';

export type { ModuleFunction, WorkerFunction } from './worker-transfer.ts';

/** Options of the {@link WorkerPoolExecutor} constructor. */
export interface WorkerPoolExecutorOptions {
  /** The most workers at a time; by default CPython's `min(32, cpu count + 4)`. */
  maxWorkers?: number | null;
}

/** Options of {@link WorkerPoolExecutor.shutdown}. */
export interface ShutdownOptions {
  /** Wait until every worker has exited (default `true`), as `shutdown(wait=True)`. */
  wait?: boolean;
  /** Cancel the jobs still queued instead of running them (default `false`). */
  cancelFutures?: boolean;
}

/** How a job ended, as its callback hears it. */
export type JobOutcome = 'result' | 'error' | 'cancelled';

/** Called once when a job ends: with its result, what it threw, or a `CancelledError`. */
export type JobCallback = (outcome: JobOutcome, value: unknown) => void;

/** No arguments: what a job keeps once the worker has its own copy. */
const NO_ARGS: unknown[] = [];

/**
 * One call of a function in a worker: queued, then running, then done. A queued job is linked
 * into its pool's queue through `_prev` and `_next`, so that cancelling it unlinks it at once.
 */
export class Job {
  _pool: WorkerPoolExecutor;
  _id: number;
  _spec: FunctionSpec;
  /** The arguments, until the job is posted to a worker or ends. */
  _args: unknown[];
  _onDone: JobCallback;
  _state: 'queued' | 'running' | 'done' = 'queued';
  _prev: Job | null = null;
  _next: Job | null = null;

  constructor(
    pool: WorkerPoolExecutor,
    id: number,
    spec: FunctionSpec,
    args: unknown[],
    onDone: JobCallback,
  ) {
    this._pool = pool;
    this._id = id;
    this._spec = spec;
    this._args = args;
    this._onDone = onDone;
  }

  /**
   * Cancels the job if it has not started (`concurrent.futures.Future.cancel`): it leaves the
   * queue and ends `'cancelled'`. A running job cannot be stopped.
   *
   * @returns true if the job was still queued.
   */
  cancel(): boolean {
    if (this._state !== 'queued') return false;
    this._pool._unlink(this);
    this._finish('cancelled', new CancelledError());
    return true;
  }

  /** Ends the job, once. */
  _finish(outcome: JobOutcome, value: unknown): void {
    if (this._state === 'done') return;
    this._state = 'done';
    this._args = NO_ARGS;
    this._onDone(outcome, value);
  }

  toString(): string {
    return `<Job ${this._spec.label} ${this._state}>`;
  }
}

/** A worker of the pool, with the job it runs and the functions it already has. */
class PoolWorker {
  _worker: Worker;
  _job: Job | null = null;
  /** Ids of the functions this worker has made: their definition is not sent again. */
  _known = new Set<number>();
  /** The uncaught error the worker died of, reported by its 'error' event before 'exit'. */
  _error: unknown = undefined;

  constructor(worker: Worker) {
    this._worker = worker;
  }
}

/** A worker's data: where tsx is, resolved once, from here (the worker has no base to do it). */
let workerConfig: WorkerConfig | null = null;

function getWorkerConfig(): WorkerConfig {
  if (workerConfig === null) {
    let tsxApi: string | null = null;
    try {
      tsxApi = import.meta.resolve('tsx/esm/api');
    } catch {
      // Without tsx, a TypeScript module fails to load in the worker, saying so.
    }
    workerConfig = { tsxApi };
  }
  return workerConfig;
}

/**
 * A pool of worker threads that runs functions: CPython's `ThreadPoolExecutor`, on
 * `worker_threads`. `submit(fn, ...args)` returns a promise of `fn(...args)`, run in a worker.
 *
 * Idle workers are unreferenced, so they do not keep the process alive; a worker with a job
 * does, as CPython joins its pool's threads at exit. After `shutdown()`, workers exit once the
 * queue is empty.
 */
export class WorkerPoolExecutor {
  _maxWorkers: number;
  _workers = new Set<PoolWorker>();
  /** Workers without a job, the most recently used last (it is taken first). */
  _idle: PoolWorker[] = [];
  /** The first job waiting for a worker (the queue is linked through the jobs), or `null`. */
  _queueHead: Job | null = null;
  /** The last job waiting for a worker, or `null`. */
  _queueTail: Job | null = null;
  /** How many jobs wait. */
  _queued = 0;
  _shutdown = false;
  /** `shutdown({ wait: true })` calls waiting for the last worker to exit. */
  _exitWaiters: (() => void)[] = [];
  _lastJobId = 0;

  /**
   * @param options - `{ maxWorkers }`: at most this many workers at a time.
   * @throws ValueError('max_workers must be greater than 0').
   * @throws TypeError when `maxWorkers` is not an integer.
   */
  constructor(options?: WorkerPoolExecutorOptions) {
    // Python's default sizes a pool for blocking I/O; workers are heavier, but start lazily.
    const max = options?.maxWorkers ?? Math.min(32, availableParallelism() + 4);
    if (!Number.isInteger(max)) throw new TypeError(`maxWorkers must be an integer, got ${max}`);
    if (max <= 0) throw new ValueError('max_workers must be greater than 0');
    this._maxWorkers = max;
  }

  /**
   * Runs `fn(...args)` in a worker and returns a promise of its result: the function's return
   * value (awaited in the worker if it is a promise), or a rejection with what it threw, rebuilt
   * (see `threads.ts`).
   *
   * @param fn - A self-contained function, or `{ module, export }`.
   * @param args - Structured-cloned into the worker: a value that cannot be cloned fails the
   *   job with a `DataCloneError`.
   * @returns A promise that rejects with RuntimeError('cannot schedule new futures after
   *   shutdown') once `shutdown()` was called.
   */
  submit<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>>;
  submit<R = unknown>(fn: ModuleFunction, ...args: unknown[]): Promise<R>;
  submit(fn: WorkerFunction, ...args: unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this._submit(_functionSpec(fn), args, (outcome, value) => {
        if (outcome === 'result') resolve(value);
        else reject(value);
      });
    });
  }

  /**
   * Shuts the pool down: no new job is accepted; queued and running jobs still run (unless
   * `cancelFutures`), then each worker exits.
   *
   * @param options - `{ wait, cancelFutures }`.
   * @returns A promise that resolves at once with `wait: false`, or once every worker exited.
   */
  shutdown(options?: ShutdownOptions): Promise<void> {
    this._shutdown = true;
    if (options?.cancelFutures) {
      while (this._queueHead !== null) this._queueHead.cancel();
    }
    for (const worker of this._idle.splice(0)) this._retire(worker);
    if (options?.wait === false || this._workers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this._exitWaiters.push(resolve));
  }

  /** `<WorkerPoolExecutor maxWorkers=6 workers=2 queued=0>`. */
  toString(): string {
    const state = this._shutdown ? ' shutdown' : '';
    return `<WorkerPoolExecutor maxWorkers=${this._maxWorkers} workers=${this._workers.size} queued=${this._queued}${state}>`;
  }

  /**
   * Queues a job and starts it if a worker is free or may be started.
   *
   * @param onDone - Called once, when the job ends (possibly before this returns, if its
   *   arguments cannot be cloned).
   * @throws RuntimeError('cannot schedule new futures after shutdown').
   * @internal The loop's side (`runInExecutor`) uses it to cancel a queued job.
   */
  _submit(spec: FunctionSpec, args: unknown[], onDone: JobCallback): Job {
    if (this._shutdown) throw new RuntimeError('cannot schedule new futures after shutdown');
    const job = new Job(this, ++this._lastJobId, spec, args, onDone);
    if (this._queueTail === null) this._queueHead = job;
    else this._queueTail._next = job;
    job._prev = this._queueTail;
    this._queueTail = job;
    this._queued++;
    this._pump();
    return job;
  }

  /** Hands queued jobs to idle workers, starting workers while fewer than `maxWorkers` exist. */
  _pump(): void {
    while (this._queueHead !== null) {
      let worker = this._idle.pop();
      if (worker === undefined) {
        if (this._workers.size >= this._maxWorkers) return;
        worker = this._spawn();
      } else {
        worker._worker.ref();
      }
      this._next(worker);
    }
  }

  /** Takes a job out of the queue (it starts, or it was cancelled). */
  _unlink(job: Job): void {
    if (job._prev === null) this._queueHead = job._next;
    else job._prev._next = job._next;
    if (job._next === null) this._queueTail = job._prev;
    else job._next._prev = job._prev;
    job._prev = job._next = null;
    this._queued--;
  }

  /** Gives a free worker the next queued job; without one, the worker idles or retires. */
  _next(worker: PoolWorker): void {
    for (let job = this._queueHead; job !== null; job = this._queueHead) {
      this._unlink(job);
      if (this._start(worker, job)) return;
    }
    if (this._shutdown) {
      this._retire(worker);
    } else {
      worker._worker.unref();
      this._idle.push(worker);
    }
  }

  /**
   * Posts a job to a worker.
   *
   * @returns false if the arguments could not be cloned: the job failed, the worker is free.
   */
  _start(worker: PoolWorker, job: Job): boolean {
    const spec = job._spec;
    const def = worker._known.has(spec.id) ? null : spec.def;
    const message: JobMessage = [job._id, spec.id, job._args, def];
    try {
      worker._worker.postMessage(message);
    } catch (error) {
      job._finish('error', _cloneError(error, `the arguments of ${spec.label}`));
      return false;
    }
    worker._known.add(spec.id);
    worker._job = job;
    job._state = 'running';
    job._args = NO_ARGS; // The worker has its own copy now.
    return true;
  }

  /** Starts a worker (lazily, for a job). */
  _spawn(): PoolWorker {
    const worker = new PoolWorker(
      new Worker(workerScript(), { eval: true, workerData: getWorkerConfig() }),
    );
    const w = worker._worker;
    w.on('message', (reply: ReplyMessage) => this._onReply(worker, reply));
    w.on('messageerror', (error: Error) => this._onReply(worker, thrownBy(worker, error)));
    w.on('error', (error: unknown) => {
      worker._error = error;
    });
    w.on('exit', (code: number) => this._onExit(worker, code));
    this._workers.add(worker);
    return worker;
  }

  /** A job's reply: give the worker its next job first, so that it never waits for us. */
  _onReply(worker: PoolWorker, reply: ReplyMessage): void {
    const job = worker._job;
    if (job === null || !Array.isArray(reply) || reply[0] !== job._id) return;
    worker._job = null;
    this._next(worker);
    if (reply.length === 3) job._finish('error', _rebuildThrown(reply[2]));
    else job._finish('result', reply[1]);
  }

  /** A worker exited: on a crash, its job fails and a new worker takes the queue. */
  _onExit(worker: PoolWorker, code: number): void {
    this._workers.delete(worker);
    const idle = this._idle.indexOf(worker);
    if (idle !== -1) this._idle.splice(idle, 1);
    const job = worker._job;
    worker._job = null;
    if (job !== null) {
      const error =
        worker._error ??
        new RuntimeError(
          `the worker thread running ${job._spec.label} exited with code ${code} before the job was done`,
        );
      job._finish('error', error);
    } else if (worker._error !== undefined) {
      // Python's threading.excepthook reports an error that no future can carry.
      console.error('Exception in a worker thread of WorkerPoolExecutor:', worker._error);
    }
    this._pump();
    if (this._workers.size === 0) {
      for (const resolve of this._exitWaiters.splice(0)) resolve();
    }
  }

  /** Stops a worker that has no job; its 'exit' event removes it. */
  _retire(worker: PoolWorker): void {
    void worker._worker.terminate();
  }
}

/** A 'messageerror' (a reply that cannot be deserialized) as a reply of the current job. */
function thrownBy(worker: PoolWorker, error: Error): ReplyMessage {
  const id = worker._job?._id ?? -1;
  return [id, undefined, { kind: 'value', value: _cloneError(error, 'the reply of the job') }];
}
