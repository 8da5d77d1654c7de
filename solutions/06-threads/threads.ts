/**
 * Lesson 06: threads, asyncio's `threads.py` (`to_thread`) with the executor parts of
 * `base_events.py` (`run_in_executor`, `set_default_executor`, `shutdown_default_executor`) and
 * `futures.wrap_future`: running blocking or CPU-heavy work outside the loop, and waiting for it
 * without blocking the loop.
 *
 * The loop is never touched from outside: a job's outcome, or a promise's, comes back on the
 * loop's thread as a Node callback, which hands it to the loop with `callSoonThreadsafe`, as
 * asyncio's `_chain_future` does; and while the loop waits for such work, the work holds the
 * loop (`_holdExternalWork`, lesson 03), so that a virtual clock waits for it instead of jumping
 * ahead or reporting a deadlock.
 *
 * The executor methods belong to lesson 03's `EventLoop`, which could not know about executors:
 * this module adds them to it when it is imported (see the end of the file), and makes lesson
 * 04's `run()` shut the default executor down.
 */

import { RuntimeError } from '#course/errors';
import { type Future, isFuture, repr } from '#course/futures';
import { EventLoop, getRunningLoop } from '#course/loop';
import type { Coroutine } from '#course/tasks';
import {
  _functionSpec,
  type Job,
  type JobOutcome,
  type ModuleFunction,
  type WorkerFunction,
  WorkerPoolExecutor,
} from './pool.ts';

export {
  type ModuleFunction,
  type ShutdownOptions,
  type WorkerFunction,
  WorkerPoolExecutor,
  type WorkerPoolExecutorOptions,
} from './pool.ts';

// TypeScript's side of adding methods to lesson 03's class: an interface of the same name in the
// same module merges with the class, so every `EventLoop` has these methods, for the type
// checker. The end of this file adds them to `EventLoop.prototype`, for JavaScript.
declare module '#course/loop' {
  interface EventLoop {
    /**
     * Runs `fn(...args)` in a worker thread of `executor`, or of the default executor (made on
     * first use) when it is `null`, and returns a future of this loop for its result
     * (asyncio's `run_in_executor`). Cancelling the future takes a job that has not started out
     * of the queue; a running job runs on, and its result is dropped.
     *
     * @throws RuntimeError('Event loop is closed').
     * @throws RuntimeError('Executor shutdown has been called') for the default executor after
     *   `shutdownDefaultExecutor()` or `close()`.
     */
    runInExecutor<A extends unknown[], R>(
      executor: WorkerPoolExecutor | null | undefined,
      fn: (...args: A) => R,
      ...args: A
    ): Future<Awaited<R>>;
    runInExecutor<R = unknown>(
      executor: WorkerPoolExecutor | null | undefined,
      fn: ModuleFunction,
      ...args: unknown[]
    ): Future<R>;
    /**
     * Makes `executor` the one that `runInExecutor(null, ...)` and `toThread` use.
     *
     * @throws TypeError('executor must be WorkerPoolExecutor instance').
     */
    setDefaultExecutor(executor: WorkerPoolExecutor): void;
    /**
     * A coroutine that shuts the default executor down and waits until its workers have
     * exited, for at most `timeout` seconds (`null`: no limit); afterwards the loop makes no new
     * default executor.
     */
    shutdownDefaultExecutor(timeout?: number | null): Coroutine<void>;
  }
}

/** A loop's default executor (asyncio's `_default_executor` and `_executor_shutdown_called`). */
export interface DefaultExecutor {
  /** Made on first use; `null` before, and after `close()`. */
  executor: WorkerPoolExecutor | null;
  /** Set by `shutdownDefaultExecutor()` and `close()`: no default executor is made after it. */
  shutdownCalled: boolean;
}

/** Each loop's default executor, kept beside the loop rather than in it, as tasks.ts does. */
const defaultExecutors = new WeakMap<EventLoop, DefaultExecutor>();

/** The default executor of `loop`, made empty the first time. Given. */
export function _defaultExecutor(loop: EventLoop): DefaultExecutor {
  let state = defaultExecutors.get(loop);
  if (state === undefined) {
    state = { executor: null, shutdownCalled: false };
    defaultExecutors.set(loop, state);
  }
  return state;
}

/**
 * `loop.runInExecutor(executor, fn, ...args)`: asyncio's `run_in_executor`.
 *
 * - (06.5) Check that the loop is not closed (`loop._checkClosed()`). With an executor, run the
 *   job there (`_runInExecutor`). With `null` or `undefined`, use the loop's default executor,
 *   made on first use (`new WorkerPoolExecutor()`) and kept in `_defaultExecutor(loop)`.
 * - (06.6) After `shutdownDefaultExecutor()` (or `close()`), there is no default executor any
 *   more: RuntimeError('Executor shutdown has been called').
 */
export function _loopRunInExecutor(
  loop: EventLoop,
  executor: WorkerPoolExecutor | null | undefined,
  fn: WorkerFunction,
  args: unknown[],
): Future<unknown> {
  loop._checkClosed();
  if (executor != null) return _runInExecutor(loop, executor, fn, args);
  const state = _defaultExecutor(loop);
  if (state.shutdownCalled) throw new RuntimeError('Executor shutdown has been called');
  state.executor ??= new WorkerPoolExecutor();
  return _runInExecutor(loop, state.executor, fn, args);
}

