/**
 * The event loop (asyncio's `base_events.BaseEventLoop`), hosted on Node's own loop.
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
import { ReadyQueue, type Runnable } from './ready-queue.ts';
import { nameCallback, repr } from './repr.ts';
import { _getRunningLoop, _setRunningLoop } from './running-loop.ts';
import { HostSelector } from './selector.ts';
import { ensureFuture, Task } from './tasks.ts';
import {
  _runInExecutor,
  _shutdownDefaultExecutor,
  type ModuleFunction,
  type WorkerFunction,
  WorkerPoolExecutor,
} from './threads.ts';
import { Timers } from './timers.ts';

export type { ExceptionContext, ExceptionHandler } from './exception-handler.ts';
export { getRunningLoop } from './running-loop.ts';
export { Handle, TimerHandle };

/** `base_events.MAXIMUM_SELECT_TIMEOUT`: the longest single wait, one day in seconds. */
const MAXIMUM_SELECT_TIMEOUT = 24 * 3600;
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
export class EventLoop {
  /** Whether `time()` is the virtual clock. */
  _virtual: boolean;
  /** The virtual clock's time, in seconds. */
  _virtualNow = 0;
  /** Handles (and tasks, see `Task._run`) to run, in order (asyncio's `_ready`). */
  _ready = new ReadyQueue();
  /** Timers, earliest first (asyncio's `_scheduled`). */
  _scheduled = new Timers();
  /** Set by `stop()`: the loop stops after the current iteration. */
  _stopping = false;
  /** Set by `close()`. */
  _closed = false;
  /** Whether `runForever` is in progress (asyncio checks its `_thread_id`). */
  _running = false;
  /** The custom exception handler, or `null` for the default one. */
  _exceptionHandler: ExceptionHandler | null = null;
  /** The loop's side of Node's event loop: waits, wake-ups, holds, time slices. */
  _selector = new HostSelector();
  /** The task whose step is running (asyncio's `_current_tasks[loop]`); tasks.ts sets it. */
  _currentTask: Task<unknown> | null = null;
  /** Tasks of this loop that are not done yet (asyncio's `_scheduled_tasks`); see allTasks(). */
  _tasks = new LiveTasks<Task<unknown>>();
  /** What `runUntilComplete` waits for, named in a deadlock message. */
  _waitingFor: Future<unknown> | null = null;
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
    this._virtual = clock === 'virtual';
  }

  /** How many timers in the heap are cancelled (asyncio's `_timer_cancelled_count`). */
  get _timerCancelledCount(): number {
    return this._scheduled._cancelledCount;
  }

  /** Returns the loop's time in seconds: monotonic real time, or the virtual clock. */
  time(): number {
    return this._virtual ? this._virtualNow : performance.now() / 1000;
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
  toString(): string {
    const py = (b: boolean) => (b ? 'True' : 'False');
    return `<EventLoop running=${py(this._running)} closed=${py(this._closed)} debug=False>`;
  }

  /**
   * Registers work outside the loop (an executor job, a wrapped promise) that will end with a
   * `callSoonThreadsafe`. While anything is held, the virtual clock stands still and the loop
   * waits for a wake-up instead of jumping to its next timer or reporting a deadlock.
   *
   * @param label - What is held, as a deadlock message should name it.
   * @returns The release function (idempotent): call it once the work has handed its result
   *   over, or has been abandoned. Releasing wakes the loop so that it looks again.
   * @internal For the threads lesson (executors, `wrapPromise`).
   */
  _holdExternalWork(label: string): () => void {
    return this._selector.hold(label);
  }

  /** asyncio's `_timer_handle_cancelled`: counts cancelled timers still in the heap. */
  _timerHandleCancelled(handle: TimerHandle): void {
    this._scheduled.timerCancelled(handle);
  }

  /** @throws RuntimeError('Event loop is closed'). */
  _checkClosed(): void {
    if (this._closed) throw new RuntimeError('Event loop is closed');
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
    this._stopping = false;
    this._running = false;
    _setRunningLoop(null);
  }

  /**
   * Steps 1 and 2 of `_run_once`: drops cancelled timers, then returns how long the selector may
   * wait: 0 when something is ready or the loop is stopping, the time to the next timer (at most
   * a day), or `null` when there is no timer at all.
   */
  _selectTimeout(): number | null {
    this._scheduled.purgeCancelled();
    if (this._ready.length > 0 || this._stopping) return 0;
    const head = this._scheduled.peek();
    if (head === undefined) return null;
    return Math.min(Math.max(head._when - this.time(), 0), MAXIMUM_SELECT_TIMEOUT);
  }

  /**
   * Step 3, the poll. Returns the wait to await, or `null` when the loop can go on at once (the
   * virtual clock jumped to the next timer).
   *
   * @throws RuntimeError('deadlock: ...') on the virtual clock when nothing can happen.
   */
  _select(timeout: number | null): Promise<void> | null {
    const onHostIdle = () => this._deadlockError('Node has nothing left to run that could wake it');
    if (!this._virtual) return this._selector.select(timeout, onHostIdle);
    // Virtual time stands still while work outside the loop may still wake it.
    if (this._selector._holds.size > 0) return this._selector.select(null, onHostIdle);
    const head = this._scheduled.peek();
    // A timer at infinity never fires: it leaves the loop as stuck as no timer at all.
    if (head === undefined || head._when === Number.POSITIVE_INFINITY) {
      throw this._deadlockError(
        'no callback is ready, no timer is scheduled and no work outside the loop is pending',
      );
    }
    // Nothing else can happen before the next timer: skip to it.
    if (head._when > this._virtualNow) this._virtualNow = head._when;
    return null;
  }

  /**
   * Steps 4 and 5: moves the timers that are due to the ready queue, then runs the handles
   * that are ready now, and only those: what they schedule waits for the next iteration.
   *
   * @returns How many handles were taken from the queue.
   */
  _runReady(): number {
    const ready = this._ready;
    // The clock is read only when there are timers: a real clock read costs a task switch.
    if (this._scheduled.size > 0) this._scheduled.popDue(this.time(), ready);
    const ntodo = ready.length;
    for (let i = 0; i < ntodo; i++) (ready.shift() as Runnable)._run();
    return ntodo;
  }

  /** The error of a loop that can never make progress: what it waited for, and why not. */
  _deadlockError(why: string): RuntimeError {
    const waitingFor = this._waitingFor === null ? 'stop()' : String(this._waitingFor);
    const held = [...this._selector._holds.values()];
    const holding = held.length > 0 ? `; still held: ${held.join(', ')}` : '';
    return new RuntimeError(
      `deadlock: the event loop is waiting for ${waitingFor}, but ${why}${holding}`,
    );
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
