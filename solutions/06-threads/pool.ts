/**
 * Lesson 06: `WorkerPoolExecutor`, CPython's `concurrent.futures.ThreadPoolExecutor` on Node's
 * `worker_threads`: the executor behind `toThread` and `loop.runInExecutor` (`threads.ts`).
 *
 * As in CPython, workers start lazily, one for a job when none is idle and fewer than
 * `maxWorkers` exist; the jobs beyond that wait in a FIFO queue; `shutdown()` lets the queued
 * and running jobs finish. Unlike Python's threads, a worker shares no objects with the loop's
 * thread: a job's function travels as source text (or as a module and an export), and its
 * arguments and result are structured-cloned. A worker runs one job at a time, and a job is
 * posted to a worker only once the worker is free: so a queued job can still be cancelled, and a
 * worker that dies takes only its own job with it.
 */

import { availableParallelism } from 'node:os';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CancelledError, RuntimeError, ValueError } from '#course/errors';
import { repr } from '#course/futures';
import {
  type FunctionDef,
  type JobMessage,
  type ReplyMessage,
  type Thrown,
  type WorkerConfig,
  workerScript,
} from './worker.ts';

/**
 * A function exported by a module, run by a worker that imports the module: the form for work
 * that needs imports (06.9). `module` is a URL (`new URL('./work.ts', import.meta.url)`), a file
 * URL string or an absolute path; TypeScript modules load through tsx.
 */
export interface ModuleFunction {
  module: URL | string;
  export: string;
}

/**
 * What a worker can run: a self-contained function, whose source text travels to the worker (it
 * may use its parameters and the globals, nothing else), or a {@link ModuleFunction}.
 */
// biome-ignore lint/suspicious/noExplicitAny: any function, whatever its parameters.
export type WorkerFunction = ((...args: any[]) => unknown) | ModuleFunction;

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

/** How a job ended. */
export type JobOutcome = 'result' | 'error' | 'cancelled';

/** Called once when a job ends: with its result, what it threw, or a `CancelledError`. */
export type JobCallback = (outcome: JobOutcome, value: unknown) => void;

/** A function as the pool knows it: an id per distinct source text or module export. */
export interface FunctionSpec {
  id: number;
  /** How a worker makes it. */
  def: FunctionDef;
  /** For messages: `double()`, `sha256File()`. */
  label: string;
}

/** One call of a function in a worker: queued, then running, then done. */
export class Job {
  /** The pool that runs it. */
  _pool: WorkerPoolExecutor;
  /** Its id, which the worker's reply names. */
  _id: number;
  /** The function to call. */
  _spec: FunctionSpec;
  /** Its arguments. */
  _args: unknown[];
  /** Told how the job ended, once. */
  _onDone: JobCallback;
  /** `'queued'` until a worker takes it, `'running'`, then `'done'`. */
  _state: 'queued' | 'running' | 'done' = 'queued';

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
   * Cancels the job if no worker has taken it yet (`concurrent.futures.Future.cancel`): it
   * leaves the queue and ends `'cancelled'`, with a `CancelledError`. A running job cannot be
   * stopped: a thread cannot be interrupted, and neither can a worker's job (06.4).
   *
   * @returns true if the job was still queued.
   */
  cancel(): boolean {
    if (this._state !== 'queued') return false;
    const queue = this._pool._queue;
    queue.splice(queue.indexOf(this), 1);
    this._finish('cancelled', new CancelledError());
    return true;
  }

  /** Ends the job, once: later calls do nothing. Given. */
  _finish(outcome: JobOutcome, value: unknown): void {
    if (this._state === 'done') return;
    this._state = 'done';
    this._onDone(outcome, value);
  }

  /** `<Job double() running>`. Given. */
  toString(): string {
    return `<Job ${this._spec.label} ${this._state}>`;
  }
}

/** A worker thread of the pool, with the job it runs and the functions it already has. */
export class PoolWorker {
  /** The thread. */
  _worker: Worker;
  /** The job it runs, or `null` while it idles. */
  _job: Job | null = null;
  /** Ids of the functions this worker has made: their definition is not sent again. */
  _known = new Set<number>();
  /** The uncaught error the worker died of, as its `'error'` event reports it before `'exit'`. */
  _error: unknown = undefined;

  constructor(worker: Worker) {
    this._worker = worker;
  }
}

