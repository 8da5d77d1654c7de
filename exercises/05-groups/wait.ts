/**
 * Lesson 05: `wait` and `asCompleted`, from asyncio's `tasks.py`: waiting for some of many
 * futures, and taking results in the order they complete. Neither cancels anything: the
 * futures still pending when they return (or time out) keep running.
 *
 * Exercise 05.12: fill in the bodies that throw `TODO(05.12)`. The queue at the end of the
 * file is given.
 */

// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
import { TimeoutError, ValueError } from '#course/errors';
// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
import { type DoneCallback, type Future, isFuture } from '#course/futures';
// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
import { type EventLoop, getRunningLoop, type TimerHandle } from '#course/loop';
// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
import { type Awaitable, type Coroutine, ensureFuture, isCoroutine } from '#course/tasks';
// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
import { errorOf, NO_ERROR } from './async-with.ts';
import type { AwaitableResult } from './gather.ts';

/** When {@link wait} returns (asyncio's constants, by name). */
export type ReturnWhen = 'FIRST_COMPLETED' | 'FIRST_EXCEPTION' | 'ALL_COMPLETED';

/** Options of {@link wait}. */
export interface WaitOptions {
  /** Seconds to wait at most; `null` or `undefined` for no limit. */
  timeout?: number | null;
  /** When to return; `'ALL_COMPLETED'` by default. */
  returnWhen?: ReturnWhen;
}

const RETURN_WHEN: ReadonlySet<unknown> = new Set([
  'FIRST_COMPLETED',
  'FIRST_EXCEPTION',
  'ALL_COMPLETED',
]);

/** Python's `type(x).__name__`, for what `wait` and `asCompleted` refuse. Given. */
function typeName(value: object): string {
  return isCoroutine(value) ? 'coroutine' : value.constructor.name;
}

/**
 * Waits for the futures (asyncio's `wait`) and returns `[done, pending]`, two Sets.
 *
 * - `'ALL_COMPLETED'` (the default) returns when all are done; `'FIRST_COMPLETED'` when any
 *   is; `'FIRST_EXCEPTION'` when any fails (or when all are done).
 * - On `timeout` it returns what is done so far: it never throws `TimeoutError`, and never
 *   cancels the futures still pending.
 * - `done` is computed when it returns, so it may hold more than the first to finish.
 *
 * @throws TypeError('expect a list of futures, not Future') for a lone future or coroutine.
 * @throws ValueError('Set of Tasks/Futures is empty.').
 * @throws ValueError('Invalid return_when value: ...').
 * @throws TypeError('Passing coroutines is forbidden, use tasks explicitly.').
 *
 * Check, in asyncio's order: `aws` itself a future or a coroutine (they are iterable too):
 * ``new TypeError(`expect a list of futures, not ${typeName(aws)}`)``; then `new Set(aws)` is
 * empty; then `returnWhen` (default `'ALL_COMPLETED'`) not in `RETURN_WHEN`:
 * ``new ValueError(`Invalid return_when value: ${String(returnWhen)}`)``; then a coroutine
 * among them. Then `return yield* _wait(futures, timeout ?? null, returnWhen, loop)`.
 */
export function wait<F extends Future<unknown>>(
  aws: Iterable<F>,
  options?: WaitOptions,
): Coroutine<[done: Set<F>, pending: Set<F>]> {
  throw new Error(
    `TODO(05.12): check the arguments, then _wait (${options?.returnWhen ?? 'ALL_COMPLETED'})`,
  );
}

/**
 * asyncio's `_wait`: one waiter future, released by the futures' callback or the timeout.
 *
 * 1. `waiter = loop.createFuture()`; with a `timeout`, a `loop.callLater(timeout, ...)` that
 *    sets the waiter's result (unless it is done).
 * 2. One done callback for every future (`_on_completion`): count the future down; release
 *    the waiter (and cancel the timer) when none is left, or on `'FIRST_COMPLETED'`, or on
 *    `'FIRST_EXCEPTION'` when this future failed (not cancelled, and `errorOf` is not
 *    `NO_ERROR`).
 * 3. `yield* waiter` in a `try`; in the `finally` (the waiting task may be cancelled), cancel
 *    the timer and remove the callback from every future. Cancel no future.
 * 4. Split the futures into two new Sets by `done()`, now (`done` may hold more than the first
 *    to finish), and return `[done, pending]`.
 */
function _wait<F extends Future<unknown>>(
  futures: Set<F>,
  timeout: number | null,
  returnWhen: ReturnWhen,
  loop: EventLoop,
): Coroutine<[Set<F>, Set<F>]> {
  throw new Error(
    `TODO(05.12): wait for ${futures.size} futures (${returnWhen}, ${timeout} s) on ${loop}`,
  );
}

/** Options of {@link asCompleted}. */
export interface AsCompletedOptions {
  /** Seconds from the call after which the remaining coroutines throw `TimeoutError`. */
  timeout?: number | null;
}

