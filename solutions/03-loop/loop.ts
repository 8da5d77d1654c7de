/**
 * Lesson 03: the event loop, asyncio's `BaseEventLoop` (`Lib/asyncio/base_events.py`) and its
 * handles (`Lib/asyncio/events.py`), hosted on Node's own event loop.
 *
 * One iteration is asyncio's `_run_once`: purge cancelled timers, work out how long the loop may
 * wait, wait on the "selector" (Node) if it must, move the timers that are due to the ready queue,
 * then run exactly the handles that were ready at that point.
 */

import { RuntimeError, ValueError } from '#course/errors';
import {
  _setRunningLoopGetter,
  callbackRepr,
  Future,
  isFuture,
  repr,
  type Scheduler,
} from '#course/futures';
import { heapify, heapPop, heapPush } from './heap.ts';

/** `base_events._MIN_SCHEDULED_TIMER_HANDLES`: with this many timers or fewer, never purge. */
const MIN_SCHEDULED_TIMER_HANDLES = 100;
/** `base_events._MIN_CANCELLED_TIMER_HANDLES_FRACTION`: purge when more of them are cancelled. */
const MIN_CANCELLED_TIMER_HANDLES_FRACTION = 0.5;
/** `base_events.MAXIMUM_SELECT_TIMEOUT`: the longest single wait, one day, in seconds. */
const MAXIMUM_SELECT_TIMEOUT = 24 * 3600;
/** The clock's resolution, in seconds: a timer this close to now is due. */
const CLOCK_RESOLUTION = 1e-9;
/** How long (milliseconds of real time) the loop runs before it gives Node a turn. */
const SLICE_MS = 10;

/** Which clock a loop runs on. */
export type ClockKind = 'real' | 'virtual';

/** Options of {@link newEventLoop}. */
export interface EventLoopOptions {
  /** `'real'` (the default): seconds of `performance.now()`. `'virtual'`: starts at 0, jumps. */
  clock?: ClockKind;
}

/** What an exception handler receives: asyncio's context keys, all optional. */
export interface ExceptionContext {
  /** What went wrong. */
  message?: string;
  /** The error, if there is one. */
  exception?: unknown;
  /** The handle whose callback failed. */
  handle?: Handle;
  /** The future concerned. */
  future?: Future<unknown>;
  /** The task concerned (lesson 04). */
  task?: Future<unknown>;
  /** Other keys, as asyncio allows (`context` when a custom handler failed, for example). */
  [key: string]: unknown;
}

/** A custom exception handler, called as `handler(loop, context)`. */
export type ExceptionHandler = (loop: EventLoop, context: ExceptionContext) => unknown;

/** A callback of any arguments, as a handle stores it. */
type Callback = (...args: never[]) => unknown;

// ---------------------------------------------------------------------------------------------
// The running loop (asyncio keeps it in events.py).
// ---------------------------------------------------------------------------------------------

let runningLoop: EventLoop | null = null;

/**
 * Returns the running event loop: the one whose `runForever` is in progress, also while it
 * waits on its selector.
 *
 * @throws RuntimeError('no running event loop') outside one.
 */
export function getRunningLoop(): EventLoop {
  if (runningLoop === null) throw new RuntimeError('no running event loop');
  return runningLoop;
}

/** Returns the running loop, or `null` outside one (asyncio's `_get_running_loop`). */
export function _getRunningLoop(): EventLoop | null {
  return runningLoop;
}

/** Sets or clears the running loop (asyncio's `_set_running_loop`): only `runForever` calls it. */
export function _setRunningLoop(loop: EventLoop | null): void {
  runningLoop = loop;
}

// Lesson 02's hook: from now on, `new Future()` without a `loop` takes the running loop.
_setRunningLoopGetter(_getRunningLoop);

// ---------------------------------------------------------------------------------------------
// The task factory hook.
// ---------------------------------------------------------------------------------------------

/** Options of `createTask`. */
export interface CreateTaskOptions {
  /** The task's name; by default `Task-<n>`. */
  name?: string | null;
}

