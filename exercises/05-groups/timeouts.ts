/**
 * Lesson 05: timeouts, asyncio's `Timeout` (`Lib/asyncio/timeouts.py`, Python 3.13), and
 * `wait_for` (`Lib/asyncio/tasks.py`), built on them since 3.12.
 *
 * A timeout never throws `TimeoutError` into the body. When it expires it cancels the task, so
 * that the body unwinds with `CancelledError` like any cancelled code; only at exit does the
 * timeout turn that cancellation into a `TimeoutError`, and only if the cancellation was its
 * own: `task.uncancel()` must bring the task's count of cancel requests back to what it was at
 * entry. A cancellation from elsewhere (the task's caller, an outer timeout, a task group) is
 * left alone.
 *
 * Exercises 05.9 (`Timeout`, `timeout`, `timeoutAt`), 05.10 (the repr, and errors during an
 * expiry) and 05.11 (`waitFor`): fill in the bodies that throw `TODO(05.N)`.
 */

// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
import { CancelledError, RuntimeError, TimeoutError } from '#course/errors';
import { type Future, repr } from '#course/futures';
// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
import { getRunningLoop, type Handle } from '#course/loop';
import type { Awaitable, Coroutine, Task } from '#course/tasks';
// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
import { currentTask, ensureFuture } from '#course/tasks';
// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
import { asyncWith } from './async-with.ts';
// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
import { ExceptionGroup } from './exceptiongroup.ts';

/**
 * A timeout's state (asyncio's `_State`, by value): `created`, then `active` once entered,
 * then `finished` after a normal exit, or `expiring` once the deadline cancelled the task and
 * `expired` after the exit that followed.
 */
export type TimeoutState = 'created' | 'active' | 'expiring' | 'expired' | 'finished';

/**
 * A deadline for a block of code (asyncio's `Timeout`): enter it inside a task, leave it with
 * `exit`. {@link timeout} and {@link timeoutAt} do both around a body.
 */
export class Timeout {
  /** See {@link TimeoutState}. */
  _state: TimeoutState = 'created';
  /** The deadline, in `loop.time()` seconds, or `null` for none. */
  _when: number | null;
  /** The scheduled `_onTimeout`, while the timeout is active and has a deadline. */
  _timeoutHandler: Handle | null = null;
  /** The task the timeout cancels, set on entry. */
  _task: Task<unknown> | null = null;
  /** The task's `cancelling()` at entry: the baseline that `exit` compares with. */
  _cancelling = 0;

  /** @param when - The deadline in `loop.time()` seconds; `null` for none. */
  constructor(when: number | null | undefined) {
    this._when = when ?? null;
  }

  /** Returns the current deadline, or `null` when there is none. Given. */
  when(): number | null {
    return this._when;
  }

  /**
   * Moves the deadline; `null` removes it. A deadline that has passed fires in the next loop
   * iteration (`callSoon`), a later one at its time (`callAt`).
   *
   * Exercise 05.9 (`enter` calls it to set the first deadline):
   *
   * 1. refuse unless `_state` is `'active'`: `'created'` gives
   *    `new RuntimeError('Timeout has not been entered')`, any other state
   *    ``new RuntimeError(`Cannot change state of ${this._state} Timeout`)``;
   * 2. keep `when ?? null` in `_when`, and cancel the old `_timeoutHandler`, if any;
   * 3. `null`: no new handle. A time not later than `loop.time()`:
   *    `loop.callSoon(this._onTimeout.bind(this))`, so that it fires after one iteration and a
   *    body that never yields cannot be interrupted. Otherwise `loop.callAt(when, ...)`. Keep
   *    the handle in `_timeoutHandler`.
   *
   * @throws RuntimeError('Timeout has not been entered') before `enter`.
   * @throws RuntimeError('Cannot change state of expiring Timeout'), or of an `expired` or
   *   `finished` one.
   */
  reschedule(when: number | null | undefined): void {
    throw new Error(`TODO(05.9): move the deadline of the ${this._state} Timeout to ${when}`);
  }

  /**
   * Returns true once the deadline has fired (`expiring`, then `expired` after the exit).
   * Exercise 05.9.
   */
  expired(): boolean {
    throw new Error(`TODO(05.9): tell whether the deadline of ${this._when} has fired`);
  }