/**
 * `loop.setDefaultExecutor(executor)` (06.5).
 *
 * @throws TypeError('executor must be WorkerPoolExecutor instance').
 */
export function _loopSetDefaultExecutor(loop: EventLoop, executor: WorkerPoolExecutor): void {
  if (!(executor instanceof WorkerPoolExecutor)) {
    throw new TypeError('executor must be WorkerPoolExecutor instance');
  }
  _defaultExecutor(loop).executor = executor;
}

/**
 * Submits a job to `executor` and returns a new future of `loop` that gets its outcome: asyncio's
 * `wrap_future(executor.submit(fn, *args), loop=loop)`.
 *
 * - (06.5) An `executor` that is not a `WorkerPoolExecutor` is a TypeError (`instanceof`). Make
 *   the future (`loop.createFuture()`), hold the loop
 *   (`loop._holdExternalWork(label)`, with a label such as `double() in a worker thread`), and
 *   submit (`executor._submit(_functionSpec(fn), args, onDone)`). When the job ends, its
 *   callback runs on the loop's thread but outside the loop: it hands the outcome over with
 *   `loop.callSoonThreadsafe(copyOutcome, future, outcome, value)`, which wakes the loop
 *   (unless the loop is closed by then), and then releases the hold. If `_submit` throws, release
 *   the hold and throw on.
 * - (06.7) Once the future is done, release the hold (idempotent): a cancelled future waits for
 *   nothing. And if it was cancelled, cancel the job (`job.cancel()`), which takes it out of the
 *   queue if no worker has started it (`_chain_future`'s cancel propagation).
 *
 * @throws TypeError when `executor` is not a `WorkerPoolExecutor`, or `fn` cannot travel.
 */
export function _runInExecutor(
  loop: EventLoop,
  executor: WorkerPoolExecutor,
  fn: WorkerFunction,
  args: unknown[],
): Future<unknown> {
  if (!(executor instanceof WorkerPoolExecutor)) {
    throw new TypeError(`executor must be WorkerPoolExecutor instance, got ${repr(executor)}`);
  }
  const spec = _functionSpec(fn);
  const future = loop.createFuture<unknown>();
  const release = loop._holdExternalWork(`${spec.label} in a worker thread`);
  let job: Job;
  try {
    job = executor._submit(spec, args, (outcome, value) => {
      if (!loop.isClosed()) loop.callSoonThreadsafe(copyOutcome, future, outcome, value);
      release();
    });
  } catch (error) {
    release();
    throw error;
  }
  future.addDoneCallback(() => {
    release();
    if (future.cancelled()) job.cancel();
  });
  return future;
}

/**
 * Copies a job's or a promise's outcome into its loop future: asyncio's `_copy_future_state`.
 * It runs in the loop, through `callSoonThreadsafe`.
 *
 * - (06.5) `'result'`: `setResult(value)`; `'error'`: `setException(value)`; `'cancelled'`:
 *   `cancel()`.
 * - (06.7) A future cancelled meanwhile keeps its state: the outcome is dropped.
 */
export function copyOutcome(future: Future<unknown>, outcome: JobOutcome, value: unknown): void {
  if (future.cancelled()) return;
  if (outcome === 'result') future.setResult(value);
  else if (outcome === 'error') future.setException(value);
  else future.cancel();
}

/**
 * Runs `fn(...args)` in a worker thread of the running loop's default executor and returns its
 * result (asyncio's `to_thread`): `const digest = yield* toThread(hash, path)`. The loop keeps
 * running other tasks meanwhile (06.6).
 *
 * A coroutine, so a generator function (`export function* toThread`): the running loop is
 * looked up when it starts, not when it is called. Then it is
 * `yield* loop.runInExecutor(null, fn, ...args)`. asyncio's `to_thread` also copies the caller's
 * context variables into the thread; JavaScript has none: pass what `fn` needs as arguments.
 *
 * @param fn - A self-contained function, or `{ module, export }` (then say the result's type:
 *   `toThread<string>({ module, export: 'sha256File' }, path)`).
 * @param args - Its arguments, structured-cloned.
 */
export function toThread<A extends unknown[], R>(
  fn: (...args: A) => R,
  ...args: A
): Coroutine<Awaited<R>>;
export function toThread<R = unknown>(fn: ModuleFunction, ...args: unknown[]): Coroutine<R>;
export function* toThread(fn: WorkerFunction, ...args: unknown[]): Coroutine<unknown> {
  const loop = getRunningLoop();
  return yield* loop.runInExecutor(null, fn as ModuleFunction, ...args);
}

