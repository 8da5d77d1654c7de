/**
 * Lesson 05: Python's `ExceptionGroup` (PEP 654), the error a task group throws when several
 * things went wrong at once. It extends JavaScript's own `AggregateError`, so its members are
 * also its `errors`. Python picks members out of a group with `except*`; JavaScript has no such
 * clause, so a `catch` uses `split` and `subgroup` instead.
 */

import { type ErrorClass, ValueError } from '#course/errors';

/**
 * What {@link ExceptionGroup.split} and {@link ExceptionGroup.subgroup} match: an error class
 * (matched with `instanceof`) or a predicate, as Python's `except*` takes a type or a callable.
 */
export type ExceptionCondition = ErrorClass | ((error: unknown) => boolean);

/**
 * Several errors raised together (Python's `ExceptionGroup`), as a task group raises them.
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
    // A copy, frozen: like Python's tuple, the members of a group never change.
    this.exceptions = Object.freeze([...exceptions]);
  }

  /**
   * Returns a group of the members that match `condition`, or `null` when none does (the first
   * half of {@link split}).
   */
  subgroup(condition: ExceptionCondition): ExceptionGroup<E> | null {
    return this.split(condition)[0];
  }

  /**
   * Splits the group in two: `[match, rest]`, each a group with this group's message (and
   * `cause`), or `null` when that side is empty. The group itself is tested first: a group that
   * matches goes whole to `match`. Otherwise each member is tested, and a nested group is split
   * in turn, its matching part going to `match` and the rest to `rest`, still nested.
   */
  split(condition: ExceptionCondition): [ExceptionGroup<E> | null, ExceptionGroup<E> | null] {
    const matches = toPredicate(condition);
    if (matches(this)) return [this, null];
    const match: E[] = [];
    const rest: E[] = [];
    for (const error of this.exceptions) {
      if (error instanceof ExceptionGroup) {
        const [m, r] = (error as ExceptionGroup<unknown>).split(matches);
        if (m !== null) match.push(m as E);
        if (r !== null) rest.push(r as E);
      } else if (matches(error)) {
        match.push(error);
      } else {
        rest.push(error);
      }
    }
    return [this._derived(match), this._derived(rest)];
  }

  /**
   * Makes a group of the same kind around other members (Python's `derive()`), used by `split`
   * and `subgroup`. A subclass whose constructor takes other arguments overrides it.
   */
  derive(exceptions: readonly E[]): ExceptionGroup<E> {
    return new ExceptionGroup(this.message, exceptions);
  }

  /** `derive`, then copy what Python copies: the cause (and here the stack); `null` if empty. */
  _derived(exceptions: E[]): ExceptionGroup<E> | null {
    if (exceptions.length === 0) return null;
    const copy = this.derive(exceptions);
    if ('cause' in this) copy.cause = this.cause;
    if (this.stack !== undefined) copy.stack = this.stack;
    return copy;
  }
}
ExceptionGroup.prototype.name = 'ExceptionGroup';

/** An error class becomes an `instanceof` test; a predicate stays as it is. */
function toPredicate(condition: ExceptionCondition): (error: unknown) => boolean {
  if (isErrorClass(condition)) return (error) => error instanceof condition;
  if (typeof condition === 'function') return condition as (error: unknown) => boolean;
  throw new TypeError(
    'expected an exception type, a tuple of exception types, or a callable (other than a class)',
  );
}

function isErrorClass(condition: unknown): condition is ErrorClass {
  return (
    typeof condition === 'function' && (condition === Error || condition.prototype instanceof Error)
  );
}
