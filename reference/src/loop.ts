/**
 * The event loop (asyncio's `base_events.BaseEventLoop`), hosted on Node's own loop. This module
 * has its public API and runs its iterations; the state they work on and the steps of one
 * iteration are in `base-loop.ts`.
 *
 * Each iteration is asyncio's `_run_once`: purge cancelled timers, work out how long the
 * selector may wait, wait, move the timers that are due to the ready queue, then run exactly the
 * handles that were ready at that point. The loop runs iterations back to back, synchronously,
 * and gives Node a turn only when it must wait (nothing ready) or after about 10 ms of running.
 *
 * Two clocks: `'real'` (`performance.now()`) and `'virtual'`, which starts at 0 and, when
 * nothing is ready and no work outside the loop is pending, jumps straight to the next timer.
 *
 * @module
 */

import { BaseEventLoop } from './base-loop.ts';
import type { Awaitable, Coroutine } from './coroutines.ts';
import { RuntimeError } from './errors.ts';
import {
  callHandler,
  checkExceptionHandler,
  type ExceptionContext,
  type ExceptionHandler,
  formatExceptionContext,
} from './exception-handler.ts';
import { Future } from './futures.ts';
import { Handle, TimerHandle } from './handles.ts';
import { LiveTasks } from './live-tasks.ts';
import { nameCallback, repr } from './repr.ts';
import { _getRunningLoop, _setRunningLoop } from './running-loop.ts';
import { ensureFuture, Task } from './tasks.ts';
import {
  _runInExecutor,
  _shutdownDefaultExecutor,
  type ModuleFunction,
  type WorkerFunction,
  WorkerPoolExecutor,
} from './threads.ts';

export type { ExceptionContext, ExceptionHandler } from './exception-handler.ts';
export { getRunningLoop } from './running-loop.ts';
export { Handle, TimerHandle };

/** The arguments of every callback that takes none. */
const NO_ARGS: unknown[] = [];

/** Which clock a loop runs on. */
export type ClockKind = 'real' | 'virtual';

/** Options of {@link newEventLoop}. */
export interface EventLoopOptions {
  /** `'real'` (the default) or `'virtual'`. */
  clock?: ClockKind;
}

/** The event loop: callbacks, timers, futures and tasks run on it. */
export class EventLoop extends BaseEventLoop {
  /** Whether `runForever` is in progress (asyncio checks its `_thread_id`). */
  _running = false;
  /** The custom exception handler, or `null` for the default one. */
  _exceptionHandler: ExceptionHandler | null = null;
  /** The task whose step is running (asyncio's `_current_tasks[loop]`); tasks.ts sets it. */
  _currentTask: Task<unknown> | null = null;
  /** Tasks of this loop that are not done yet (asyncio's `_scheduled_tasks`); see allTasks(). */
  _tasks = new LiveTasks<Task<unknown>>();
  /** The executor of `runInExecutor(null, ...)`, made on first use (`_default_executor`). */
  _defaultExecutor: WorkerPoolExecutor | null = null;
  /** Set by `shutdownDefaultExecutor()` and `close()`: no default executor is made after it. */
  _executorShutdownCalled = false;

  /** @param options - `{ clock: 'real' | 'virtual' }`, `'real'` by default. */
  constructor(options?: EventLoopOptions) {
    const clock = options?.clock ?? 'real';
    if (clock !== 'real' && clock !== 'virtual') {
      throw new TypeError(`clock must be 'real' or 'virtual', got ${repr(clock)}`);
    }
    super(clock === 'virtual');
  }

  /**
   * Schedules `callback(...args)` to run in the next iteration, after those already queued.
   *
   * @throws RuntimeError('Event loop is closed').
   */
  callSoon<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle {
    this._checkClosed();
    const cb = callback as (...args: never[]) => unknown;
    // Share one empty array: a handle that outlives the young generation then costs one object.
    const handle = new Handle(cb, args.length > 0 ? args : NO_ARGS, this);
    this._ready.push(handle);
    return handle;
  }

  /**
   * Like `callSoon`, but may be called from outside the loop (a Node callback, a worker's
   * message): it also wakes the loop if it is waiting.
   */
  callSoonThreadsafe<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle {
    const handle = this.callSoon(callback, ...args);
    this._selector.wakeUp();
    return handle;
  }

