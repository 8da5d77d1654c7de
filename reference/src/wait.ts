/**
 * `wait` and `asCompleted` (asyncio's `tasks.py`): waiting for some of many futures, and
 * taking results in the order they complete.
 *
 * @module
 */

import { errorOf, NO_ERROR } from './async-with.ts';
import { type Awaitable, type Coroutine, isCoroutine } from './coroutines.ts';
import { TimeoutError, ValueError } from './errors.ts';
import { type DoneCallback, type Future, isFuture } from './futures.ts';
import type { AwaitableResult } from './gather.ts';
import type { TimerHandle } from './handles.ts';
import type { EventLoop } from './loop.ts';
import { nameCallback } from './repr.ts';
import { getRunningLoop } from './running-loop.ts';
import { ensureFuture } from './tasks.ts';

/** When {@link wait} returns (asyncio's constants, by name). */
export type ReturnWhen = 'FIRST_COMPLETED' | 'FIRST_EXCEPTION' | 'ALL_COMPLETED';

/** Options of {@link wait}. */
export interface WaitOptions {
  /** Seconds to wait at most; `null` or `undefined` for no limit. */
  timeout?: number | null;
  /** When to return; `'ALL_COMPLETED'` by default. */
  returnWhen?: ReturnWhen;
}

/**
 * Waits for the futures (asyncio's `wait`), and returns `[done, pending]`, two Sets.
 *
 * - `'ALL_COMPLETED'` (the default) returns when all are done; `'FIRST_COMPLETED'` when any
 *   is; `'FIRST_EXCEPTION'` when any fails (at once if one has already), or when all are done.
 * - On `timeout` it returns what is done so far: it never throws `TimeoutError`, and never
 *   cancels the futures still pending. Nor does cancelling the waiting task cancel them.
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
  // A future and a coroutine are iterable too: they must not pass for a list of one.
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

const RETURN_WHEN: ReadonlySet<unknown> = new Set([
  'FIRST_COMPLETED',
  'FIRST_EXCEPTION',
  'ALL_COMPLETED',
]);

/** Python's `type(x).__name__` for what `wait` and `asCompleted` refuse. */
function typeName(value: object): string {
  return isCoroutine(value) ? 'coroutine' : value.constructor.name;
}

/** asyncio's `_wait`: one waiter future, released by the futures' callback or the timeout. */
function* _wait<F extends Future<unknown>>(
  futures: Set<F>,
  timeout: number | null,
  returnWhen: ReturnWhen,
  loop: EventLoop,
): Coroutine<[Set<F>, Set<F>]> {
  const waiter = loop.createFuture<null>();
  const timeoutHandle = timeout === null ? null : loop.callLater(timeout, releaseWaiter, waiter);
  const state: WaitState = { waiter, timeoutHandle, returnWhen, counter: futures.size };
  const onCompletion = completionCallback(state);
  for (const future of futures) future.addDoneCallback(onCompletion);
  try {
    yield* waiter;
  } finally {
    // Also when the waiting task is cancelled: the futures must not call back into a wait
    // that is over.
    timeoutHandle?.cancel();
    for (const future of futures) future.removeDoneCallback(onCompletion);
  }
  const done = new Set<F>();
  const pending = new Set<F>();
  for (const future of futures) (future.done() ? done : pending).add(future);
  return [done, pending];
}

/** What the futures' done callback of one `wait` reads and updates. */
interface WaitState {
  waiter: Future<null>;
  timeoutHandle: TimerHandle | null;
  returnWhen: ReturnWhen;
  /** How many futures are not done yet. */
  counter: number;
}

function completionCallback(state: WaitState): DoneCallback {
  return (future: Future<unknown>) => onCompletion(state, future);
}
nameCallback(completionCallback(undefined as never), '_wait.<locals>._on_completion');

function onCompletion(state: WaitState, future: Future<unknown>): void {
  state.counter--;
  if (
    state.counter <= 0 ||
    state.returnWhen === 'FIRST_COMPLETED' ||
    (state.returnWhen === 'FIRST_EXCEPTION' && !future.cancelled() && errorOf(future) !== NO_ERROR)
  ) {
    state.timeoutHandle?.cancel();
    releaseWaiter(state.waiter);
  }
}