/**
 * Wraps a coroutine in a task that runs on `loop` (asyncio's task factory). Lesson 04's tasks.ts
 * registers one with {@link _setDefaultTaskFactory} when it is imported.
 */
export type TaskFactory = <T>(
  loop: EventLoop,
  coro: Generator<unknown, T, unknown>,
  options?: CreateTaskOptions,
) => Future<T>;

let defaultTaskFactory: TaskFactory | null = null;

/**
 * The hook through which lesson 04's tasks.ts, when it is imported, gives the loop a way to
 * wrap a coroutine in a task, as asyncio's `loop.set_task_factory` plugs a factory in. Until
 * then `createTask` (and `runUntilComplete` of a coroutine) throw a `RuntimeError`.
 *
 * @param factory - The factory, or `null` to remove it.
 */
export function _setDefaultTaskFactory(factory: TaskFactory | null): void {
  defaultTaskFactory = factory;
}

// ---------------------------------------------------------------------------------------------
// Handles.
// ---------------------------------------------------------------------------------------------

/** A callback with its arguments, as `callSoon` returns it: it can be cancelled until it runs. */
export class Handle {
  /** The function to call; `null` once cancelled, to drop what it holds on to. */
  _callback: Callback | null;
  /** Its arguments; `null` once cancelled. */
  _args: unknown[] | null;
  /** The loop that runs it. */
  _loop: EventLoop;
  /** Whether `cancel()` was called. */
  _cancelled = false;

  constructor(callback: Callback, args: unknown[], loop: EventLoop) {
    this._callback = callback;
    this._args = args;
    this._loop = loop;
  }

  /** Cancels the callback: if it has not run yet, it never will. Idempotent. */
  cancel(): void {
    if (this._cancelled) return;
    this._cancelled = true;
    this._callback = null;
    this._args = null;
  }

  /** Returns true once `cancel()` was called. */
  cancelled(): boolean {
    return this._cancelled;
  }

  /**
   * Runs the callback with its arguments. An error it throws goes to the loop's exception
   * handler, so one failing callback never stops the loop or the callbacks after it.
   */
  _run(): void {
    const callback = this._callback as (...args: unknown[]) => unknown;
    try {
      callback(...(this._args as unknown[]));
    } catch (exc) {
      this._loop.callExceptionHandler({
        message: `Exception in callback ${callbackRepr(callback)}`,
        exception: exc,
        handle: this,
      });
    }
  }

  /** asyncio's repr: `<Handle cb()>`, `<Handle cancelled>`. */
  toString(): string {
    const info = [this.constructor.name];
    if (this._cancelled) info.push('cancelled');
    if (this instanceof TimerHandle) info.push(`when=${this._when}`);
    if (this._callback !== null) info.push(callbackRepr(this._callback));
    return `<${info.join(' ')}>`;
  }
}

/** A handle for a callback that runs at a given time of the loop's clock. */
export class TimerHandle extends Handle {
  /** When the callback is due, in seconds of `loop.time()`. */
  _when: number;
  /** Whether the handle is in the loop's timer heap. */
  _scheduled = false;

  constructor(when: number, callback: Callback, args: unknown[], loop: EventLoop) {
    super(callback, args, loop);
    this._when = when;
  }

  /** Returns the absolute time the callback is scheduled for, in seconds of `loop.time()`. */
  when(): number {
    return this._when;
  }

  /**
   * Cancels the timer. It stays in the heap (removing it from the middle would break the heap)
   * until it reaches the top or the loop purges the heap; the loop counts it meanwhile.
   */
  override cancel(): void {
    if (!this._cancelled) this._loop._timerHandleCancelled(this);
    super.cancel();
  }
}

/** The heap's order: the earlier timer first. */
function earlier(a: TimerHandle, b: TimerHandle): boolean {
  return a._when < b._when;
}

