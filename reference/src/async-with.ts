/**
 * Python's `async with`, for the runtime's asynchronous context managers (`TaskGroup`,
 * `Timeout`), and what their done callbacks share: reading a finished future's error.
 *
 * @module
 */

import type { Coroutine } from './coroutines.ts';
import type { Future } from './futures.ts';

/**
 * An asynchronous context manager: asyncio's `__aenter__`/`__aexit__` protocol, as coroutines.
 *
 * - `enter()` runs before the body (`__aenter__`).
 * - `exit()` runs after a body that finished; `exit(error)` after a body that threw `error`,
 *   whatever it was, even `undefined` (`__aexit__(type, error, traceback)`).
 * - `exit` throws what must propagate instead. When it returns normally after the body threw,
 *   the body's error propagates, as when `__aexit__` returns None: neither manager of the
 *   runtime suppresses an error.
 */
export interface AsyncContextManager {
  /** Enters the context (`__aenter__`). */
  enter(): Coroutine<unknown>;
  /** Leaves it: no argument when the body finished, the body's error when it threw. */
  exit(...thrown: [] | [error: unknown]): Coroutine<void>;
}

/**
 * Runs `body` inside `manager`, as `async with manager: return await body(manager)`.
 *
 * @internal The runtime's `taskGroup`, `timeout` and `timeoutAt` are built on it.
 */
export function* asyncWith<M extends AsyncContextManager, T>(
  manager: M,
  body: (manager: M) => Coroutine<T>,
): Coroutine<T> {
  yield* manager.enter();
  let result: T;
  try {
    // Calling body() is inside the try: a function that throws before returning its
    // generator fails the body as Python's `async with` block would.
    result = yield* body(manager);
  } catch (error) {
    yield* manager.exit(error);
    // exit returned normally, as `__aexit__` returning None: the body's error goes on.
    throw error;
  }
  yield* manager.exit();
  return result;
}

/** What {@link errorOf} returns for a future that finished with a result. */
export const NO_ERROR: unique symbol = Symbol('no error');

/**
 * The error a finished, not cancelled, future holds, or {@link NO_ERROR}. Unlike
 * `future.exception()`, it tells a result from a thrown `null`, which JavaScript allows.
 *
 * @internal Check `cancelled()` first: `result()` of a cancelled task hands its saved
 *   `CancelledError` out only once.
 */
export function errorOf(future: Future<unknown>): unknown {
  try {
    future.result();
    return NO_ERROR;
  } catch (error) {
    return error;
  }
}
