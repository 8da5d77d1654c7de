/**
 * Lesson 01: generators as coroutines. Everything asyncio does rests on one trick: a function
 * that can stop in the middle, hand a value to whoever runs it, and be resumed later, with a
 * value, an error, or an order to finish. In Python that function is a generator (and, since
 * PEP 492, a coroutine); in JavaScript it is a generator too.
 */

/**
 * 01.1. Counts down from `n` to 1, yielding each number, then returns `'liftoff'`.
 * A negative `n` is a `RangeError`, raised when the body runs: at the first `next()`,
 * not at the call, since calling a generator function runs none of its body.
 */
export function* countdown(n: number): Generator<number, string, undefined> {
  if (n < 0) throw new RangeError(`countdown(${n}): n must not be negative`);
  for (let i = n; i > 0; i--) {
    yield i;
  }
  return 'liftoff';
}

/**
 * 01.2. A running total, driven with `next(value)` (Python's `send(value)`). The first
 * `next()` starts it and yields 0. Each `next(x)` after that adds `x` and yields the new
 * total. A bare `next()` (no number) finishes it: the generator returns the total.
 */
export function* runningTotal(): Generator<number, number, number | undefined> {
  let total = 0;
  while (true) {
    const x = yield total;
    if (x === undefined) return total;
    total += x;
  }
}

/**
 * 01.3. Yields 0, 1, 2, ... forever, keeping a log. It logs `'start'` when its body begins.
 * An error thrown in with `throw(error)` at a paused `yield` is logged as
 * `` `error ${error.message}` `` and then propagates (the ticker does not swallow it).
 * However the ticker ends (`return()` or `throw()`), it logs `'cleanup'` last, from a
 * `finally` block.
 */
export function* ticker(log: string[]): Generator<number, string, undefined> {
  log.push('start');
  let n = 0;
  try {
    while (true) {
      yield n;
      n += 1;
    }
  } catch (error) {
    log.push(`error ${(error as Error).message}`);
    throw error;
  } finally {
    log.push('cleanup');
  }
}

/**
 * 01.4. Asks one question: yields `question`, and returns the answer that comes back with
 * `next(answer)` as a number. While the answer is not a number (blank, or `Number(answer)`
 * is `NaN`), asks again with `` `${question} (a number, please)` ``.
 */
export function* askNumber(question: string): Generator<string, number, string> {
  let answer = yield question;
  while (answer.trim() === '' || Number.isNaN(Number(answer))) {
    answer = yield `${question} (a number, please)`;
  }
  return Number(answer);
}

/**
 * 01.4. Asks every question in turn by delegating to `askNumber` with `yield*`, and returns
 * the sum of the answers (0 for no questions).
 */
export function* addUp(questions: readonly string[]): Generator<string, number, string> {
  let sum = 0;
  for (const question of questions) {
    sum += yield* askNumber(question);
  }
  return sum;
}

/**
 * 01.5. Runs `coro` to completion and returns what it returns. Each value the generator
 * yields is a request: `answer(request)` computes the reply, which goes back in as the value
 * of that `yield`. When `answer` throws, the error is thrown into the generator at that
 * `yield` instead (where it may catch it). An error the generator does not catch comes out
 * of `drive`. This is asyncio's `Task.__step` without the event loop.
 */
export function drive<Y, R, N>(coro: Generator<Y, R, N>, answer: (request: Y) => N): R {
  let step = coro.next();
  while (!step.done) {
    let reply: N;
    try {
      reply = answer(step.value);
    } catch (error) {
      step = coro.throw(error);
      continue;
    }
    step = coro.next(reply);
  }
  return step.value;
}

/**
 * 01.6. Runs several generators in turns. Each one runs until it yields (a bare `yield`
 * gives up its turn), then waits at the back of the queue while the others take theirs.
 * A generator that finishes leaves the queue. Returns what each generator returned, in the
 * order the generators were given.
 */
export function roundRobin(coros: readonly Generator<undefined, unknown, undefined>[]): unknown[] {
  const results: unknown[] = new Array(coros.length);
  const ready = coros.map((coro, index) => ({ coro, index }));
  let entry = ready.shift();
  while (entry !== undefined) {
    const step = entry.coro.next();
    if (step.done) {
      results[entry.index] = step.value;
    } else {
      ready.push(entry);
    }
    entry = ready.shift();
  }
  return results;
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
    return this._fired;
  }

  /**
   * Fires the signal with `value`, then runs the callbacks added with `onFire`, in the order
   * they were added, each once. A signal fires once: firing it again throws an `Error`.
   */
  fire(value: T): void {
    if (this._fired) throw new Error('this signal has already fired');
    this._fired = true;
    this._value = value;
    const callbacks = this._callbacks;
    this._callbacks = [];
    for (const callback of callbacks) callback();
  }

  /** The value the signal fired with. Throws an `Error` while it has not fired. */
  value(): T {
    if (!this._fired) throw new Error('this signal has not fired yet');
    return this._value as T;
  }

  /** Runs `callback` when the signal fires, or at once if it already has. */
  onFire(callback: () => void): void {
    if (this._fired) {
      callback();
    } else {
      this._callbacks.push(callback);
    }
  }

  /**
   * What `yield* signal` runs. While the signal has not fired, yields the signal itself, so
   * that whoever drives the coroutine knows what it waits for. Once resumed (or at once, if
   * the signal had already fired), returns the signal's value, which `value()` reads: being
   * resumed before the signal fired is an error.
   */
  *[Symbol.iterator](): Generator<Signal<T>, T, unknown> {
    if (!this._fired) {
      yield this;
    }
    return this.value();
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
  const results: unknown[] = new Array(coros.length);
  const ready = coros.map((coro, index) => ({ coro, index }));
  let unfinished = coros.length;
  let entry = ready.shift();
  while (entry !== undefined) {
    const current = entry;
    const step = current.coro.next();
    if (step.done) {
      results[current.index] = step.value;
      unfinished -= 1;
    } else if (step.value instanceof Signal) {
      step.value.onFire(() => ready.push(current));
    } else {
      ready.push(current);
    }
    entry = ready.shift();
  }
  if (unfinished > 0) {
    throw new Error(`deadlock: ${unfinished} coroutine(s) wait for signals that nothing can fire`);
  }
  return results;
}
