/**
 * Lesson 05: Python's `ExceptionGroup` (PEP 654), the error a task group throws when several
 * things went wrong at once. It extends JavaScript's own `AggregateError`, so its members are
 * also its `errors`. Python picks members out of a group with `except*`; JavaScript has no such
 * clause, so a `catch` uses `split` and `subgroup` instead.
 *
 * Exercise 05.1: fill in the bodies that throw `TODO(05.1)`.
 */

// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
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
   * Checks the arguments as Python does, then makes the group:
   *
   * 1. `message` not a string: ``new TypeError(`ExceptionGroup() argument 1 must be str, not
   *    ${typeof message}`)``;
   * 2. `exceptions` not an array (`Array.isArray`): `new TypeError('second argument
   *    (exceptions) must be a sequence')`;
   * 3. an empty array: `new ValueError('second argument (exceptions) must be a non-empty
   *    sequence')`;
   * 4. `super(exceptions, message)` (AggregateError's order: errors first), then keep a copy of
   *    the array, frozen (`Object.freeze([...exceptions])`), in `exceptions`: like Python's
   *    tuple, the members of a group never change.
   *
   * The checks may come before `super(...)`: a subclass constructor can run code that does not
   * use `this` before it calls `super`.
   *
   * @param message - The bare message, Python's `.message`.
   * @param exceptions - The members: a non-empty array.
   */
  constructor(message: string, exceptions: readonly E[]) {
    super(exceptions, message);
    throw new Error('TODO(05.1): check the arguments, then keep a frozen copy of the members');
  }

  /**
   * Returns a group of the members that match `condition`, or `null` when none does: the first
   * half of {@link split}.
   */
  subgroup(condition: ExceptionCondition): ExceptionGroup<E> | null {
    throw new Error(`TODO(05.1): the members of ${this.message} that match the condition`);
  }

  /**
   * Splits the group in two: `[match, rest]`, each a group with this group's message, or
   * `null` when that side is empty (Python's `split`).
   *
   * 1. Turn the condition into a predicate with `toPredicate` (given).
   * 2. Ask about the group itself first: a group that matches goes whole to `match`, as it is:
   *    `[this, null]`.
   * 3. Otherwise sort the members: a nested `ExceptionGroup` is split in turn (its `match` part
   *    goes to `match`, its `rest` part to `rest`, both still nested); any other member goes to
   *    the side the predicate says.
   * 4. Build each side with `_derived(members)`.
   */
  split(condition: ExceptionCondition): [ExceptionGroup<E> | null, ExceptionGroup<E> | null] {
    throw new Error(`TODO(05.1): split ${this.message} in [match, rest]`);
  }

  /**
   * Makes a group of the same kind around other members (Python's `derive()`):
   * `new ExceptionGroup(this.message, exceptions)`. `split` builds its groups through it, so
   * that a subclass whose constructor takes other arguments can override it.
   */
  derive(exceptions: readonly E[]): ExceptionGroup<E> {
    throw new Error(`TODO(05.1): a new group with the message ${this.message}`);
  }

  /**
   * One side of a split: `null` for no members; otherwise `this.derive(exceptions)`, with what
   * Python copies onto it: the `cause` of this group (when it has one: `'cause' in this`), and
   * here its `stack` too.
   */
  _derived(exceptions: E[]): ExceptionGroup<E> | null {
    throw new Error(`TODO(05.1): derive a group of ${exceptions.length} members, or null`);
  }
}
ExceptionGroup.prototype.name = 'ExceptionGroup';

/**
 * Turns a condition into a predicate: an error class becomes an `instanceof` test, a function
 * stays as it is, and anything else is a `TypeError`, as in Python. Given.
 */
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
