/**
 * Threads (asyncio's `threads.py`, with the executor parts of `base_events.py` and
 * `futures.wrap_future`): running blocking or CPU-heavy work outside the loop, and waiting for
 * it without blocking the loop.
 *
 * In CPython, `to_thread(fn, *args)` hands `fn` to a `ThreadPoolExecutor`; the thread shares the
 * interpreter, so `fn` can be any callable and its arguments any objects. Node's threads
 * (`worker_threads`) share no objects, so two things differ here:
 *
 * - The function travels. Either it is self-contained and its source text goes to the worker,
 *   which compiles it (once per worker and source text): it may use its parameters and the
 *   globals, `await import('node:...')` included, but no variable or import from around it.
 *   Or it is `{ module, export }`, a function exported by a module that the worker imports
 *   (TypeScript modules too, through tsx), for work that needs imports. An async function is
 *   awaited in the worker.
 * - Arguments and results are structured-cloned (copied), as `postMessage` does: functions and
 *   symbols cannot cross, and a class instance arrives as a plain object. A value that cannot
 *   be cloned fails the job with a `DataCloneError`. A `SharedArrayBuffer` is shared, not
 *   copied. What a job throws comes back rebuilt (name, message, stack and own properties).
 *
 * The loop is never touched from a worker (a worker could not anyway): a job's outcome comes
 * back as a message on the main thread, which hands it to the loop with `callSoonThreadsafe`,
 * as `futures._chain_future` does. While the loop waits for a job (or a wrapped promise), the
 * work holds the loop (`_holdExternalWork`): a virtual-clock loop waits for it instead of
 * jumping ahead or reporting a deadlock. Once its future is cancelled, nothing of it will reach
 * the loop any more, so the hold ends, though a running job runs on in its worker.
 *
 * @module
 */

import type { Coroutine } from './coroutines.ts';
import { type Future, isFuture } from './futures.ts';
import type { EventLoop } from './loop.ts';
import { repr } from './repr.ts';
import { getRunningLoop } from './running-loop.ts';
import { type JobOutcome, WorkerPoolExecutor } from './worker-pool.ts';
import { _functionSpec, type ModuleFunction, type WorkerFunction } from './worker-transfer.ts';

export {
  type ShutdownOptions,
  WorkerPoolExecutor,
  type WorkerPoolExecutorOptions,
} from './worker-pool.ts';
export type { ModuleFunction, WorkerFunction } from './worker-transfer.ts';

/**
 * Runs `fn(...args)` in a worker thread of the running loop's default executor and returns its
 * result (asyncio's `to_thread`): `const digest = yield* toThread(hash, path)`. The loop keeps
 * running other tasks meanwhile.
 *
 * asyncio's `to_thread` also copies the caller's `contextvars` into the thread; JavaScript has
 * no context variables, so there is nothing to copy: pass what `fn` needs as arguments.
 *
 * Cancelling the awaiting task does not stop `fn` once a worker runs it (a thread cannot be
 * interrupted either): it runs to the end and its result is dropped. A job that still waits
 * for a free worker is taken out of the queue.
 *
 * @param fn - A self-contained function, or `{ module, export }` (then say the result's type:
 *   `toThread<string>({ module, export: 'sha256File' }, path)`).
 * @param args - Its arguments, structured-cloned.
 * @throws RuntimeError('Executor shutdown has been called') after `shutdownDefaultExecutor()`.
 */
export function toThread<A extends unknown[], R>(
  fn: (...args: A) => R,
  ...args: A
): Coroutine<Awaited<R>>;
export function toThread<R = unknown>(fn: ModuleFunction, ...args: unknown[]): Coroutine<R>;
export function* toThread(fn: WorkerFunction, ...args: unknown[]): Coroutine<unknown> {
  // As in asyncio, the loop is looked up when the coroutine starts, not when it is made.
  const loop = getRunningLoop();
  return yield* loop.runInExecutor(null, fn as ModuleFunction, ...args);
}

/**
 * Returns a future of `promise` on `loop` (the running loop by default): asyncio's
 * `wrap_future`, for a JavaScript promise. A future is returned as it is.
 *
 * While the promise is pending it holds the loop, so that a virtual-clock loop waits for it;
 * its settlement reaches the future through `callSoonThreadsafe`, which wakes the loop.
 * Cancelling the future does not stop the promise (a promise cannot be cancelled): its later
 * settlement is ignored, and the loop stops waiting for it.
 *
 * @throws TypeError when `promise` is neither a promise (a thenable) nor a future.
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
      target.callSoonThreadsafe(copyOutcome, future, outcome, value);
    }
    release();
  };
  // Promise.resolve() adopts any thenable, and turns a `then` that throws into a rejection.
  Promise.resolve(promise).then(
    (value) => settle('result', value),
    (error: unknown) => settle('error', error),
  );
  return future;
}

/**
 * The body of `loop.runInExecutor` once the executor is known: submits the job and chains its
 * outcome into a new future of the loop (asyncio's `wrap_future(executor.submit(...))`).
 *
 * The job holds the loop until the future is done. Cancelling the future takes the job out of
 * the queue if no worker has started it; a running job runs on, and its result is dropped.
 *
 * @throws RuntimeError('cannot schedule new futures after shutdown') when the executor is shut
 *   down; TypeError when `fn` cannot run in a worker.
 * @internal
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
  // Held before submitting: a job whose arguments cannot be cloned ends inside _submit.
  const release = loop._holdExternalWork(`${spec.label} in a worker thread`);
  let job: { cancel(): boolean };
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
    // futures._chain_future: cancelling the wrapper cancels the job, if it is still queued.
    if (future.cancelled()) job.cancel();
  });
  return future;
}

/**
 * Copies a job's or a promise's outcome into its loop future, unless the future was cancelled
 * meanwhile (asyncio's `_copy_future_state`). Runs in the loop, through `callSoonThreadsafe`.
 */
function copyOutcome(future: Future<unknown>, outcome: JobOutcome, value: unknown): void {
  if (future.cancelled()) return;
  if (outcome === 'result') future.setResult(value);
  else if (outcome === 'error') future.setException(value);
  else future.cancel();
}

/** Sets the result of the future that `shutdownDefaultExecutor` waits on, if still pending. */
function setIfPending(future: Future<boolean>, value: boolean): void {
  if (!future.done()) future.setResult(value);
}

/**
 * The body of `loop.shutdownDefaultExecutor(timeout)`, a coroutine: no new default executor
 * after it; shuts the default executor down and waits until its workers have exited (queued
 * and running jobs finish first). After `timeout` seconds it stops waiting: it emits asyncio's
 * `RuntimeWarning` and leaves the workers to end on their own (`shutdown(wait=False)`).
 *
 * asyncio joins the executor from a helper thread; here the executor's own promise tells the
 * loop, through `callSoonThreadsafe`. While it waits, the loop is held, so on the virtual clock
 * the timeout cannot expire before the workers are done.
 *
 * @internal
 */
export function* _shutdownDefaultExecutor(
  loop: EventLoop,
  timeout?: number | null,
): Coroutine<void> {
  loop._executorShutdownCalled = true;
  const executor = loop._defaultExecutor;
  if (executor === null) return;
  // true once the workers have exited; false when the timeout expires first.
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
