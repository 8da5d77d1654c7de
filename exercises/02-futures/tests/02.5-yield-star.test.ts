import { describe, expect, test } from 'vitest';
import { CancelledError, RuntimeError, ValueError } from '#course/errors';
import { Future, isFuture } from '#course/futures';
import { drive, ManualScheduler } from '#testing/02-futures';

function newFuture<T>(): Future<T> {
  return new Future<T>({ loop: new ManualScheduler() });
}

describe('02.5 awaiting with yield*', () => {
  test('the iterator of a pending future yields the future itself, after setting _asyncioFutureBlocking to true', () => {
    const fut = newFuture<number>();
    expect(fut._asyncioFutureBlocking).toBe(false);
    const it = fut[Symbol.iterator]();
    const first = it.next();
    expect(first.done).toBe(false);
    expect(first.value).toBe(fut);
    expect(fut._asyncioFutureBlocking).toBe(true);
  });

  test('once the future is done, resuming its iterator returns the result', () => {
    const fut = newFuture<number>();
    const it = fut[Symbol.iterator]();
    it.next();
    fut.setResult(42);
    expect(it.next()).toEqual({ done: true, value: 42 });
  });

  test('resuming the iterator while the future is still pending throws RuntimeError("await wasn\'t used with future")', () => {
    const fut = newFuture<number>();
    const it = fut[Symbol.iterator]();
    it.next();
    expect(() => it.next()).toThrow(RuntimeError);
    const again = newFuture<number>();
    const it2 = again[Symbol.iterator]();
    it2.next();
    expect(() => it2.next()).toThrow("await wasn't used with future");
  });

  test('the iterator of a future that is already done does not yield: it returns the result at once', () => {
    const fut = newFuture<number>();
    fut.setResult(7);
    expect(fut[Symbol.iterator]().next()).toEqual({ done: true, value: 7 });
    // A second `yield*` on the same future does not yield either.
    expect(fut[Symbol.iterator]().next()).toEqual({ done: true, value: 7 });
    expect(fut._asyncioFutureBlocking).toBe(false);
  });

  test('the iterator throws the error of a failed future, when resumed and when the future was already done', () => {
    const fut = newFuture<number>();
    const it = fut[Symbol.iterator]();
    it.next();
    const error = new ValueError('e');
    fut.setException(error);
    expect(() => it.next()).toThrow(error);
    expect(() => fut[Symbol.iterator]().next()).toThrow(error);
  });

  test('the iterator of a cancelled future throws CancelledError with the cancel message', () => {
    const fut = newFuture<number>();
    const it = fut[Symbol.iterator]();
    it.next();
    fut.cancel('boom');
    expect(() => it.next()).toThrow(CancelledError);
    expect(() => fut[Symbol.iterator]().next()).toThrow('boom');
  });

  test('inside a generator, `const x = yield* fut` yields the future once, then evaluates to its result', () => {
    const fut = newFuture<number>();
    function* coro(): Generator<Future<unknown> | undefined, number, unknown> {
      const x = yield* fut;
      return x * 2;
    }
    const gen = coro();
    const first = gen.next();
    expect(first.done).toBe(false);
    expect(first.value).toBe(fut);
    fut.setResult(21);
    expect(gen.next()).toEqual({ done: true, value: 42 });
  });

  test('a task can tell `yield* fut` (blocking flag true) from the mistake `yield fut` (flag still false)', () => {
    const right = newFuture<number>();
    const wrong = newFuture<number>();
    function* withStar(): Generator<unknown, unknown, unknown> {
      return yield* right;
    }
    function* withoutStar(): Generator<unknown, unknown, unknown> {
      return yield wrong;
    }
    const yieldedRight = withStar().next().value as Future<number>;
    const yieldedWrong = withoutStar().next().value as Future<number>;
    expect(yieldedRight).toBe(right);
    expect(yieldedRight._asyncioFutureBlocking).toBe(true);
    expect(yieldedWrong).toBe(wrong);
    expect(yieldedWrong._asyncioFutureBlocking).toBe(false);
  });

  test('a coroutine awaiting two futures runs to the end when a driver resumes it from done callbacks', () => {
    const scheduler = new ManualScheduler();
    const a = new Future<number>({ loop: scheduler });
    const b = new Future<number>({ loop: scheduler });
    const log: string[] = [];
    function* coro(): Generator<Future<unknown> | undefined, number, unknown> {
      log.push('start');
      const x = yield* a;
      log.push(`a gave ${x}`);
      const y = yield* b;
      log.push(`b gave ${y}`);
      return x + y;
    }
    const outcome = drive(coro());
    expect(log).toEqual(['start']);
    a.setResult(1);
    scheduler.runOnce();
    expect(log).toEqual(['start', 'a gave 1']);
    b.setResult(2);
    scheduler.runOnce();
    expect(outcome).toEqual({ done: true, value: 3 });
  });

  test('isFuture is true for a future and false for other values', () => {
    expect(isFuture(newFuture())).toBe(true);
    for (const value of [null, undefined, 42, 'future', {}, [], Promise.resolve(1), () => {}]) {
      expect(isFuture(value)).toBe(false);
    }
  });

  test('isFuture is duck-typed: any object whose _asyncioFutureBlocking flag is not null or undefined', () => {
    expect(isFuture({ _asyncioFutureBlocking: false })).toBe(true);
    expect(isFuture({ _asyncioFutureBlocking: true })).toBe(true);
    expect(isFuture({ _asyncioFutureBlocking: null })).toBe(false);
    expect(isFuture({ _asyncioFutureBlocking: undefined })).toBe(false);
  });
});