/**
 * Returns a future of `loop` (the running loop by default) that gets the outcome of `promise`:
 * asyncio's `wrap_future`, for a JavaScript promise (06.8). A future is returned as it is.
 *
 * While the promise is pending it holds the loop (`'a promise (wrapPromise)'`), so that a
 * virtual clock waits for it; once the future is done, the hold is released. The settlement
 * arrives in a promise reaction, outside the loop: hand it over with `callSoonThreadsafe` (and
 * `copyOutcome`), unless the future was cancelled or the loop closed by then. Cancelling the
 * future does not stop the promise (a promise cannot be cancelled): its settlement is dropped.
 *
 * @throws TypeError(`a promise is required, got ${repr(promise)}`) for anything else.
 * @throws RuntimeError('no running event loop') without a running loop or a `loop`.
 */
export function wrapPromise<T>(
  promise: PromiseLike<T> | Future<T>,
  loop?: EventLoop | null,
): Future<T> {
  if (isFuture(promise)) return promise as Future<T>;
  if (typeof (promise as PromiseLike<T> | null)?.then !== 'function') {
    throw new TypeError(`a promise is required, got ${repr(promise)}`);
  }
  const target = loop ?? getRunningLoop();
  const future = target.createFuture<T>();
  const release = target._holdExternalWork('a promise (wrapPromise)');
  future.addDoneCallback(release);
  const settle = (outcome: JobOutcome, value: unknown) => {
    if (!future.cancelled() && !target.isClosed()) {
      target.callSoonThreadsafe(copyOutcome, future as Future<unknown>, outcome, value);
    }
    release();
  };
  // Promise.resolve adopts any thenable, and turns a `then` that throws into a rejection.
  Promise.resolve(promise).then(
    (value) => settle('result', value),
    (error: unknown) => settle('error', error),
  );
  return future;
}

/** Sets the result of a pending future; a done one is left alone. */
function setIfPending(future: Future<boolean>, value: boolean): void {
  if (!future.done()) future.setResult(value);
}

/**
 * `loop.shutdownDefaultExecutor(timeout)`, a coroutine (06.6), so a generator function
 * (`export function* _shutdownDefaultExecutor`): asyncio's `shutdown_default_executor`.
 *
 * Mark the loop's default executor as shut down (no new one will be made); without an executor,
 * that is all. Otherwise shut it down (`executor.shutdown({ wait: true })`) and wait, in the
 * loop, for its promise: make a future, and set it to `true` through `callSoonThreadsafe` when
 * the promise resolves (asyncio joins the executor in a helper thread, which tells the loop the
 * same way). Hold the loop meanwhile. With a `timeout`, a timer sets it to `false` first if the
 * workers take longer: then emit asyncio's warning,
 * `process.emitWarning('The executor did not finishing joining its threads within ${timeout}
 * seconds.', 'RuntimeWarning')`, and stop waiting (`executor.shutdown({ wait: false })`). In a
 * `finally`, cancel the timer and release the hold.
 */
export function* _shutdownDefaultExecutor(
  loop: EventLoop,
  timeout?: number | null,
): Coroutine<void> {
  const state = _defaultExecutor(loop);
  state.shutdownCalled = true;
  const executor = state.executor;
  if (executor === null) return;
  // true once the workers have exited; false if the timeout expires first.
  const joined = loop.createFuture<boolean>();
  const release = loop._holdExternalWork(`the shutdown of ${executor}`);
  executor.shutdown({ wait: true }).then(() => {
    if (!loop.isClosed()) loop.callSoonThreadsafe(setIfPending, joined, true);
    release();
  });
  const timer = timeout == null ? null : loop.callLater(timeout, setIfPending, joined, false);
  try {
    if (!(yield* joined)) {
      process.emitWarning(
        `The executor did not finishing joining its threads within ${timeout} seconds.`,
        'RuntimeWarning',
      );
      void executor.shutdown({ wait: false });
    }
  } finally {
    timer?.cancel();
    release();
  }
}

/**
 * What `close()` adds for executors (06.5), as asyncio's `close` does: no default executor after
 * it, and the current one (if any) is forgotten and shut down without waiting
 * (`shutdown({ wait: false })`): its running jobs still finish, then its workers exit.
 */
export function _closeDefaultExecutor(loop: EventLoop): void {
  const state = _defaultExecutor(loop);
  state.shutdownCalled = true;
  const executor = state.executor;
  if (executor !== null) {
    state.executor = null;
    void executor.shutdown({ wait: false });
  }
}

// Lesson 03's EventLoop gets the executor methods (the `declare module` above tells TypeScript),
// and its close() now also shuts the default executor down, as asyncio's BaseEventLoop has them.
const closeWithoutExecutor = EventLoop.prototype.close;
Object.assign(EventLoop.prototype, {
  runInExecutor(
    this: EventLoop,
    executor: WorkerPoolExecutor | null | undefined,
    fn: WorkerFunction,
    ...args: unknown[]
  ): Future<unknown> {
    return _loopRunInExecutor(this, executor, fn, args);
  },
  setDefaultExecutor(this: EventLoop, executor: WorkerPoolExecutor): void {
    _loopSetDefaultExecutor(this, executor);
  },
  shutdownDefaultExecutor(this: EventLoop, timeout?: number | null): Coroutine<void> {
    return _shutdownDefaultExecutor(this, timeout);
  },
  close(this: EventLoop): void {
    closeWithoutExecutor.call(this);
    _closeDefaultExecutor(this);
  },
});