/** Gives Node one turn of its own event loop: I/O, timers, worker messages. */
function handToNode(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

// ---------------------------------------------------------------------------------------------
// The loop.
// ---------------------------------------------------------------------------------------------

/** The event loop: callbacks, timers and futures (and, from lesson 04, tasks) run on it. */
export class EventLoop implements Scheduler {
  /** `'real'` or `'virtual'`. */
  _clock: ClockKind;
  /** The virtual clock's time, in seconds. */
  _virtualNow = 0;
  /** The handles to run, in order (asyncio's `_ready`). */
  _ready: Handle[] = [];
  /** The timers, a min-heap by `_when` (asyncio's `_scheduled`). */
  _scheduled: TimerHandle[] = [];
  /** How many timers in the heap are cancelled, for the purge rule. */
  _timerCancelledCount = 0;
  /** Set by `stop()`: the loop stops after the current iteration. */
  _stopping = false;
  /** Set by `close()`. */
  _closed = false;
  /** Whether `runForever` is in progress. */
  _running = false;
  /** The custom exception handler, or `null` for the default one. */
  _exceptionHandler: ExceptionHandler | null = null;
  /** Ends the selector's wait in progress; `null` when the loop is not waiting. */
  _wakeUp: (() => void) | null = null;
  /** Work outside the loop that will end with a `callSoonThreadsafe` (an executor job...). */
  _holds = new Set<{ label: string }>();
  /** When (`performance.now()`, ms) the loop last took control back from Node. */
  _sliceStart = 0;
  /** What `runUntilComplete` waits for, named in a deadlock message. */
  _waitingFor: Future<unknown> | null = null;

  /** @param options - `{ clock: 'real' | 'virtual' }`, `'real'` by default. */
  constructor(options?: EventLoopOptions) {
    const clock = options?.clock ?? 'real';
    if (clock !== 'real' && clock !== 'virtual') {
      throw new TypeError(`clock must be 'real' or 'virtual', got ${repr(clock)}`);
    }
    this._clock = clock;
  }

  /** Returns the loop's time in seconds: the virtual clock, or monotonic real time. */
  time(): number {
    return this._clock === 'virtual' ? this._virtualNow : performance.now() / 1000;
  }

  /**
   * Schedules `callback(...args)` to run in the next iteration, after those already queued.
   *
   * @throws RuntimeError('Event loop is closed').
   */
  callSoon<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle {
    this._checkClosed();
    const handle = new Handle(callback as Callback, args, this);
    this._ready.push(handle);
    return handle;
  }

  /**
   * Like `callSoon`, for code outside the loop (a Node callback, a worker's message): it also
   * wakes the loop if it is waiting on its selector.
   *
   * @throws RuntimeError('Event loop is closed').
   */
  callSoonThreadsafe<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle {
    const handle = this.callSoon(callback, ...args);
    this._writeToSelf();
    return handle;
  }

  /**
   * Schedules `callback(...args)` to run `delay` seconds from now (`loop.time() + delay`).
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
    const timer = new TimerHandle(when, callback as Callback, args, this);
    heapPush(this._scheduled, timer, earlier);
    timer._scheduled = true;
    return timer;
  }

  /** Creates a future bound to this loop. */
  createFuture<T = unknown>(): Future<T> {
    return new Future<T>({ loop: this });
  }

  /**
   * Wraps a coroutine in a task that runs on this loop. Tasks arrive with lesson 04, which
   * registers its factory with {@link _setDefaultTaskFactory}.
   *
   * @throws RuntimeError('Event loop is closed').
   * @throws RuntimeError while no task factory is registered (before lesson 04).
   */
  createTask<T>(coro: Generator<unknown, T, unknown>, options?: CreateTaskOptions): Future<T> {
    this._checkClosed();
    if (defaultTaskFactory === null) {
      throw new RuntimeError(
        'createTask() needs tasks, which arrive in lesson 04 (tasks.ts registers them with _setDefaultTaskFactory)',
      );
    }
    return defaultTaskFactory(this, coro, options);
  }

  /**
   * Runs iterations until `stop()` is called. The loop is the running loop from the start of
   * the call until the returned promise settles, also while it waits on its selector.
   *
   * @throws RuntimeError when the loop is closed or already running, when another loop is
   *   running, or (`deadlock: ...`) on the virtual clock when nothing can ever happen.
   */
  async runForever(): Promise<void> {
    this._checkClosed();
    this._checkRunning();
    this._running = true;
    _setRunningLoop(this);
    this._sliceStart = performance.now();
    try {
      for (;;) {
        await this._runOnce();
        if (this._stopping) break;
        // Busy for a while: give Node a turn, so that its I/O and timers get through.
        if (this._sliceExpired()) {
          await handToNode();
          this._sliceStart = performance.now();
        }
      }
    } finally {
      this._stopping = false;
      this._running = false;
      _setRunningLoop(null);
    }
  }

  /**
   * Runs the loop until `future` is done, then returns its result (or throws its error). A
   * coroutine is wrapped in a task first (from lesson 04 on). The loop stops through a done
   * callback on the future, which is removed afterwards.
   *
   * @throws RuntimeError('Event loop stopped before Future completed.') when `stop()` came first.
   * @throws TypeError when `future` is neither a future nor a coroutine.
   * @throws ValueError when the future belongs to another loop.
   */
  async runUntilComplete<T>(future: Future<T> | Generator<unknown, T, unknown>): Promise<T> {
    this._checkClosed();
    this._checkRunning();
    const fut = this._ensureFuture(future);
    fut.addDoneCallback(_run_until_complete_cb);
    this._waitingFor = fut;
    try {
      await this.runForever();
    } finally {
      this._waitingFor = null;
      fut.removeDoneCallback(_run_until_complete_cb);
    }
    if (!fut.done()) throw new RuntimeError('Event loop stopped before Future completed.');
    return fut.result();
  }

  /** Stops the loop after the current iteration: every handle already ready still runs. */
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
    if (this.isRunning()) throw new RuntimeError('Cannot close a running event loop');
    if (this._closed) return;
    this._closed = true;
    this._ready.length = 0;
    this._scheduled.length = 0;
  }

  /** Returns true once the loop is closed. */
  isClosed(): boolean {
    return this._closed;
  }

  /**
   * Sets the handler called when a callback fails; `null` (or `undefined`) restores the default.
   *
   * @throws TypeError when `handler` is neither a function nor `null`.
   */
  setExceptionHandler(handler: ExceptionHandler | null | undefined): void {
    if (handler != null && typeof handler !== 'function') {
      throw new TypeError(`A callable object or None is expected, got ${repr(handler)}`);
    }
    this._exceptionHandler = handler ?? null;
  }

  /** Returns the custom exception handler, or `null` when the default one is in use. */
  getExceptionHandler(): ExceptionHandler | null {
    return this._exceptionHandler;
  }

  /**
   * Reports a problem: calls the custom handler as `handler(loop, context)`, or the default
   * one. If the custom handler throws, the default handler reports that too, with the original
   * context under `context`. Nothing escapes.
   */
  callExceptionHandler(context: ExceptionContext): void {
    const handler = this._exceptionHandler;
    if (handler === null) {
      this._safeDefaultExceptionHandler(context);
      return;
    }
    try {
      handler(this, context);
    } catch (exc) {
      this._safeDefaultExceptionHandler({
        message: 'Unhandled error in exception handler',
        exception: exc,
        context,
      });
    }
  }

  /**
   * The default exception handler: writes the message (or 'Unhandled exception in event
   * loop'), then `key: repr(value)` for the other keys in sorted order, then the error's stack,
   * to `console.error`, as asyncio logs it.
   */
  defaultExceptionHandler(context: ExceptionContext): void {
    const lines = [context.message || 'Unhandled exception in event loop'];
    for (const key of Object.keys(context).sort()) {
      if (key !== 'message' && key !== 'exception') lines.push(`${key}: ${repr(context[key])}`);
    }
    const exc = context.exception;
    if (exc !== undefined && exc !== null) {
      lines.push(exc instanceof Error && exc.stack ? exc.stack : repr(exc));
    }
    console.error(lines.join('\n'));
  }

  /** asyncio's repr: `<EventLoop running=False closed=False debug=False>`. */
  toString(): string {
    const py = (flag: boolean) => (flag ? 'True' : 'False');
    return `<EventLoop running=${py(this._running)} closed=${py(this._closed)} debug=False>`;
  }

  /**
   * Registers work outside the loop (an executor job, a wrapped promise: lesson 06) that will
   * end with a `callSoonThreadsafe`. While anything is held, the virtual clock stands still and
   * the loop waits for a wake-up instead of jumping to its next timer or reporting a deadlock.
   *
   * @param label - What is held, for someone debugging a loop that waits.
   * @returns The release function (idempotent): call it once the work has handed its result
   *   over with `callSoonThreadsafe`, or was abandoned. Releasing wakes the loop.
   */
  _holdExternalWork(label: string): () => void {
    const hold = { label };
    this._holds.add(hold);
    return () => {
      if (this._holds.delete(hold)) this._writeToSelf();
    };
  }

  /** asyncio's `_timer_handle_cancelled`: counts a cancelled timer that is still in the heap. */
  _timerHandleCancelled(handle: TimerHandle): void {
    if (handle._scheduled) this._timerCancelledCount++;
  }

  /** @throws RuntimeError('Event loop is closed') once the loop is closed. */
  _checkClosed(): void {
    if (this._closed) throw new RuntimeError('Event loop is closed');
  }

  /** @throws RuntimeError when this loop, or another one, is running. */
  _checkRunning(): void {
    if (this.isRunning()) throw new RuntimeError('This event loop is already running');
    if (_getRunningLoop() !== null) {
      throw new RuntimeError('Cannot run the event loop while another loop is running');
    }
  }

  /**
   * One iteration, asyncio's `_run_once`:
   *
   * 1. purge cancelled timers;
   * 2. work out how long the selector may wait;
   * 3. wait on it (or not at all);
   * 4. move the timers that are due to the ready queue;
   * 5. run exactly the handles that are ready now: what they schedule waits for the next
   *    iteration.
   */
  async _runOnce(): Promise<void> {
    this._purgeCancelledTimers();
    const timeout = this._computeTimeout();
    await this._select(timeout);
    this._moveDueTimers();
    const ntodo = this._ready.length;
    for (let i = 0; i < ntodo; i++) {
      const handle = this._ready.shift() as Handle;
      if (!handle._cancelled) handle._run();
    }
  }

  /**
   * Step 1: with more than 100 timers of which more than half are cancelled, rebuilds the heap
   * without the cancelled ones; otherwise pops the cancelled timers at the top only.
   */
  _purgeCancelledTimers(): void {
    const count = this._scheduled.length;
    if (
      count > MIN_SCHEDULED_TIMER_HANDLES &&
      this._timerCancelledCount / count > MIN_CANCELLED_TIMER_HANDLES_FRACTION
    ) {
      const kept: TimerHandle[] = [];
      for (const timer of this._scheduled) {
        if (timer._cancelled) timer._scheduled = false;
        else kept.push(timer);
      }
      heapify(kept, earlier);
      this._scheduled = kept;
      this._timerCancelledCount = 0;
      return;
    }
    while (this._scheduled.length > 0 && this._scheduled[0]._cancelled) {
      this._timerCancelledCount--;
      const timer = heapPop(this._scheduled, earlier) as TimerHandle;
      timer._scheduled = false;
    }
  }

  /**
   * Step 2: 0 when a handle is ready or the loop is stopping; otherwise the time until the
   * earliest timer (at least 0, at most a day); `null` when there is no timer at all.
   */
  _computeTimeout(): number | null {
    if (this._ready.length > 0 || this._stopping) return 0;
    if (this._scheduled.length === 0) return null;
    const timeout = this._scheduled[0]._when - this.time();
    return Math.min(Math.max(timeout, 0), MAXIMUM_SELECT_TIMEOUT);
  }

  /**
   * Step 3, the selector. `timeout` 0: returns at once. On the virtual clock with no work held
   * outside: jumps the clock forward by `timeout` (nothing else can happen meanwhile), or, with
   * no timeout at all, throws the deadlock error. Otherwise waits on Node until `timeout`
   * seconds of real time have passed (real clock only) or `_writeToSelf()` wakes the loop.
   */
  async _select(timeout: number | null): Promise<void> {
    if (timeout === 0) return;
    if (this._clock === 'virtual' && this._holds.size === 0) {
      if (timeout === null) throw this._deadlockError();
      this._virtualNow += timeout;
      return;
    }
    // While work outside is held, virtual time stands still: wait for a wake-up only.
    const realTimeout = this._clock === 'real' ? timeout : null;
    await new Promise<void>((resolve) => {
      const timer =
        realTimeout === null
          ? undefined
          : setTimeout(() => this._writeToSelf(), Math.ceil(realTimeout * 1000));
      this._wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this._sliceStart = performance.now();
  }

  /** Ends the selector's wait, if the loop is waiting (asyncio's `_write_to_self`). */
  _writeToSelf(): void {
    const wakeUp = this._wakeUp;
    this._wakeUp = null;
    wakeUp?.();
  }

  /**
   * Step 4: moves every timer that is due (`_when` earlier than now plus the clock's
   * resolution) from the heap to the ready queue. A cancelled one goes too: step 5 skips it.
   */
  _moveDueTimers(): void {
    const endTime = this.time() + CLOCK_RESOLUTION;
    while (this._scheduled.length > 0 && this._scheduled[0]._when < endTime) {
      const timer = heapPop(this._scheduled, earlier) as TimerHandle;
      timer._scheduled = false;
      this._ready.push(timer);
    }
  }

  /** Whether the loop has run for SLICE_MS since it last gave Node a turn. */
  _sliceExpired(): boolean {
    return performance.now() - this._sliceStart >= SLICE_MS;
  }

  /** The future to run until, checked; a coroutine wrapped in a task. */
  _ensureFuture<T>(aw: Future<T> | Generator<unknown, T, unknown>): Future<T> {
    if (isFuture(aw)) {
      if (aw.getLoop() !== this) {
        throw new ValueError(
          'The future belongs to a different loop than the one specified as the loop argument',
        );
      }
      return aw as Future<T>;
    }
    if (isCoroutine(aw)) return this.createTask(aw);
    throw new TypeError('An asyncio.Future, a coroutine or an awaitable is required');
  }

  /** Calls the default handler; if even that throws, says so on `console.error`. */
  _safeDefaultExceptionHandler(context: ExceptionContext): void {
    try {
      this.defaultExceptionHandler(context);
    } catch (exc) {
      console.error('Exception in default exception handler', exc);
    }
  }

  /** The error of a virtual-clock loop that nothing can ever wake. */
  _deadlockError(): RuntimeError {
    const waitingFor = this._waitingFor === null ? 'stop()' : String(this._waitingFor);
    return new RuntimeError(
      `deadlock: the event loop is waiting for ${waitingFor}, but no callback is ready, ` +
        'no timer is scheduled and no work outside the loop is pending',
    );
  }
}

/**
 * The done callback of `runUntilComplete`. It keeps asyncio's name, `_run_until_complete_cb`, so
 * that a future's repr reads as in CPython: `<Future pending cb=[_run_until_complete_cb()]>`.
 */
function _run_until_complete_cb(fut: Future<unknown>): void {
  (fut.getLoop() as EventLoop).stop();
}

/** Whether `value` is a generator object: a coroutine, in this course. */
function isCoroutine<T>(value: unknown): value is Generator<unknown, T, unknown> {
  return Object.prototype.toString.call(value) === '[object Generator]';
}

/**
 * Creates an event loop.
 *
 * @param options - `{ clock: 'virtual' }` for a clock that starts at 0 and jumps to the next
 *   timer whenever nothing else can happen; `'real'` by default.
 */
export function newEventLoop(options?: EventLoopOptions): EventLoop {
  return new EventLoop(options);
}
