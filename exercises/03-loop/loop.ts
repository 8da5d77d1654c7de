/**
 * Lesson 03: the event loop, asyncio's `BaseEventLoop` (`Lib/asyncio/base_events.py`) and its
 * handles (`Lib/asyncio/events.py`), hosted on Node's own event loop.
 *
 * One iteration is asyncio's `_run_once`: purge cancelled timers, work out how long the loop may
 * wait, wait on the "selector" (Node) if it must, move the timers that are due to the ready queue,
 * then run exactly the handles that were ready at that point.
 *
 * Fill in the bodies that throw `TODO(03.N)`, exercise by exercise (`npm start` tells you which).
 * Two methods grow over several exercises: `runForever` and `_runOnce`. Their comments say which
 * exercise adds which part; write only the part of the exercise you are on.
 */

// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
import { RuntimeError, ValueError } from '#course/errors';
import {
  _setRunningLoopGetter,
  callbackRepr,
  Future,
  isFuture,
  repr,
  type Scheduler,
} from '#course/futures';
// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
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
  throw new Error(`TODO(03.3): return the running loop (now ${String(runningLoop)}), or throw`);
}

/** Returns the running loop, or `null` outside one (asyncio's `_get_running_loop`). Given. */
export function _getRunningLoop(): EventLoop | null {
  return runningLoop;
}

/**
 * Sets or clears the running loop (asyncio's `_set_running_loop`). Given: `runForever` calls it
 * (03.3).
 */
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
 * then `createTask` (and `runUntilComplete` of a coroutine) throw a `RuntimeError`. Given.
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

  /**
   * Cancels the callback: if it has not run yet, it never will. Idempotent: set `_cancelled`,
   * and drop `_callback` and `_args` (set them to `null`) so that they can be collected.
   */
  cancel(): void {
    throw new Error('TODO(03.6): cancel the handle');
  }

  /** Returns true once `cancel()` was called. */
  cancelled(): boolean {
    throw new Error('TODO(03.6): say whether the handle was cancelled');
  }

  /**
   * Runs the callback with its arguments: `callback(...args)`.
   *
   * (03.9) An error it throws goes to the loop's exception handler, so one failing callback never
   * stops the loop or the callbacks after it: catch it and call
   * `this._loop.callExceptionHandler({ message, exception, handle: this })` with the message
   * `` `Exception in callback ${callbackRepr(callback)}` ``.
   */
  _run(): void {
    throw new Error(`TODO(03.1): call ${callbackRepr(this._callback)} with its arguments`);
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
    throw new Error('TODO(03.5): return the time the timer is due');
  }

  /**
   * Cancels the timer. It stays in the heap (removing it from the middle would break the heap)
   * until it reaches the top or the loop purges the heap; the loop counts it meanwhile. Unless
   * it is already cancelled, tell the loop first (`this._loop._timerHandleCancelled(this)`),
   * then cancel it as any handle (`super.cancel()`).
   */
  override cancel(): void {
    throw new Error('TODO(03.6): tell the loop, then cancel the timer like any handle');
  }
}

/** The heap's order: the earlier timer first. Use it with `heapPush`, `heapPop`, `heapify`. */
function earlier(a: TimerHandle, b: TimerHandle): boolean {
  return a._when < b._when;
}

