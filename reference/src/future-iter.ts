/**
 * The iterator behind `yield* future` (CPython's `_asyncio.FutureIter`).
 *
 * @module
 */

import { RuntimeError } from './errors.ts';
import type { Future } from './futures.ts';

/**
 * The iterator of `yield* future`: it yields the future once, flagged as blocking, unless the
 * future is already done; then it returns the result (or throws the error). This is the
 * generator `*[Symbol.iterator]() { if (pending) yield this; return this.result(); }` written
 * out by hand, as CPython's C futures replace the generator of `Future.__await__` with their
 * `FutureIter`: every await makes one, and a generator object costs about three times the
 * memory of this one, and more to resume.
 */
export class FutureIter<T> implements Generator<Future<T>, T, unknown> {
  /** The future awaited; `null` once the iterator is finished, as a generator that returned. */
  _future: Future<T> | null;
  /** Whether the future was yielded (the generator is suspended at its `yield`). */
  _yielded = false;

  /** @param future - The future to await. */
  constructor(future: Future<T>) {
    this._future = future;
  }

  /**
   * Yields the pending future the first time; after that (or at once if it is done) returns its
   * result or throws its error, and the iterator is finished.
   *
   * @throws RuntimeError("await wasn't used with future") when resumed while still pending.
   */
  next(): IteratorResult<Future<T>, T> {
    const future = this._future;
    if (future === null) return { done: true, value: undefined as T };
    if (!this._yielded && future._state === 'PENDING') {
      this._yielded = true;
      future._asyncioFutureBlocking = true;
      return { done: false, value: future }; // The task parks here until the future is done.
    }
    this._future = null;
    // Whoever resumed us must have waited for completion; a stray next() is a misuse.
    if (future._state === 'PENDING') throw new RuntimeError("await wasn't used with future");
    return { done: true, value: future.result() };
  }

  /** Finishes the iterator with `value`, as a generator's `return()`. */
  return(value: T): IteratorResult<Future<T>, T> {
    this._future = null;
    return { done: true, value };
  }

  /** Throws `error` at the `yield` (nothing catches it there) and finishes the iterator. */
  throw(error: unknown): IteratorResult<Future<T>, T> {
    this._future = null;
    throw error;
  }

  /** An iterator is its own iterable, as a generator is. */
  [Symbol.iterator](): FutureIter<T> {
    return this;
  }
}
