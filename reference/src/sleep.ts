/**
 * `sleep()` (asyncio's `tasks.sleep`), part of the tasks module.
 *
 * @module
 */

import type { Coroutine } from './coroutines.ts';
import { RuntimeError, ValueError } from './errors.ts';
import { _setResultUnlessCancelled, type Future } from './futures.ts';
import type { TimerHandle } from './handles.ts';
import { getRunningLoop } from './running-loop.ts';

/**
 * Suspends the calling task for `delay` seconds, then returns `result` (`null` by default, as
 * asyncio returns None). A delay of 0 or less is a bare `yield`: exactly one loop iteration,
 * with no timer.
 *
 * @throws ValueError('Invalid delay: NaN (not a number)').
 */
export function sleep(delay: number): Coroutine<null>;
export function sleep<T>(delay: number, result: T): Coroutine<T>;
export function sleep<T>(delay: number, result: T | null = null): Coroutine<T | null> {
  return new Sleep(delay, result);
}

/** Where a {@link Sleep} coroutine is: not started yet. */
const START = 0;
/** At the bare `yield` of a delay of 0 or less. */
const AT_YIELD = 1;
/** At the `yield* future`, with the timer running. */
const AT_AWAIT = 2;
/** Finished: it returned or threw. */
const END = 3;

/**
 * The coroutine of `sleep(delay, result)`, which reads as this generator:
 *
 * ```ts
 * function* sleep(delay, result = null) {
 *   if (delay <= 0) {
 *     yield;
 *     return result;
 *   }
 *   if (Number.isNaN(delay)) throw new ValueError('Invalid delay: NaN (not a number)');
 *   const loop = getRunningLoop();
 *   const future = loop.createFuture();
 *   const timer = loop.callLater(delay, _setResultUnlessCancelled, future, result);
 *   try {
 *     return yield* future;
 *   } finally {
 *     timer.cancel(); // A cancelled sleep must not leave its timer behind.
 *   }
 * }
 * ```
 *
 * written out by hand, as `FutureIter` is: that generator's frame, with the iterator of the
 * future it delegates to, took about 300 of the 900 bytes that a sleeping task held, and with
 * 100,000 tasks asleep at once the garbage collector spent much of the run copying them.
 */
class Sleep<T> implements Coroutine<T | null> {
  _delay: number;
  _result: T | null;
  /** START, AT_YIELD, AT_AWAIT or END. */
  _at = START;
  /** The future waited for, while at the `yield* future`. */
  _future: Future<T | null> | null = null;
  /** Its timer, cancelled when the coroutine ends. */
  _timer: TimerHandle | null = null;

  constructor(delay: number, result: T | null) {
    this._delay = delay;
    this._result = result;
  }

  /** Runs to the next `yield`, or to the end. */
  next(): IteratorResult<Future<unknown> | undefined, T | null> {
    switch (this._at) {
      case START:
        return this._start();
      case AT_YIELD:
        this._at = END;
        return { done: true, value: this._result };
      case AT_AWAIT:
        return this._resume();
      default:
        return { done: true, value: undefined as T };
    }
  }

  /** Throws `error` at the current `yield` (nothing there catches it): the coroutine ends. */
  throw(error: unknown): IteratorResult<Future<unknown> | undefined, T | null> {
    this._end();
    throw error;
  }

  /** Ends the coroutine at its current `yield`, returning `value`. */
  return(value: T | null): IteratorResult<Future<unknown> | undefined, T | null> {
    this._end();
    return { done: true, value };
  }

  [Symbol.iterator](): Sleep<T> {
    return this;
  }

  /** The body up to its first `yield`. */
  _start(): IteratorResult<Future<unknown> | undefined, T | null> {
    const delay = this._delay;
    if (delay <= 0) {
      this._at = AT_YIELD;
      return { done: false, value: undefined };
    }
    this._at = END; // Until it reaches the `yield`: an error here ends the coroutine.
    if (Number.isNaN(delay)) throw new ValueError('Invalid delay: NaN (not a number)');
    const loop = getRunningLoop();
    const future = loop.createFuture<T | null>();
    this._timer = loop.callLater(delay, _setResultUnlessCancelled, future, this._result);
    this._future = future;
    this._at = AT_AWAIT;
    future._asyncioFutureBlocking = true;
    return { done: false, value: future }; // The task parks here until the future is done.
  }

  /** Resumed at `yield* future`: the future's result (or error), after the `finally`. */
  _resume(): IteratorResult<Future<unknown> | undefined, T | null> {
    const future = this._future as Future<T | null>;
    this._end();
    // Whoever resumed us must have waited for completion; a stray next() is a misuse.
    if (future._state === 'PENDING') throw new RuntimeError("await wasn't used with future");
    return { done: true, value: future.result() };
  }

  /** The `finally`: cancels the timer, if any; the coroutine is finished. */
  _end(): void {
    this._at = END;
    this._future = null;
    this._timer?.cancel();
    this._timer = null;
  }
}