  /**
   * asyncio's repr: `<Timeout [active] when=12.345>` (rounded to 3 decimals),
   * `<Timeout [active] when=None>`, `<Timeout [expired]>`, `<Timeout [finished]>`.
   *
   * Exercise 05.10: `<Timeout [${state}]>`, with `` when=${whenRepr(this._when)}`` before the
   * `>` while the state is `'active'` (`whenRepr`, given, rounds as Python does).
   */
  toString(): string {
    throw new Error(`TODO(05.10): show the state (${this._state}) of a Timeout`);
  }

  /**
   * Enters the timeout (`__aenter__`): records the current task and its `cancelling()` count,
   * then schedules the deadline. Exercise 05.9.
   *
   * Make it a generator method (`*enter()`), then: refuse unless `_state` is `'created'`
   * (`new RuntimeError('Timeout has already been entered')`); take `currentTask()`, or refuse
   * (`new RuntimeError('Timeout should be used inside a task')`); set `_state` to `'active'`,
   * keep the task in `_task` and its `cancelling()` in `_cancelling` (the baseline);
   * `this.reschedule(this._when)`; return `this`.
   *
   * @throws RuntimeError('Timeout has already been entered').
   * @throws RuntimeError('Timeout should be used inside a task').
   */
  enter(): Coroutine<Timeout> {
    throw new Error(`TODO(05.9): enter ${this._state} Timeout in the current task`);
  }

  /**
   * Leaves the timeout (`__aexit__`): `exit()` after a body that finished, `exit(error)` after
   * one that threw. If the deadline fired and the task's count of cancel requests is back to its
   * value at entry, the cancellation was this timeout's own: a `CancelledError` becomes a
   * `TimeoutError` caused by it. Otherwise nothing changes; the timeout never suppresses.
   *
   * Make it a generator method (`*exit(...thrown)`), then:
   *
   * 1. (05.9) a state other than `'active'` or `'expiring'`:
   *    ``new RuntimeError(`Cannot exit ${this._state} Timeout`)``.
   * 2. (05.9) cancel `_timeoutHandler` and set it to `null`: a deadline that has not fired must
   *    never cancel the task once the block is left.
   * 3. (05.9) `'active'` (the deadline never fired): the state becomes `'finished'`; return.
   * 4. (05.9) `'expiring'`: the state becomes `'expired'`. Call `this._task.uncancel()`, always:
   *    it withdraws the request the deadline made. If what it returns is still above
   *    `_cancelling`, someone else cancelled the task too, and their cancellation must go
   *    through: return. Return too when the body finished (`thrown.length === 0`).
   * 5. (05.9) the body threw a `CancelledError`: throw
   *    `new TimeoutError(undefined, { cause: error })`.
   * 6. (05.10) anything else: `insertTimeoutError(error)`, and if it is an `ExceptionGroup`,
   *    `insertTimeoutError(member)` for each of its members; then return (never suppress).
   *
   * @throws TimeoutError when the timeout's own cancellation ended the body.
   * @throws RuntimeError when the timeout is not active or expiring (CPython asserts).
   */
  exit(...thrown: [] | [error: unknown]): Coroutine<void> {
    throw new Error(`TODO(05.9): leave ${this._state} Timeout, converting its own cancellation`);
  }

  /**
   * The deadline fired: cancel the task; `exit` will tell whose cancellation ended it.
   * Exercise 05.9: `this._task.cancel()`, the state becomes `'expiring'`, and
   * `_timeoutHandler` becomes `null` (it has run).
   */
  _onTimeout(): void {
    throw new Error(`TODO(05.9): cancel the task of ${this._state} Timeout`);
  }
}

/**
 * Python 3.13 puts a `TimeoutError` into the `__context__` chain of another error that ended an
 * expired body, in place of the first `CancelledError` found. JavaScript has no implicit
 * `__context__`; its one link is `cause`, which code sets itself (`new Error('...', { cause })`).
 * So this walks the `cause` chain, and where a link's `cause` is a `CancelledError`, it puts a
 * `TimeoutError` (caused by that `CancelledError`) in between.
 *
 * Exercise 05.10: from `link = error`, while `link` is an object (not `null`) not seen before
 * (keep a `Set`: a chain may loop): if `link.cause` is a `CancelledError`, replace it with
 * `new TimeoutError(undefined, { cause: link.cause })` and stop; else go on with
 * `link = link.cause`. An error with no `CancelledError` in its chain is left as it is.
 */
function insertTimeoutError(error: unknown): void {
  throw new Error(`TODO(05.10): put a TimeoutError in the cause chain of ${repr(error)}`);
}

