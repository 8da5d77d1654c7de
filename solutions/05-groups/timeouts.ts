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
 */

import { CancelledError, RuntimeError, TimeoutError } from '#course/errors';
import { type Future, repr } from '#course/futures';
import { getRunningLoop, type Handle } from '#course/loop';
import {
  type Awaitable,
  type Coroutine,
  currentTask,
  ensureFuture,
  type Task,
} from '#course/tasks';
import { asyncWith } from './async-with.ts';
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

  /** Returns the current deadline, or `null` when there is none. */
  when(): number | null {
    return this._when;
  }

  /**
   * Moves the deadline; `null` removes it. A deadline that has passed fires in the next loop
   * iteration (`callSoon`), a later one at its time (`callAt`).
   *
   * @throws RuntimeError('Timeout has not been entered') before `enter`.
   * @throws RuntimeError('Cannot change state of expiring Timeout'), or of an `expired` or
   *   `finished` one.
   */
  reschedule(when: number | null | undefined): void {
    if (this._state !== 'active') {
      if (this._state === 'created') throw new RuntimeError('Timeout has not been entered');
      throw new RuntimeError(`Cannot change state of ${this._state} Timeout`);
    }
    this._when = when ?? null;
    this._timeoutHandler?.cancel();
    if (this._when === null) {
      this._timeoutHandler = null;
      return;
    }
    const loop = getRunningLoop();
    const onTimeout = this._onTimeout.bind(this);
    this._timeoutHandler =
      this._when <= loop.time() ? loop.callSoon(onTimeout) : loop.callAt(this._when, onTimeout);
  }

  /** Returns true once the deadline has fired (`expiring`, then `expired` after the exit). */
  expired(): boolean {
    return this._state === 'expiring' || this._state === 'expired';
  }

  /**
   * asyncio's repr: `<Timeout [active] when=12.345>` (rounded to 3 decimals),
   * `<Timeout [active] when=None>`, `<Timeout [expired]>`, `<Timeout [finished]>`.
   */
  toString(): string {
    const when = this._state === 'active' ? ` when=${whenRepr(this._when)}` : '';
    return `<Timeout [${this._state}]${when}>`;
  }

  /**
   * Enters the timeout (`__aenter__`): records the current task and its `cancelling()` count,
   * then schedules the deadline.
   *
   * @throws RuntimeError('Timeout has already been entered').
   * @throws RuntimeError('Timeout should be used inside a task').
   */
  // biome-ignore lint/correctness/useYield: like asyncio's __aenter__, entering awaits nothing.
  *enter(): Coroutine<Timeout> {
    if (this._state !== 'created') throw new RuntimeError('Timeout has already been entered');
    const task = currentTask();
    if (task === null) throw new RuntimeError('Timeout should be used inside a task');
    this._state = 'active';
    this._task = task;
    this._cancelling = task.cancelling();
    this.reschedule(this._when);
    return this;
  }

  /**
   * Leaves the timeout (`__aexit__`): `exit()` after a body that finished, `exit(error)` after
   * one that threw. If the deadline fired and the task's count of cancel requests is back to its
   * value at entry, the cancellation was this timeout's own: a `CancelledError` becomes a
   * `TimeoutError` caused by it. Otherwise nothing changes; the timeout never suppresses.
   *
   * @throws TimeoutError when the timeout's own cancellation ended the body.
   * @throws RuntimeError when the timeout is not active or expiring (CPython asserts).
   */
  // biome-ignore lint/correctness/useYield: like asyncio's __aexit__, leaving awaits nothing.
  *exit(...thrown: [] | [error: unknown]): Coroutine<void> {
    if (this._state !== 'active' && this._state !== 'expiring') {
      throw new RuntimeError(`Cannot exit ${this._state} Timeout`);
    }
    // A deadline that has not fired must never cancel the task once the block is left.
    this._timeoutHandler?.cancel();
    this._timeoutHandler = null;
    if (this._state === 'active') {
      this._state = 'finished';
      return;
    }
    this._state = 'expired';
    const task = this._task as Task<unknown>;
    // uncancel() withdraws the request our deadline made. A count still above the baseline means
    // someone else cancelled the task too: their CancelledError must go through.
    if (task.uncancel() > this._cancelling || thrown.length === 0) return;
    const error = thrown[0];
    if (error instanceof CancelledError) throw new TimeoutError(undefined, { cause: error });
    // 3.13: another error gets the TimeoutError in its chain (see insertTimeoutError).
    insertTimeoutError(error);
    if (error instanceof ExceptionGroup) {
      for (const member of error.exceptions) insertTimeoutError(member);
    }
  }

  /** The deadline fired: cancel the task; `exit` will tell whose cancellation ended it. */
  _onTimeout(): void {
    (this._task as Task<unknown>).cancel();
    this._state = 'expiring';
    this._timeoutHandler = null;
  }
}