/** Gives Node one turn of its own event loop: I/O, timers, worker messages. Given. */
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

  /**
   * Returns the loop's time in seconds: `_virtualNow` on the virtual clock, otherwise monotonic
   * real time, `performance.now()` (milliseconds) divided by 1000.
   */
  time(): number {
    throw new Error(`TODO(03.4): return the ${this._clock} clock's time in seconds`);
  }

  /**
   * Schedules `callback(...args)` to run in the next iteration, after those already queued:
   * check that the loop is not closed (`this._checkClosed()`), make a `Handle`, push it onto
   * `_ready`, return it.
   *
   * @throws RuntimeError('Event loop is closed').
   */
  callSoon<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle {
    throw new Error(`TODO(03.1): queue ${callbackRepr(callback)} (${args.length} arguments)`);
  }

  /**
   * Like `callSoon`, for code outside the loop (a Node callback, a worker's message): it also
   * wakes the loop if it is waiting on its selector (`this._writeToSelf()`).
   *
   * @throws RuntimeError('Event loop is closed').
   */
  callSoonThreadsafe<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle {
    throw new Error(`TODO(03.4): queue ${callbackRepr(callback)} (${args.length}) and wake up`);
  }

  /**
   * Schedules `callback(...args)` to run `delay` seconds from now: `callAt(time() + delay)`.
   *
   * @throws TypeError('delay must not be None') when `delay` is `null` or `undefined`.
   */
  callLater<A extends unknown[]>(
    delay: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle {
    throw new Error(`TODO(03.5): run ${callbackRepr(callback)} in ${delay} s (${args.length})`);
  }

  /**
   * Schedules `callback(...args)` to run at time `when` of `loop.time()`: make a `TimerHandle`,
   * push it onto the heap `_scheduled` (`heapPush(this._scheduled, timer, earlier)`), and set
   * its `_scheduled` flag.
   *
   * @throws TypeError('when cannot be None') when `when` is `null` or `undefined`.
   * @throws RuntimeError('Event loop is closed').
   */
  callAt<A extends unknown[]>(
    when: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle {
    throw new Error(`TODO(03.5): run ${callbackRepr(callback)} at ${when} (${args.length})`);
  }

  /** Creates a future bound to this loop: `new Future({ loop: this })`. */
  createFuture<T = unknown>(): Future<T> {
    throw new Error(`TODO(03.3): create a ${Future.name} that belongs to this loop`);
  }

  /**
   * Wraps a coroutine in a task that runs on this loop. Tasks arrive with lesson 04, which
   * registers its factory with {@link _setDefaultTaskFactory}: check that the loop is not
   * closed, then, if no factory is registered, throw a `RuntimeError` that says tasks arrive in
   * lesson 04; otherwise return `defaultTaskFactory(this, coro, options)`.
   *
   * @throws RuntimeError('Event loop is closed').
   * @throws RuntimeError while no task factory is registered (before lesson 04).
   */
  createTask<T>(coro: Generator<unknown, T, unknown>, options?: CreateTaskOptions): Future<T> {
    throw new Error(`TODO(03.7): wrap ${repr(coro)} in a task (${repr(options)})`);
  }

  /**
   * Runs iterations until `stop()` is called. Make it `async`. Its parts, by exercise:
   *
   * - (03.1) `this._checkClosed()`; then, in a `try`, loop forever: `await this._runOnce()`,
   *   and `break` when `_stopping` is set; in the `finally`, clear `_stopping`, so that a
   *   `stop()` never leaks into the next run.
   * - (03.2) after an iteration that did not stop the loop, if `this._sliceExpired()`,
   *   `await handToNode()` and restart the slice (`_sliceStart = performance.now()`). Set
   *   `_sliceStart` before the first iteration too.
   * - (03.3) after `_checkClosed()`, `this._checkRunning()`; then set `_running` and make this the
   *   running loop (`_setRunningLoop(this)`) before the `try`; undo both in the `finally`.
   *
   * @throws RuntimeError when the loop is closed or already running, when another loop is
   *   running, or (`deadlock: ...`) on the virtual clock when nothing can ever happen.
   */
  runForever(): Promise<void> {
    throw new Error(`TODO(03.1): run iterations until stop() (${handToNode.name} comes in 03.2)`);
  }

  /**
   * Runs the loop until `future` is done, then returns its result (or throws its error). Make
   * it `async`, as asyncio's `run_until_complete`:
   *
   * - check that the loop is not closed and not running;
   * - `const fut = this._ensureFuture(future)`;
   * - add the done callback `_run_until_complete_cb`, which stops the loop, and set `_waitingFor`;
   * - `await this.runForever()`, and in a `finally` remove the callback and clear `_waitingFor`;
   * - if `fut` is still not done, the loop was stopped first: throw
   *   `new RuntimeError('Event loop stopped before Future completed.')`;
   * - return `fut.result()`.
   *
   * @throws RuntimeError('Event loop stopped before Future completed.') when `stop()` came first.
   * @throws TypeError when `future` is neither a future nor a coroutine.
   * @throws ValueError when the future belongs to another loop.
   */
  runUntilComplete<T>(future: Future<T> | Generator<unknown, T, unknown>): Promise<T> {
    throw new Error(`TODO(03.7): run until ${String(future)} is done`);
  }

  /** Stops the loop after the current iteration: every handle already ready still runs. */
  stop(): void {
    throw new Error('TODO(03.1): ask the loop to stop after the current iteration');
  }

  /** Returns true while `runForever` is in progress. */
  isRunning(): boolean {
    throw new Error('TODO(03.3): say whether runForever is in progress');
  }

  /**
   * Closes the loop: drops the queued callbacks and timers (empty `_ready` and `_scheduled`).
   * Idempotent: closing a closed loop does nothing.
   *
   * @throws RuntimeError('Cannot close a running event loop').
   */
  close(): void {
    throw new Error('TODO(03.8): close the loop');
  }

  /** Returns true once the loop is closed. */
  isClosed(): boolean {
    throw new Error('TODO(03.8): say whether the loop is closed');
  }

  /**
   * Sets the handler called when a callback fails; `null` (or `undefined`) restores the default.
   *
   * @throws TypeError(`A callable object or None is expected, got ${repr(handler)}`) when
   *   `handler` is neither a function nor `null` or `undefined`.
   */
  setExceptionHandler(handler: ExceptionHandler | null | undefined): void {
    throw new Error(`TODO(03.9): install the exception handler ${repr(handler)}`);
  }

  /** Returns the custom exception handler, or `null` when the default one is in use. */
  getExceptionHandler(): ExceptionHandler | null {
    throw new Error('TODO(03.9): return the custom exception handler, or null');
  }

  /**
   * Reports a problem: calls the custom handler as `handler(loop, context)`, or the default one
   * (through `_safeDefaultExceptionHandler`). If the custom handler throws, report that with the
   * default handler too: `{ message: 'Unhandled error in exception handler', exception, context }`.
   * Nothing escapes.
   */
  callExceptionHandler(context: ExceptionContext): void {
    throw new Error(`TODO(03.9): report ${repr(context.message)} to the exception handler`);
  }

  /**
   * The default exception handler: writes, with one `console.error` call, the lines
   *
   * - the message, or 'Unhandled exception in event loop' when there is none;
   * - `key: repr(value)` for each other key but `exception`, in sorted order;
   * - the error's `stack` (or its `repr` when it is not an `Error`), when there is an error.
   */
  defaultExceptionHandler(context: ExceptionContext): void {
    throw new Error(`TODO(03.9): write ${repr(context.message)} to console.error`);
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
   * Add `{ label }` to `_holds`, and return a function that removes it (once) and wakes the loop.
   *
   * @param label - What is held, for someone debugging a loop that waits.
   * @returns The release function (idempotent): call it once the work has handed its result
   *   over with `callSoonThreadsafe`, or was abandoned. Releasing wakes the loop.
   */
  _holdExternalWork(label: string): () => void {
    throw new Error(`TODO(03.4): hold ${repr(label)} and return its release function`);
  }

  /**
   * asyncio's `_timer_handle_cancelled`: counts a cancelled timer in `_timerCancelledCount` if it
   * is still in the heap (its `_scheduled` flag).
   */
  _timerHandleCancelled(handle: TimerHandle): void {
    throw new Error(`TODO(03.6): count the cancelled ${String(handle)} if it is in the heap`);
  }

  /** @throws RuntimeError('Event loop is closed') once the loop is closed. Given. */
  _checkClosed(): void {
    if (this._closed) throw new RuntimeError('Event loop is closed');
  }

  /**
   * @throws RuntimeError('This event loop is already running') while this loop runs.
   * @throws RuntimeError('Cannot run the event loop while another loop is running') while
   *   another one does (`_getRunningLoop()` is not `null`).
   */
  _checkRunning(): void {
    throw new Error('TODO(03.3): throw if this loop or another one is running');
  }

  /**
   * One iteration, asyncio's `_run_once`. Make it `async`. Its steps, by exercise:
   *
   * 1. (03.6) `this._purgeCancelledTimers()`;
   * 2. (03.4) `const timeout = this._computeTimeout()`;
   * 3. (03.4) `await this._select(timeout)`;
   * 4. (03.5) `this._moveDueTimers()`;
   * 5. (03.1) run the handles that are ready *now*, and only those: take `ntodo`, the length of
   *    `_ready`, then shift and run exactly `ntodo` handles (`handle._run()`), skipping those
   *    whose `_cancelled` is set. What they schedule waits for the next iteration.
   */
  _runOnce(): Promise<void> {
    throw new Error('TODO(03.1): run the handles that are ready now, and only those');
  }

  /**
   * Step 1: with more than `MIN_SCHEDULED_TIMER_HANDLES` timers of which more than
   * `MIN_CANCELLED_TIMER_HANDLES_FRACTION` are cancelled, rebuild the heap without the
   * cancelled ones (clear their `_scheduled` flag, `heapify` the rest, reset the count to 0).
   * Otherwise pop the cancelled timers at the top of the heap only, one by one, clearing their
   * flag and decrementing the count.
   */
  _purgeCancelledTimers(): void {
    throw new Error(
      `TODO(03.6): drop cancelled timers (${MIN_SCHEDULED_TIMER_HANDLES}, ${MIN_CANCELLED_TIMER_HANDLES_FRACTION})`,
    );
  }

  /**
   * Step 2: how long the selector may wait.
   *
   * - (03.4) 0 when a handle is ready or the loop is stopping; `null` when there is nothing to
   *   wait for but a wake-up.
   * - (03.5) with timers, the time until the earliest one, `_scheduled[0]._when - this.time()`,
   *   at least 0 and at most `MAXIMUM_SELECT_TIMEOUT`; `null` only when there is no timer.
   */
  _computeTimeout(): number | null {
    throw new Error(`TODO(03.4): 0, seconds (at most ${MAXIMUM_SELECT_TIMEOUT}), or null`);
  }

  /**
   * Step 3, the selector. Make it `async`.
   *
   * - `timeout` 0: return at once.
   * - On the virtual clock, with no work held (`_holds` empty): with a `timeout`, jump the clock
   *   forward by it (03.5: nothing else can happen before the next timer); without one
   *   (`null`), nothing can ever happen: throw `this._deadlockError()`.
   * - Otherwise wait on Node: a promise whose resolve function you keep in `_wakeUp` (so that
   *   `_writeToSelf()` ends the wait) and, on the real clock with a `timeout`, also a
   *   `setTimeout` that ends it after `timeout` seconds (clear it when the wait ends otherwise).
   *   On the virtual clock with work held, time stands still: wait for a wake-up only. After
   *   the wait, restart the slice (`_sliceStart = performance.now()`): Node had its turn.
   */
  _select(timeout: number | null): Promise<void> {
    throw new Error(`TODO(03.4): wait ${timeout} s, jump, or report a deadlock`);
  }

  /** Ends the selector's wait, if the loop is waiting: clears `_wakeUp` and calls it. */
  _writeToSelf(): void {
    throw new Error("TODO(03.4): end the selector's wait, if the loop is waiting");
  }

  /**
   * Step 4: moves every timer that is due (`_when` earlier than `this.time() + CLOCK_RESOLUTION`)
   * from the top of the heap to the ready queue, clearing its `_scheduled` flag. A cancelled one
   * goes too: step 5 skips it.
   */
  _moveDueTimers(): void {
    throw new Error(`TODO(03.5): move the due timers (resolution ${CLOCK_RESOLUTION} s)`);
  }

  /** Whether the loop has run for `SLICE_MS` since it last gave Node a turn (`_sliceStart`). */
  _sliceExpired(): boolean {
    throw new Error(`TODO(03.2): has the loop run for ${SLICE_MS} ms since Node's last turn?`);
  }

  /**
   * The future to run until (asyncio's `ensure_future`): a future of another loop throws
   * `new ValueError('The future belongs to a different loop than the one specified as the loop
   * argument')`; a future of this loop is returned as it is; a coroutine (`isCoroutine`) is
   * wrapped in a task by `this.createTask`; anything else throws
   * `new TypeError('An asyncio.Future, a coroutine or an awaitable is required')`.
   */
  _ensureFuture<T>(aw: Future<T> | Generator<unknown, T, unknown>): Future<T> {
    throw new Error(
      `TODO(03.7): check ${String(aw)} (future: ${isFuture(aw)}, coroutine: ${isCoroutine(aw)})`,
    );
  }

  /** Calls the default handler; if even that throws, says so on `console.error`. Given. */
  _safeDefaultExceptionHandler(context: ExceptionContext): void {
    try {
      this.defaultExceptionHandler(context);
    } catch (exc) {
      console.error('Exception in default exception handler', exc);
    }
  }

  /** The error of a virtual-clock loop that nothing can ever wake. Given. */
  _deadlockError(): RuntimeError {
    const waitingFor = this._waitingFor === null ? 'stop()' : String(this._waitingFor);
    return new RuntimeError(
      `deadlock: the event loop is waiting for ${waitingFor}, but no callback is ready, ` +
        'no timer is scheduled and no work outside the loop is pending',
    );
  }
}

/**
 * The done callback of `runUntilComplete`: stops the future's loop,
 * `(fut.getLoop() as EventLoop).stop()`. It keeps asyncio's name, `_run_until_complete_cb`, so
 * that a future's repr reads as in CPython: `<Future pending cb=[_run_until_complete_cb()]>`.
 */
function _run_until_complete_cb(fut: Future<unknown>): void {
  throw new Error(`TODO(03.7): stop the loop of ${String(fut)}`);
}

/** Whether `value` is a generator object: a coroutine, in this course. Given. */
function isCoroutine<T>(value: unknown): value is Generator<unknown, T, unknown> {
  return Object.prototype.toString.call(value) === '[object Generator]';
}

/**
 * Creates an event loop. Given.
 *
 * @param options - `{ clock: 'virtual' }` for a clock that starts at 0 and jumps to the next
 *   timer whenever nothing else can happen; `'real'` by default.
 */
export function newEventLoop(options?: EventLoopOptions): EventLoop {
  return new EventLoop(options);
}
