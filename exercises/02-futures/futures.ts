/**
 * Lesson 02: futures, asyncio's `Future` (`Lib/asyncio/futures.py`): a result that is not there
 * yet. A coroutine waits on a future with `yield* future`; whoever produces the result calls
 * `setResult` (or `setException`, or `cancel`), and the future's done callbacks then run through
 * the scheduler's `callSoon`, never synchronously.
 *
 * Fill in the bodies that throw `TODO(02.N)`, exercise by exercise (`npm start` tells you
 * which). The rest is given: read it, it is part of the story.
 */

// biome-ignore lint/correctness/noUnusedImports lint/style/useImportType: the code you write here uses them.
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
    throw new Error('TODO(02.1): return whether _state is no longer PENDING');
  }

  /** Returns true if the future was cancelled. */
  cancelled(): boolean {
    throw new Error('TODO(02.1): return whether _state is CANCELLED');
  }

  /**
   * Returns the result.
   *
   * Check the state in this order: cancelled, throw `this._makeCancelledError()` (02.2 writes
   * it); pending, throw `new InvalidStateError('Result is not ready.')`; finished with an error
   * (`_exception` is not `NO_EXCEPTION`), throw that error; otherwise return `_result`.
   *
   * @throws CancelledError if the future was cancelled.
   * @throws InvalidStateError('Result is not ready.') while it is pending.
   * @throws the error given to `setException`.
   */
  result(): T {
    throw new Error('TODO(02.1): return the result, or throw what the state calls for');
  }

  /**
   * Returns the error the future finished with, or `null` if it finished with a result.
   *
   * @throws CancelledError if the future was cancelled (it throws it; it does not return it).
   * @throws InvalidStateError('Exception is not set.') while it is pending.
   */
  exception(): unknown {
    throw new Error('TODO(02.1): return the error, null, or throw what the state calls for');
  }

  /**
   * Marks the future done with `result` and schedules its callbacks (`this._scheduleCallbacks()`,
   * which 02.3 writes; until then it does nothing).
   *
   * @throws InvalidStateError('invalid state') if the future is already done.
   */
  setResult(result: T): void {
    throw new Error(`TODO(02.1): finish the future with the result ${String(result)}`);
  }

  /**
   * Marks the future done with an error and schedules its callbacks. An error class, such as
   * `ValueError`, is instantiated: the future stores an instance, as asyncio does (the helper
   * `isErrorClass` at the end of this file tells a class from an error).
   *
   * @throws InvalidStateError('invalid state') if the future is already done.
   */
  setException(exception: unknown): void {
    throw new Error(`TODO(02.1): finish the future with the error ${String(exception)}`);
  }

  /**
   * Cancels the future if it is pending: the state becomes CANCELLED, `msg` is kept in
   * `_cancelMessage`, and the callbacks are scheduled.
   *
   * @param msg - The message of the `CancelledError` that `result()` will throw.
   * @returns true if the future was cancelled now, false if it was already done.
   */
  cancel(msg?: string | null): boolean {
    throw new Error(`TODO(02.2): cancel the future (message: ${String(msg)})`);
  }

  /**
   * Builds the `CancelledError` that `result()` and `exception()` throw (asyncio's
   * `_make_cancelled_error`): the saved `_cancelledExc` once, if there is one (clear it as you
   * return it; tasks use it in lesson 04), otherwise a new error with the message of
   * `cancel(msg)`, read from `_cancelMessage` now (no message: `new CancelledError()`).
   */
  _makeCancelledError(): CancelledError {
    throw new Error('TODO(02.2): build the CancelledError to throw');
  }

  /**
   * Adds a callback to run with the future as its argument once the future is done. If the
   * future is already done, schedule it with `this._loop.callSoon(fn, this)` at once: either way
   * it never runs synchronously. Otherwise append it to `_callbacks`.
   */
  addDoneCallback(fn: DoneCallback): void {
    throw new Error(`TODO(02.3): add the done callback ${callbackRepr(fn)}`);
  }

  /**
   * Removes every registration of `fn` from the callbacks still waiting.
   *
   * @returns How many were removed: 0 once the future is done, since its callbacks have
   *   already been handed to the scheduler.
   */
  removeDoneCallback(fn: DoneCallback): number {
    throw new Error(`TODO(02.4): remove every registration of ${callbackRepr(fn)}`);
  }

  /**
   * Hands every waiting callback to the scheduler, in order, each with its own
   * `this._loop.callSoon(callback, this)`, and forgets them (asyncio's `__schedule_callbacks`).
   * Detach the list first: a callback added or removed from now on must not touch the ones
   * already scheduled.
   */
  _scheduleCallbacks(): void {
    // TODO(02.3): schedule the waiting callbacks. Until then this does nothing, so that
    // setResult, setException and cancel (02.1 and 02.2) can work before callbacks do.
  }

  /**
   * Awaits the future: `const x = yield* future`. Make this a generator method
   * (`*[Symbol.iterator]()`), asyncio's `Future.__await__`:
   *
   * - unless the future is done, set `_asyncioFutureBlocking = true` and `yield this`, once;
   * - when resumed, if the future is still not done, throw
   *   `new RuntimeError("await wasn't used with future")`;
   * - return `this.result()` (which throws the error, if any).
   *
   * @throws RuntimeError("await wasn't used with future") when resumed while still pending.
   */
  [Symbol.iterator](): Generator<Future<T>, T, unknown> {
    throw new Error('TODO(02.5): yield the future once unless done, then return its result');
  }

  /** asyncio's repr: `<Future pending>`, `<Future finished result=42>`, `<Future cancelled>`. */
  toString(): string {
    return `<${this.constructor.name} ${this._reprInfo().join(' ')}>`;
  }

  /**
   * The parts of the repr after the class name (`base_futures._future_repr_info`):
   *
   * - the state in lower case: `pending`, `finished`, `cancelled`;
   * - when finished, `result=<shortRepr(result)>` or `exception=<shortRepr(error)>`;
   * - while callbacks are waiting, `cb=[first()]`, `cb=[first(), second()]`, or, for three or
   *   more, `cb=[first(), <n more>, last()]`, each named with `callbackRepr(callback)`.
   */
  _reprInfo(): string[] {
    throw new Error(`TODO(02.6): describe the ${this._state} future (${shortRepr(this._result)})`);
  }
}

/**
 * Returns true for a future: asyncio's duck-typed `isfuture`, true for any object whose
 * `_asyncioFutureBlocking` flag is there and is not `null` or `undefined`.
 */
export function isFuture(value: unknown): value is Future<unknown> {
  throw new Error(`TODO(02.5): tell whether ${typeof value} is a future by its flag`);
}

/**
 * Sets `result` on `future` unless it was cancelled (asyncio's
 * `futures._set_result_unless_cancelled`): a timer that fires after its waiter was cancelled
 * must not fail. `sleep()`, in lesson 04, depends on it.
 */
export function _setResultUnlessCancelled<T>(future: Future<T>, result: T): void {
  throw new Error(`TODO(02.2): set ${String(result)} on ${typeof future} unless it was cancelled`);
}

/** Whether `value` is an error class (`ValueError`) rather than an error. */
function isErrorClass(value: unknown): value is ErrorClass & (new () => Error) {
  return typeof value === 'function' && (value === Error || value.prototype instanceof Error);
}