/**
 * Python 3.13 puts a `TimeoutError` into the `__context__` chain of another error that ended an
 * expired body, in place of the first `CancelledError` found. JavaScript has no implicit
 * `__context__`; its one link is `cause`, which code sets itself (`new Error('...', { cause })`).
 * So this walks the `cause` chain, and where a link's `cause` is a `CancelledError`, it puts a
 * `TimeoutError` (caused by that `CancelledError`) in between.
 */
function insertTimeoutError(error: unknown): void {
  const seen = new Set<unknown>();
  let link = error;
  while (typeof link === 'object' && link !== null && !seen.has(link)) {
    seen.add(link);
    const holder = link as { cause?: unknown };
    if (holder.cause instanceof CancelledError) {
      holder.cause = new TimeoutError(undefined, { cause: holder.cause });
      return;
    }
    link = holder.cause;
  }
}

/** Python's `repr(round(when, 3))` of a float: a whole number shows as `11.0`. */
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
 * @returns What the body returns.
 * @throws TimeoutError when the deadline ended the body.
 */
export function* timeout<T>(
  delay: number | null | undefined,
  body: (timeout: Timeout) => Coroutine<T>,
): Coroutine<T> {
  const loop = getRunningLoop();
  return yield* asyncWith(new Timeout(delay == null ? null : loop.time() + delay), body);
}

/**
 * Runs `body` with the deadline `when`, in `loop.time()` seconds
 * (`async with asyncio.timeout_at(when)`); see {@link timeout}.
 */
export function timeoutAt<T>(
  when: number | null | undefined,
  body: (timeout: Timeout) => Coroutine<T>,
): Coroutine<T> {
  return asyncWith(new Timeout(when), body);
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
 */
export function* waitFor<T>(aw: Awaitable<T>, timeout: number | null | undefined): Coroutine<T> {
  if (timeout != null && timeout <= 0) return yield* waitForNoTime(aw);
  return yield* awaitWithin(timeout, aw);
}

/** `async with timeouts.timeout(delay): return await aw`. */
function awaitWithin<T>(delay: number | null | undefined, aw: Awaitable<T>): Coroutine<T> {
  return timeout(delay, function* () {
    return yield* aw;
  });
}

/** `wait_for` with no time at all: a result that is there already, or `TimeoutError`. */
function* waitForNoTime<T>(aw: Awaitable<T>): Coroutine<T> {
  const future = ensureFuture(aw);
  if (future.done()) return future.result();
  yield* cancelAndWait(future);
  try {
    // The work may have caught the cancellation and returned a value.
    return future.result();
  } catch (error) {
    if (error instanceof CancelledError) throw new TimeoutError(undefined, { cause: error });
    throw error;
  }
}

/**
 * Cancels `future` and waits until it is done (asyncio's `_cancel_and_wait`). It waits on a
 * future of its own, so that cancelling the waiting task does not cancel `future` again.
 */
function* cancelAndWait(future: Future<unknown>): Coroutine<void> {
  const waiter = getRunningLoop().createFuture<null>();
  const releaseWaiter = () => {
    if (!waiter.done()) waiter.setResult(null);
  };
  future.addDoneCallback(releaseWaiter);
  try {
    future.cancel();
    yield* waiter;
  } finally {
    future.removeDoneCallback(releaseWaiter);
  }
}