/**
 * Takes results in the order they complete (asyncio's `as_completed`, plain iteration). The
 * awaitables start at the call (coroutines are wrapped in tasks), and so does the timeout. The
 * iterable gives one coroutine per distinct awaitable, each to be awaited once (`yield* next`):
 * the first awaited returns (or throws) the first result to complete, and so on. After the
 * timeout, each one left throws `TimeoutError`; nothing is cancelled.
 *
 * Refuse `aws` that is itself a future or a coroutine
 * (``new TypeError(`expects an iterable of awaitables, not ${typeName(aws)}`)``), then return
 * a new `_AsCompletedIterator` (its constructor does the rest).
 *
 * @throws TypeError('expects an iterable of awaitables, not Future') for a lone awaitable.
 */
export function asCompleted<A extends Awaitable<unknown>>(
  aws: Iterable<A>,
  options?: AsCompletedOptions,
): IterableIterator<Coroutine<AwaitableResult<A>>> {
  throw new Error(
    `TODO(05.12): an iterator of coroutines, one per awaitable (timeout ${options?.timeout})`,
  );
}

/**
 * asyncio's `_AsCompletedIterator`: the futures report to a queue as they finish (or the
 * timeout puts one `null` per future left), and each coroutine takes the next entry.
 */
class _AsCompletedIterator<T> implements IterableIterator<Coroutine<T>> {
  /** Finished futures, then a `null` for each that timed out, in order. */
  _done: DoneQueue<Future<T> | null>;
  /** The futures not finished yet. */
  _todo: Set<Future<T>>;
  /** How many coroutines the iterator will still give. */
  _todoLeft: number;
  /** The timeout's timer, if any. */
  _timeoutHandle: TimerHandle | null = null;
  /** `_handleCompletion`, bound once, so that `_handleTimeout` can remove it. */
  _onCompletion: DoneCallback;

  /**
   * Starts everything now, as asyncio 3.13 does: `_done` is a new `DoneQueue` of the running
   * loop; `_onCompletion` is `_handleCompletion`, bound; each distinct awaitable (`new
   * Set(aws)`) becomes a future (`ensureFuture(aw, loop)`) in `_todo`, with `_onCompletion` as
   * a done callback; with a `timeout` and something to wait for, `_timeoutHandle` is a
   * `callLater(timeout, ...)` of `_handleTimeout`, bound; `_todoLeft` is how many futures.
   */
  constructor(aws: Iterable<Awaitable<T>>, timeout: number | null) {
    throw new Error(`TODO(05.12): start every awaitable, and the timeout (${timeout})`);
  }

  [Symbol.iterator](): this {
    return this;
  }

  /**
   * The next coroutine, until there is one per future: `{ done: true, value: undefined }` once
   * `_todoLeft` is 0; otherwise count it down and give `this._waitForOne()`.
   */
  next(): IteratorResult<Coroutine<T>, undefined> {
    throw new Error(`TODO(05.12): the next coroutine (${this._todoLeft} left)`);
  }

  /**
   * The timeout: for every future of `_todo`, remove `_onCompletion` from it and `put(null)`
   * on `_done`, the mark of a `TimeoutError`; then clear `_todo`. Nothing is cancelled.
   */
  _handleTimeout(): void {
    throw new Error(`TODO(05.12): time out the ${this._todo.size} futures left`);
  }

  /**
   * A future finished: queue it for the next coroutine to take. If `_todo` is empty, the
   * timeout came first: ignore it. Otherwise delete it from `_todo`, `put` it on `_done`, and
   * once `_todo` is empty, cancel `_timeoutHandle`.
   */
  _handleCompletion(future: Future<T>): void {
    throw new Error(`TODO(05.12): queue ${future} for the next coroutine`);
  }

  /**
   * One coroutine of the iterator: `yield* this._done.get()`; `null` means the time ran out
   * (`new TimeoutError()`), a future gives its `result()` (which throws its error). Make it a
   * generator method (`*_waitForOne()`): nothing may happen before it is awaited.
   */
  _waitForOne(): Coroutine<T> {
    throw new Error('TODO(05.12): take the next finished future, or time out');
  }
}

/**
 * The part of `asyncio.Queue` (unbounded) that `as_completed` uses, with the same wake-ups, so
 * that results arrive in the same loop iterations as in CPython: `put` wakes the first waiting
 * getter, which takes an entry when it next runs. Given.
 */
class DoneQueue<T> {
  _loop: EventLoop;
  _items: T[] = [];
  /** Futures of the coroutines waiting for an entry, oldest first. */
  _getters: Future<null>[] = [];

  constructor(loop: EventLoop) {
    this._loop = loop;
  }

  put(item: T): void {
    this._items.push(item);
    this._wakeupNext();
  }

  *get(): Coroutine<T> {
    while (this._items.length === 0) {
      const getter = this._loop.createFuture<null>();
      this._getters.push(getter);
      try {
        yield* getter;
      } catch (error) {
        // Cancelled: if `put` had woken this getter, wake the next one instead.
        getter.cancel();
        const i = this._getters.indexOf(getter);
        if (i >= 0) this._getters.splice(i, 1);
        if (this._items.length > 0 && !getter.cancelled()) this._wakeupNext();
        throw error;
      }
    }
    return this._items.shift() as T;
  }

  /** Wakes the first getter that is still waiting. */
  _wakeupNext(): void {
    while (this._getters.length > 0) {
      const getter = this._getters.shift() as Future<null>;
      if (!getter.done()) {
        getter.setResult(null);
        return;
      }
    }
  }
}
