/**
 * Lesson 02: futures, asyncio's `Future` (`Lib/asyncio/futures.py`): a result that is not there
 * yet. A coroutine waits on a future with `yield* future`; whoever produces the result calls
 * `setResult` (or `setException`, or `cancel`), and the future's done callbacks then run through
 * the scheduler's `callSoon`, never synchronously.
 */

import { CancelledError, type ErrorClass, InvalidStateError, RuntimeError } from './errors.ts';
import { callbackRepr, shortRepr } from './repr.ts';

// The later lessons format their messages with the same helpers: they import them from here.
export { callbackRepr, repr, shortRepr } from './repr.ts';

/**
 * What a future needs of a loop: a way to run a callback soon. Lesson 03's `EventLoop` is one;
 * so is any object with a `callSoon(callback, ...args)` method, which lets this lesson test
 * futures before a loop exists.
 */
export interface Scheduler {
  /** Arranges for `callback(...args)` to run soon, after the callbacks already queued. */
  callSoon<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): unknown;
}

/** Options of the {@link Future} constructor. */
export interface FutureOptions {
  /** The scheduler that runs the future's done callbacks; by default the running loop. */
  loop?: Scheduler | null;
}

/**
 * A done callback: it receives the future (not its result). The parameter is `any` so that a
 * callback written for a `Future<number>` or a `Task<string>` fits every future's list.
 */
// biome-ignore lint/suspicious/noExplicitAny: asyncio's `fn(fut)` takes futures of any type.
export type DoneCallback = (future: any) => unknown;

/** A future's state, asyncio's `_state`. */
export type FutureState = 'PENDING' | 'CANCELLED' | 'FINISHED';

/**
 * Marks "no exception" in `_exception`. JavaScript can throw anything, even `null` or
 * `undefined`, so no ordinary value can mean "none".
 */
const NO_EXCEPTION: unique symbol = Symbol('no exception');

// ---------------------------------------------------------------------------------------------
// The running-loop hook.
//
// Without a `loop` option, a future belongs to the running loop. The running loop is lesson 03's
// business (`getRunningLoop()` lives in loop.ts, as asyncio keeps it in events.py), and an
// earlier lesson never imports a later one. So loop.ts, when it is imported, hands this module
// a function that returns the running loop. Until then (in this lesson) there is none.
// ---------------------------------------------------------------------------------------------

let runningLoopGetter: (() => Scheduler | null) | null = null;

/**
 * The hook through which lesson 03's loop.ts, when it is imported, tells futures how to find the
 * running loop: `_setRunningLoopGetter(_getRunningLoop)`. Given: nothing to write here.
 *
 * @param getter - Returns the running loop, or `null` outside one; `null` removes the hook.
 */
export function _setRunningLoopGetter(getter: (() => Scheduler | null) | null): void {
  runningLoopGetter = getter;
}

/** The running loop, for a future created without a `loop` option. */
function runningScheduler(): Scheduler {
  const loop = runningLoopGetter === null ? null : runningLoopGetter();
  if (loop === null) throw new RuntimeError('no running event loop');
  return loop;
}

/**
 * A result that is not there yet (asyncio's `Future`). It is pending until `setResult`,
 * `setException` or `cancel` makes it done; then the scheduler runs its done callbacks.
 *
 * @typeParam T - The type of the result.
 */
export class Future<T = unknown> {
  /** `'PENDING'`, then `'FINISHED'` (a result or an error) or `'CANCELLED'`, for good. */
  _state: FutureState = 'PENDING';
  /** The result, once finished without an error. */
  _result: T | undefined = undefined;
  /** The error, once finished with one; `NO_EXCEPTION` otherwise. */
  _exception: unknown = NO_EXCEPTION;
  /** The scheduler (the loop) that runs the done callbacks. */
  _loop: Scheduler;
  /** The callbacks waiting for completion, in the order they were added. */
  _callbacks: DoneCallback[] = [];
  /** The message given to `cancel(msg)`; read each time the `CancelledError` is built. */
  _cancelMessage: string | null = null;
  /** A `CancelledError` to throw once instead of a new one (a task keeps its coroutine's). */
  _cancelledExc: CancelledError | null = null;
  /**
   * asyncio's `_asyncio_future_blocking`. It marks a future (see {@link isFuture}), and the
   * iterator sets it to `true` just before it yields the future: so a task that receives a
   * future can tell `yield* future` (flag true) from a bare `yield future` (flag false), a
   * mistake.
   */
  _asyncioFutureBlocking = false;

  /**
   * @param options - `{ loop }`: the scheduler that runs the done callbacks. Without it, the
   *   running loop (from lesson 03 on).
   * @throws RuntimeError('no running event loop') without a `loop` outside a running loop.
   */
  constructor(options?: FutureOptions) {
    this._loop = options?.loop ?? runningScheduler();
  }

  /** Returns the scheduler (the loop) the future belongs to. */
  getLoop(): Scheduler {
    return this._loop;
  }

  /** Returns true once the future has a result or an error, or was cancelled. */
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
   * @throws CancelledError if the future was cancelled.
   * @throws InvalidStateError('Result is not ready.') while it is pending.
   * @throws the error given to `setException`.
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
   * @throws CancelledError if the future was cancelled (it throws it; it does not return it).
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
   * @throws InvalidStateError if the future is already done.
   */
  setResult(result: T): void {
    if (this._state !== 'PENDING') throw new InvalidStateError('invalid state');
    this._result = result;
    this._state = 'FINISHED';
    this._scheduleCallbacks();
  }