/** Python's `repr(round(when, 3))` of a float: a whole number shows as `11.0`. Given. */
function whenRepr(when: number | null): string {
  if (when === null || !Number.isFinite(when)) return repr(when);
  const rounded = Math.round(when * 1000) / 1000;
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded);
}

/**
 * Runs `body` with a deadline `delay` seconds from now (`async with asyncio.timeout(delay)`).
 * When the deadline passes, the task is cancelled; the body sees `CancelledError` and, once it
 * has unwound, `timeout` throws `TimeoutError` instead. `null` sets no deadline.
 *
 * Exercise 05.9: `asyncWith(new Timeout(deadline), body)`, with the deadline
 * `loop.time() + delay` of the running loop, or `null` for a `delay` of `null` or `undefined`.
 * (A generator function, as in the solution, reads the clock when it starts; a plain function
 * returning `asyncWith(...)` reads it at the call: both are fine.)
 *
 * @returns What the body returns.
 * @throws TimeoutError when the deadline ended the body.
 */
export function timeout<T>(
  delay: number | null | undefined,
  body: (timeout: Timeout) => Coroutine<T>,
): Coroutine<T> {
  throw new Error(`TODO(05.9): run the body with a deadline ${delay} s from now`);
}

/**
 * Runs `body` with the deadline `when`, in `loop.time()` seconds
 * (`async with asyncio.timeout_at(when)`); see {@link timeout}. Exercise 05.9.
 */
export function timeoutAt<T>(
  when: number | null | undefined,
  body: (timeout: Timeout) => Coroutine<T>,
): Coroutine<T> {
  throw new Error(`TODO(05.9): run the body with the deadline ${when}`);
}

/**
 * Waits for `aw` for at most `timeout` seconds (asyncio's `wait_for`, 3.12+): a coroutine runs
 * in the calling task, inside a {@link timeout}. On expiry the work is cancelled and unwinds
 * first, then `TimeoutError` is thrown.
 *
 * @param timeout - Seconds; `null` or `undefined` to wait as long as it takes. At 0 or less, a
 *   done future gives its result at once; anything else is cancelled and awaited (a coroutine
 *   never starts), then `TimeoutError` is thrown.
 * @throws TimeoutError when the time ran out.
 *
 * Exercise 05.11 (asyncio's `wait_for`, 3.12+): a `timeout` of 0 or less is
 * `waitForNoTime(aw)`; anything else (`null` included) is `awaitWithin(timeout, aw)`.
 */
export function waitFor<T>(aw: Awaitable<T>, timeout: number | null | undefined): Coroutine<T> {
  throw new Error(`TODO(05.11): wait for the awaitable at most ${timeout} s`);
}

/**
 * `async with timeouts.timeout(delay): return await aw`: `timeout(delay, ...)` around a body
 * that does `return yield* aw`. Exercise 05.11.
 */
function awaitWithin<T>(delay: number | null | undefined, aw: Awaitable<T>): Coroutine<T> {
  throw new Error(`TODO(05.11): await the awaitable inside timeout(${delay})`);
}

/**
 * `wait_for` with no time at all: a result that is there already, or `TimeoutError`.
 * Exercise 05.11: `future = ensureFuture(aw)` (a coroutine becomes a task, which will never
 * start); done already: return its result. Otherwise `yield* cancelAndWait(future)`, then
 * return `future.result()` (the work may have caught the cancellation and returned a value);
 * if that throws a `CancelledError`, throw `new TimeoutError(undefined, { cause: error })`
 * instead; anything else, throw it on.
 */
function waitForNoTime<T>(aw: Awaitable<T>): Coroutine<T> {
  throw new Error(`TODO(05.11): take the result of the awaitable now, or time out`);
}

/**
 * Cancels `future` and waits until it is done (asyncio's `_cancel_and_wait`). It waits on a
 * future of its own, so that cancelling the waiting task does not cancel `future` again.
 *
 * Exercise 05.11: `waiter = getRunningLoop().createFuture()`; a done callback on `future` that
 * sets the waiter's result (unless the waiter is done); then, in a `try`, `future.cancel()` and
 * `yield* waiter`; in the `finally`, remove the callback from `future`.
 */
function cancelAndWait(future: Future<unknown>): Coroutine<void> {
  throw new Error(`TODO(05.11): cancel ${future} and wait until it is done`);
}