  /**
   * Schedules `callback(...args)` to run `delay` seconds from now.
   *
   * @throws TypeError('delay must not be None') when `delay` is `null` or `undefined`.
   */
  callLater<A extends unknown[]>(
    delay: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle {
    if (delay == null) throw new TypeError('delay must not be None');
    return this.callAt(this.time() + delay, callback, ...args);
  }

  /**
   * Schedules `callback(...args)` to run at time `when` of `loop.time()`.
   *
   * @throws TypeError('when cannot be None') when `when` is `null` or `undefined`.
   * @throws RuntimeError('Event loop is closed').
   */
  callAt<A extends unknown[]>(
    when: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle {
    if (when == null) throw new TypeError('when cannot be None');
    this._checkClosed();
    const cb = callback as (...args: never[]) => unknown;
    const timer = new TimerHandle(when, this._scheduled.nextSeq(), cb, args, this);
    this._scheduled.schedule(timer);
    return timer;
  }

  /** Creates a future bound to this loop. */
  createFuture<T = unknown>(): Future<T> {
    return new Future<T>({ loop: this });
  }

  /**
   * Wraps a coroutine in a task that runs on this loop, starting in the next iteration.
   *
   * @throws RuntimeError('Event loop is closed').
   */
  createTask<T>(coro: Coroutine<T>, options?: { name?: string | null }): Task<T> {
    this._checkClosed();
    return new Task(coro, { loop: this, name: options?.name });
  }

  /**
   * Runs the loop until `stop()` is called. The loop is the running loop from the start of the
   * call until the returned promise settles, also while it waits for a timer or for work
   * outside it.
   *
   * @throws RuntimeError when the loop is closed or already running, when another loop is
   *   running, or (`deadlock: ...`) when nothing can ever make progress.
   */
  async runForever(): Promise<void> {
    this._runForeverSetup();
    const selector = this._selector;
    try {
      selector.startSlice();
      for (;;) {
        const timeout = this._selectTimeout();
        // Only a wait that must really happen costs an await; the rest runs synchronously.
        const waiting = timeout === 0 ? null : this._select(timeout);
        if (waiting !== null) await waiting;
        const ran = this._runReady();
        if (this._stopping) break;
        if (selector.sliceExpired(ran)) await selector.hop();
      }
    } finally {
      this._runForeverCleanup();
    }
  }

  /**
   * Runs the loop until `future` is done and returns its result (or throws its error). A
   * coroutine is wrapped in a task first. The loop stops through a done callback, which is
   * removed afterwards so that a later run is not stopped by it.
   *
   * @throws RuntimeError('Event loop stopped before Future completed.') when `stop()` came first.
   * @throws TypeError when `future` is neither a future nor a coroutine.
   */
  async runUntilComplete<T>(future: Awaitable<T>): Promise<T> {
    this._checkClosed();
    this._checkRunning();
    const fut = ensureFuture(future, this);
    fut.addDoneCallback(runUntilCompleteCb);
    this._waitingFor = fut;
    try {
      await this.runForever();
    } finally {
      this._waitingFor = null;
      fut.removeDoneCallback(runUntilCompleteCb);
    }
    if (!fut.done()) throw new RuntimeError('Event loop stopped before Future completed.');
    return fut.result();
  }

  /**
   * Stops the loop after the current iteration: every handle already ready still runs. As in
   * asyncio it does not wake a waiting loop: from outside the loop, use
   * `callSoonThreadsafe(() => loop.stop())`.
   */
  stop(): void {
    this._stopping = true;
  }

  /** Returns true while `runForever` is in progress. */
  isRunning(): boolean {
    return this._running;
  }

  /**
   * Closes the loop: drops the queued callbacks and timers. Idempotent.
   *
   * @throws RuntimeError('Cannot close a running event loop').
   */
  close(): void {
    if (this._running) throw new RuntimeError('Cannot close a running event loop');
    if (this._closed) return;
    this._closed = true;
    this._ready.clear();
    this._scheduled.clear();
    // As asyncio: shut the default executor down without waiting (its jobs still finish).
    this._executorShutdownCalled = true;
    const executor = this._defaultExecutor;
    if (executor !== null) {
      this._defaultExecutor = null;
      void executor.shutdown({ wait: false });
    }
  }

  /** Returns true once the loop is closed. */
  isClosed(): boolean {
    return this._closed;
  }

  /**
   * Sets the handler called when a callback fails (and for other reports); `null` restores the
   * default one.
   *
   * @throws TypeError when `handler` is neither a function nor `null`.
   */
  setExceptionHandler(handler: ExceptionHandler | null | undefined): void {
    checkExceptionHandler(handler);
    this._exceptionHandler = handler ?? null;
  }

  /** Returns the custom exception handler, or `null` when the default one is in use. */
  getExceptionHandler(): ExceptionHandler | null {
    return this._exceptionHandler;
  }

  /**
   * Reports a problem to the exception handler. If a custom handler throws, the default handler
   * reports that too, with the original context under `'context'`; nothing escapes.
   */
  callExceptionHandler(context: ExceptionContext): void {
    callHandler(this, this._exceptionHandler, context);
  }

  /**
   * The default exception handler: prints the report to `console.error` as asyncio logs it
   * (see `formatExceptionContext`).
   */
  defaultExceptionHandler(context: ExceptionContext): void {
    console.error(formatExceptionContext(context));
  }

  /**
   * Runs `fn(...args)` in a worker thread of `executor`, or of the default executor (made on
   * first use) when it is `null`, and returns a future of this loop for its result. Cancelling
   * the future removes a job that has not started; a running job runs on (see `threads.ts`).
   *
   * @throws RuntimeError('Executor shutdown has been called') for the default executor after
   *   `shutdownDefaultExecutor()` or `close()`; RuntimeError('Event loop is closed').
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
  runInExecutor(
    executor: WorkerPoolExecutor | null | undefined,
    fn: WorkerFunction,
    ...args: unknown[]
  ): Future<unknown> {
    this._checkClosed();
    if (executor != null) return _runInExecutor(this, executor, fn, args);
    if (this._executorShutdownCalled) throw new RuntimeError('Executor shutdown has been called');
    this._defaultExecutor ??= new WorkerPoolExecutor();
    return _runInExecutor(this, this._defaultExecutor, fn, args);
  }

  /**
   * Makes `executor` the one `runInExecutor(null, ...)` and `toThread` use.
   *
   * @throws TypeError('executor must be WorkerPoolExecutor instance').
   */
  setDefaultExecutor(executor: WorkerPoolExecutor): void {
    if (!(executor instanceof WorkerPoolExecutor)) {
      throw new TypeError('executor must be WorkerPoolExecutor instance');
    }
    this._defaultExecutor = executor;
  }

  /**
   * A coroutine that shuts the default executor down and waits for its workers to exit, for at
   * most `timeout` seconds (`null`: no limit); afterwards the loop makes no new one.
   */
  shutdownDefaultExecutor(timeout?: number | null): Coroutine<void> {
    return _shutdownDefaultExecutor(this, timeout);
  }

  /** asyncio's repr: `<EventLoop running=False closed=False debug=False>`. */
  override toString(): string {
    const py = (b: boolean) => (b ? 'True' : 'False');
    return `<EventLoop running=${py(this._running)} closed=${py(this._closed)} debug=False>`;
  }

  /** @throws RuntimeError when this loop or another one is running. */
  _checkRunning(): void {
    if (this._running) throw new RuntimeError('This event loop is already running');
    if (_getRunningLoop() !== null) {
      throw new RuntimeError('Cannot run the event loop while another loop is running');
    }
  }

  /** Checks that the loop may run, then makes it the running loop. */
  _runForeverSetup(): void {
    this._checkClosed();
    this._checkRunning();
    this._running = true;
    _setRunningLoop(this);
  }

  /** Undoes `_runForeverSetup`; a `stop()` must not leak into the next run either. */
  _runForeverCleanup(): void {
    this._selector.stopListening();
    this._stopping = false;
    this._running = false;
    _setRunningLoop(null);
  }
}

/** The done callback of `runUntilComplete`: stops the future's loop. */
function runUntilCompleteCb(fut: Future<unknown>): void {
  (fut.getLoop() as EventLoop).stop();
}
nameCallback(runUntilCompleteCb, '_run_until_complete_cb');

/**
 * Creates an event loop.
 *
 * @param options - `{ clock: 'virtual' }` for a clock that starts at 0 and jumps to the next
 *   timer whenever nothing else can happen; `'real'` by default.
 */
export function newEventLoop(options?: EventLoopOptions): EventLoop {
  return new EventLoop(options);
}
