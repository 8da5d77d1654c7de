/**
 * Futures: asyncio's `Future` (`asyncio/futures.py`, `base_futures.py`), a result that will be
 * set later, with callbacks that the loop runs once it is set.
 *
 * A coroutine waits for a future with `yield* future`: the future's iterator yields the future
 * itself to the task that drives the coroutine, which parks until the future is done, then
 * resumes the iterator, which returns the result (or throws the error).
 *
 * @module
 */

import { CancelledError, InvalidStateError } from './errors.ts';
import { FutureIter } from './future-iter.ts';
import { callbackRepr, nameCallback, shortRepr } from './repr.ts';
import { getRunningLoop } from './running-loop.ts';

/**
 * What a future needs of a loop: a way to run a callback soon. An `EventLoop` is one; so is any
 * object with a `callSoon(callback, ...args)` method, which lets futures be tested on their own.
 */
export interface Scheduler {
  /** Arranges for `callback(...args)` to run soon, after the callbacks already queued. */
  callSoon<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): unknown;
}

/** Options of the {@link Future} constructor. */
export interface FutureOptions {
  /** The loop that runs the future's callbacks; by default the running loop. */
  loop?: Scheduler | null;
}

/** A callback run once a future is done; it receives the future. */
// biome-ignore lint/suspicious/noExplicitAny: callbacks of any future, as asyncio's `fn(fut)`.
export type DoneCallback = (future: any) => unknown;

/**
 * A task parked on a future, kept among the future's callbacks in place of asyncio's
 * `task.__wakeup` done callback. Once the future is done it calls `_wakeUpSoon()`, and the task
 * queues itself, standing in the ready queue for its wake-up as it does for its plain steps:
 * no closure per task and no handle per wake-up, which were most of what an await allocated.
 * Its place in the list, and so in the ready queue, is the callback's, and its repr is asyncio's
 * `Task.task_wakeup()`.
 */
export interface FutureWaiter {
  /** The future is done: queue the wake-up (the next iteration), as `callSoon` would. */
  _wakeUpSoon(): void;
}

/** What a future's callback list holds: done callbacks, and tasks waiting for it. */
export type CallbackEntry = DoneCallback | FutureWaiter;

/** A future's state, as asyncio's `_state`. */
export type FutureState = 'PENDING' | 'CANCELLED' | 'FINISHED';

/** Marks "no exception" in `_exception`, since JavaScript can throw `null` and `undefined`. */
const NO_EXCEPTION: unique symbol = Symbol('no exception');

/**
 * A result that is not there yet (asyncio's `Future`). It is pending until `setResult`,
 * `setException` or `cancel` makes it done; then the loop runs its done callbacks, never
 * synchronously.
 *
 * @typeParam T - The type of the result.
 */
export class Future<T = unknown> {
  /** `'PENDING'`, `'CANCELLED'` or `'FINISHED'`. */
  _state: FutureState = 'PENDING';
  /** The result, once finished without an error. */
  _result: T | undefined = undefined;
  /** The error, once finished with one; `NO_EXCEPTION` otherwise. */
  _exception: unknown = NO_EXCEPTION;
  /** The scheduler that runs the done callbacks. */
  _loop: Scheduler;
  /**
   * The first callback waiting for completion (or task, see {@link FutureWaiter}), or `null`.
   * Most futures only ever get one, the task that awaits them: as in CPython's C futures
   * (`fut_callback0`), it takes a field, and an array is made only for the ones after it.
   */
  _callback0: CallbackEntry | null = null;
  /** The callbacks after the first, in order, or `null` (CPython's `fut_callbacks`). */
  _callbacksAfter: CallbackEntry[] | null = null;
  /** The message given to `cancel(msg)`; read each time the `CancelledError` is built. */
  _cancelMessage: string | null = null;
  /** A `CancelledError` to re-raise once (a task keeps the one its coroutine raised). */
  _cancelledExc: CancelledError | null = null;
  /**
   * asyncio's `_asyncio_future_blocking`. Its presence marks a future (see {@link isFuture});
   * the iterator sets it to `true` just before yielding the future, which tells the task that
   * the future was awaited with `yield*` and not yielded by mistake with a bare `yield`.
   */
  _asyncioFutureBlocking = false;

  /**
   * @param options - `{ loop }`: the scheduler to use; without it, the running loop.
   * @throws RuntimeError('no running event loop') when there is no loop to take.
   */
  constructor(options?: FutureOptions) {
    // asyncio's loop argument is keyword-only: Future(42) is a TypeError.
    if (options != null && typeof options !== 'object') {
      throw new TypeError('Future() takes no positional arguments');
    }
    this._loop = options?.loop ?? getRunningLoop();
  }

