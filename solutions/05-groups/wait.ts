/**
 * Lesson 05: `wait` and `asCompleted`, from asyncio's `tasks.py`: waiting for some of many
 * futures, and taking results in the order they complete. Neither cancels anything: the
 * futures still pending when they return (or time out) keep running.
 */

import { TimeoutError, ValueError } from '#course/errors';
import { type DoneCallback, type Future, isFuture } from '#course/futures';
import { type EventLoop, getRunningLoop, type TimerHandle } from '#course/loop';
import { type Awaitable, type Coroutine, ensureFuture, isCoroutine } from '#course/tasks';
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

/** Python's `type(x).__name__`, for what `wait` and `asCompleted` refuse. */
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
 */
export function* wait<F extends Future<unknown>>(
  aws: Iterable<F>,
  options?: WaitOptions,
): Coroutine<[done: Set<F>, pending: Set<F>]> {
  // A future and a coroutine are iterable too: neither may pass for a list of one.
  if (isFuture(aws) || isCoroutine(aws)) {
    throw new TypeError(`expect a list of futures, not ${typeName(aws)}`);
  }
  const futures = new Set(aws);
  if (futures.size === 0) throw new ValueError('Set of Tasks/Futures is empty.');
  const returnWhen = options?.returnWhen ?? 'ALL_COMPLETED';
  if (!RETURN_WHEN.has(returnWhen)) {
    throw new ValueError(`Invalid return_when value: ${String(returnWhen)}`);
  }
  for (const future of futures) {
    if (isCoroutine(future)) {
      throw new TypeError('Passing coroutines is forbidden, use tasks explicitly.');
    }
  }
  return yield* _wait(futures, options?.timeout ?? null, returnWhen, getRunningLoop());
}

/** asyncio's `_wait`: one waiter future, released by the futures' callback or the timeout. */
function* _wait<F extends Future<unknown>>(
  futures: Set<F>,
  timeout: number | null,
  returnWhen: ReturnWhen,
  loop: EventLoop,
): Coroutine<[Set<F>, Set<F>]> {
  const waiter = loop.createFuture<null>();
  const releaseWaiter = () => {
    if (!waiter.done()) waiter.setResult(null);
  };
  const timeoutHandle = timeout === null ? null : loop.callLater(timeout, releaseWaiter);
  let counter = futures.size;

  const onCompletion = (future: F): void => {
    counter--;
    if (
      counter <= 0 ||
      returnWhen === 'FIRST_COMPLETED' ||
      (returnWhen === 'FIRST_EXCEPTION' && !future.cancelled() && errorOf(future) !== NO_ERROR)
    ) {
      timeoutHandle?.cancel();
      releaseWaiter();
    }
  };

  for (const future of futures) future.addDoneCallback(onCompletion);
  try {
    yield* waiter;
  } finally {
    // Also when the waiting task is cancelled: the futures must not call back into a wait that
    // is over, and they are not cancelled.
    timeoutHandle?.cancel();
    for (const future of futures) future.removeDoneCallback(onCompletion);
  }
  const done = new Set<F>();
  const pending = new Set<F>();
  for (const future of futures) (future.done() ? done : pending).add(future);
  return [done, pending];
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
 * @throws TypeError('expects an iterable of awaitables, not Future') for a lone awaitable.
 */
export function asCompleted<A extends Awaitable<unknown>>(
  aws: Iterable<A>,
  options?: AsCompletedOptions,
): IterableIterator<Coroutine<AwaitableResult<A>>> {
  if (isFuture(aws) || isCoroutine(aws)) {
    throw new TypeError(`expects an iterable of awaitables, not ${typeName(aws)}`);
  }
  const awaitables = aws as Iterable<Awaitable<AwaitableResult<A>>>;
  return new _AsCompletedIterator(awaitables, options?.timeout ?? null);
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

  constructor(aws: Iterable<Awaitable<T>>, timeout: number | null) {
    const loop = getRunningLoop();
    this._done = new DoneQueue(loop);
    this._onCompletion = this._handleCompletion.bind(this);
    const todo = new Set<Future<T>>();
    for (const aw of new Set(aws)) todo.add(ensureFuture(aw, loop));
    for (const future of todo) future.addDoneCallback(this._onCompletion);
    if (todo.size > 0 && timeout !== null) {
      this._timeoutHandle = loop.callLater(timeout, this._handleTimeout.bind(this));
    }
    this._todo = todo;
    this._todoLeft = todo.size;
  }

  [Symbol.iterator](): this {
    return this;
  }

  /** The next coroutine, until there is one per future. */
  next(): IteratorResult<Coroutine<T>, undefined> {
    if (this._todoLeft === 0) return { done: true, value: undefined };
    this._todoLeft--;
    return { done: false, value: this._waitForOne() };
  }

  /** The timeout: every future left gets a `null`, the mark of a `TimeoutError`. */
  _handleTimeout(): void {
    for (const future of this._todo) {
      future.removeDoneCallback(this._onCompletion);
      this._done.put(null);
    }
    this._todo.clear();
  }

  /** A future finished: queue it for the next coroutine to take. */
  _handleCompletion(future: Future<T>): void {
    // The timeout came first: this future no longer counts.
    if (this._todo.size === 0) return;
    this._todo.delete(future);
    this._done.put(future);
    if (this._todo.size === 0) this._timeoutHandle?.cancel();
  }

  /** One coroutine of the iterator: the next entry's result, or `TimeoutError`. */
  *_waitForOne(): Coroutine<T> {
    const future = yield* this._done.get();
    if (future === null) throw new TimeoutError();
    return future.result();
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