  /**
   * Marks the future done with an error and schedules its callbacks. An error class, such as
   * `ValueError`, is instantiated: the future stores an instance, as asyncio does.
   *
   * @throws InvalidStateError if the future is already done.
   */
  setException(exception: unknown): void {
    if (this._state !== 'PENDING') throw new InvalidStateError('invalid state');
    this._exception = isErrorClass(exception) ? new exception() : exception;
    this._state = 'FINISHED';
    this._scheduleCallbacks();
  }

  /**
   * Cancels the future if it is pending, and schedules its callbacks.
   *
   * @param msg - The message of the `CancelledError` that `result()` will throw.
   * @returns true if the future was cancelled now, false if it was already done.
   */
  cancel(msg?: string | null): boolean {
    if (this._state !== 'PENDING') return false;
    this._state = 'CANCELLED';
    this._cancelMessage = msg ?? null;
    this._scheduleCallbacks();
    return true;
  }

  /**
   * Builds the `CancelledError` that `result()` and `exception()` throw (asyncio's
   * `_make_cancelled_error`): the saved `_cancelledExc` once, if there is one, otherwise a new
   * error with the message of `cancel(msg)`.
   */
  _makeCancelledError(): CancelledError {
    const saved = this._cancelledExc;
    if (saved !== null) {
      this._cancelledExc = null;
      return saved;
    }
    return this._cancelMessage === null
      ? new CancelledError()
      : new CancelledError(this._cancelMessage);
  }

  /**
   * Adds a callback to run with the future as its argument once the future is done. If the
   * future is already done, the callback is scheduled with `callSoon` at once: either way it
   * never runs synchronously.
   */
  addDoneCallback(fn: DoneCallback): void {
    if (this._state !== 'PENDING') {
      this._loop.callSoon(fn, this);
    } else {
      this._callbacks.push(fn);
    }
  }

  /**
   * Removes every registration of `fn` from the callbacks still waiting.
   *
   * @returns How many were removed: 0 once the future is done, since its callbacks have
   *   already been handed to the scheduler.
   */
  removeDoneCallback(fn: DoneCallback): number {
    const kept = this._callbacks.filter((callback) => callback !== fn);
    const removed = this._callbacks.length - kept.length;
    this._callbacks = kept;
    return removed;
  }

  /**
   * Hands every waiting callback to the scheduler, in order, each with its own `callSoon`, and
   * forgets them (asyncio's `__schedule_callbacks`). The list is detached first: a callback
   * added or removed from now on does not touch the ones already scheduled.
   */
  _scheduleCallbacks(): void {
    const callbacks = this._callbacks;
    this._callbacks = [];
    for (const callback of callbacks) this._loop.callSoon(callback, this);
  }

  /**
   * Awaits the future: `const x = yield* future`. Unless the future is already done, it sets
   * the blocking flag and yields the future itself, once, to the task driving the coroutine,
   * which parks until the future is done and then resumes the iterator. Then it returns the
   * result (or throws the error).
   *
   * @throws RuntimeError("await wasn't used with future") when resumed while still pending.
   */
  *[Symbol.iterator](): Generator<Future<T>, T, unknown> {
    if (!this.done()) {
      this._asyncioFutureBlocking = true;
      yield this; // The task parks the coroutine here until the future is done.
    }
    if (!this.done()) throw new RuntimeError("await wasn't used with future");
    return this.result();
  }

  /** asyncio's repr: `<Future pending>`, `<Future finished result=42>`, `<Future cancelled>`. */
  toString(): string {
    return `<${this.constructor.name} ${this._reprInfo().join(' ')}>`;
  }

  /**
   * The parts of the repr after the class name (`base_futures._future_repr_info`): the state in
   * lower case; `result=...` or `exception=...` when finished (shortened as `reprlib` does);
   * `cb=[...]` while callbacks are waiting.
   */
  _reprInfo(): string[] {
    const info: string[] = [this._state.toLowerCase()];
    if (this._state === 'FINISHED') {
      info.push(
        this._exception === NO_EXCEPTION
          ? `result=${shortRepr(this._result)}`
          : `exception=${shortRepr(this._exception)}`,
      );
    }
    const callbacks = this._callbacks;
    const n = callbacks.length;
    if (n === 1) info.push(`cb=[${callbackRepr(callbacks[0])}]`);
    if (n === 2) info.push(`cb=[${callbackRepr(callbacks[0])}, ${callbackRepr(callbacks[1])}]`);
    if (n > 2) {
      const first = callbackRepr(callbacks[0]);
      const last = callbackRepr(callbacks[n - 1]);
      info.push(`cb=[${first}, <${n - 2} more>, ${last}]`);
    }
    return info;
  }
}

/**
 * Returns true for a future: asyncio's duck-typed `isfuture`, true for any object whose
 * `_asyncioFutureBlocking` flag is there and is not `null` or `undefined`.
 */
export function isFuture(value: unknown): value is Future<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const flag = (value as { _asyncioFutureBlocking?: unknown })._asyncioFutureBlocking;
  return flag !== null && flag !== undefined;
}

/**
 * Sets `result` on `future` unless it was cancelled (asyncio's
 * `futures._set_result_unless_cancelled`): a timer that fires after its waiter was cancelled
 * must not fail. `sleep()`, in lesson 04, depends on it.
 */
export function _setResultUnlessCancelled<T>(future: Future<T>, result: T): void {
  if (future.cancelled()) return;
  future.setResult(result);
}

/** Whether `value` is an error class (`ValueError`) rather than an error. */
function isErrorClass(value: unknown): value is ErrorClass & (new () => Error) {
  return typeof value === 'function' && (value === Error || value.prototype instanceof Error);
}
