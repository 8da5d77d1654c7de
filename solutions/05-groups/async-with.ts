/**
 * Lesson 05: Python's `async with`, for the asynchronous context managers of this lesson
 * (`TaskGroup`, `Timeout`), and a helper that their done callbacks share.
 *
 * JavaScript has no `async with`. What Python does with one (PEP 492) is short:
 *
 * ```python
 * await mgr.__aenter__()
 * try:
 *     body
 * except BaseException as e:
 *     if not await mgr.__aexit__(type(e), e, e.__traceback__):
 *         raise
 * else:
 *     await mgr.__aexit__(None, None, None)
 * ```
 *
 * {@link asyncWith} does the same around a body given as a function.
 */

import type { Future } from '#course/futures';
import type { Coroutine } from '#course/tasks';

/**
 * An asynchronous context manager: asyncio's `__aenter__`/`__aexit__` protocol, as coroutines.
 *
 * - `enter()` runs before the body (`__aenter__`).
 * - `exit()` runs after a body that finished; `exit(error)` after a body that threw `error`,
 *   whatever it was, even `undefined` (`__aexit__(type, error, traceback)`).
 * - `exit` throws what must propagate instead. When it returns normally after the body threw,
 *   the body's error propagates, as when `__aexit__` returns None: neither manager of this
 *   lesson suppresses an error.
 */
export interface AsyncContextManager {
  /** Enters the context (`__aenter__`). */
  enter(): Coroutine<unknown>;
  /** Leaves it: no argument when the body finished, the body's error when it threw. */
  exit(...thrown: [] | [error: unknown]): Coroutine<void>;
}

/**
 * Runs `body` inside `manager`, as `async with manager: return await body(manager)`: enter,
 * run the body, then exit with what the body threw (and throw it on), or with nothing.
 */
export function* asyncWith<M extends AsyncContextManager, T>(
  manager: M,
  body: (manager: M) => Coroutine<T>,
): Coroutine<T> {
  yield* manager.enter();
  let result: T;
  try {
    // Calling body() is inside the try: a function that throws before returning its generator
    // fails the block, as an exception at the top of Python's block would.
    result = yield* body(manager);
  } catch (error) {
    yield* manager.exit(error);
    // exit returned normally, as `__aexit__` returning None: the body's error goes on.
    throw error;
  }
  yield* manager.exit();
  return result;
}

/**
 * What {@link errorOf} returns for a future that finished with a result. (Typed `symbol`, not
 * `unique symbol`, so that this file and its twin in the solutions have the same type.)
 */
export const NO_ERROR: symbol = Symbol('no error');

/**
 * The error a finished, not cancelled, future holds, or {@link NO_ERROR}. Unlike
 * `future.exception()`, it tells a result from a thrown `null`, which JavaScript allows.
 * Given. Check `cancelled()` first: `result()` of a cancelled task hands its saved
 * `CancelledError` out only once.
 */
export function errorOf(future: Future<unknown>): unknown {
  try {
    future.result();
    return NO_ERROR;
  } catch (error) {
    return error;
  }
}
