/**
 * The errors of asyncio (`asyncio/exceptions.py`) and Python's builtins that asyncio raises, as
 * JavaScript classes. Each sets its `name` on the prototype, so that a stack trace reads
 * `CancelledError: boom` and an instance carries no extra own property.
 *
 * JavaScript's own `TypeError` is used where asyncio raises Python's `TypeError`.
 *
 * @module
 */

/**
 * The future or task was cancelled. In Python it derives from `BaseException`, so that an
 * `except Exception:` does not swallow it; JavaScript's `catch` catches everything, so code that
 * catches broadly must rethrow it.
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

/** An error class, used as a condition by {@link ExceptionGroup.split}. */
// biome-ignore lint/suspicious/noExplicitAny: a class condition may take any constructor arguments.
export type ErrorClass = abstract new (...args: any[]) => Error;

/**
 * What {@link ExceptionGroup.split} and {@link ExceptionGroup.subgroup} match: an error class
 * (matched with `instanceof`) or a predicate, as Python's `except*` takes a type or a callable.
 */
export type ExceptionCondition = ErrorClass | ((error: unknown) => boolean);

/**
 * Several errors raised together (Python's `ExceptionGroup`), as a task group raises them.
 * It extends JavaScript's `AggregateError`, so its `errors` are its `exceptions` too.
 *
 * Unlike Python, any thrown value may be a member: JavaScript code can throw anything.
 *
 * @typeParam E - The type of the member errors.
 */
export class ExceptionGroup<E = unknown> extends AggregateError {
  /** The members, in order; nested groups stay nested. */
  readonly exceptions: readonly E[];

  /**
   * @param message - The bare message, Python's `.message`.
   * @param exceptions - The members: a non-empty array.
   * @throws TypeError when `message` is not a string or `exceptions` not an array.
   * @throws ValueError when `exceptions` is empty.
   */
  constructor(message: string, exceptions: readonly E[]) {
    if (typeof message !== 'string') {
      throw new TypeError(`ExceptionGroup() argument 1 must be str, not ${typeof message}`);
    }
    if (!Array.isArray(exceptions)) {
      throw new TypeError('second argument (exceptions) must be a sequence');
    }
    if (exceptions.length === 0) {
      throw new ValueError('second argument (exceptions) must be a non-empty sequence');
    }
    super(exceptions, message);
    this.exceptions = Object.freeze([...exceptions]);
  }

  /**
   * Returns a group with the members that match `condition`, or `null` when none does. Nested
   * groups are searched recursively and rebuilt around their matching members; a group that
   * itself matches is taken whole (so `subgroup(Error)` is the group itself).
   *
   * @param condition - An error class or a predicate.
   */
  subgroup(condition: ExceptionCondition): ExceptionGroup<E> | null {
    return this.split(condition)[0];
  }

  /**
   * Splits the group in two by `condition`, as Python's `split()`: `[match, rest]`, each a group
   * with the same message (and `cause`) as this one, or `null` when that side is empty.
   *
   * @param condition - An error class or a predicate.
   */
  split(condition: ExceptionCondition): [ExceptionGroup<E> | null, ExceptionGroup<E> | null] {
    return splitGroup(this, toPredicate(condition));
  }

  /**
   * Makes a group of the same kind around other members (Python's `derive()`), used by
   * `split()` and `subgroup()`. A subclass whose constructor takes other arguments overrides it.
   *
   * @param exceptions - The members of the new group.
   */
  derive(exceptions: readonly E[]): ExceptionGroup<E> {
    return new ExceptionGroup(this.message, exceptions);
  }
}
ExceptionGroup.prototype.name = 'ExceptionGroup';

function toPredicate(condition: ExceptionCondition): (error: unknown) => boolean {
  if (isErrorClass(condition)) return (error) => error instanceof condition;
  if (typeof condition === 'function') return condition as (error: unknown) => boolean;
  throw new TypeError(
    'expected an exception type, a tuple of exception types, or a callable (other than a class)',
  );
}

function isErrorClass(condition: unknown): condition is ErrorClass {
  if (typeof condition !== 'function') return false;
  const proto: unknown = condition.prototype;
  return condition === Error || proto instanceof Error;
}

function splitGroup<E>(
  group: ExceptionGroup<E>,
  matches: (error: unknown) => boolean,
): [ExceptionGroup<E> | null, ExceptionGroup<E> | null] {
  // Python tests the group itself first: a matching group goes whole to one side.
  if (matches(group)) return [group, null];
  const match: E[] = [];
  const rest: E[] = [];
  for (const error of group.exceptions) {
    if (error instanceof ExceptionGroup) {
      const [m, r] = splitGroup(error as ExceptionGroup<unknown>, matches);
      if (m !== null) match.push(m as E);
      if (r !== null) rest.push(r as E);
    } else if (matches(error)) {
      match.push(error);
    } else {
      rest.push(error);
    }
  }
  return [derived(group, match), derived(group, rest)];
}

/** Python's derive-and-copy: the new group keeps the original's cause and stack. */
function derived<E>(group: ExceptionGroup<E>, exceptions: E[]): ExceptionGroup<E> | null {
  if (exceptions.length === 0) return null;
  const copy = group.derive(exceptions);
  if ('cause' in group) copy.cause = group.cause;
  if (group.stack !== undefined) copy.stack = group.stack;
  return copy;
}