/**
 * A pool of worker threads that runs functions: CPython's `ThreadPoolExecutor`, on
 * `worker_threads`. `submit(fn, ...args)` returns a promise of `fn(...args)`, run in a worker.
 *
 * Idle workers are unreferenced, so that they do not keep the process alive; a worker with a
 * job keeps it alive, as CPython joins its pool's threads at exit.
 */
export class WorkerPoolExecutor {
  /** The most workers at a time. */
  _maxWorkers: number;
  /** Every worker that has not exited. */
  _workers = new Set<PoolWorker>();
  /** The workers without a job; the last one idled most recently, and is taken first. */
  _idle: PoolWorker[] = [];
  /** The jobs waiting for a worker, first come first served. */
  _queue: Job[] = [];
  /** Set by `shutdown()`: no new job, and workers exit once the queue is empty. */
  _shutdown = false;
  /** Called once the last worker has exited: the `shutdown()` calls that wait for it. */
  _exitWaiters: (() => void)[] = [];
  /** The id of the last job submitted. */
  _lastJobId = 0;

  /**
   * Keeps `maxWorkers` (06.1): by default `Math.min(32, availableParallelism() + 4)`, as
   * CPython's `min(32, os.cpu_count() + 4)`. (06.2) Check it first: an integer, above 0.
   *
   * @throws TypeError when `maxWorkers` is not an integer.
   * @throws ValueError('max_workers must be greater than 0').
   */
  constructor(options?: WorkerPoolExecutorOptions) {
    const max = options?.maxWorkers ?? Math.min(32, availableParallelism() + 4);
    if (!Number.isInteger(max)) throw new TypeError(`maxWorkers must be an integer, got ${max}`);
    if (max <= 0) throw new ValueError('max_workers must be greater than 0');
    this._maxWorkers = max;
  }

  /**
   * Runs `fn(...args)` in a worker and returns a promise of its result: what the function
   * returns (awaited in the worker if it is a promise), or a rejection with what it threw,
   * rebuilt (see `_rebuildThrown`). Given: the work is in `_submit`.
   *
   * @param fn - A self-contained function, or `{ module, export }`.
   * @param args - Structured-cloned into the worker.
   * @returns A promise that rejects with RuntimeError('cannot schedule new futures after
   *   shutdown') once `shutdown()` was called, or with a TypeError for a function that cannot
   *   travel.
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
   * Shuts the pool down (06.4): no new job is accepted; the queued jobs are cancelled with
   * `cancelFutures`, and otherwise still run, as the running ones do; then each worker exits
   * (idle workers at once, the others once the queue is empty).
   *
   * @returns A promise that resolves at once with `{ wait: false }`, otherwise once every
   *   worker has exited.
   */
  shutdown(options?: ShutdownOptions): Promise<void> {
    this._shutdown = true;
    if (options?.cancelFutures) {
      for (const job of [...this._queue]) job.cancel();
    }
    for (const worker of this._idle.splice(0)) this._retire(worker);
    if (options?.wait === false || this._workers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this._exitWaiters.push(resolve));
  }

  /** `<WorkerPoolExecutor maxWorkers=6 workers=2 queued=0>`. Given. */
  toString(): string {
    const state = this._shutdown ? ' shutdown' : '';
    return `<WorkerPoolExecutor maxWorkers=${this._maxWorkers} workers=${this._workers.size} queued=${this._queue.length}${state}>`;
  }

  /**
   * Queues a job and starts what can start (`_pump`).
   *
   * - (06.1) Make a `Job` (with the next `_lastJobId`), add it to the end of the queue, pump.
   * - (06.4) After `shutdown()`, refuse: RuntimeError('cannot schedule new futures after
   *   shutdown').
   *
   * @param onDone - Told once how the job ended, possibly before `_submit` returns (when its
   *   arguments cannot be cloned).
   * @returns The job, which the loop's side may cancel (06.7).
   */
  _submit(spec: FunctionSpec, args: unknown[], onDone: JobCallback): Job {
    if (this._shutdown) throw new RuntimeError('cannot schedule new futures after shutdown');
    const job = new Job(this, ++this._lastJobId, spec, args, onDone);
    this._queue.push(job);
    this._pump();
    return job;
  }