function releaseWaiter(waiter: Future<null>): void {
  if (!waiter.done()) waiter.setResult(null);
}
nameCallback(releaseWaiter, '_release_waiter');

/** Options of {@link asCompleted}. */
export interface AsCompletedOptions {
  /** Seconds from the call after which the remaining coroutines throw `TimeoutError`. */
  timeout?: number | null;
}

/**
 * Takes results in the order they complete (asyncio's `as_completed`, plain iteration). The
 * awaitables start at the call (coroutines are wrapped in tasks), and so does the timeout.
 * The returned iterable gives one coroutine per distinct awaitable, to be awaited once each
 * (`yield* next`): the first awaited returns (or throws) the first result to complete, and so
 * on. After the timeout, each one left throws `TimeoutError`; the awaitables still pending are
 * not cancelled.
 *
 * Python 3.13 can also be iterated with `async for`, which yields the original futures: the
 * runtime has no asynchronous iteration, only coroutines.
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
export class _AsCompletedIterator<T> implements IterableIterator<Coroutine<T>> {
  /** Finished futures, then `null` for each that timed out, in order. */
  _done: DoneQueue<Future<T> | null>;
  /** The futures not finished yet. */
  _todo: Set<Future<T>>;
  /** How many coroutines the iterator will still give. */
  _todoLeft: number;
  /** The timeout's timer, if any. */
  _timeoutHandle: TimerHandle | null = null;
  /** `_handleCompletion`, bound once. */
  _onCompletion: DoneCallback;

  constructor(aws: Iterable<Awaitable<T>>, timeout: number | null) {
    const loop = getRunningLoop();
    this._done = new DoneQueue(loop);
    this._onCompletion = handleCompletionCallback(this);
    const todo = new Set<Future<T>>();
    for (const aw of new Set(aws)) todo.add(ensureFuture(aw, loop));
    for (const future of todo) future.addDoneCallback(this._onCompletion);
    if (todo.size > 0 && timeout !== null) {
      this._timeoutHandle = loop.callLater(timeout, handleTimeout, this);
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

function handleCompletionCallback<T>(iterator: _AsCompletedIterator<T>): DoneCallback {
  return (future: Future<T>) => iterator._handleCompletion(future);
}
nameCallback(
  handleCompletionCallback(undefined as never),
  '_AsCompletedIterator._handle_completion',
);

function handleTimeout(iterator: _AsCompletedIterator<unknown>): void {
  iterator._handleTimeout();
}
nameCallback(handleTimeout, '_AsCompletedIterator._handle_timeout');

/**
 * The part of `asyncio.Queue` (unbounded) that `as_completed` uses, with the same wake-ups, so
 * that results arrive in the same loop iterations as in CPython: `put` wakes the first waiting
 * getter, which takes an entry when it next runs.
 */
class DoneQueue<T> {
  _loop: EventLoop;
  _items: T[] = [];
  /** The first entry not taken yet. */
  _head = 0;
  /** Futures of the coroutines waiting for an entry, oldest first. */
  _getters: Future<null>[] = [];

  constructor(loop: EventLoop) {
    this._loop = loop;
  }

  _empty(): boolean {
    return this._head === this._items.length;
  }

  put(item: T): void {
    this._items.push(item);
    this._wakeupNext();
  }

  *get(): Coroutine<T> {
    while (this._empty()) {
      const getter = this._loop.createFuture<null>();
      this._getters.push(getter);
      try {
        yield* getter;
      } catch (error) {
        this._giveUp(getter);
        throw error;
      }
    }
    const item = this._items[this._head++] as T;
    // Drained: start over, rather than keep every entry ever put.
    if (this._empty()) {
      this._items.length = 0;
      this._head = 0;
    }
    return item;
  }

  /** A getter's coroutine was cancelled: if it had been woken, wake the next one instead. */
  _giveUp(getter: Future<null>): void {
    getter.cancel();
    const i = this._getters.indexOf(getter);
    if (i >= 0) this._getters.splice(i, 1);
    if (!this._empty() && !getter.cancelled()) this._wakeupNext();
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