  /**
   * The callbacks waiting for completion, in order, or `null` if there are none: a new array
   * each time, as CPython's C futures build their `_callbacks` attribute on demand.
   */
  get _callbacks(): CallbackEntry[] | null {
    const all = this._callback0 === null ? [] : [this._callback0];
    if (this._callbacksAfter !== null) all.push(...this._callbacksAfter);
    return all.length > 0 ? all : null;
  }

  /** Returns the loop (scheduler) the future is bound to. */
  getLoop(): Scheduler {
    return this._loop;
  }

  /** Returns true once the future has a result, an error, or was cancelled. */
  done(): boolean {
    return this._state !== 'PENDING';
  }

  /** Returns true if the future was cancelled. */
  cancelled(): boolean {
    return this._state === 'CANCELLED';
  }

  /**
   * Returns the result.
   *
   * @throws the error set with `setException`.
   * @throws CancelledError if the future was cancelled.
   * @throws InvalidStateError('Result is not ready.') while it is pending.
   */
  result(): T {
    if (this._state === 'CANCELLED') throw this._makeCancelledError();
    if (this._state !== 'FINISHED') throw new InvalidStateError('Result is not ready.');
    if (this._exception !== NO_EXCEPTION) throw this._exception;
    return this._result as T;
  }

  /**
   * Returns the error the future finished with, or `null` if it finished with a result.
   *
   * @throws CancelledError if the future was cancelled.
   * @throws InvalidStateError('Exception is not set.') while it is pending.
   */
  exception(): unknown {
    if (this._state === 'CANCELLED') throw this._makeCancelledError();
    if (this._state !== 'FINISHED') throw new InvalidStateError('Exception is not set.');
    return this._exception === NO_EXCEPTION ? null : this._exception;
  }

  /**
   * Marks the future done with `result` and schedules its callbacks.
   *
   * @throws InvalidStateError if it is already done.
   */
  setResult(result: T): void {
    this._checkPending();
    this._result = result;
    this._state = 'FINISHED';
    this._scheduleCallbacks();
  }

  /**
   * Marks the future done with an error and schedules its callbacks. An error class is
   * instantiated, as asyncio instantiates an exception type.
   *
   * @throws InvalidStateError if it is already done.
   */
  setException(exception: unknown): void {
    this._checkPending();
    this._exception = isErrorClass(exception) ? new exception() : exception;
    this._state = 'FINISHED';
    this._scheduleCallbacks();
  }

  /**
   * Cancels a pending future and schedules its callbacks.
   *
   * @param msg - The message of the `CancelledError` that `result()` will throw.
   * @returns false if the future was already done, true otherwise.
   */
  cancel(msg?: string | null): boolean {
    if (this._state !== 'PENDING') return false;
    this._state = 'CANCELLED';
    this._cancelMessage = msg ?? null;
    this._scheduleCallbacks();
    return true;
  }

  /**
   * Adds a callback to run, with the future as its argument, once the future is done. If it is
   * already done, the callback is scheduled with `callSoon`: it never runs synchronously.
   */
  addDoneCallback(fn: DoneCallback): void {
    if (this._state !== 'PENDING') {
      this._loop.callSoon(fn, this);
    } else {
      this._addCallbackEntry(fn);
    }
  }

  /**
   * Parks a task on this future: `Task._waitFor`'s `add_done_callback(self.__wakeup)`.
   *
   * @internal
   */
  _addWaiter(task: FutureWaiter): void {
    // As addDoneCallback: a future that is already done wakes the task soon, never at once.
    if (this._state !== 'PENDING') task._wakeUpSoon();
    else this._addCallbackEntry(task);
  }

  /** Appends to the callbacks: in `_callback0` if there are none, else to the array. */
  _addCallbackEntry(entry: CallbackEntry): void {
    if (this._callback0 === null && this._callbacksAfter === null) this._callback0 = entry;
    else if (this._callbacksAfter === null) this._callbacksAfter = [entry];
    else this._callbacksAfter.push(entry);
  }

  /**
   * Removes every registration of `fn` from the callbacks still waiting for completion.
   *
   * @returns How many were removed (0 once the future is done: its callbacks are scheduled).
   */
  removeDoneCallback(fn: DoneCallback): number {
    let removed = 0;
    // Once emptied, _callback0 stays empty while later callbacks remain, which keeps the order.
    if (this._callback0 === fn) {
      this._callback0 = null;
      removed++;
    }
    const after = this._callbacksAfter;
    if (after === null) return removed;
    const kept = after.filter((cb) => cb !== fn);
    if (kept.length === after.length) return removed;
    this._callbacksAfter = kept.length > 0 ? kept : null;
    return removed + after.length - kept.length;
  }

