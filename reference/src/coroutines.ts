/**
 * Coroutines (asyncio's `coroutines.py`): in this course, generator objects.
 *
 * @module
 */

import type { Future } from './futures.ts';

/**
 * A coroutine: a generator that yields the futures it waits for (through `yield* future`), or
 * nothing (a bare `yield`) to let the loop run one iteration, and returns its result.
 *
 * @typeParam T - What the coroutine returns.
 */
export type Coroutine<T> = Generator<Future<unknown> | undefined, T, unknown>;

/** What can be awaited with `yield*`, run by `runUntilComplete`, or given to `ensureFuture`. */
export type Awaitable<T> = Future<T> | Coroutine<T>;

/** Returns true for a generator object (anything with `next`, `throw` and `return`). */
export function isCoroutine(value: unknown): value is Coroutine<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const gen = value as Partial<Coroutine<unknown>>;
  return (
    typeof gen.next === 'function' &&
    typeof gen.throw === 'function' &&
    typeof gen.return === 'function'
  );
}