  /**
   * Hands the queued jobs to workers, first come first served, as long as there are both.
   *
   * - (06.1) For each queued job, take an idle worker (the last of `_idle`), or else start one
   *   (`_spawn`), and post the job to it (`_start`).
   * - (06.2) Start a worker only while fewer than `_maxWorkers` exist; otherwise leave the jobs
   *   queued: a worker that becomes free will take them. A worker taken from `_idle` is
   *   referenced again (`ref()`), so that its job keeps the process alive.
   * - (06.4) After `shutdown()`, once the queue is empty, retire the idle workers.
   */
  _pump(): void {
    while (this._queue.length > 0) {
      let worker = this._idle.pop();
      if (worker === undefined) {
        if (this._workers.size >= this._maxWorkers) return;
        worker = this._spawn();
      } else {
        worker._worker.ref();
      }
      const job = this._queue.shift() as Job;
      if (!this._start(worker, job)) {
        worker._worker.unref();
        this._idle.push(worker);
      }
    }
    if (this._shutdown) {
      for (const worker of this._idle.splice(0)) this._retire(worker);
    }
  }

  /**
   * Posts a job to a worker (given): the definition of its function goes along the first time
   * this worker sees the function. The job is then running. Arguments that cannot be cloned make
   * `postMessage` throw a `DataCloneError`: the job fails with it, and the worker, which never
   * received it, is still free.
   *
   * @returns false if the job could not be posted.
   */
  _start(worker: PoolWorker, job: Job): boolean {
    const spec = job._spec;
    const def = worker._known.has(spec.id) ? null : spec.def;
    const message: JobMessage = [job._id, spec.id, job._args, def];
    try {
      worker._worker.postMessage(message);
    } catch (error) {
      job._finish('error', error);
      return false;
    }
    worker._known.add(spec.id);
    worker._job = job;
    job._state = 'running';
    return true;
  }

  /**
   * Starts a worker thread (given): it evaluates `workerScript()`, with `workerData` telling it
   * where tsx is. Its events go to `_onReply` (`'message'`), `worker._error` (`'error'`: an
   * uncaught error that kills it) and `_onExit` (`'exit'`).
   */
  _spawn(): PoolWorker {
    const config: WorkerConfig = { tsxApi: tsxApi() };
    const worker = new PoolWorker(new Worker(workerScript(), { eval: true, workerData: config }));
    worker._worker.on('message', (reply: ReplyMessage) => this._onReply(worker, reply));
    worker._worker.on('messageerror', (error: Error) => {
      this._onReply(worker, [worker._job?._id ?? -1, undefined, { kind: 'value', value: error }]);
    });
    worker._worker.on('error', (error: unknown) => {
      worker._error = error;
    });
    worker._worker.on('exit', (code: number) => this._onExit(worker, code));
    this._workers.add(worker);
    return worker;
  }

  /**
   * A worker answered (06.1): free the worker first (it goes back to `_idle`, unreferenced
   * (06.2), and `_pump` gives it the next job at once), then finish its job with the result, or
   * with what it threw, rebuilt by `_rebuildThrown`. A reply for another job than the worker's
   * is ignored.
   */
  _onReply(worker: PoolWorker, reply: ReplyMessage): void {
    const job = worker._job;
    if (job === null || reply[0] !== job._id) return;
    worker._job = null;
    worker._worker.unref();
    this._idle.push(worker);
    this._pump();
    if (reply.length === 3) job._finish('error', _rebuildThrown(reply[2]));
    else job._finish('result', reply[1]);
  }

  /**
   * A worker exited: it is no longer one of the pool's.
   *
   * - (06.3) If it had a job, the job fails: with the error the worker died of (`_error`), or a
   *   RuntimeError naming the exit code (`the worker thread running double() exited with code 3
   *   before the job was done`). An idle worker that died of an error is reported with
   *   `console.error` (no job can carry it). Then pump: a new worker takes the queue.
   * - (06.4) When no worker is left, call the `_exitWaiters`.
   */
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
      console.error('Exception in a worker thread of WorkerPoolExecutor:', worker._error);
    }
    this._pump();
    if (this._workers.size === 0) {
      for (const resolve of this._exitWaiters.splice(0)) resolve();
    }
  }

  /** Stops a worker that has no job (06.4): `terminate()` it; its `'exit'` removes it. */
  _retire(worker: PoolWorker): void {
    void worker._worker.terminate();
  }
}

/** Where tsx's API is, found once, from here (a worker has no base to resolve it from). */
let tsxApiUrl: string | null | undefined;