  /**
   * Awaits the future (`const x = yield* future`): yields the future once, flagged as blocking,
   * unless it is already done; then returns its result or throws its error.
   *
   * @throws RuntimeError("await wasn't used with future") when resumed while still pending.
   */
  [Symbol.iterator](): Generator<Future<T>, T, unknown> {
    return new FutureIter(this);
  }

  /** asyncio's repr: `<Future pending>`, `<Future finished result=42>`, `<Future cancelled>`. */
  toString(): string {
    return `<${this.constructor.name} ${this._reprInfo().join(' ')}>`;
  }

  /** The parts of the repr (`base_futures._future_repr_info`); tasks add theirs. */
  _reprInfo(): string[] {
    const info: string[] = [this._state.toLowerCase()];
    if (this._state === 'FINISHED') {
      info.push(
        this._exception !== NO_EXCEPTION
          ? `exception=${shortRepr(this._exception)}`
          : `result=${shortRepr(this._result)}`,
      );
    }
    const callbacks = this._callbacks;
    if (callbacks !== null) info.push(callbacksRepr(callbacks));
    return info;
  }

  /**
   * Builds the `CancelledError` to throw (asyncio's `_make_cancelled_error`): the saved one the
   * first time, a new one with the cancel message after that.
   */
  _makeCancelledError(): CancelledError {
    const saved = this._cancelledExc;
    if (saved !== null) {
      // Raise the coroutine's own error once, so its stack and identity survive.
      this._cancelledExc = null;
      return saved;
    }
    return this._cancelMessage === null
      ? new CancelledError()
      : new CancelledError(this._cancelMessage);
  }

  /**
   * Throws `InvalidStateError('invalid state')` unless pending: the message of CPython's C
   * futures, which asyncio uses (its pure-Python fallback says `'FINISHED: <Future ...>'`).
   */
  _checkPending(): void {
    if (this._state !== 'PENDING') throw new InvalidStateError('invalid state');
  }

  /** Hands the callbacks to the loop, in order, and forgets them (`__schedule_callbacks`). */
  _scheduleCallbacks(): void {
    const first = this._callback0;
    const after = this._callbacksAfter;
    // Detach them first: a callback added or removed from now on must not touch them.
    this._callback0 = null;
    this._callbacksAfter = null;
    if (first !== null) this._scheduleCallback(first);
    if (after !== null) for (let i = 0; i < after.length; i++) this._scheduleCallback(after[i]);
  }

  /** Schedules one callback with `callSoon`; a waiting task queues itself (see FutureWaiter). */
  _scheduleCallback(entry: CallbackEntry): void {
    if (typeof entry === 'function') this._loop.callSoon(entry, this);
    else entry._wakeUpSoon();
  }
}

/**
 * Returns true for a future: any object with an `_asyncioFutureBlocking` flag that is not
 * `null` or `undefined` (asyncio's duck-typed `isfuture`).
 */
export function isFuture(value: unknown): value is Future<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { _asyncioFutureBlocking?: unknown })._asyncioFutureBlocking != null
  );
}

/**
 * Sets `result` on `future` unless it was cancelled (`futures._set_result_unless_cancelled`):
 * a timer that fires after the sleeping task was cancelled must not fail.
 *
 * @internal
 */
export function _setResultUnlessCancelled<T>(future: Future<T>, result: T): void {
  if (future.cancelled()) return;
  future.setResult(result);
}
nameCallback(_setResultUnlessCancelled, '_set_result_unless_cancelled');

function isErrorClass(value: unknown): value is new () => Error {
  return typeof value === 'function' && (value === Error || value.prototype instanceof Error);
}

/** A callback as asyncio shows it; a waiting task is its `Task.task_wakeup()` callback. */
function entryRepr(entry: CallbackEntry): string {
  return typeof entry === 'function' ? callbackRepr(entry) : 'Task.task_wakeup()';
}

/** `cb=[first(), <n more>, last()]`, as `base_futures._format_callbacks`. */
function callbacksRepr(callbacks: readonly CallbackEntry[]): string {
  const n = callbacks.length;
  const first = entryRepr(callbacks[0]);
  const last = entryRepr(callbacks[n - 1]);
  if (n === 1) return `cb=[${first}]`;
  if (n === 2) return `cb=[${first}, ${last}]`;
  return `cb=[${first}, <${n - 2} more>, ${last}]`;
}
