/**
 * Lesson 01: generators as coroutines. Everything asyncio does rests on one trick: a function
 * that can stop in the middle, hand a value to whoever runs it, and be resumed later, with a
 * value, an error, or an order to finish. In Python that function is a generator (and, since
 * PEP 492, a coroutine); in JavaScript it is a generator too.
 *
 * The functions below that return a `Generator` are plain functions that throw, so that each
 * exercise starts red. Turn each one into a generator function by adding the star
 * (`export function* countdown(...)`), then write its body.
 */

/**
 * 01.1. Counts down from `n` to 1, yielding each number, then returns `'liftoff'`.
 * A negative `n` is a `RangeError`, raised when the body runs: at the first `next()`,
 * not at the call, since calling a generator function runs none of its body.
 */
export function countdown(n: number): Generator<number, string, undefined> {
  throw new Error(`TODO(01.1): make countdown(${n}) a generator that yields ${n} down to 1`);
}

/**
 * 01.2. A running total, driven with `next(value)` (Python's `send(value)`). The first
 * `next()` starts it and yields 0. Each `next(x)` after that adds `x` and yields the new
 * total. A bare `next()` (no number) finishes it: the generator returns the total.
 */
export function runningTotal(): Generator<number, number, number | undefined> {
  throw new Error('TODO(01.2): make runningTotal a generator that adds up what next(x) sends');
}

/**
 * 01.3. Yields 0, 1, 2, ... forever, keeping a log. It logs `'start'` when its body begins.
 * An error thrown in with `throw(error)` at a paused `yield` is logged as
 * `` `error ${error.message}` `` and then propagates (the ticker does not swallow it).
 * However the ticker ends (`return()` or `throw()`), it logs `'cleanup'` last, from a
 * `finally` block.
 */
export function ticker(log: string[]): Generator<number, string, undefined> {
  throw new Error(
    `TODO(01.3): make ticker a generator, with try/catch/finally around its yield, that logs to ${JSON.stringify(log)}`,
  );
}

/**
 * 01.4. Asks one question: yields `question`, and returns the answer that comes back with
 * `next(answer)` as a number. While the answer is not a number (blank, or `Number(answer)`
 * is `NaN`), asks again with `` `${question} (a number, please)` ``.
 */
export function askNumber(question: string): Generator<string, number, string> {
  throw new Error(`TODO(01.4): make askNumber a generator that yields ${JSON.stringify(question)}`);
}

/**
 * 01.4. Asks every question in turn by delegating to `askNumber` with `yield*`, and returns
 * the sum of the answers (0 for no questions).
 */
export function addUp(questions: readonly string[]): Generator<string, number, string> {
  throw new Error(
    `TODO(01.4): make addUp a generator that asks its ${questions.length} question(s) with yield* askNumber(...)`,
  );
}

/**
 * 01.5. Runs `coro` to completion and returns what it returns. Each value the generator
 * yields is a request: `answer(request)` computes the reply, which goes back in as the value
 * of that `yield`. When `answer` throws, the error is thrown into the generator at that
 * `yield` instead (where it may catch it). An error the generator does not catch comes out
 * of `drive`. This is asyncio's `Task.__step` without the event loop.
 */
export function drive<Y, R, N>(coro: Generator<Y, R, N>, answer: (request: Y) => N): R {
  throw new Error(
    `TODO(01.5): drive ${coro} to completion, answering each yield with ${answer.name || 'answer'}()`,
  );
}

/**
 * 01.6. Runs several generators in turns. Each one runs until it yields (a bare `yield`
 * gives up its turn), then waits at the back of the queue while the others take theirs.
 * A generator that finishes leaves the queue. Returns what each generator returned, in the
 * order the generators were given.
 */
export function roundRobin(coros: readonly Generator<undefined, unknown, undefined>[]): unknown[] {
  throw new Error(`TODO(01.6): run these ${coros.length} generators in turns`);
}

/**
 * 01.7. Something to wait on: a value that arrives once, later. A coroutine waits for it
 * with `const value = yield* signal`; the scheduler (01.8) learns with `onFire` when to
 * resume it. Lesson 02 grows this into asyncio's `Future`.
 */
export class Signal<T> {
  /** Whether `fire()` has been called. */
  _fired = false;
  /** The value given to `fire()`. */
  _value: T | undefined = undefined;
  /** The callbacks given to `onFire()` before the signal fired, in order. */
  _callbacks: Array<() => void> = [];

  /** Whether the signal has fired. */
  fired(): boolean {
    throw new Error('TODO(01.7): say whether the signal has fired');
  }

  /**
   * Fires the signal with `value`, then runs the callbacks added with `onFire`, in the order
   * they were added, each once. A signal fires once: firing it again throws an `Error`.
   */
  fire(value: T): void {
    throw new Error(`TODO(01.7): fire the signal with ${value} and run its callbacks`);
  }

  /** The value the signal fired with. Throws an `Error` while it has not fired. */
  value(): T {
    throw new Error('TODO(01.7): return the value the signal fired with');
  }

  /** Runs `callback` when the signal fires, or at once if it already has. */
  onFire(callback: () => void): void {
    throw new Error(
      `TODO(01.7): remember ${callback.name || 'the callback'} until the signal fires`,
    );
  }

  /**
   * What `yield* signal` runs. While the signal has not fired, yields the signal itself, so
   * that whoever drives the coroutine knows what it waits for. Once resumed (or at once, if
   * the signal had already fired), returns the signal's value, which `value()` reads: being
   * resumed before the signal fired is an error. Write it as a generator method:
   * `*[Symbol.iterator]()`.
   */
  [Symbol.iterator](): Generator<Signal<T>, T, unknown> {
    throw new Error('TODO(01.7): make [Symbol.iterator] a generator method that yields the signal');
  }
}

/**
 * A coroutine for the scheduler of 01.8: a generator that yields nothing (a bare `yield`,
 * giving up its turn) or the `Signal` it waits for (which `yield* signal` does). Lesson 04's
 * `Coroutine<T>` has the same shape, with a `Future` in place of the `Signal`.
 */
export type Coroutine<T> = Generator<Signal<unknown> | undefined, T, unknown>;

/**
 * 01.8. Runs coroutines in turns, as `roundRobin` does, except that a coroutine which yields
 * a `Signal` that has not fired sleeps: it gets no turn until the signal fires, and then
 * goes to the back of the queue. Returns what each coroutine returned, in the order given.
 * When no coroutine can run but some are still asleep, nothing could ever wake them: throws
 * an `Error` whose message starts with `'deadlock'`.
 */
export function runAll(coros: readonly Coroutine<unknown>[]): unknown[] {
  throw new Error(
    `TODO(01.8): run these ${coros.length} coroutines in turns, putting waiters to sleep`,
  );
}
