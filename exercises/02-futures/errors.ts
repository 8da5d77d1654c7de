/**
 * Lesson 02: the errors of asyncio (`asyncio/exceptions.py`) and the Python builtins that
 * asyncio raises, as JavaScript classes. This file is given whole: read it, nothing to write.
 *
 * Each class sets its `name` on the prototype, so that a stack trace reads
 * `CancelledError: boom` and an instance carries no extra own property. Where asyncio raises
 * Python's `TypeError`, the course raises JavaScript's own `TypeError`. `ExceptionGroup`
 * arrives with task groups, in lesson 05.
 */

/**
 * The future or task was cancelled (asyncio's `CancelledError`). In Python it derives from
 * `BaseException`, so that a broad `except Exception:` does not swallow it. JavaScript's
 * `catch` catches everything: code that catches broadly must rethrow a `CancelledError`, and
 * nothing may wrap it in another error.
 */
export class CancelledError extends Error {}
CancelledError.prototype.name = 'CancelledError';

/** The operation is not allowed in this state (asyncio's `InvalidStateError`). */
export class InvalidStateError extends Error {}
InvalidStateError.prototype.name = 'InvalidStateError';

/** An operation ran out of time (Python's builtin `TimeoutError`, which asyncio uses). */
export class TimeoutError extends Error {}
TimeoutError.prototype.name = 'TimeoutError';

/** Python's `RuntimeError`: the runtime was used in a way it does not allow. */
export class RuntimeError extends Error {}
RuntimeError.prototype.name = 'RuntimeError';

/** Python's `ValueError`: an argument has the right type but a wrong value. */
export class ValueError extends Error {}
ValueError.prototype.name = 'ValueError';

/** Any error class, such as `ValueError` (Python's "exception type"). */
// biome-ignore lint/suspicious/noExplicitAny: an error class may take any constructor arguments.
export type ErrorClass = abstract new (...args: any[]) => Error;