function tsxApi(): string | null {
  if (tsxApiUrl === undefined) {
    try {
      tsxApiUrl = import.meta.resolve('tsx/esm/api');
    } catch {
      tsxApiUrl = null; // without tsx, a TypeScript module fails to load, saying so
    }
  }
  return tsxApiUrl;
}

let lastFunctionId = 0;
/** Specs by source text or `module#export`: a function is made once per worker. */
const specsByKey = new Map<string, FunctionSpec>();

/** The spec for `key`, made once. */
function specFor(key: string, def: FunctionDef, label: string): FunctionSpec {
  let spec = specsByKey.get(key);
  if (spec === undefined) {
    spec = { id: ++lastFunctionId, def, label };
    specsByKey.set(key, spec);
  }
  return spec;
}

/**
 * Returns the spec of a function to run in a worker (given): for a function, its source text,
 * `Function.prototype.toString.call(fn)`. A native or bound function has no source (`function
 * max() { [native code] }`), and a class cannot be called: both are a TypeError. The
 * `{ module, export }` form is `_moduleSpec`'s.
 *
 * @throws TypeError for what cannot travel.
 */
export function _functionSpec(fn: WorkerFunction): FunctionSpec {
  if (typeof fn === 'function') {
    const source = Function.prototype.toString.call(fn);
    if (source.endsWith('{ [native code] }')) {
      throw new TypeError(
        `${repr(fn)} cannot run in a worker thread: a native or bound function has no source`,
      );
    }
    if (/^class[\s{]/.test(source)) {
      throw new TypeError(`${repr(fn)} cannot run in a worker thread: a class is not callable`);
    }
    return specFor(`source:${source}`, { source }, `${fn.name || '<anonymous>'}()`);
  }
  if (fn === null || typeof fn !== 'object' || typeof fn.export !== 'string') {
    throw new TypeError(`a function or { module, export } is required, got ${repr(fn)}`);
  }
  return _moduleSpec(fn);
}

/**
 * Returns the spec of a `{ module, export }` function (06.9): `specFor` a key made of the
 * module's URL and the export's name, with the definition `{ module: url, export }` and the
 * label `sha256()`. The worker imports the URL, which must be absolute: a `URL` (its `href`), a
 * file URL string, or an absolute path (`pathToFileURL(path).href`). A relative path would be
 * resolved against the worker's script, not the caller's module: it is a TypeError, which says
 * to use `new URL('./work.ts', import.meta.url)`.
 *
 * @throws TypeError for a module that is not given by an absolute URL or path.
 */
export function _moduleSpec(fn: ModuleFunction): FunctionSpec {
  const module: unknown = fn.module;
  let url: string;
  if (module instanceof URL) {
    url = module.href;
  } else if (typeof module === 'string' && module.startsWith('file:')) {
    url = new URL(module).href;
  } else if (typeof module === 'string' && isAbsolute(module)) {
    url = pathToFileURL(module).href;
  } else {
    throw new TypeError(
      `module must be a URL, a file URL or an absolute path, got ${repr(module)} ` +
        `(for a module beside yours: new URL('./work.ts', import.meta.url))`,
    );
  }
  return specFor(
    `module:${url}#${fn.export}`,
    { module: url, export: fn.export },
    `${fn.export}()`,
  );
}

/** The errors whose class survives the trip: JavaScript's own, by name. */
const BUILTIN_ERRORS: Record<string, ErrorConstructor> = {
  Error,
  EvalError,
  RangeError,
  ReferenceError,
  SyntaxError,
  TypeError,
  URIError,
};

/**
 * Rebuilds what a job threw (given): a JavaScript error keeps its class, a `DataCloneError` is a
 * `DOMException`, and any other error (a class of the job's own, such as `ValueError`) comes back
 * as an `Error` with the same `name`. Message, stack and own properties are kept.
 */
export function _rebuildThrown(thrown: Thrown): unknown {
  if (thrown.kind === 'value') return thrown.value;
  const { name, message, stack, props } = thrown;
  const Builtin = Object.hasOwn(BUILTIN_ERRORS, name) ? BUILTIN_ERRORS[name] : undefined;
  let error: Error;
  if (Builtin !== undefined) {
    error = new Builtin(message);
  } else if (name === 'DataCloneError') {
    error = new DOMException(message, name);
  } else {
    error = new Error(message);
    Object.defineProperty(error, 'name', { value: name, configurable: true, writable: true });
  }
  if (stack !== undefined) error.stack = stack;
  if (props !== null) Object.assign(error, props);
  return error;
}
