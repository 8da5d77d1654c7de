import { describe, expect, test } from 'vitest';
import { InvalidStateError, RuntimeError, ValueError } from '#course/errors';
import { Future } from '#course/futures';
import { ManualScheduler } from '#testing/02-futures';

function newFuture<T>(): Future<T> {
  return new Future<T>({ loop: new ManualScheduler() });
}

describe('02.1 a result, or an error', () => {
  test('a new future is neither done nor cancelled', () => {
    const fut = newFuture<number>();
    expect(fut.done()).toBe(false);
    expect(fut.cancelled()).toBe(false);
  });

  test("result() throws InvalidStateError('Result is not ready.') while the future is pending", () => {
    const fut = newFuture<number>();
    expect(() => fut.result()).toThrow(InvalidStateError);
    expect(() => fut.result()).toThrow('Result is not ready.');
  });

  test("exception() throws InvalidStateError('Exception is not set.') while the future is pending", () => {
    const fut = newFuture<number>();
    expect(() => fut.exception()).toThrow(InvalidStateError);
    expect(() => fut.exception()).toThrow('Exception is not set.');
  });

  test('after setResult(42), the future is done, result() is 42 and exception() is null', () => {
    const fut = newFuture<number>();
    fut.setResult(42);
    expect(fut.done()).toBe(true);
    expect(fut.cancelled()).toBe(false);
    expect(fut.result()).toBe(42);
    expect(fut.exception()).toBe(null);
  });

  test('a future can finish with undefined as its result, which is not an error', () => {
    const fut = newFuture<undefined>();
    fut.setResult(undefined);
    expect(fut.done()).toBe(true);
    expect(fut.result()).toBe(undefined);
    expect(fut.exception()).toBe(null);
  });

  test('after setException(error), result() throws that same error and exception() returns it', () => {
    const fut = newFuture<number>();
    const error = new ValueError('e');
    fut.setException(error);
    expect(fut.done()).toBe(true);
    expect(fut.cancelled()).toBe(false);
    expect(fut.exception()).toBe(error);
    let thrown: unknown;
    try {
      fut.result();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBe(error);
  });

  test('setException with a thrown value that is not an Error keeps that value', () => {
    const fut = newFuture<number>();
    fut.setException('oops');
    expect(fut.exception()).toBe('oops');
    expect(() => fut.result()).toThrow('oops');
  });

  test('setException(ValueError), a class, stores an instance of it, not the class', () => {
    const fut = newFuture<number>();
    fut.setException(ValueError);
    const stored = fut.exception();
    expect(stored).toBeInstanceOf(ValueError);
    expect(stored).not.toBe(ValueError);
    expect(() => fut.result()).toThrow(ValueError);
  });

  test('setResult on a finished future throws InvalidStateError and keeps the first result', () => {
    const fut = newFuture<number>();
    fut.setResult(1);
    expect(() => fut.setResult(2)).toThrow(InvalidStateError);
    expect(() => fut.setException(new ValueError('late'))).toThrow(InvalidStateError);
    expect(fut.result()).toBe(1);
  });

  test('setException or setResult on a future that failed throws InvalidStateError', () => {
    const fut = newFuture<number>();
    const error = new ValueError('first');
    fut.setException(error);
    expect(() => fut.setException(new ValueError('second'))).toThrow(InvalidStateError);
    expect(() => fut.setResult(3)).toThrow(InvalidStateError);
    expect(fut.exception()).toBe(error);
  });

  test('getLoop() returns the scheduler given as the loop option', () => {
    const scheduler = new ManualScheduler();
    expect(new Future({ loop: scheduler }).getLoop()).toBe(scheduler);
  });

  test("a future without a loop option, outside a running loop, throws RuntimeError('no running event loop')", () => {
    expect(() => new Future()).toThrow(RuntimeError);
    expect(() => new Future()).toThrow('no running event loop');
  });
});
